package cn.certhall.app.sealing;

import cn.certhall.app.ca.CaRegistry;
import cn.certhall.app.persistence.CertificateRepository;
import cn.certhall.app.persistence.CertificateRepository.StoredCertificate;
import cn.certhall.app.sealmaking.SealService;
import cn.certhall.app.sealmaking.SealService.Seal;
import cn.certhall.documents.outside.ActiveContent;
import cn.certhall.documents.outside.PdfRefusedException;
import cn.certhall.documents.pades.PadesSealer;
import cn.certhall.documents.pades.SealAppearance;
import cn.certhall.documents.pades.SealPlacement;
import cn.certhall.documents.pades.SealingException;
import cn.certhall.documents.pades.SealingKey;
import cn.certhall.domain.issuance.IssuanceService;
import cn.certhall.domain.sealing.DocumentSealer;
import cn.certhall.domain.sealing.SealHolders;
import cn.certhall.domain.sealing.SigningRequests.Placement;
import cn.certhall.pki.issuance.CertificateAuthority;
import cn.certhall.pki.keystore.SigningKeyStore;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.operator.ContentSigner;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link DocumentSealer} with PAdES: the seal picture drawn on the page and the PDF signed with the
 * organization's hosted key as PAdES B-T (B-B without a TSA); the authorization signed with the
 * administrator's personal key. Both keys stay in the key store.
 */
public final class PadesDocumentSealer implements DocumentSealer {
  private static final Logger log = LoggerFactory.getLogger(PadesDocumentSealer.class);

  private final PadesSealer sealer;
  private final SealHolders holders;
  private final CertificateRepository certificates;
  private final SealService seals;
  private final CaRegistry cas;
  private final SigningKeyStore keys;

  /** Seal pictures decoded once (by image hash): decoding a 600 dpi PNG costs more than signing. */
  private final Map<String, SealAppearance> appearances =
      Collections.synchronizedMap(
          new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, SealAppearance> eldest) {
              return size() > 200;
            }
          });

  public PadesDocumentSealer(
      PadesSealer sealer,
      SealHolders holders,
      CertificateRepository certificates,
      SealService seals,
      CaRegistry cas,
      SigningKeyStore keys) {
    this.sealer = sealer;
    this.holders = holders;
    this.certificates = certificates;
    this.seals = seals;
    this.cas = cas;
    this.keys = keys;
  }

  @Override
  public Optional<Problem> check(byte[] pdf, Placement placement) {
    PadesSealer.Checked checked;
    try {
      checked = sealer.check(pdf, placement(placement));
    } catch (SealingException e) {
      return Optional.of(new Problem(code(e.reason()), documentMessage(e.reason())));
    } catch (PdfRefusedException e) {
      return Optional.of(new Problem("document_too_complex", "PDF 文件解压后过大或结构过于复杂，无法处理。"));
    }
    // a script or a launch action could change what a viewer shows after the seal is on it;
    // attachments are covered by the signature like the pages, so they may stay (docs/decisions.md)
    Set<ActiveContent.Kind> active = EnumSet.noneOf(ActiveContent.Kind.class);
    active.addAll(checked.activeContent());
    active.remove(ActiveContent.Kind.EMBEDDED_FILE);
    if (!active.isEmpty()) {
      return Optional.of(new Problem("active_content", "PDF 文件含有脚本、启动程序、XFA 表单或多媒体等动态内容，不能盖章。"));
    }
    return Optional.empty();
  }

  @Override
  public Result seal(String requestId, byte[] pdf, Placement placement, SealHolders.Holding org) {
    Seal seal = seals.forCertificate(org.caName(), org.serial()).orElseThrow();
    try {
      return new Result.Sealed(
          sealer.seal(
              pdf,
              placement(placement),
              appearance(seal),
              sealingKey(org),
              new PadesSealer.Details("单位电子印章（用章请求 " + requestId + "）", null)));
    } catch (SealingException e) {
      log.warn("sealing request {} failed: {}", requestId, e.getMessage());
      return new Result.Failed(code(e.reason()));
    } catch (PdfRefusedException e) {
      // checked when the request was made; only the time budget can differ on a busy node
      log.warn("sealing request {} refused: {}", requestId, e.getMessage());
      return new Result.Failed(code(SealingException.Reason.FAILED));
    }
  }

  @Override
  public byte[] signAuthorization(String keyAlias, byte[] statement) {
    ContentSigner signer = keys.signer(keyAlias);
    try (OutputStream out = signer.getOutputStream()) {
      out.write(statement);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return signer.getSignature();
  }

  /** The stable code of a document's problem: the channel API's and the seal app's key. */
  static String code(SealingException.Reason reason) {
    return reason.name().toLowerCase(Locale.ROOT);
  }

  static String documentMessage(SealingException.Reason reason) {
    return switch (reason) {
      case NOT_A_PDF -> "文件不是可读取的 PDF，请上传 PDF 文件。";
      case ENCRYPTED -> "PDF 文件已加密，请上传未加密的文件。";
      case NO_SUCH_PAGE -> "指定的页码超出了文件的页数。";
      case ANCHOR_NOT_FOUND -> "文件中找不到指定的定位文字。";
      case OUTSIDE_PAGE -> "印章位置超出了页面范围，请调整坐标。";
      case BAD_SEAL_IMAGE, FAILED -> "文件盖章失败，请稍后再试。";
    };
  }

  /** The stored placement as the sealer takes it. */
  static SealPlacement placement(Placement p) {
    return p.anchor() != null
        ? new SealPlacement.TextAnchor(p.anchor(), (float) p.width())
        : new SealPlacement.Position(
            p.page(), p.x().floatValue(), p.y().floatValue(), (float) p.width());
  }

  /** The sealer's placement as it is stored. */
  public static Placement placement(SealPlacement placement) {
    return placement instanceof SealPlacement.Position p
        ? new Placement(p.page(), (double) p.x(), (double) p.y(), null, p.width())
        : new Placement(
            null, null, null, ((SealPlacement.TextAnchor) placement).text(), placement.width());
  }

  private SealAppearance appearance(Seal seal) {
    return appearances.computeIfAbsent(
        seal.imageSha256(), k -> SealAppearance.fromImage(seal.png()));
  }

  private SealingKey sealingKey(SealHolders.Holding org) {
    CertificateAuthority issuing =
        cas.find(org.caName())
            .orElseThrow(() -> new IllegalStateException("no CA " + org.caName()));
    StoredCertificate cert = certificates.find(org.caName(), org.serial()).orElseThrow();
    List<X509CertificateHolder> chain = new ArrayList<>();
    chain.add(issuing.certificate());
    cas.all().stream()
        .filter(
            ca ->
                ca != issuing
                    && ca.certificate().getSubject().equals(issuing.certificate().getIssuer()))
        .findFirst()
        .ifPresent(root -> chain.add(root.certificate()));
    try {
      boolean second =
          holders
              .second(org)
              .filter(s -> s.caName().equals(org.caName()) && s.serial().equals(org.serial()))
              .isPresent();
      String alias =
          second
              ? IssuanceService.secondKeyAlias(org.orderId())
              : IssuanceService.hostedKeyAlias(org.orderId());
      return new SealingKey(keys, alias, new X509CertificateHolder(cert.der()), chain);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
