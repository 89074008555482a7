package cn.certhall.app.sealmaking;

import cn.certhall.app.ca.CaRegistry;
import cn.certhall.app.persistence.CertificateRepository;
import cn.certhall.app.persistence.CertificateRepository.Status;
import cn.certhall.app.persistence.CertificateRepository.StoredCertificate;
import cn.certhall.app.persistence.SealRepository;
import cn.certhall.app.persistence.SealRepository.MakerRecord;
import cn.certhall.app.persistence.SealRepository.SealRow;
import cn.certhall.app.persistence.SealTaskRepository;
import cn.certhall.documents.outside.OutsidePdf;
import cn.certhall.documents.outside.PdfLimits;
import cn.certhall.documents.seal.RoundSeal;
import cn.certhall.documents.seal.RoundSealSpec;
import cn.certhall.documents.seal.SealException;
import cn.certhall.documents.seal.SealImage;
import cn.certhall.documents.seal.SealImpression;
import cn.certhall.documents.seal.SealPng;
import cn.certhall.documents.seal.SesSeal;
import cn.certhall.domain.audit.Actor;
import cn.certhall.domain.audit.AuditAction;
import cn.certhall.domain.audit.AuditLog;
import cn.certhall.domain.issuance.OrganizationSeals;
import cn.certhall.pki.issuance.CertificateAuthority;
import cn.certhall.pki.issuance.CertificateRef;
import cn.certhall.pki.keystore.SigningKeyStore;
import cn.certhall.pki.profile.CertificateProfile;
import cn.certhall.pki.profile.Subject;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import javax.imageio.ImageIO;
import org.apache.pdfbox.rendering.ImageType;
import org.apache.pdfbox.rendering.PDFRenderer;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x500.style.IETFUtils;
import org.bouncycastle.asn1.x509.Certificate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;

/**
 * The organization's electronic seal (电子印章, SPEC 3.1 step 10), made once its organization
 * certificate is issued: the impression from the seal collection form (印章采集表) when it has a usable
 * one, else the standard round seal drawn from the name; wrapped in a GB/T 38540 SESeal signed by
 * the issuing CA's seal maker, and stored linked to certificate and organization.
 *
 * <p>Issuance on approval calls it (as the domain's {@link OrganizationSeals}) in the transaction
 * that records the certificate. It is idempotent: a certificate has one seal, and a second call (a
 * retry after a crash) returns it. A collection form uploaded as PDF is read from its first page,
 * rendered at 300 dpi. A seal that cannot be made leaves the CA administrator a task (待处理印章),
 * closed by {@link #createFromImpression} through {@link SealTasks}.
 */
public final class SealService implements OrganizationSeals {
  private static final Logger log = LoggerFactory.getLogger(SealService.class);

  /** SES_Header.Vid of the seals this CA makes. */
  public static final String VENDOR_ID = "certhall";

  /** Diameter of the seal: the 42 mm company seal (公章), drawn or printed. */
  public static final RoundSealSpec.Diameter DIAMETER = RoundSealSpec.Diameter.MM_42;

  /** Where the seal's picture came from. */
  public enum Source {
    /** The impression on the seal collection form. */
    COLLECTION_FORM,
    /** The standard round seal drawn from the organization name. */
    DRAWN,
    /** An impression the CA administrator uploaded for a certificate issued without its seal. */
    ADMINISTRATOR,
    /**
     * The picture of the seal of the certificate a renewal or change replaced (same organization
     * name, no new collection form): the seal stays as it was.
     */
    CARRIED_OVER
  }

  /**
   * What to make a seal for.
   *
   * @param collectionForm the scan or photo of the seal collection form, or null if there is none
   */
  public record NewSeal(String caName, BigInteger certificateSerial, byte[] collectionForm) {}

