package cn.certhall.app.sealmaking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.certhall.app.TestDatabases;
import cn.certhall.app.TestDatabases.Kind;
import cn.certhall.app.ca.CaRegistry;
import cn.certhall.app.persistence.CertificateRepository;
import cn.certhall.app.persistence.JdbcIssuanceLedger;
import cn.certhall.app.persistence.SealRepository;
import cn.certhall.app.persistence.SealTaskRepository;
import cn.certhall.app.sealmaking.SealService.NewSeal;
import cn.certhall.app.sealmaking.SealService.Seal;
import cn.certhall.app.sealmaking.SealService.Source;
import cn.certhall.documents.outside.PdfLimits;
import cn.certhall.documents.seal.RoundSeal;
import cn.certhall.documents.seal.RoundSealSpec;
import cn.certhall.documents.seal.SealException;
import cn.certhall.documents.seal.SealPng;
import cn.certhall.documents.seal.SesSeal;
import cn.certhall.pki.KeyAlgorithm;
import cn.certhall.pki.Providers;
import cn.certhall.pki.issuance.CertificateAuthority;
import cn.certhall.pki.issuance.IssuanceRequest;
import cn.certhall.pki.issuance.IssuedCertificate;
import cn.certhall.pki.issuance.SerialNumberGenerator;
import cn.certhall.pki.keystore.MemoryKeyStore;
import cn.certhall.pki.profile.CertificateProfile;
import cn.certhall.pki.profile.PublicationUrls;
import cn.certhall.pki.profile.Subject;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import javax.imageio.ImageIO;
import javax.sql.DataSource;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Seals made after issuance, stored and read back, on H2 and PostgreSQL, with an SM2 CA. */
public class SealServiceTest {
  static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.SECONDS);
  static final Subject.Organization ORG =
      new Subject.Organization("福州测试科技有限公司", "91350100M000100Y43");

  record Setup(
      JdbcClient jdbc,
      MemoryKeyStore keys,
      CertificateAuthority ca,
      SealService service,
      SealRepository seals) {

    IssuedCertificate issue(CertificateProfile profile, Subject subject) {
      String alias = "subject-" + System.nanoTime();
      return ca.issue(
          new IssuanceRequest(
              profile,
              subject,
              keys.generateKeyPair(alias, KeyAlgorithm.SM2),
              NOW,
              NOW.plus(365, ChronoUnit.DAYS)));
    }

    long rows(String table) {
      return jdbc.sql("SELECT COUNT(*) FROM " + table).query(Long.class).single();
    }
  }

  static Setup setup(Kind kind) {
    DataSource ds = TestDatabases.fresh(kind).migrated();
    JdbcClient jdbc = JdbcClient.create(ds);
    MemoryKeyStore keys = new MemoryKeyStore();
    JdbcIssuanceLedger ledger = new JdbcIssuanceLedger(jdbc);
    CertificateAuthority root =
        CertificateAuthority.createRoot(
            "sm2-root",
            new Subject.Authority("Seal Test Root", "certhall"),
            KeyAlgorithm.SM2,
            NOW.minus(1, ChronoUnit.DAYS),
            NOW.plus(3650, ChronoUnit.DAYS),
            keys,
            "root-key",
            urls("sm2-root"),
            ledger,
            new SerialNumberGenerator());
    CertificateAuthority issuing =
        root.createSubordinate(
            "sm2-issuing",
            new Subject.Authority("Seal Test 单位证书 CA", "certhall"),
            NOW.minus(1, ChronoUnit.DAYS),
            NOW.plus(1825, ChronoUnit.DAYS),
            "issuing-key",
            urls("sm2-issuing"));
    SealRepository seals = new SealRepository(jdbc);
    Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    SealService service =
        new SealService(
            CaRegistry.of(root, issuing),
            new CertificateRepository(jdbc),
            seals,
            new SealMakers(keys, seals, "certhall", clock),
            keys,
            new SealTaskRepository(jdbc),
            event -> {
              throw new AssertionError("no audit expected from createFor: " + event);
            },
            clock,
            PdfLimits.DEFAULT);
    return new Setup(jdbc, keys, issuing, service, seals);
  }

  static PublicationUrls urls(String name) {
    return new PublicationUrls(
        "http://localhost/crl/" + name + ".crl",
        "http://localhost/ocsp",
        "http://localhost/ca/" + name + ".crt",
        "2.25.1");
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void drawsTheSealWithoutAFormAndLinksItToCertificateAndOrganization(Kind kind) throws Exception {
    Setup s = setup(kind);
    IssuedCertificate cert = s.issue(CertificateProfile.ORGANIZATION, ORG);

    Seal seal = s.service().createFor(new NewSeal("sm2-issuing", cert.serial(), null));

    assertThat(seal.source()).isEqualTo(Source.DRAWN);
    assertThat(seal.esId()).isEqualTo("91350100M000100Y43-" + cert.serialHex());
    assertThat(seal.creditCode()).isEqualTo("91350100M000100Y43");
    assertThat(seal.organizationName()).isEqualTo("福州测试科技有限公司");
    assertThat(seal.png())
        .isEqualTo(
            RoundSeal.draw(RoundSealSpec.of(ORG.name(), RoundSealSpec.Diameter.MM_42)).png());
    assertThat(seal.imageSha256()).hasSize(64);
    assertThat(seal.widthMm()).isEqualTo(42);
    assertThat(seal.validFrom()).isEqualTo(cert.notBefore());
    assertThat(seal.validTo()).isEqualTo(cert.notAfter());

    // the SESeal carries the picture and the organization certificate, signed by the seal maker,
    // whose certificate the issuing CA signed
    SesSeal.Parsed parsed = SesSeal.parse(seal.seseal());
    assertThat(parsed.signatureVerifies()).isTrue();
    assertThat(parsed.info().esId()).isEqualTo(seal.esId());
    assertThat(parsed.info().name()).isEqualTo(ORG.name());
    assertThat(parsed.info().picturePng()).isEqualTo(seal.png());
    assertThat(parsed.info().signerCertificates()).singleElement().isEqualTo(cert.der());
    assertThat(parsed.signAlgId()).isEqualTo("1.2.156.10197.1.501");
    X509CertificateHolder maker = new X509CertificateHolder(parsed.makerCertificate());
    assertThat(maker.getSubject().toString()).contains("电子印章制章者");
    assertThat(
            maker.isSignatureValid(
                new JcaContentVerifierProviderBuilder()
                    .setProvider(Providers.bouncyCastle())
                    .build(s.ca().certificate())))
        .isTrue();

    // stored, found by certificate, by id and by organization
    Seal stored = s.service().forCertificate("sm2-issuing", cert.serial()).orElseThrow();
    assertThat(stored.png()).isEqualTo(seal.png());
    assertThat(stored.seseal()).isEqualTo(seal.seseal());
    assertThat(stored.createdAt()).isEqualTo(NOW);
    assertThat(s.service().find(seal.esId())).isPresent();
    assertThat(s.service().forOrganization("91350100M000100Y43"))
        .extracting(Seal::esId)
        .containsExactly(seal.esId());

    // a second call returns the same seal; another certificate gets its own, same seal maker
    assertThat(s.service().createFor(new NewSeal("sm2-issuing", cert.serial(), null)).esId())
        .isEqualTo(seal.esId());
    IssuedCertificate renewed = s.issue(CertificateProfile.ORGANIZATION, ORG);
    Seal second = s.service().createFor(new NewSeal("sm2-issuing", renewed.serial(), null));
    assertThat(second.esId()).isNotEqualTo(seal.esId());
    assertThat(SesSeal.parse(second.seseal()).makerCertificate())
        .isEqualTo(parsed.makerCertificate());
    assertThat(s.rows("seal")).isEqualTo(2);
    assertThat(s.rows("seal_maker")).isEqualTo(1);
    assertThat(s.service().forOrganization("91350100M000100Y43")).hasSize(2);
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void usesTheCollectionFormImpressionAndFallsBackToTheDrawnSeal(Kind kind) throws Exception {
    Setup s = setup(kind);
    IssuedCertificate cert = s.issue(CertificateProfile.ORGANIZATION, ORG);
    byte[] form = form(true);

    Seal seal = s.service().createFor(new NewSeal("sm2-issuing", cert.serial(), form));
    assertThat(seal.source()).isEqualTo(Source.COLLECTION_FORM);
    assertThat(SealPng.read(seal.png()).getWidth()).isEqualTo(992);
    assertThat(SesSeal.parse(seal.seseal()).signatureVerifies()).isTrue();

    IssuedCertificate other = s.issue(CertificateProfile.ORGANIZATION, ORG);
    Seal drawn = s.service().createFor(new NewSeal("sm2-issuing", other.serial(), form(false)));
    assertThat(drawn.source()).isEqualTo(Source.DRAWN);
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void refusesWhatHasNoSealAndStoresNothing(Kind kind) {
    Setup s = setup(kind);
    IssuedCertificate person =
        s.issue(CertificateProfile.PERSONAL, new Subject.Person("张三", "IDCCN-11010519491231002X"));
    assertThatThrownBy(
            () -> s.service().createFor(new NewSeal("sm2-issuing", person.serial(), null)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("ORGANIZATION");
    assertThatThrownBy(
            () -> s.service().createFor(new NewSeal("sm2-issuing", BigInteger.TEN, null)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("no certificate");

    IssuedCertificate revoked = s.issue(CertificateProfile.ORGANIZATION, ORG);
    s.jdbc()
        .sql(
            "INSERT INTO certificate_revocation (ca_name, serial, reason_code, revoked_at) VALUES (?, ?, 1, ?)")
        .params("sm2-issuing", revoked.serialHex(), java.time.OffsetDateTime.now(ZoneOffset.UTC))
        .update();
    assertThatThrownBy(
            () -> s.service().createFor(new NewSeal("sm2-issuing", revoked.serial(), null)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("revoked");

    // a name the seal font cannot print and no usable form: a Chinese message for the reviewer
    IssuedCertificate outsideFont =
        s.issue(
            CertificateProfile.ORGANIZATION,
            new Subject.Organization("福州喆华科技有限公司", "91350100M000100Y43"));
    assertThatThrownBy(
            () -> s.service().createFor(new NewSeal("sm2-issuing", outsideFont.serial(), null)))
        .isInstanceOf(SealException.class)
        .hasMessageContaining("「喆」不在印章字库");
    assertThat(s.rows("seal")).isZero();
  }

  /** A form uploaded as a PDF (a scan saved as PDF) is read from its first page. */
  @Test
  void readsTheImpressionOfACollectionFormUploadedAsPdf() throws Exception {
    Setup s = setup(Kind.H2);
    IssuedCertificate cert = s.issue(CertificateProfile.ORGANIZATION, ORG);
    byte[] pdf;
    try (org.apache.pdfbox.pdmodel.PDDocument doc = new org.apache.pdfbox.pdmodel.PDDocument()) {
      org.apache.pdfbox.pdmodel.PDPage page =
          new org.apache.pdfbox.pdmodel.PDPage(org.apache.pdfbox.pdmodel.common.PDRectangle.A4);
      doc.addPage(page);
      org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject scan =
          org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject.createFromByteArray(
              doc, form(true), "form.png");
      try (org.apache.pdfbox.pdmodel.PDPageContentStream content =
          new org.apache.pdfbox.pdmodel.PDPageContentStream(doc, page)) {
        // the 800 × 900 px scan over the page's width, as a scanner saves it
        content.drawImage(scan, 0, 842 - 595 * 900 / 800f, 595, 595 * 900 / 800f);
      }
      java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
      doc.save(out);
      pdf = out.toByteArray();
    }

    Seal seal = s.service().createFor(new NewSeal("sm2-issuing", cert.serial(), pdf));

    assertThat(seal.source()).isEqualTo(Source.COLLECTION_FORM);
    assertThat(SealPng.read(seal.png()).getWidth()).isEqualTo(992);
  }

  /** A seal collection form scanned at 150 dpi, with or without the impression. */
  public static byte[] form(boolean withSeal) throws Exception {
    BufferedImage page = new BufferedImage(800, 900, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = page.createGraphics();
    g.setColor(new Color(242, 240, 236));
    g.fillRect(0, 0, 800, 900);
    g.setColor(Color.DARK_GRAY);
    g.drawRect(150, 250, 500, 500);
    g.drawString("seal collection form", 300, 100);
    if (withSeal) {
      BufferedImage seal =
          SealPng.read(
              RoundSeal.draw(RoundSealSpec.of(ORG.name(), RoundSealSpec.Diameter.MM_42)).png());
      g.drawImage(seal, 276, 376, 248, 248, null);
    }
    g.dispose();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ImageIO.write(page, "png", out);
    return out.toByteArray();
  }
}
