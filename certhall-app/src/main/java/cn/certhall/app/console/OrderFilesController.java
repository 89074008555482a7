package cn.certhall.app.console;

import cn.certhall.app.sealmaking.SealService;
import cn.certhall.app.web.Downloads;
import cn.certhall.documents.outside.ActiveContent;
import cn.certhall.documents.outside.PdfLimits;
import cn.certhall.domain.issuance.OrderCertificates;
import cn.certhall.domain.material.ContentType;
import cn.certhall.domain.material.Material;
import cn.certhall.domain.material.MaterialKind;
import cn.certhall.domain.material.MaterialService;
import cn.certhall.pki.issuance.CertificateRef;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.util.Optional;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.server.ResponseStatusException;

/**
 * The files behind the console's order page: each uploaded material (every version), shown inline
 * to reviewers and administrators (images in the page, PDFs in the browser's viewer), and the
 * organization's seal to CA administrators. Served from the material store with the stored type,
 * never sniffed, never cached; {@code /console/**} is for operators only, so an applicant reaches
 * none of them.
 */
@Controller
public class OrderFilesController {
  private final MaterialService materials;
  private final OrderCertificates certificates;
  private final SealService seals;
  private final PdfLimits pdfLimits;

  public OrderFilesController(
      MaterialService materials,
      OrderCertificates certificates,
      SealService seals,
      PdfLimits pdfLimits) {
    this.materials = materials;
    this.certificates = certificates;
    this.seals = seals;
    this.pdfLimits = pdfLimits;
  }

  @GetMapping("/console/orders/{id}/materials/{kind}/{version}")
  public ResponseEntity<byte[]> material(
      @PathVariable String id, @PathVariable String kind, @PathVariable int version)
      throws IOException {
    MaterialKind materialKind;
    try {
      materialKind = MaterialKind.valueOf(kind);
    } catch (IllegalArgumentException e) {
      throw new ResponseStatusException(HttpStatus.NOT_FOUND);
    }
    Material material =
        materials.history(id).stream()
            .filter(m -> m.kind() == materialKind && m.version() == version)
            .findFirst()
            .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
    Optional<InputStream> file = materials.open(material);
    if (file.isEmpty()) {
      throw new ResponseStatusException(HttpStatus.NOT_FOUND);
    }
    byte[] bytes;
    try (InputStream in = file.get()) {
      bytes = in.readAllBytes();
    }
    String name =
        id
            + "-"
            + kind.toLowerCase(java.util.Locale.ROOT)
            + "-v"
            + version
            + "."
            + material.contentType().extension();
    MediaType type = MediaType.parseMediaType(material.contentType().mediaType());
    if (material.contentType() == ContentType.PDF && !inertPdf(bytes)) {
      return Downloads.attachment(bytes, type, name);
    }
    return Downloads.inline(bytes, type, name);
  }

  /**
   * Whether a PDF may open in the reviewer's browser viewer: readable within the outside-PDF limits
   * and without active content. Uploads are refused with any since the upload check learnt it; a
   * file stored before then is sent as an attachment instead.
   */
  private boolean inertPdf(byte[] pdf) {
    try {
      return ActiveContent.in(pdf, pdfLimits).isEmpty();
    } catch (IOException | RuntimeException unreadableOrTooMuch) {
      return false;
    }
  }

  /** The seal of the order's certificate (CA administrators: under {@code /console/admin/}). */
  @GetMapping("/console/admin/orders/{id}/seal.png")
  public ResponseEntity<byte[]> seal(@PathVariable String id) {
    return Downloads.inline(sealOf(certificates, seals, id), MediaType.IMAGE_PNG, id + "-seal.png");
  }

  /** The PNG of the seal made for the order's certificate; 404 when there is none (yet). */
  public static byte[] sealOf(OrderCertificates certificates, SealService seals, String orderId) {
    CertificateRef ref =
        certificates
            .find(orderId)
            .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
    return seals
        .forCertificate(ref.caName(), new BigInteger(ref.serialHex(), 16))
        .map(SealService.Seal::png)
        .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
  }
}