  /** A seal as stored and shown: the picture, its SESeal and what it belongs to. */
  public record Seal(
      String esId,
      String creditCode,
      String organizationName,
      String caName,
      BigInteger certificateSerial,
      Source source,
      String imageSha256,
      byte[] png,
      int widthMm,
      int heightMm,
      byte[] seseal,
      Instant validFrom,
      Instant validTo,
      Instant createdAt) {

    static Seal of(SealRow row) {
      return new Seal(
          row.esId(),
          row.creditCode(),
          row.organizationName(),
          row.caName(),
          row.certificateSerial(),
          Source.valueOf(row.source()),
          row.imageSha256(),
          row.imagePng(),
          row.widthMm(),
          row.heightMm(),
          row.seseal(),
          row.validFrom(),
          row.validTo(),
          row.createdAt());
    }

    @Override
    public String toString() {
      return "Seal[" + esId + " " + source + "]";
    }
  }

  private final CaRegistry cas;
  private final CertificateRepository certificates;
  private final SealRepository seals;
  private final SealMakers makers;
  private final SigningKeyStore keys;
  private final SealTaskRepository tasks;
  private final AuditLog audit;
  private final Clock clock;
  private final PdfLimits limits;

  public SealService(
      CaRegistry cas,
      CertificateRepository certificates,
      SealRepository seals,
      SealMakers makers,
      SigningKeyStore keys,
      SealTaskRepository tasks,
      AuditLog audit,
      Clock clock,
      PdfLimits limits) {
    this.cas = cas;
    this.certificates = certificates;
    this.seals = seals;
    this.makers = makers;
    this.keys = keys;
    this.tasks = tasks;
    this.audit = audit;
    this.clock = clock;
    this.limits = limits;
  }

  /**
   * Makes and stores the seal of an organization certificate, or returns the one it has.
   *
   * @throws IllegalArgumentException if there is no such certificate of this CA, it is not an
   *     organization certificate, or it is revoked (a caller's mistake)
   * @throws SealException (Chinese message) if there is no usable impression and the name cannot be
   *     drawn (characters outside GB 2312, too long)
   */
  public Seal createFor(NewSeal request) {
    return make(request, name -> picture(request.collectionForm(), name, null));
  }

  /**
   * Makes the seal of a certificate that replaces another (renewal, change), or returns the one it
   * has: from the order's new collection form when it holds a usable impression; else the replaced
   * certificate's seal picture when that seal bears the same organization name; else drawn.
   *
   * @throws SealException as {@link #createFor}
   */
  public Seal createReplacing(NewSeal request, String replacedCa, BigInteger replacedSerial) {
    return make(
        request,
        name ->
            picture(
                request.collectionForm(),
                name,
                seals.forCertificate(replacedCa, replacedSerial).orElse(null)));
  }

  /**
   * Makes the seal of a certificate issued without one from an impression the CA administrator
   * uploaded (a scan or photo of a 印章采集表, or of the impression alone; JPG, PNG or PDF), or returns
   * the one it has.
   *
   * @throws SealException (Chinese message) if the file holds no usable impression
   */
  public Seal createFromImpression(String caName, BigInteger serial, byte[] file) {
    return make(
        new NewSeal(caName, serial, file),
        name ->
            new Picture(
                SealImpression.extract(firstPageIfPdf(file, limits), DIAMETER.millimetres()),
                Source.ADMINISTRATOR));
  }

