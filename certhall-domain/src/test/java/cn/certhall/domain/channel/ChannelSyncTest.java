package cn.certhall.domain.channel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.certhall.domain.identity.IdType;
import cn.certhall.domain.order.AdministratorVerificationDetails;
import cn.certhall.domain.order.BusinessType;
import cn.certhall.domain.order.EnterpriseVerificationDetails;
import cn.certhall.domain.order.Order;
import cn.certhall.domain.order.UnitApplication;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class ChannelSyncTest {
  static final Instant NOW = Instant.parse("2027-06-15T02:30:00Z");
  static final byte[] SEAL = {(byte) 0x89, 'P', 'N', 'G', 1, 2, 3};

  final List<CertificateSync> recorded = new ArrayList<>();
  final ChannelSync sync =
      new ChannelSync(
          recorded::add,
          Clock.fixed(NOW, ZoneOffset.UTC),
          () -> UUID.fromString("00000000-0000-4000-8000-000000000001"));

  static X509Certificate certificate() throws IOException, CertificateException {
    try (InputStream in = ChannelSyncTest.class.getResourceAsStream("organization.pem")) {
      return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
    }
  }

  static final String CREDIT_CODE = "91350100M000100Y43";

  static UnitApplication application() {
    return new UnitApplication(
        "福州测试科技有限公司",
        CREDIT_CODE,
        new UnitApplication.LegalRepresentative("张法人", "11010519491231002X"),
        new UnitApplication.Handler(
            "李经办",
            IdType.RESIDENT_ID_CARD,
            "110101199003071234",
            "13800138001",
            "handler@example.cn"),
        new UnitApplication.Administrator("王管理", IdType.PASSPORT, "E12345678", "13900139002"),
        EnterpriseVerificationDetails.corporateTransfer(
            "福州测试科技有限公司", "6222020200112233445", "中国工商银行"),
        AdministratorVerificationDetails.bankCard("6222600260001072444", "13700137003"));
  }

  static Order order(BusinessType type) {
    return Order.start("CH20270615ABCDEFGHJKLM", type, "demo", application(), NOW);
  }

  @Test
  void anIssuedCertificateGoesToTheOrdersChannelWithChainAndSeal() throws Exception {
    X509Certificate certificate = certificate();

    CertificateSync s =
        sync.certificateIssued(
            order(BusinessType.NEW_UNIT_CERTIFICATE), certificate, List.of(certificate), SEAL);

    assertThat(recorded).containsExactly(s);
    assertThat(s.event()).isEqualTo(SyncEvent.CERTIFICATE_ISSUED);
    assertThat(s.eventId()).isEqualTo("00000000-0000-4000-8000-000000000001");
    assertThat(s.channelId()).isEqualTo("demo");
    assertThat(s.orderId()).isEqualTo("CH20270615ABCDEFGHJKLM");
    assertThat(s.creditCode()).isEqualTo(CREDIT_CODE);
    assertThat(s.serial()).isEqualTo("1f2e3d4c5b6a79");
    assertThat(s.sealPng()).isEqualTo(SEAL);
    assertThat(s.occurredAt()).isEqualTo(NOW);
    assertThat(s.notAfter()).isEqualTo(certificate.getNotAfter().toInstant());
    assertThat(s.revokedAt()).isNull();
    assertThat(s.chainPem()).hasSize(1);
    X509Certificate back =
        (X509Certificate)
            CertificateFactory.getInstance("X.509")
                .generateCertificate(
                    new ByteArrayInputStream(
                        s.certificatePem().getBytes(StandardCharsets.US_ASCII)));
    assertThat(back).isEqualTo(certificate);
    assertThat(s.certificatePem())
        .startsWith("-----BEGIN CERTIFICATE-----\n")
        .endsWith("\n-----END CERTIFICATE-----\n");
    assertThat(s.certificatePem().lines().skip(1).findFirst().orElseThrow()).hasSize(64);
  }

  @Test
  void eachEventComesFromItsOwnBusinessType() throws Exception {
    X509Certificate c = certificate();

    assertThat(sync.certificateRenewed(order(BusinessType.RENEWAL), c, List.of(), SEAL).event())
        .isEqualTo(SyncEvent.CERTIFICATE_RENEWED);
    assertThat(
            sync.certificateChanged(order(BusinessType.INFORMATION_CHANGE), c, List.of(), SEAL)
                .event())
        .isEqualTo(SyncEvent.CERTIFICATE_CHANGED);
    assertThatThrownBy(
            () -> sync.certificateIssued(order(BusinessType.RENEWAL), c, List.of(), SEAL))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () ->
                sync.certificateRenewed(
                    order(BusinessType.NEW_UNIT_CERTIFICATE), c, List.of(), SEAL))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(recorded).hasSize(2);
  }

  @Test
  void aRevocationCarriesNoSealButItsDateAndReason() throws Exception {
    X509Certificate c = certificate();
    Instant revokedAt = NOW.minusSeconds(5);

    CertificateSync s =
        sync.certificateRevoked(
            order(BusinessType.REVOCATION), c, List.of(c), revokedAt, "cessationOfOperation");

    assertThat(s.event()).isEqualTo(SyncEvent.CERTIFICATE_REVOKED);
    assertThat(s.sealPng()).isNull();
    assertThat(s.revokedAt()).isEqualTo(revokedAt);
    assertThat(s.revocationReason()).isEqualTo("cessationOfOperation");
  }

  @Test
  void toStringLeavesTheCertificateAndImageOut() throws Exception {
    X509Certificate c = certificate();
    CertificateSync s =
        sync.certificateIssued(order(BusinessType.NEW_UNIT_CERTIFICATE), c, List.of(), SEAL);

    assertThat(s.toString())
        .contains("certificate.issued", "1f2e3d4c5b6a79")
        .doesNotContain("BEGIN", s.organizationName());
  }
}
