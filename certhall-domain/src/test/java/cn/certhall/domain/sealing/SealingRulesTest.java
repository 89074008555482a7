package cn.certhall.domain.sealing;

import static org.assertj.core.api.Assertions.assertThat;

import cn.certhall.domain.sealing.SealingRules.Administrator;
import cn.certhall.domain.sealing.SealingRules.OrganizationCertificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class SealingRulesTest {
  static final Instant NOW = Instant.parse("2027-06-15T02:30:00Z");
  static final String ORG = "91350100M000100Y43";
  static final String MOBILE = "13900139002";

  static SigningRequest request(SigningRequest.Status status, Instant expires, String claimedBy) {
    return new SigningRequest(
        "SR1",
        "demo",
        ORG,
        "福州测试科技有限公司",
        "合同.pdf",
        status,
        NOW.minusSeconds(60),
        expires,
        claimedBy,
        null);
  }

  static final SigningRequest WAITING =
      request(SigningRequest.Status.WAITING, NOW.plusSeconds(540), null);
  static final Administrator ADMIN = new Administrator(MOBILE, List.of(ORG), true, true);
  static final OrganizationCertificate CERT =
      new OrganizationCertificate(
          ORG, NOW.minus(Duration.ofDays(30)), NOW.plus(Duration.ofDays(335)), false, true);

  @Test
  void aWaitingRequestOfTheAdministratorsOrganizationMaySealPinNext() {
    assertThat(SealingRules.refusal(WAITING, ADMIN, CERT, NOW)).isEmpty();
    SigningRequest claimed = request(SigningRequest.Status.WAITING, NOW.plusSeconds(540), MOBILE);
    assertThat(SealingRules.refusal(claimed, ADMIN, CERT, NOW)).isEmpty();
  }

  @Test
  void eachRefusal() {
    assertThat(
            SealingRules.refusal(
                request(SigningRequest.Status.WAITING, NOW, null), ADMIN, CERT, NOW))
        .contains(SealingRefusal.REQUEST_EXPIRED);
    assertThat(
            SealingRules.refusal(
                request(SigningRequest.Status.SEALED, NOW.plusSeconds(5), MOBILE),
                ADMIN,
                CERT,
                NOW))
        .contains(SealingRefusal.LINK_USED);
    assertThat(
            SealingRules.refusal(
                request(SigningRequest.Status.WAITING, NOW.plusSeconds(5), "13700137003"),
                ADMIN,
                CERT,
                NOW))
        .contains(SealingRefusal.LINK_USED);
    assertThat(
            SealingRules.refusal(
                WAITING,
                new Administrator(MOBILE, List.of("91110000100000000X"), true, true),
                null,
                NOW))
        .contains(SealingRefusal.OTHER_ORGANIZATION);
    assertThat(
            SealingRules.refusal(
                WAITING, new Administrator(MOBILE, List.of(ORG), false, false), CERT, NOW))
        .contains(SealingRefusal.NO_PERSONAL_CERTIFICATE);
    assertThat(
            SealingRules.refusal(
                WAITING, new Administrator(MOBILE, List.of(ORG), true, false), CERT, NOW))
        .contains(SealingRefusal.PIN_NOT_SET);
    assertThat(
            SealingRules.refusal(
                WAITING,
                ADMIN,
                new OrganizationCertificate(ORG, CERT.notBefore(), CERT.notAfter(), true, true),
                NOW))
        .contains(SealingRefusal.CERTIFICATE_REVOKED);
    assertThat(
            SealingRules.refusal(
                WAITING,
                ADMIN,
                new OrganizationCertificate(ORG, CERT.notBefore(), NOW, false, true),
                NOW))
        .contains(SealingRefusal.CERTIFICATE_EXPIRED);
    assertThat(
            SealingRules.refusal(
                WAITING,
                ADMIN,
                new OrganizationCertificate(ORG, CERT.notBefore(), CERT.notAfter(), false, false),
                NOW))
        .contains(SealingRefusal.NO_SEAL);
  }

  @Test
  void statusIsExpiredOnlyWhileWaiting() {
    assertThat(WAITING.statusAt(NOW)).isEqualTo(SigningRequest.Status.WAITING);
    assertThat(WAITING.statusAt(NOW.plusSeconds(540))).isEqualTo(SigningRequest.Status.EXPIRED);
    assertThat(request(SigningRequest.Status.SEALED, NOW, MOBILE).statusAt(NOW.plusSeconds(9999)))
        .isEqualTo(SigningRequest.Status.SEALED);
  }

  @Test
  void eachRefusalHasItsOwnMessageKey() {
    java.util.Set<String> keys = new java.util.HashSet<>();
    for (SealingRefusal r : SealingRefusal.values()) {
      assertThat(r.messageKey()).startsWith("sealapp.refusal.");
      assertThat(keys.add(r.messageKey())).as(r.name()).isTrue();
    }
  }
}