  private Seal make(NewSeal request, Function<String, Picture> pictureOfName) {
    Optional<SealRow> existing =
        seals.forCertificate(request.caName(), request.certificateSerial());
    if (existing.isPresent()) {
      return Seal.of(existing.get());
    }
    CertificateAuthority ca =
        cas.find(request.caName())
            .orElseThrow(() -> new IllegalArgumentException("no CA " + request.caName()));
    StoredCertificate cert =
        certificates
            .find(request.caName(), request.certificateSerial())
            .orElseThrow(
                () ->
                    new IllegalArgumentException(
                        "no certificate "
                            + request.certificateSerial().toString(16)
                            + " of CA "
                            + request.caName()));
    if (cert.profile() != CertificateProfile.ORGANIZATION) {
      throw new IllegalArgumentException(
          "a seal is made for an ORGANIZATION certificate, not " + cert.profile());
    }
    if (cert.status() != Status.GOOD) {
      throw new IllegalArgumentException(
          "certificate " + request.certificateSerial().toString(16) + " is revoked");
    }
    Organization org = organization(cert.der());
    Picture picture = pictureOfName.apply(org.name());
    MakerRecord maker = makers.forCa(ca);
    Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
    String esId = org.creditCode() + "-" + request.certificateSerial().toString(16);
    byte[] seseal =
        SesSeal.sign(
            new SesSeal.SealInfo(
                VENDOR_ID,
                esId,
                SesSeal.SealType.ORGANIZATION,
                org.name(),
                List.of(cert.der()),
                now,
                cert.notBefore(),
                cert.notAfter(),
                picture.image().png(),
                picture.image().widthMm(),
                picture.image().heightMm(),
                List.of()),
            maker.certificate(),
            keys.signer(maker.keyAlias()));
    SealRow row =
        new SealRow(
            esId,
            org.creditCode(),
            org.name(),
            ca.name(),
            request.certificateSerial(),
            picture.source().name(),
            picture.image().sha256(),
            picture.image().png(),
            picture.image().widthMm(),
            picture.image().heightMm(),
            seseal,
            maker.serial(),
            cert.notBefore(),
            cert.notAfter(),
            now);
    try {
      seals.insert(row);
    } catch (DuplicateKeyException e) {
      // made at the same moment by another call: that one stands
      return seals
          .forCertificate(request.caName(), request.certificateSerial())
          .map(Seal::of)
          .orElseThrow(() -> e);
    }
    log.info(
        "made seal {} ({}) for certificate {} of CA {}",
        esId,
        picture.source(),
        request.certificateSerial().toString(16),
        ca.name());
    return Seal.of(row);
  }

  /**
   * The domain's port: the seal's PNG, made now or found; when it cannot be made, empty and a task
   * for the CA administrator (待处理印章) with the reason, in the issuance's transaction. Nothing is
   * written before the round seal refuses, so the transaction goes on unharmed.
   */
  @Override
  public Optional<byte[]> sealFor(CertificateRef certificate, byte[] collectionForm) {
    BigInteger serial = new BigInteger(certificate.serialHex(), 16);
    return orTask(
        certificate, () -> createFor(new NewSeal(certificate.caName(), serial, collectionForm)));
  }

  /**
   * As {@link #sealFor(CertificateRef, byte[])} for a certificate that replaces another (see {@link
   * #createReplacing}).
   */
  public Optional<byte[]> sealFor(
      CertificateRef certificate,
      byte[] collectionForm,
      String replacedCa,
      BigInteger replacedSerial) {
    BigInteger serial = new BigInteger(certificate.serialHex(), 16);
    return orTask(
        certificate,
        () ->
            createReplacing(
                new NewSeal(certificate.caName(), serial, collectionForm),
                replacedCa,
                replacedSerial));
  }

  private Optional<byte[]> orTask(CertificateRef certificate, Supplier<Seal> made) {
    BigInteger serial = new BigInteger(certificate.serialHex(), 16);
    try {
      return Optional.of(made.get().png());
    } catch (SealException e) {
      tasks.open(certificate.caName(), serial, e.getMessage(), clock.instant());
      audit.record(
          Actor.SYSTEM,
          AuditAction.SEAL_PENDING,
          certificate.caName() + "/" + certificate.serialHex(),
          e.getMessage());
      log.warn(
          "certificate {} of CA {} issued without its seal, left to the CA administrator: {}",
          certificate.serialHex(),
          certificate.caName(),
          e.getMessage());
      return Optional.empty();
    }
  }

