package cn.certhall.documents.pades;

import cn.certhall.documents.outside.ActiveContent;
import cn.certhall.documents.outside.OutsidePdf;
import cn.certhall.documents.outside.PdfLimits;
import cn.certhall.documents.outside.PdfRefusedException;
import cn.certhall.documents.pades.SealingException.Reason;
import cn.certhall.pki.AlgorithmFamily;
import cn.certhall.pki.PkiException;
import cn.certhall.pki.tsp.TimeStampSource;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Calendar;
import java.util.GregorianCalendar;
import java.util.List;
import java.util.Set;
import java.util.TimeZone;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.PDResources;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.common.PDStream;
import org.apache.pdfbox.pdmodel.encryption.InvalidPasswordException;
import org.apache.pdfbox.pdmodel.graphics.form.PDFormXObject;
import org.apache.pdfbox.pdmodel.interactive.annotation.PDAnnotationWidget;
import org.apache.pdfbox.pdmodel.interactive.annotation.PDAppearanceDictionary;
import org.apache.pdfbox.pdmodel.interactive.annotation.PDAppearanceStream;
import org.apache.pdfbox.pdmodel.interactive.digitalsignature.ExternalSigningSupport;
import org.apache.pdfbox.pdmodel.interactive.digitalsignature.PDSignature;
import org.apache.pdfbox.pdmodel.interactive.digitalsignature.SignatureOptions;
import org.apache.pdfbox.pdmodel.interactive.form.PDAcroForm;
import org.apache.pdfbox.pdmodel.interactive.form.PDSignatureField;
import org.apache.pdfbox.util.Matrix;
import org.bouncycastle.asn1.ASN1EncodableVector;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DERSet;
import org.bouncycastle.asn1.cms.Attribute;
import org.bouncycastle.asn1.cms.AttributeTable;
import org.bouncycastle.asn1.gm.GMObjectIdentifiers;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cms.CMSException;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.CMSSignedDataGenerator;
import org.bouncycastle.cms.SignerInfoGeneratorBuilder;
import org.bouncycastle.cms.SignerInformation;
import org.bouncycastle.cms.SignerInformationStore;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.bc.BcDigestCalculatorProvider;
import org.bouncycastle.tsp.TimeStampToken;
import org.bouncycastle.util.CollectionStore;

/**
 * Seals PDFs: a visible seal image and a PAdES baseline signature (ETSI EN 319 142-1) in an
 * incremental update, so the bytes of the original document stay as they were.
 *
 * <ul>
 *   <li><b>B-B</b>: SubFilter ETSI.CAdES.detached; a CMS SignedData whose signed attributes are
 *       content-type, message-digest and signing-certificate-v2, and no signing-time (PAdES puts
 *       the claimed time in the signature dictionary's M entry instead). The signature is made by
 *       the key store's signer: only the DER of the signed attributes reaches it, the key never
 *       leaves the store. ECDSA P-256 and RSA sign with SHA-256; SM2 with SM3 (which pdfsig and
 *       common PDF readers cannot check: see docs/decisions.md).
 *   <li><b>B-T</b>: when a {@link TimeStampSource} is given, an RFC 3161 token over the signature
 *       value is added as the signature-time-stamp unsigned attribute.
 * </ul>
 *
 * <p>Thread-safe: it holds no per-document state.
 */
public final class PadesSealer {
  /** ETSI EN 319 142-1 SubFilter of PAdES baseline signatures. */
  public static final COSName ETSI_CADES_DETACHED = COSName.getPDFName("ETSI.CAdES.detached");

  /**
   * Bytes reserved for the CMS in the document: the signature, three certificates and a time-stamp
   * token with three more fit with room to spare (RSA 3072 included).
   */
  static final int SIGNATURE_SPACE = 16_384;

  private final TimeStampSource timestamps;
  private final Clock clock;
  private final PdfLimits limits;

  /**
   * @param timestamps where B-T tokens come from; null to make B-B signatures
   * @param limits what a document to seal may cost (channels send them)
   */
  public PadesSealer(TimeStampSource timestamps, Clock clock, PdfLimits limits) {
    this.timestamps = timestamps;
    this.clock = clock;
    this.limits = limits;
  }

