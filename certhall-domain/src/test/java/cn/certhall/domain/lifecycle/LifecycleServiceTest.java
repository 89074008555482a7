package cn.certhall.domain.lifecycle;

import static cn.certhall.domain.lifecycle.LifecycleFakes.CREDIT_CODE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.certhall.domain.certificate.CertificateRules;
import cn.certhall.domain.channel.CertificateSync;
import cn.certhall.domain.channel.ChannelSync;
import cn.certhall.domain.channel.SyncEvent;
import cn.certhall.domain.issuance.IssuanceService;
import cn.certhall.domain.notification.Notification;
import cn.certhall.domain.notification.Notifications;
import cn.certhall.domain.order.BusinessType;
import cn.certhall.domain.order.EnterpriseVerificationDetails;
import cn.certhall.domain.order.HistoryNote;
import cn.certhall.domain.order.Order;
import cn.certhall.domain.order.OrderNumbers;
import cn.certhall.domain.order.OrderService;
import cn.certhall.domain.order.OrderStatus;
import cn.certhall.domain.order.UnfinishedOrderExistsException;
import cn.certhall.domain.order.UnitApplication;
import cn.certhall.domain.verification.MutableClock;
import cn.certhall.pki.issuance.CertificateRef;
import cn.certhall.pki.revocation.RevocationReason;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LifecycleServiceTest {
  /** 10:30 China time. */
  static final Instant NOW = Instant.parse("2027-06-15T02:30:00Z");

  static final String NAME = "福州测试科技有限公司";

  final MutableClock clock = new MutableClock(NOW);
  final LifecycleFakes.Orders repository = new LifecycleFakes.Orders();
  final LifecycleFakes.Ca ca = new LifecycleFakes.Ca(repository);
  final OrderService orders =
      new OrderService(
          repository,
          LifecycleFakes.DIRECT,
          new OrderNumbers(new SecureRandom(), clock, CertificateRules.CHINA_TIME),
          clock,
          event -> {});
  final List<CertificateSync> synced = new ArrayList<>();
  final List<Notification> notices = new ArrayList<>();
  final CertificateRules rules = new CertificateRules(clock, CertificateRules.CHINA_TIME);
  final LifecycleService lifecycle =
      new LifecycleService(
          orders,
          ca.requestStore,
          ca,
          ca,
          ca,
          cn.certhall.domain.issuance.CollectionForms.none(),
          new ChannelSync(synced::add, clock),
          new Notifications((notification, now) -> notices.add(notification), clock),
          LifecycleFakes.DIRECT,
          rules,
          clock);
  final IdentityProof proof =
      new IdentityProof(CREDIT_CODE, IdentityCheck.Method.HANDLER, NOW.plus(Duration.ofDays(999)));

  /** A new-unit order, issued, whose certificate ends {@code notAfter}. */
  HeldCertificate held(Instant notAfter) {
    Order order =
        orders.start(BusinessType.NEW_UNIT_CERTIFICATE, "demo", LifecycleFakes.application(NAME));
    for (OrderStatus s :
        List.of(
            OrderStatus.VERIFIED,
            OrderStatus.CONFIRMED,
            OrderStatus.AUTHORIZATION_CODE_ENTERED,
            OrderStatus.MATERIALS_UPLOADED,
            OrderStatus.APPLICATION_SIGNED,
            OrderStatus.WAITING_FOR_REVIEW,
            OrderStatus.APPROVED,
            OrderStatus.ISSUED)) {
      orders.move(order.id(), s, HistoryNote.text("test set-up"));
    }
    return ca.issued(order.id(), NAME, notAfter.minus(Duration.ofDays(365)), notAfter);
  }

  Order approve(Order order) {
    for (OrderStatus s :
        order.workflow() == null ? List.<OrderStatus>of() : pathToReview(order.businessType())) {
      orders.move(order.id(), s, HistoryNote.text("test set-up"));
    }
    return orders.move(order.id(), OrderStatus.APPROVED, HistoryNote.text("审核通过"));
  }

  static List<OrderStatus> pathToReview(BusinessType type) {
    return type == BusinessType.REVOCATION
        ? List.of(
            OrderStatus.VERIFIED,
            OrderStatus.CERTIFICATE_VERIFIED,
            OrderStatus.MATERIALS_UPLOADED,
            OrderStatus.APPLICATION_SIGNED,
            OrderStatus.WAITING_FOR_REVIEW)
        : List.of(OrderStatus.VERIFIED, OrderStatus.CONFIRMED, OrderStatus.WAITING_FOR_REVIEW);
  }

  Order renew(HeldCertificate c) {
    return lifecycle.start(
        BusinessType.RENEWAL,
        proof,
        "demo",
        c.caName(),
        c.serialHex(),
        LifecycleFakes.application(NAME));
  }

  CertificateOptions optionsOf(HeldCertificate c) {
    return lifecycle.certificate(proof, c.caName(), c.serialHex()).orElseThrow();
  }

  @Nested
  class TheList {

    @ParameterizedTest(name = "{0} left -> renewal refused: {1}")
    @CsvSource({
      "P91D,  RENEWAL_TOO_EARLY",
      "P90D,  RENEWAL_TOO_EARLY",
      "P89D,  ",
      "PT0S,  ",
      "-P1D,  ",
      "-P365D, ",
      "-P366D, RENEWAL_EXPIRED_TOO_LONG",
    })
    void renewal_follows_the_window_of_spec_section_2(Duration left, Refusal expected) {
      HeldCertificate c = held(NOW.plus(left));
      assertThat(optionsOf(c).renewRefusal().orElse(null)).isEqualTo(expected);
    }

    @Test
    void an_expired_certificate_can_be_renewed_but_not_changed_or_revoked() {
      CertificateOptions o = optionsOf(held(NOW.minus(Duration.ofDays(3))));
      assertThat(o.state()).isEqualTo(CertificateState.EXPIRED);
      assertThat(o.allows(BusinessType.RENEWAL)).isTrue();
      assertThat(o.changeRefusal()).contains(Refusal.EXPIRED);
      assertThat(o.revokeRefusal()).contains(Refusal.EXPIRED);
    }

    @Test
    void a_revoked_certificate_allows_nothing_even_inside_the_renewal_window() {
      HeldCertificate c = held(NOW.plus(Duration.ofDays(30)));
      ca.revoke(c.caName(), c.serialHex(), RevocationReason.KEY_COMPROMISE);
      CertificateOptions o = optionsOf(c);
      assertThat(o.state()).isEqualTo(CertificateState.REVOKED);
      assertThat(List.of(o.renewRefusal(), o.changeRefusal(), o.revokeRefusal()))
          .allSatisfy(r -> assertThat(r).contains(Refusal.REVOKED));
      assertThatThrownBy(() -> renew(c))
          .isInstanceOfSatisfying(
              LifecycleRefusedException.class,
              e -> assertThat(e.refusal()).isEqualTo(Refusal.REVOKED));
      assertThat(repository.orders.values())
          .noneMatch(o2 -> o2.businessType() == BusinessType.RENEWAL);
    }

    @Test
    void a_certificate_too_early_for_renewal_is_refused_and_no_order_is_made() {
      HeldCertificate c = held(NOW.plus(Duration.ofDays(91)));
      assertThatThrownBy(() -> renew(c))
          .isInstanceOfSatisfying(
              LifecycleRefusedException.class,
              e -> {
                assertThat(e.refusal()).isEqualTo(Refusal.RENEWAL_TOO_EARLY);
                assertThat(e.options().renewal().renewableFrom())
                    .isEqualTo(ZonedDateTime.parse("2027-06-16T10:30:01+08:00[Asia/Shanghai]"));
              });
    }

    @Test
    void shows_only_the_proven_organizations_certificates_and_nothing_once_the_proof_lapsed() {
      HeldCertificate c = held(NOW.plus(Duration.ofDays(30)));
      assertThat(lifecycle.certificates(proof))
          .extracting(o -> o.certificate().serialHex())
          .containsExactly(c.serialHex());
      IdentityProof other =
          new IdentityProof("91440300MA5DC6QX9C", IdentityCheck.Method.HANDLER, proof.expiresAt());
      assertThat(lifecycle.certificates(other)).isEmpty();
      assertThat(lifecycle.certificate(other, c.caName(), c.serialHex())).isEmpty();
      IdentityProof lapsed = new IdentityProof(CREDIT_CODE, IdentityCheck.Method.HANDLER, NOW);
      assertThat(lifecycle.certificates(lapsed)).isEmpty();
    }

    @Test
    void a_second_order_about_the_same_certificate_is_refused_while_the_first_is_open() {
      HeldCertificate c = held(NOW.plus(Duration.ofDays(30)));
      renew(c);
      assertThatThrownBy(
              () ->
                  lifecycle.start(
                      BusinessType.INFORMATION_CHANGE,
                      proof,
                      "demo",
                      c.caName(),
                      c.serialHex(),
                      LifecycleFakes.application("福州新名称科技有限公司")))
          .isInstanceOfSatisfying(
              LifecycleRefusedException.class,
              e -> assertThat(e.refusal()).isEqualTo(Refusal.ORDER_IN_PROGRESS));
    }

    @Test
    void one_unfinished_renewal_per_organization() {
      HeldCertificate a = held(NOW.plus(Duration.ofDays(30)));
      HeldCertificate b = held(NOW.plus(Duration.ofDays(40)));
      renew(a);
      assertThatThrownBy(() -> renew(b)).isInstanceOf(UnfinishedOrderExistsException.class);
    }

    @Test
    void the_credit_code_cannot_change() {
      HeldCertificate c = held(NOW.plus(Duration.ofDays(30)));
      UnitApplication a = LifecycleFakes.application(NAME);
      UnitApplication otherOrg =
          new UnitApplication(
              a.organizationName(),
              "91440300MA5DC6QX9C",
              a.legalRepresentative(),
              a.handler(),
              a.administrator(),
              a.enterpriseVerification(),
              a.administratorVerification());
      assertThatThrownBy(
              () ->
                  lifecycle.start(
                      BusinessType.INFORMATION_CHANGE,
                      proof,
                      "demo",
                      c.caName(),
                      c.serialHex(),
                      otherOrg))
          .isInstanceOf(IllegalArgumentException.class);
    }
  }

  @Nested
  class Renewal {

    @Test
    void unexpired_gets_old_not_after_plus_one_year_a_new_key_and_a_seal_and_replaces_the_old() {
      Instant oldEnd = Instant.parse("2027-08-01T04:00:00Z");
      HeldCertificate old = held(oldEnd);
      Order order = approve(renew(old));

      LifecycleService.Outcome outcome = lifecycle.carryOut(order.id());

      CertificateRef made = outcome.newCertificate().orElseThrow();
      assertThat(made.notBefore()).isEqualTo(NOW);
      assertThat(made.notAfter()).isEqualTo(Instant.parse("2028-08-01T04:00:00Z"));
      assertThat(ca.keyOfCertificate.get(made.serialHex()))
          .isEqualTo("hosted-" + order.id().toLowerCase());
      assertThat(ca.seals).containsKey(made.serialHex());
      assertThat(outcome.order().status()).isEqualTo(OrderStatus.ISSUED);
      assertThat(synced)
          .singleElement()
          .satisfies(
              s -> {
                assertThat(s.event()).isEqualTo(SyncEvent.CERTIFICATE_RENEWED);
                assertThat(s.orderId()).isEqualTo(order.id());
                assertThat(s.sealPng()).isNotEmpty();
              });
      assertThat(ca.revocations).isEmpty();
      assertThat(optionsOf(old).state()).isEqualTo(CertificateState.REPLACED);
      assertThat(optionsOf(old).renewRefusal()).contains(Refusal.REPLACED);
    }

    @Test
    void expired_gets_one_year_from_issuance_computed_at_approval_not_at_the_start() {
      HeldCertificate old = held(NOW.minus(Duration.ofDays(100)));
      Order order = renew(old);
      clock.advance(Duration.ofDays(2).plusMillis(400));
      approve(order);

      CertificateRef made = lifecycle.carryOut(order.id()).newCertificate().orElseThrow();

      assertThat(made.notBefore()).isEqualTo(Instant.parse("2027-06-17T02:30:00Z"));
      assertThat(made.notAfter()).isEqualTo(Instant.parse("2028-06-17T02:30:00Z"));
    }

    @Test
    void unexpired_ending_on_29_february_is_extended_to_28_february_china_time() {
      clock.advance(Duration.between(NOW, Instant.parse("2028-01-10T00:00:00Z")));
      // 2028-02-29 10:00 in Shanghai
      HeldCertificate old = held(Instant.parse("2028-02-29T02:00:00Z"));
      Order order = approve(renew(old));

      CertificateRef made = lifecycle.carryOut(order.id()).newCertificate().orElseThrow();

      assertThat(made.notAfter()).isEqualTo(Instant.parse("2029-02-28T02:00:00Z"));
    }

    @Test
    void carried_out_twice_makes_one_certificate_and_one_channel_message() {
      HeldCertificate old = held(NOW.plus(Duration.ofDays(10)));
      Order order = approve(renew(old));
      CertificateRef first = lifecycle.carryOut(order.id()).newCertificate().orElseThrow();
      CertificateRef second = lifecycle.carryOut(order.id()).newCertificate().orElseThrow();
      assertThat(second).isEqualTo(first);
      assertThat(synced).hasSize(1);
      assertThat(ca.certificates).hasSize(2);
    }

    @Test
    void an_order_not_yet_approved_is_not_carried_out() {
      HeldCertificate old = held(NOW.plus(Duration.ofDays(10)));
      Order order = renew(old);
      assertThatThrownBy(() -> lifecycle.carryOut(order.id()))
          .isInstanceOf(IllegalStateException.class);
      assertThat(ca.certificates).hasSize(1);
    }
  }

  @Nested
  class Change {

    @Test
    void issues_the_changed_details_for_the_remaining_validity_and_revokes_the_old_as_superseded() {
      Instant oldEnd = Instant.parse("2027-12-01T04:00:00Z");
      HeldCertificate old = held(oldEnd);
      Order order =
          approve(
              lifecycle.start(
                  BusinessType.INFORMATION_CHANGE,
                  proof,
                  "demo",
                  old.caName(),
                  old.serialHex(),
                  LifecycleFakes.application("福州新名称科技有限公司")));
      assertThat(lifecycle.changes(order.id()))
          .extracting(ApplicationChange::field)
          .containsExactly("organizationName");

      LifecycleService.Outcome outcome = lifecycle.carryOut(order.id());

      CertificateRef made = outcome.newCertificate().orElseThrow();
      assertThat(made.notBefore()).isEqualTo(NOW);
      assertThat(made.notAfter()).isEqualTo(oldEnd);
      assertThat(ca.certificates.get(made.serialHex()).organizationName()).isEqualTo("福州新名称科技有限公司");
      assertThat(ca.revocations).containsExactly(old.serialHex() + ":4");
      assertThat(ca.seals).containsKey(made.serialHex());
      // the channel holding the old certificate is told it was superseded, then gets the new one
      assertThat(synced)
          .extracting(CertificateSync::event)
          .containsExactly(SyncEvent.CERTIFICATE_REVOKED, SyncEvent.CERTIFICATE_CHANGED);
      assertThat(synced.get(0).orderId()).isEqualTo(old.issuingOrderId());
      assertThat(synced.get(0).revocationReason()).isEqualTo("superseded");
      assertThat(notices)
          .extracting(Notification::body)
          .anySatisfy(b -> assertThat(b).contains("证书已签发"));
      assertThat(outcome.order().status()).isEqualTo(OrderStatus.ISSUED);
    }

    @Test
    void a_crash_before_the_old_certificate_is_revoked_is_finished_by_recovery() {
      HeldCertificate old = held(NOW.plus(Duration.ofDays(200)));
      Order order =
          approve(
              lifecycle.start(
                  BusinessType.INFORMATION_CHANGE,
                  proof,
                  "demo",
                  old.caName(),
                  old.serialHex(),
                  LifecycleFakes.application(NAME)));
      ca.failNextRevocation = new IllegalStateException("database went away");

      assertThatThrownBy(() -> lifecycle.carryOut(order.id()))
          .hasMessageContaining("database went away");
      assertThat(repository.find(order.id()).orElseThrow().status())
          .isEqualTo(OrderStatus.APPROVED);
      assertThat(synced).isEmpty();

      assertThat(lifecycle.recover()).isEmpty();

      assertThat(repository.find(order.id()).orElseThrow().status()).isEqualTo(OrderStatus.ISSUED);
      assertThat(ca.certificates).hasSize(2);
      assertThat(ca.revocations).containsExactly(old.serialHex() + ":4");
      assertThat(synced)
          .extracting(CertificateSync::event)
          .containsExactly(SyncEvent.CERTIFICATE_REVOKED, SyncEvent.CERTIFICATE_CHANGED);
    }
  }

  @Nested
  class Revocation {

    Order startRevocation(HeldCertificate c, RevocationChoice reason) {
      return lifecycle.startRevocation(
          proof,
          "demo",
          c.caName(),
          c.serialHex(),
          reason,
          EnterpriseVerificationDetails.legalRepMobile("13700137003"));
    }

    @Test
    void the_holder_signs_the_request_with_the_certificates_hosted_key() {
      HeldCertificate c = held(NOW.plus(Duration.ofDays(200)));
      Order order = startRevocation(c, RevocationChoice.NO_LONGER_NEEDED);
      assertThat(order.application().enterpriseVerification())
          .isEqualTo(EnterpriseVerificationDetails.legalRepMobile("13700137003"));
      assertThat(order.application().organizationName()).isEqualTo(NAME);
      orders.move(order.id(), OrderStatus.VERIFIED, HistoryNote.text("test set-up"));

      RevocationProof proofOfHolder = lifecycle.proveHolder(order.id());

      assertThat(proofOfHolder.request())
          .contains("serial: " + c.serialHex())
          .contains("reason: 5")
          .contains("order: " + order.id());
      assertThat(
              ca.verify(
                  c.caName(),
                  c.serialHex(),
                  proofOfHolder.request().getBytes(java.nio.charset.StandardCharsets.UTF_8),
                  new LifecycleCa.Signed("x", proofOfHolder.signature())))
          .isTrue();
      assertThat(lifecycle.request(order.id()).orElseThrow().revocationProof()).isPresent();
      assertThat(repository.find(order.id()).orElseThrow().status())
          .isEqualTo(OrderStatus.CERTIFICATE_VERIFIED);
    }

    @Test
    void a_signature_that_does_not_verify_is_not_kept() {
      HeldCertificate c = held(NOW.plus(Duration.ofDays(200)));
      ca.keyOfCertificate.put(c.serialHex(), "some-other-key");
      Order order = startRevocation(c, RevocationChoice.KEY_COMPROMISE);
      orders.move(order.id(), OrderStatus.VERIFIED, HistoryNote.text("test set-up"));

      assertThatThrownBy(() -> lifecycle.proveHolder(order.id()))
          .isInstanceOf(IllegalStateException.class);
      assertThat(lifecycle.request(order.id()).orElseThrow().revocationProof()).isEmpty();
      assertThat(repository.find(order.id()).orElseThrow().status())
          .isEqualTo(OrderStatus.VERIFIED);
    }

    @ParameterizedTest
    @CsvSource({
      "NO_LONGER_NEEDED, 5, cessationOfOperation",
      "KEY_COMPROMISE, 1, keyCompromise",
      "INFORMATION_CHANGED, 3, affiliationChanged",
      "REPLACED_BY_NEW_CERTIFICATE, 4, superseded",
      "OTHER, 0, unspecified"
    })
    void revokes_with_the_rfc_5280_code_of_the_reason_and_tells_the_channel(
        RevocationChoice reason, int code, String name) {
      HeldCertificate c = held(NOW.plus(Duration.ofDays(200)));
      Order order = approve(startRevocation(c, reason));

      LifecycleService.Outcome outcome = lifecycle.carryOut(order.id());

      assertThat(outcome.order().status()).isEqualTo(OrderStatus.REVOKED);
      assertThat(outcome.newCertificate()).isEmpty();
      assertThat(ca.revocations).containsExactly(c.serialHex() + ":" + code);
      assertThat(synced)
          .singleElement()
          .satisfies(
              s -> {
                assertThat(s.event()).isEqualTo(SyncEvent.CERTIFICATE_REVOKED);
                assertThat(s.revocationReason()).isEqualTo(name);
                assertThat(s.sealPng()).isNull();
              });
      assertThat(optionsOf(c).state()).isEqualTo(CertificateState.REVOKED);
      assertThat(lifecycle.carryOut(order.id()).order().status()).isEqualTo(OrderStatus.REVOKED);
      assertThat(synced).hasSize(1);
    }

    @Test
    void a_revocation_whose_order_step_failed_is_finished_by_recovery_once() {
      HeldCertificate c = held(NOW.plus(Duration.ofDays(200)));
      Order order = approve(startRevocation(c, RevocationChoice.OTHER));
      ca.revoke(
          c.caName(),
          c.serialHex(),
          RevocationReason.UNSPECIFIED); // as if the first attempt stopped after revoking

      assertThat(lifecycle.recover()).isEmpty();

      assertThat(repository.find(order.id()).orElseThrow().status()).isEqualTo(OrderStatus.REVOKED);
      assertThat(ca.revocations).hasSize(1);
      assertThat(synced).hasSize(1);
    }
  }

  /** 双证书 (issue 18): an organization with an SM2 and an ECDSA certificate issued together. */
  @Nested
  class DualCertificates {

    @Test
    void a_renewal_renews_both_from_their_own_cas_with_one_validity_and_two_messages() {
      HeldCertificate old = held(Instant.parse("2027-08-01T04:00:00Z"));
      CertificateRef oldSecond = ca.issuedSecond(old.issuingOrderId());
      Order order = approve(renew(old));

      CertificateRef made = lifecycle.carryOut(order.id()).newCertificate().orElseThrow();

      CertificateRef pair = ca.findSecond(order.id()).orElseThrow();
      assertThat(pair.caName()).isEqualTo("ecdsa-issuing");
      assertThat(pair.notAfter())
          .isEqualTo(made.notAfter())
          .isEqualTo(Instant.parse("2028-08-01T04:00:00Z"));
      assertThat(ca.keyOfCertificate.get(pair.serialHex()))
          .isEqualTo(IssuanceService.secondKeyAlias(order.id()));
      assertThat(ca.seals).containsKeys(made.serialHex(), pair.serialHex());
      // (the fake CA answers every certificate with one PEM: the messages are counted)
      assertThat(synced)
          .extracting(CertificateSync::event)
          .containsExactly(SyncEvent.CERTIFICATE_RENEWED, SyncEvent.CERTIFICATE_RENEWED);
      assertThat(ca.revocations).isEmpty();
      assertThat(ca.all(order.id())).containsExactly(made, pair);
      assertThat(oldSecond.serialHex()).isNotEqualTo(pair.serialHex());

      lifecycle.carryOut(order.id());
      assertThat(synced).hasSize(2);
    }

    @Test
    void a_revocation_revokes_both_with_the_reason_and_tells_the_channel_of_both() {
      HeldCertificate c = held(NOW.plus(Duration.ofDays(200)));
      CertificateRef second = ca.issuedSecond(c.issuingOrderId());
      Order order =
          approve(
              lifecycle.startRevocation(
                  proof,
                  "demo",
                  c.caName(),
                  c.serialHex(),
                  RevocationChoice.KEY_COMPROMISE,
                  EnterpriseVerificationDetails.legalRepMobile("13700137003")));

      assertThat(lifecycle.carryOut(order.id()).order().status()).isEqualTo(OrderStatus.REVOKED);

      assertThat(ca.revocations).containsExactly(c.serialHex() + ":1", second.serialHex() + ":1");
      assertThat(synced)
          .hasSize(2)
          .allSatisfy(
              s -> {
                assertThat(s.event()).isEqualTo(SyncEvent.CERTIFICATE_REVOKED);
                assertThat(s.revocationReason()).isEqualTo("keyCompromise");
              });
      assertThat(repository.find(order.id()).orElseThrow().history())
          .anySatisfy(
              h ->
                  assertThat(h.note() == null ? java.util.List.<String>of() : h.note().args())
                      .contains(second.serialHex()));
    }

    @Test
    void without_a_second_certificate_nothing_changes() {
      HeldCertificate c = held(NOW.plus(Duration.ofDays(200)));
      Order order =
          approve(
              lifecycle.startRevocation(
                  proof,
                  "demo",
                  c.caName(),
                  c.serialHex(),
                  RevocationChoice.OTHER,
                  EnterpriseVerificationDetails.legalRepMobile("13700137003")));

      lifecycle.carryOut(order.id());

      assertThat(ca.revocations).containsExactly(c.serialHex() + ":0");
      assertThat(synced).hasSize(1);
    }
  }
}