  /** The seal of a certificate, for the channel sync and the preview. */
  public Optional<Seal> forCertificate(String caName, BigInteger serial) {
    return seals.forCertificate(caName, serial).map(Seal::of);
  }

  /** A seal by its identifier (esID). */
  public Optional<Seal> find(String esId) {
    return seals.find(esId).map(Seal::of);
  }

  /** The organization's seals, newest first. */
  public List<Seal> forOrganization(String creditCode) {
    return seals.forOrganization(creditCode).stream().map(Seal::of).toList();
  }

  private record Picture(SealImage image, Source source) {}

  /**
   * The form's impression when it has a usable one; else the replaced certificate's picture when
   * its seal bears this name; else the drawn round seal.
   *
   * @param replaced the seal of the certificate the new one replaces, or null
   */
  private Picture picture(byte[] collectionForm, String name, SealRow replaced) {
    if (collectionForm != null && collectionForm.length > 0) {
      try {
        return new Picture(
            SealImpression.extract(firstPageIfPdf(collectionForm, limits), DIAMETER.millimetres()),
            Source.COLLECTION_FORM);
      } catch (SealException e) {
        log.info(
            "seal collection form has no usable impression, seal kept or drawn: {}",
            e.getMessage());
      }
    }
    if (replaced != null && replaced.organizationName().equals(name)) {
      BufferedImage kept = SealPng.read(replaced.imagePng());
      if (kept != null) {
        return new Picture(
            new SealImage(
                replaced.imagePng(),
                kept.getWidth(),
                kept.getHeight(),
                replaced.widthMm(),
                replaced.heightMm()),
            Source.CARRIED_OVER);
      }
    }
    return new Picture(RoundSeal.draw(RoundSealSpec.of(name, DIAMETER)), Source.DRAWN);
  }

  /** A PDF's first page as a 300 dpi PNG (a scanned form is one page); anything else as it is. */
  static byte[] firstPageIfPdf(byte[] file, PdfLimits limits) {
    if (file.length < 5 || !new String(file, 0, 5, StandardCharsets.US_ASCII).equals("%PDF-")) {
      return file;
    }
    try {
      // the applicant's upload: read under the outside-PDF limits like any other
      return OutsidePdf.read(
          file,
          limits,
          pdf -> {
            if (pdf.getNumberOfPages() == 0) {
              return file;
            }
            BufferedImage page =
                new PDFRenderer(pdf).renderImageWithDPI(0, FORM_DPI, ImageType.RGB);
            ByteArrayOutputStream png = new ByteArrayOutputStream();
            ImageIO.write(page, "png", png);
            return png.toByteArray();
          });
    } catch (IOException | RuntimeException e) {
      log.info("seal collection form PDF cannot be rendered, drawing the seal: {}", e.toString());
      return file;
    }
  }

  private static final float FORM_DPI = 300;

  private record Organization(String name, String creditCode) {}

  /** Name (O) and credit code (organizationIdentifier NTRCN-…) as the certificate states them. */
  private static Organization organization(byte[] der) {
    X500Name subject;
    try {
      subject = Certificate.getInstance(der).getSubject();
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("stored certificate is not DER", e);
    }
    String name = value(subject, BCStyle.O);
    String identifier = value(subject, BCStyle.ORGANIZATION_IDENTIFIER);
    if (name == null
        || identifier == null
        || !identifier.startsWith(Subject.ORGANIZATION_IDENTIFIER_PREFIX)) {
      throw new IllegalArgumentException("certificate subject has no organization name and code");
    }
    return new Organization(
        name, identifier.substring(Subject.ORGANIZATION_IDENTIFIER_PREFIX.length()));
  }

  private static String value(X500Name name, org.bouncycastle.asn1.ASN1ObjectIdentifier type) {
    RDN[] rdns = name.getRDNs(type);
    return rdns.length == 0 ? null : IETFUtils.valueToString(rdns[0].getFirst().getValue());
  }
}