  /** What goes into the signature dictionary besides the signature. */
  public record Details(String reason, String location) {
    public static Details of(String reason) {
      return new Details(reason, null);
    }
  }

  /**
   * The PDF with {@code appearance} placed where {@code placement} says and signed by {@code key}.
   *
   * @throws SealingException with the reason the document could not be sealed
   * @throws PdfRefusedException if reading the document would cost more than the limits allow
   */
  public byte[] seal(
      byte[] pdf,
      SealPlacement placement,
      SealAppearance appearance,
      SealingKey key,
      Details details) {
    return load(
        pdf,
        limits,
        Reason.FAILED,
        document -> {
          Spot spot = locate(document, placement);
          int pageIndex = spot.pageIndex();
          float centreX = spot.centreX();
          float centreY = spot.centreY();
          PDPage page = document.getPage(pageIndex);
          float width = placement.width();
          float height = width * appearance.aspectRatio();
          PDRectangle rect =
              new PDRectangle(centreX - width / 2, centreY - height / 2, width, height);
          PDRectangle crop = page.getCropBox();
          if (rect.getLowerLeftX() < crop.getLowerLeftX() - 0.5f
              || rect.getLowerLeftY() < crop.getLowerLeftY() - 0.5f
              || rect.getUpperRightX() > crop.getUpperRightX() + 0.5f
              || rect.getUpperRightY() > crop.getUpperRightY() + 0.5f) {
            throw new SealingException(
                Reason.OUTSIDE_PAGE,
                "seal " + rect + " is not inside page " + (pageIndex + 1) + " " + crop);
          }
          return sign(document, pageIndex, rect, appearance, key, details);
        });
  }

  /**
   * The PDF signed by {@code key} with no seal drawn: an invisible signature field, the same PAdES
   * signature as {@link #seal} (B-T with a time-stamp source). For documents the CA itself issues
   * and vouches for, such as the 出证报告.
   *
   * @throws SealingException with the reason the document could not be signed
   */
  public byte[] signInvisibly(byte[] pdf, SealingKey key, Details details) {
    return load(
        pdf, limits, Reason.FAILED, document -> sign(document, 0, null, null, key, details));
  }

  /**
   * Checks, without signing, that {@code pdf} can be sealed at {@code placement}: it is a PDF
   * PDFBox reads, not encrypted, has the page or contains the anchor text, and a round seal (as
   * wide as high) of the placement's width fits on the page there. A picture of another shape is
   * checked again at {@link #seal}.
   *
   * <p>It also tells what active content the document carries (scripts, launch actions, embedded
   * files, XFA, rich media), for the caller to refuse what it will not seal.
   *
   * @throws SealingException with the reason it cannot
   * @throws PdfRefusedException if reading the document would cost more than the limits allow
   */
  public Checked check(byte[] pdf, SealPlacement placement) {
    return load(
        pdf,
        limits,
        Reason.NOT_A_PDF,
        document -> {
          Spot spot = locate(document, placement);
          PDRectangle crop = document.getPage(spot.pageIndex()).getCropBox();
          float half = placement.width() / 2;
          if (spot.centreX() - half < crop.getLowerLeftX() - 0.5f
              || spot.centreY() - half < crop.getLowerLeftY() - 0.5f
              || spot.centreX() + half > crop.getUpperRightX() + 0.5f
              || spot.centreY() + half > crop.getUpperRightY() + 0.5f) {
            throw new SealingException(
                Reason.OUTSIDE_PAGE, "a seal there is not inside page " + (spot.pageIndex() + 1));
          }
          return new Checked(spot.pageIndex() + 1, ActiveContent.in(document));
        });
  }

  /**
   * What {@link #check} found.
   *
   * @param page the page (1 = first) the seal would go on
   * @param activeContent what in the document could act rather than be read
   */
  public record Checked(int page, Set<ActiveContent.Kind> activeContent) {}

  private record Spot(int pageIndex, float centreX, float centreY) {}

