package cn.certhall.app.lifecycle;

import cn.certhall.app.RunningApp;
import cn.certhall.app.sealmaking.SealService;
import cn.certhall.documents.seal.RoundSeal;
import cn.certhall.documents.seal.RoundSealSpec;
import cn.certhall.documents.seal.SealPng;
import cn.certhall.domain.identity.IdType;
import cn.certhall.domain.issuance.HostedCertificateIssuer;
import cn.certhall.domain.issuance.IssuanceService;
import cn.certhall.domain.issuance.OrderCertificates;
import cn.certhall.domain.order.AdministratorVerificationDetails;
import cn.certhall.domain.order.BusinessType;
import cn.certhall.domain.order.EnterpriseVerificationDetails;
import cn.certhall.domain.order.HistoryNote;
import cn.certhall.domain.order.Order;
import cn.certhall.domain.order.OrderService;
import cn.certhall.domain.order.OrderStatus;
import cn.certhall.domain.order.UnitApplication;
import cn.certhall.pki.issuance.CertificateRef;
import cn.certhall.pki.issuance.Validity;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import javax.imageio.ImageIO;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** Organizations with issued certificates of a chosen end, as the lifecycle tests need them. */
public final class LifecycleFixtures {
  private static final String CHARS = "0123456789ABCDEFGHJKLMNPQRTUWXY";
  private static final int[] WEIGHTS = {
    1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28
  };

  private LifecycleFixtures() {}

  /** A valid unified social credit code (GB 32100 check character) from 17 characters. */
  public static String creditCode(String first17) {
    int sum = 0;
    for (int i = 0; i < 17; i++) {
      sum += CHARS.indexOf(first17.charAt(i)) * WEIGHTS[i];
    }
    int check = (31 - sum % 31) % 31;
    return first17 + CHARS.charAt(check);
  }

  /** A resident ID number with its check digit (GB 11643). */
  public static String residentId(String first17) {
    int[] weights = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
    int sum = 0;
    for (int i = 0; i < 17; i++) {
      sum += (first17.charAt(i) - '0') * weights[i];
    }
    return first17 + "10X98765432".charAt(sum % 11);
  }

  /** An application as the new-unit form would have accepted it: every number with its check. */
  static UnitApplication application(String creditCode) {
    return new UnitApplication(
        "福州测试科技有限公司",
        creditCode,
        new UnitApplication.LegalRepresentative("张法人", residentId("11010519491231002")),
        new UnitApplication.Handler(
            "李经办",
            IdType.RESIDENT_ID_CARD,
            residentId("11010119900307123"),
            "13800138001",
            "jb@example.cn"),
        new UnitApplication.Administrator(
            "王管理", IdType.RESIDENT_ID_CARD, residentId("35010219850612345"), "13900139002"),
        EnterpriseVerificationDetails.legalRepMobile("13700137003"),
        AdministratorVerificationDetails.mobile());
  }

  /**
   * A new-unit order walked to ISSUED with a certificate ending {@code notAfter}, as issuance
   * would.
   */
  static CertificateRef issuedNewUnit(RunningApp app, String creditCode, Instant notAfter) {
    OrderService orders = app.bean(OrderService.class);
    Order order = orders.start(BusinessType.NEW_UNIT_CERTIFICATE, "demo", application(creditCode));
    for (OrderStatus s :
        List.of(
            OrderStatus.VERIFIED,
            OrderStatus.CONFIRMED,
            OrderStatus.AUTHORIZATION_CODE_ENTERED,
            OrderStatus.MATERIALS_UPLOADED,
            OrderStatus.APPLICATION_SIGNED,
            OrderStatus.WAITING_FOR_REVIEW)) {
      orders.move(order.id(), s, HistoryNote.text("test set-up"));
    }
    HostedCertificateIssuer issuer = app.bean(HostedCertificateIssuer.class);
    String alias = IssuanceService.hostedKeyAlias(order.id());
    issuer.ensureHostedKey(alias);
    // approval and certificate in one transaction, so the issuance recovery never sees the order
    // approved without its certificate
    CertificateRef ref =
        new TransactionTemplate(app.bean(PlatformTransactionManager.class))
            .execute(
                tx -> {
                  orders.move(order.id(), OrderStatus.APPROVED, HistoryNote.text("test set-up"));
                  CertificateRef issued =
                      issuer.issueOrganizationCertificate(
                          alias,
                          "福州测试科技有限公司",
                          creditCode,
                          new Validity(Instant.now().truncatedTo(ChronoUnit.SECONDS), notAfter));
                  app.bean(OrderCertificates.class).link(order.id(), issued);
                  orders.move(order.id(), OrderStatus.ISSUED, HistoryNote.text("test set-up"));
                  return issued;
                });
    return ref;
  }

  /**
   * As {@link #issuedNewUnit}, with the seal issuance makes from the order's 印章采集表 ({@code
   * collectionForm}, see {@link #sealForm}).
   */
  static CertificateRef issuedNewUnitWithSeal(
      RunningApp app, String creditCode, Instant notAfter, byte[] collectionForm) {
    CertificateRef ref = issuedNewUnit(app, creditCode, notAfter);
    SealService.Seal seal =
        app.bean(SealService.class)
            .createFor(
                new SealService.NewSeal(
                    ref.caName(), new BigInteger(ref.serialHex(), 16), collectionForm));
    if (seal.source() != SealService.Source.COLLECTION_FORM) {
      throw new IllegalStateException("the fixture's form has no usable impression");
    }
    return ref;
  }

  /** A 印章采集表 scanned at 150 dpi with the impression of {@code seal} in its box (42 mm ≈ 248 px). */
  static byte[] sealForm(RoundSealSpec seal) {
    BufferedImage page = new BufferedImage(800, 900, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = page.createGraphics();
    g.setColor(new Color(242, 240, 236));
    g.fillRect(0, 0, 800, 900);
    g.setColor(Color.DARK_GRAY);
    g.drawRect(150, 250, 500, 500);
    g.drawString("seal collection form", 300, 100);
    g.drawImage(SealPng.read(RoundSeal.draw(seal).png()), 276, 376, 248, 248, null);
    g.dispose();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      ImageIO.write(page, "png", out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }
}