  private static Spot locate(PDDocument document, SealPlacement placement) throws IOException {
    if (placement instanceof SealPlacement.Position p) {
      if (p.page() > document.getNumberOfPages()) {
        throw new SealingException(
            Reason.NO_SUCH_PAGE,
            "page " + p.page() + " of a document with " + document.getNumberOfPages() + " pages");
      }
      PDRectangle crop = document.getPage(p.page() - 1).getCropBox();
      return new Spot(p.page() - 1, crop.getLowerLeftX() + p.x(), crop.getLowerLeftY() + p.y());
    }
    SealPlacement.TextAnchor a = (SealPlacement.TextAnchor) placement;
    AnchorFinder.Hit hit = AnchorFinder.find(document, a.text());
    if (hit == null) {
      throw new SealingException(Reason.ANCHOR_NOT_FOUND, "anchor text not in the document");
    }
    return new Spot(hit.pageIndex(), hit.centreX(), hit.centreY());
  }

  /**
   * Runs {@code work} on the document read under {@code limits}. A document PDFBox cannot open is
   * NOT_A_PDF; an I/O error of the work itself is {@code failure}; what else the work throws passes
   * unchanged.
   */
  private static <T> T load(byte[] pdf, PdfLimits limits, Reason failure, OutsidePdf.Work<T> work) {
    if (pdf == null || pdf.length < 8) {
      throw new SealingException(Reason.NOT_A_PDF, "empty input");
    }
    try {
      return OutsidePdf.read(
          pdf,
          limits,
          document -> {
            if (document.isEncrypted()) {
              throw new SealingException(Reason.ENCRYPTED, "the PDF is encrypted");
            }
            if (document.getNumberOfPages() == 0) {
              throw new SealingException(Reason.NOT_A_PDF, "the PDF has no pages");
            }
            try {
              return work.on(document);
            } catch (IOException e) {
              throw new SealingException(failure, "cannot read or write the PDF: " + e, e);
            }
          });
    } catch (InvalidPasswordException e) {
      throw new SealingException(Reason.ENCRYPTED, "the PDF needs a password", e);
    } catch (IOException e) {
      throw new SealingException(Reason.NOT_A_PDF, "PDFBox cannot read it: " + e.getMessage(), e);
    }
  }

  private byte[] sign(
      PDDocument document,
      int pageIndex,
      PDRectangle rect,
      SealAppearance appearance,
      SealingKey key,
      Details details)
      throws IOException {
    PDSignature signature = new PDSignature();
    signature.setFilter(PDSignature.FILTER_ADOBE_PPKLITE);
    signature.setSubFilter(ETSI_CADES_DETACHED);
    signature.setName(commonName(key.certificate()));
    if (details != null && details.reason() != null) {
      signature.setReason(details.reason());
    }
    if (details != null && details.location() != null) {
      signature.setLocation(details.location());
    }
    Calendar now = new GregorianCalendar(TimeZone.getTimeZone("UTC"));
    now.setTimeInMillis(clock.millis() / 1000 * 1000);
    signature.setSignDate(now);

    ByteArrayOutputStream out = new ByteArrayOutputStream(estimate(document));
    try (SignatureOptions options = new SignatureOptions()) {
      options.setPreferredSignatureSize(SIGNATURE_SPACE);
      if (appearance != null) {
        options.setPage(pageIndex);
        options.setVisualSignature(
            new ByteArrayInputStream(template(document.getPage(pageIndex), rect, appearance)));
      }
      document.addSignature(signature, options);
      ExternalSigningSupport external = document.saveIncrementalForExternalSigning(out);
      byte[] cms = cms(external.getContent().readAllBytes(), key);
      if (cms.length > SIGNATURE_SPACE) {
        throw new SealingException(
            Reason.FAILED, "signature of " + cms.length + " bytes exceeds the space reserved");
      }
      external.setSignature(cms);
    }
    return out.toByteArray();
  }

  private static int estimate(PDDocument document) {
    return 2 * SIGNATURE_SPACE + 64 * 1024;
  }

  /**
   * A one-page document holding just the signature field and its widget, whose appearance draws the
   * seal image over the whole widget; PDFBox merges it into the document being signed (the approach
   * of PDFBox's CreateVisibleSignature2 example).
   */
  private static byte[] template(PDPage target, PDRectangle rect, SealAppearance appearance)
      throws IOException {
    try (PDDocument template = new PDDocument()) {
      PDPage page = new PDPage(target.getMediaBox());
      template.addPage(page);
      PDAcroForm form = new PDAcroForm(template);
      template.getDocumentCatalog().setAcroForm(form);
      PDSignatureField field = new PDSignatureField(form);
      PDAnnotationWidget widget = field.getWidgets().get(0);
      form.setSignaturesExist(true);
      form.setAppendOnly(true);
      form.getCOSObject().setDirect(true);
      form.getFields().add(field);
      widget.setRectangle(rect);
      widget.setPrinted(true);
      widget.setLocked(true);

      PDFormXObject xobject = new PDFormXObject(new PDStream(template));
      xobject.setResources(new PDResources());
      xobject.setFormType(1);
      xobject.setBBox(new PDRectangle(rect.getWidth(), rect.getHeight()));
      PDAppearanceDictionary dictionary = new PDAppearanceDictionary();
      dictionary.getCOSObject().setDirect(true);
      PDAppearanceStream stream = new PDAppearanceStream(xobject.getCOSObject());
      dictionary.setNormalAppearance(stream);
      widget.setAppearance(dictionary);
      try (PDPageContentStream content = new PDPageContentStream(template, stream)) {
        content.saveGraphicsState();
        content.transform(Matrix.getScaleInstance(rect.getWidth(), rect.getHeight()));
        content.drawImage(appearance.toImage(template), 0, 0, 1, 1);
        content.restoreGraphicsState();
      }
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      template.save(out);
      return out.toByteArray();
    }
  }

  /** The detached CMS SignedData over the byte ranges, with the B-T token when configured. */
  private byte[] cms(byte[] content, SealingKey key) {
    boolean sm2 = key.keys().algorithm(key.alias()).family() == AlgorithmFamily.SM2;
    try {
      BcDigestCalculatorProvider digests = new BcDigestCalculatorProvider();
      CMSSignedDataGenerator generator = new CMSSignedDataGenerator();
      generator.addSignerInfoGenerator(
          new SignerInfoGeneratorBuilder(digests)
              .setSignedAttributeGenerator(new PadesSignedAttributes(key.certificate(), sm2))
              .build(key.keys().signer(key.alias()), key.certificate()));
      List<X509CertificateHolder> certificates = new ArrayList<>();
      certificates.add(key.certificate());
      certificates.addAll(key.chain());
      generator.addCertificates(new CollectionStore<>(certificates));
      CMSSignedData signed = generator.generate(new CMSProcessableByteArray(content), false);
      if (timestamps != null) {
        signed = addTimestamp(signed, sm2);
      }
      return signed.toASN1Structure().getEncoded(ASN1Encoding.DER);
    } catch (CMSException | OperatorCreationException | IOException | PkiException e) {
      throw new SealingException(Reason.FAILED, "signing failed: " + e.getMessage(), e);
    }
  }

  private CMSSignedData addTimestamp(CMSSignedData signed, boolean sm2) throws IOException {
    SignerInformation signer = signed.getSignerInfos().getSigners().iterator().next();
    ASN1ObjectIdentifier hash = sm2 ? GMObjectIdentifiers.sm3 : NISTObjectIdentifiers.id_sha256;
    byte[] digest = digest(sm2 ? "SM3" : "SHA-256", signer.getSignature());
    TimeStampToken token = timestamps.timestamp(hash, digest);
    ASN1EncodableVector attributes = new ASN1EncodableVector();
    attributes.add(
        new Attribute(
            PKCSObjectIdentifiers.id_aa_signatureTimeStampToken,
            new DERSet(token.toCMSSignedData().toASN1Structure())));
    SignerInformation stamped =
        SignerInformation.replaceUnsignedAttributes(signer, new AttributeTable(attributes));
    return CMSSignedData.replaceSigners(signed, new SignerInformationStore(stamped));
  }

  static byte[] digest(String algorithm, byte[] data) {
    try {
      return MessageDigest.getInstance(algorithm, cn.certhall.pki.Providers.bouncyCastle())
          .digest(data);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String commonName(X509CertificateHolder certificate) {
    var rdns = certificate.getSubject().getRDNs(org.bouncycastle.asn1.x500.style.BCStyle.CN);
    return rdns.length == 0
        ? certificate.getSubject().toString()
        : rdns[0].getFirst().getValue().toString();
  }
}
