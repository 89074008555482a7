package cn.certhall.app;

import static cn.certhall.domain.order.OrderStatus.APPLICATION_SIGNED;
import static cn.certhall.domain.order.OrderStatus.APPROVED;
import static cn.certhall.domain.order.OrderStatus.ISSUED;
import static cn.certhall.domain.order.OrderStatus.REJECTED;
import static cn.certhall.domain.order.OrderStatus.WAITING_FOR_REVIEW;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.certhall.app.TestDatabases.Kind;
import cn.certhall.app.audit.AuditingIssuanceLedger;
import cn.certhall.app.audit.AuditingKeyStore;
import cn.certhall.app.ca.CaRegistry;
import cn.certhall.app.channel.RepositoryChannelOutbox;
import cn.certhall.app.issuance.CaHostedCertificateIssuer;
import cn.certhall.app.persistence.CertificateRepository;
import cn.certhall.app.persistence.ChannelDeliveryRepository;
import cn.certhall.app.persistence.ChannelRepository;
import cn.certhall.app.persistence.JdbcAuditLog;
import cn.certhall.app.persistence.JdbcIssuanceLedger;
import cn.certhall.app.persistence.JdbcNotificationOutbox;
import cn.certhall.app.persistence.JdbcOrderCertificates;
import cn.certhall.app.persistence.JdbcReviewClaims;
import cn.certhall.app.persistence.JdbcReviewQueue;
import cn.certhall.app.persistence.SealRepository;
import cn.certhall.app.persistence.SealTaskRepository;
import cn.certhall.app.sealmaking.SealMakers;
import cn.certhall.app.sealmaking.SealService;
import cn.certhall.app.sealmaking.SealServiceTest;
import cn.certhall.documents.outside.PdfLimits;
import cn.certhall.domain.audit.AuditEntry;
import cn.certhall.domain.audit.AuditVerification;
import cn.certhall.domain.calendar.ReviewDeadline;
import cn.certhall.domain.calendar.WorkingCalendar;
import cn.certhall.domain.certificate.CertificateRules;
import cn.certhall.domain.channel.ChannelSync;
import cn.certhall.domain.issuance.CertificateChain;
import cn.certhall.domain.issuance.HostedCertificateIssuer;
import cn.certhall.domain.issuance.IssuanceService;
import cn.certhall.domain.issuance.OrganizationSeals;
import cn.certhall.domain.notification.Notifications;
import cn.certhall.domain.order.BusinessType;
import cn.certhall.domain.order.HistoryNote;
import cn.certhall.domain.order.MoveNotAllowedException;
import cn.certhall.domain.order.Order;
import cn.certhall.domain.order.OrderService;
import cn.certhall.domain.order.OrderStatus;
import cn.certhall.domain.order.StatusChange;
import cn.certhall.domain.review.ClaimNotHeldException;
import cn.certhall.domain.review.RejectionReason;
import cn.certhall.domain.review.ReviewClaims.Claim;
import cn.certhall.domain.review.ReviewQueue;
import cn.certhall.domain.review.ReviewService;
import cn.certhall.pki.ExternalTool;
import cn.certhall.pki.KeyAlgorithm;
import cn.certhall.pki.PemFiles;
import cn.certhall.pki.TestHierarchy;
import cn.certhall.pki.issuance.CertificateAuthority;
import cn.certhall.pki.issuance.CertificateRef;
import cn.certhall.pki.issuance.SerialNumberGenerator;
import cn.certhall.pki.issuance.Validity;
import cn.certhall.pki.keystore.SigningKeyStore;
import cn.certhall.pki.keystore.SoftwareKeyStore;
import java.math.BigInteger;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Review and issuance on approval as the app wires them (JDBC, the real engine, the audit log), on
 * H2 and PostgreSQL: reject, correct and resubmit, approve and issue; one claim per order; one
 * certificate per order under doubled approvals; an issuance interrupted after the approval is
 * finished by the recovery.
 */
class ReviewFlowTest {
  static final String REVIEWER = "li.shen";
  static final int THREADS = 6;

  @TempDir static Path keysDir;
  @TempDir Path dir;

  /**
   * One store and one CA hierarchy for all tests (keys are slow to make); hosted keys are per
   * order.
   */
  static SoftwareKeyStore store;

  static TestHierarchy hierarchy;

  @BeforeAll
  static void hierarchy() {
    store = SoftwareKeyStore.open(keysDir.resolve("keys"), "review-test".toCharArray(), true);
    hierarchy = TestHierarchy.create(KeyAlgorithm.EC_P256, store);
  }

  @AfterAll
  static void closeStore() {
    store.close();
  }

  /** Where a process is killed in the tests: before signing, or after signing before the seal. */
  enum Step {
    SIGNING,
    SEAL,
    CHANNEL_SYNC
  }

  /**
   * Fails the first {@code failures} issuances at {@code step}, as a process killed after the
   * approval would: before the certificate is signed, after it was signed (the seal), or after the
   * seal (the chain for the channel).
   */
  static final class Interrupting implements HostedCertificateIssuer, OrganizationSeals {
    final HostedCertificateIssuer issuer;
    final OrganizationSeals seals;
    final Step step;
    final AtomicInteger failures;

    Interrupting(HostedCertificateIssuer issuer, OrganizationSeals seals, Step step, int failures) {
      this.issuer = issuer;
      this.seals = seals;
      this.step = step;
      this.failures = new AtomicInteger(failures);
    }

    void at(Step here) {
      if (step == here && failures.getAndDecrement() > 0) {
        throw new IllegalStateException("killed between approval and issuance, at " + here);
      }
    }

    @Override
    public String family() {
      return issuer.family();
    }

    @Override
    public void ensureHostedKey(String keyAlias) {
      issuer.ensureHostedKey(keyAlias);
    }

    @Override
    public CertificateChain certificate(CertificateRef certificate) {
      at(Step.CHANNEL_SYNC);
      return issuer.certificate(certificate);
    }

    @Override
    public Optional<byte[]> sealFor(CertificateRef certificate, byte[] collectionForm) {
      Optional<byte[]> png = seals.sealFor(certificate, collectionForm);
      at(Step.SEAL);
      return png;
    }

    @Override
    public CertificateRef issueOrganizationCertificate(
        String keyAlias, String organizationName, String creditCode, Validity validity) {
      at(Step.SIGNING);
      return issuer.issueOrganizationCertificate(keyAlias, organizationName, creditCode, validity);
    }
  }

  record Setup(
      JdbcClient jdbc,
      OrderService orders,
      ReviewService review,
      IssuanceService issuance,
      JdbcAuditLog audit,
      TestHierarchy ca,
      Map<String, byte[]> collectionForms) {
    /** Certificates, seals, channel records and webhook deliveries of the order, in that order. */
    List<Long> made(String orderId) {
      return List.of(
          count("SELECT COUNT(*) FROM certificate WHERE profile = 'ORGANIZATION'"),
          count(
              "SELECT COUNT(*) FROM seal s JOIN order_certificate o"
                  + " ON o.ca_name = s.ca_name AND o.serial = s.certificate_serial WHERE o.order_id = ?",
              orderId),
          count("SELECT COUNT(*) FROM channel_certificate WHERE order_id = ?", orderId),
          count("SELECT COUNT(*) FROM channel_delivery WHERE order_id = ?", orderId));
    }

    long count(String sql, Object... params) {
      return jdbc.sql(sql).params(params).query(Long.class).single();
    }

    /** A new order walked to 等待审核. */
    Order waiting() {
      return waiting(OrderApplications.CREDIT_CODE);
    }

    Order waiting(String creditCode) {
      Order order =
          orders.start(
              BusinessType.NEW_UNIT_CERTIFICATE,
              "channel-7",
              OrderApplications.transfer(creditCode));
      for (OrderStatus to :
          List.of(
              OrderStatus.VERIFIED,
              OrderStatus.CONFIRMED,
              OrderStatus.AUTHORIZATION_CODE_ENTERED,
              OrderStatus.MATERIALS_UPLOADED,
              APPLICATION_SIGNED,
              OrderStatus.PAID,
              WAITING_FOR_REVIEW)) {
        orders.move(order.id(), to, HistoryNote.text("test set-up"));
      }
      return orders.find(order.id()).orElseThrow();
    }
  }

  Setup setup(Kind kind, int interruptedIssuances) {
    return setup(kind, Step.SIGNING, interruptedIssuances);
  }

  Setup setup(Kind kind, Step step, int interruptedIssuances) {
    DataSource ds = TestDatabases.fresh(kind).migrated();
    JdbcClient jdbc = JdbcClient.create(ds);
    PlatformTransactionManager tm = new DataSourceTransactionManager(ds);
    Clock clock = Clock.systemUTC();
    JdbcAuditLog audit = new JdbcAuditLog(jdbc, new TransactionTemplate(tm), clock);
    SigningKeyStore keys = new AuditingKeyStore(store, audit);
    CertificateAuthority issuing =
        CertificateAuthority.load(
            hierarchy.issuing().name(),
            hierarchy.issuing().certificateDer(),
            keys,
            hierarchy.issuing().keyAlias(),
            TestHierarchy.urls(hierarchy.issuing().name(), true),
            new AuditingIssuanceLedger(new JdbcIssuanceLedger(jdbc), audit),
            new SerialNumberGenerator());
    TestHierarchy ca = new TestHierarchy(hierarchy.root(), issuing);
    OrderConfiguration config = new OrderConfiguration();
    OrderService orders = config.orderService(config.orderRepository(jdbc, tm), tm, clock, audit);
    CertificateRepository certificates = new CertificateRepository(jdbc);
    SealRepository sealRows = new SealRepository(jdbc);
    SealService seals =
        new SealService(
            CaRegistry.of(ca.root(), issuing),
            certificates,
            sealRows,
            new SealMakers(keys, sealRows, "certhall", clock),
            keys,
            new SealTaskRepository(jdbc),
            audit,
            clock,
            PdfLimits.DEFAULT);
    ChannelRepository channels = new ChannelRepository(jdbc);
    jdbc.sql(
            "INSERT INTO channel (id, name, enabled, created_at)"
                + " VALUES ('channel-7', '测试云平台', TRUE, CURRENT_TIMESTAMP)")
        .update();
    channels.setWebhook("channel-7", "http://127.0.0.1:9/hook", new byte[] {1});
    Map<String, byte[]> forms = new ConcurrentHashMap<>();
    Interrupting interrupting =
        new Interrupting(
            new CaHostedCertificateIssuer(
                keys,
                ca.issuing(),
                CaHostedCertificateIssuer.chainOf(ca.issuing(), List.of(ca.root(), ca.issuing())),
                certificates),
            seals,
            step,
            interruptedIssuances);
    IssuanceService issuance =
        new IssuanceService(
            orders,
            new JdbcOrderCertificates(jdbc, clock),
            interrupting,
            interrupting,
            orderId -> Optional.ofNullable(forms.get(orderId)),
            new ChannelSync(
                new RepositoryChannelOutbox(channels, new ChannelDeliveryRepository(jdbc)), clock),
            new Notifications(new JdbcNotificationOutbox(jdbc), clock),
            OrderConfiguration.transactions(tm),
            new CertificateRules(clock, CertificateRules.CHINA_TIME));
    ReviewService review =
        new ReviewService(
            orders,
            new JdbcReviewClaims(jdbc, tm),
            new Notifications(new JdbcNotificationOutbox(jdbc), clock),
            issuance,
            orderId -> {
              throw new IllegalStateException("only new-certificate orders here");
            },
            audit,
            OrderConfiguration.transactions(tm),
            clock,
            Duration.ofMinutes(30));
    return new Setup(jdbc, orders, review, issuance, audit, ca, forms);
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void aRejectedOrderIsCorrectedResubmittedApprovedAndIssued(Kind kind) throws Exception {
    Setup s = setup(kind, 0);
    Order order = s.waiting();

    s.review.claim(order.id(), REVIEWER);
    Order rejected =
        s.review.reject(order.id(), REVIEWER, RejectionReason.UNCLEAR_PHOTO, "营业执照照片模糊");

    assertThat(rejected.status()).isEqualTo(REJECTED);
    assertThat(rejected.history().get(rejected.history().size() - 1).note())
        .isEqualTo(HistoryNote.of("history.review.rejected.UNCLEAR_PHOTO.text", "营业执照照片模糊"));
    assertThatThrownBy(() -> s.review.claim(order.id(), REVIEWER))
        .isInstanceOf(MoveNotAllowedException.class);

    // the handler corrects the same order and signs again; it is waiting again, history kept
    s.orders.changeApplication(
        order.id(), OrderApplications.bankCard(OrderApplications.CREDIT_CODE));
    s.orders.move(order.id(), APPLICATION_SIGNED, HistoryNote.text("test set-up"));
    Order resubmitted =
        s.orders.move(order.id(), WAITING_FOR_REVIEW, HistoryNote.text("test set-up"));
    assertThat(resubmitted.history())
        .extracting(StatusChange::to)
        .containsSubsequence(WAITING_FOR_REVIEW, REJECTED, APPLICATION_SIGNED, WAITING_FOR_REVIEW);

    s.collectionForms.put(order.id(), SealServiceTest.form(true));
    s.review.claim(order.id(), REVIEWER);
    ReviewService.Approval approval = s.review.approve(order.id(), REVIEWER);

    CertificateRef ref = approval.certificate().orElseThrow();
    // with the certificate: the seal from the collection form's impression, and the channel's sync
    assertThat(s.made(order.id())).containsExactly(1L, 1L, 1L, 1L);
    assertThat(
            s.jdbc
                .sql("SELECT source FROM seal WHERE certificate_serial = ?")
                .param(ref.serialHex())
                .query(String.class)
                .single())
        .isEqualTo("COLLECTION_FORM");
    String sync =
        new String(
            s.jdbc
                .sql("SELECT body FROM channel_certificate WHERE order_id = ?")
                .param(order.id())
                .query((rs, n) -> rs.getBytes(1))
                .single(),
            java.nio.charset.StandardCharsets.UTF_8);
    assertThat(sync.contains("\"seal\":{\"mediaType\":\"image/png\""))
        .as("seal in the sync")
        .isTrue();
    assertThat(sync.contains("\"event\":\"certificate.issued\"")).as("event of the sync").isTrue();
    assertThat(sync.contains(ref.serialHex())).as("serial in the sync").isTrue();
    assertThat(s.orders.find(order.id()).orElseThrow().status()).isEqualTo(ISSUED);
    ZonedDateTime from = ref.notBefore().atZone(CertificateRules.CHINA_TIME);
    assertThat(ref.notAfter()).isEqualTo(from.plusYears(1).toInstant());
    CertificateRepository.StoredCertificate stored =
        new CertificateRepository(s.jdbc)
            .find(ref.caName(), new BigInteger(ref.serialHex(), 16))
            .orElseThrow();
    assertThat(stored.status()).isEqualTo(CertificateRepository.Status.GOOD);
    assertThat(stored.subject()).contains("NTRCN-" + OrderApplications.CREDIT_CODE);

    ExternalTool.require("openssl");
    Path root = PemFiles.write(dir, "root.pem", s.ca.root().certificateDer());
    Path issuing = PemFiles.write(dir, "issuing.pem", s.ca.issuing().certificateDer());
    Path leaf = PemFiles.write(dir, "leaf.pem", stored.der());
    ExternalTool.Result verify =
        ExternalTool.run(
            "openssl",
            "verify",
            "-CAfile",
            root.toString(),
            "-untrusted",
            issuing.toString(),
            leaf.toString());
    assertThat(verify.output()).contains(": OK");
    assertThat(verify.exitCode()).isZero();

    // the handler hears both results, in Chinese, by SMS and email
    List<String> bodies =
        s.jdbc
            .sql(
                "SELECT channel || ':' || body FROM notification_outbox WHERE order_id = ? ORDER BY id")
            .param(order.id())
            .query(String.class)
            .list();
    assertThat(bodies).hasSize(4);
    assertThat(bodies.get(0)).startsWith("SMS:").contains("审核未通过", "上传的照片不清晰", "我的订单");
    assertThat(bodies.get(1)).startsWith("EMAIL:").contains("原因：上传的照片不清晰");
    assertThat(bodies.get(2)).startsWith("SMS:").contains("审核通过", order.id());
    // issue 16, point 8: queued with the certificate, so it says the certificate was issued
    assertThat(bodies.get(2)).contains("证书已签发", ref.serialHex()).doesNotContain("正在签发");
    assertThat(bodies.get(3)).startsWith("EMAIL:").contains("证书已签发", "has been issued");

    // every step is in the intact audit log
    assertThat(new AuditVerification(s.audit).verify().intact()).isTrue();
    assertThat(s.audit.about(order.id()))
        .extracting(AuditEntry::action)
        .contains("REVIEW_CLAIMED", "REVIEW_REJECTED", "REVIEW_APPROVED", "ORDER_STATUS_CHANGED");
    assertThat(s.audit.about(ref.caName() + "/" + ref.serialHex()))
        .extracting(AuditEntry::action)
        .containsExactly("CERTIFICATE_ISSUED");
    assertThat(s.audit.about(IssuanceService.hostedKeyAlias(order.id())))
        .extracting(AuditEntry::action)
        .containsExactly("KEY_GENERATED");
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void twoReviewersNeverHoldOneOrder(Kind kind) throws Exception {
    Setup s = setup(kind, 0);
    Order order = s.waiting();

    List<Claim> claims = race(i -> s.review.claim(order.id(), "reviewer-" + i));

    Set<String> holders = claims.stream().map(Claim::reviewer).collect(Collectors.toSet());
    assertThat(holders).hasSize(1);
    String holder = holders.iterator().next();
    String other = holder.equals("reviewer-0") ? "reviewer-1" : "reviewer-0";
    assertThatThrownBy(() -> s.review.approve(order.id(), other))
        .isInstanceOfSatisfying(
            ClaimNotHeldException.class, e -> assertThat(e.holder()).isEqualTo(holder));
    assertThat(s.orders.find(order.id()).orElseThrow().status()).isEqualTo(WAITING_FOR_REVIEW);
    assertThat(s.review.approve(order.id(), holder).certificate()).isPresent();
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void concurrentApprovalsOfOneOrderIssueExactlyOneCertificate(Kind kind) throws Exception {
    Setup s = setup(kind, 0);
    Order order = s.waiting();
    s.review.claim(order.id(), REVIEWER);

    // the reviewer's approval arrives twice at once, and the issuance is retried meanwhile
    List<Object> outcomes =
        race(
            i -> {
              try {
                return i % 2 == 0
                    ? s.review.approve(order.id(), REVIEWER).certificate().orElse(null)
                    : s.issuance.issue(order.id());
              } catch (RuntimeException refused) {
                return refused.getClass().getSimpleName();
              }
            });

    assertThat(s.count("SELECT COUNT(*) FROM certificate WHERE profile = 'ORGANIZATION'")).isOne();
    assertThat(s.count("SELECT COUNT(*) FROM order_certificate WHERE order_id = ?", order.id()))
        .isOne();
    CertificateRef issued = s.issuance.issue(order.id());
    // one certificate, one seal, one channel record, one webhook delivery
    assertThat(s.made(order.id())).containsExactly(1L, 1L, 1L, 1L);
    assertThat(outcomes.stream().filter(CertificateRef.class::isInstance).toList())
        .isNotEmpty()
        .allSatisfy(ref -> assertThat(ref).isEqualTo(issued));
    assertThat(s.orders.find(order.id()).orElseThrow().status()).isEqualTo(ISSUED);
    assertThat(
            s.count(
                "SELECT COUNT(*) FROM order_status_change WHERE order_id = ? AND to_status = 'APPROVED'",
                order.id()))
        .isOne();
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void theDatabaseRefusesASecondCertificateForAnOrder(Kind kind) {
    Setup s = setup(kind, 0);
    Order order = s.waiting();
    s.review.claim(order.id(), REVIEWER);
    CertificateRef first = s.review.approve(order.id(), REVIEWER).certificate().orElseThrow();
    CertificateRef other =
        new CaHostedCertificateIssuer(
                store, s.ca.issuing(), List.of(), new CertificateRepository(s.jdbc))
            .issueOrganizationCertificate(
                IssuanceService.hostedKeyAlias(order.id()),
                "别的公司",
                OrderApplications.OTHER_CREDIT_CODE,
                new Validity(first.notBefore(), first.notAfter()));

    assertThatThrownBy(
            () ->
                s.jdbc
                    .sql(
                        "INSERT INTO order_certificate (order_id, ca_name, serial, linked_at)"
                            + " VALUES (?, ?, ?, CURRENT_TIMESTAMP)")
                    .params(order.id(), other.caName(), other.serialHex())
                    .update())
        .isInstanceOf(org.springframework.dao.DuplicateKeyException.class);
  }

  static List<org.junit.jupiter.params.provider.Arguments> databasesAndSteps() {
    List<org.junit.jupiter.params.provider.Arguments> all = new ArrayList<>();
    for (Kind kind : Kind.values()) {
      for (Step step : Step.values()) {
        all.add(org.junit.jupiter.params.provider.Arguments.of(kind, step));
      }
    }
    return all;
  }

  /**
   * Killed before signing, after signing (at the seal) or after the seal (at the channel sync):
   * nothing of the issuance stays, the order is still approved, and the recovery makes one of each.
   */
  @ParameterizedTest
  @org.junit.jupiter.params.provider.MethodSource("databasesAndSteps")
  void anIssuanceInterruptedAfterTheApprovalIsFinishedByTheRecovery(Kind kind, Step step) {
    Setup s = setup(kind, step, 1);
    Order order = s.waiting();
    s.review.claim(order.id(), REVIEWER);

    ReviewService.Approval approval = s.review.approve(order.id(), REVIEWER);

    assertThat(approval.certificate()).isEmpty();
    assertThat(approval.issuanceProblem()).hasMessageContaining("killed");
    assertThat(s.orders.find(order.id()).orElseThrow().status()).isEqualTo(APPROVED);
    assertThat(s.count("SELECT COUNT(*) FROM certificate WHERE profile = 'ORGANIZATION'")).isZero();
    assertThat(s.made(order.id())).containsExactly(0L, 0L, 0L, 0L);

    // the restart's recovery
    assertThat(s.issuance.recover()).isEmpty();

    assertThat(s.orders.find(order.id()).orElseThrow().status()).isEqualTo(ISSUED);
    assertThat(s.count("SELECT COUNT(*) FROM order_certificate WHERE order_id = ?", order.id()))
        .isOne();
    assertThat(s.made(order.id())).containsExactly(1L, 1L, 1L, 1L);
    // the hosted key of the first attempt was kept and used: generated once
    assertThat(s.audit.about(IssuanceService.hostedKeyAlias(order.id()))).hasSize(1);
    assertThat(s.issuance.recover()).isEmpty();
    s.issuance.issue(order.id());
    assertThat(s.made(order.id())).containsExactly(1L, 1L, 1L, 1L);
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void theQueueListsWaitingOrdersOldestFirstWithDeadlineAndClaim(Kind kind) {
    Setup s = setup(kind, 0);
    Order older = s.waiting(OrderApplications.CREDIT_CODE);
    Order newer = s.waiting(OrderApplications.OTHER_CREDIT_CODE);
    ReviewDeadline days =
        new ReviewDeadline(WorkingCalendar.china2026(), CertificateRules.CHINA_TIME);
    ReviewQueue queue = new ReviewQueue(new JdbcReviewQueue(s.jdbc), days, Clock.systemUTC());
    s.review.claim(newer.id(), REVIEWER);

    List<ReviewQueue.Item> items = queue.items(50);

    assertThat(items).extracting(ReviewQueue.Item::orderId).containsExactly(older.id(), newer.id());
    assertThat(items).extracting(ReviewQueue.Item::claimedBy).containsExactly(null, REVIEWER);
    ReviewQueue.Item first = items.get(0);
    assertThat(first.submittedAt()).isEqualTo(older.updatedAt());
    assertThat(first.deadline()).isEqualTo(days.decisionDue(older.updatedAt()));
    assertThat(first.overdue()).isFalse();

    s.review.approve(newer.id(), REVIEWER);
    assertThat(queue.items(50)).extracting(ReviewQueue.Item::orderId).containsExactly(older.id());
  }

  interface Task<T> {
    T run(int i) throws Exception;
  }

  /** Runs {@link #THREADS} tasks released at the same moment; their results in thread order. */
  @SuppressWarnings("unchecked")
  static <T> List<T> race(Task<? extends T> task) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(THREADS);
    CountDownLatch start = new CountDownLatch(1);
    List<Future<T>> futures = new ArrayList<>();
    for (int t = 0; t < THREADS; t++) {
      int i = t;
      futures.add(
          pool.submit(
              (Callable<T>)
                  () -> {
                    start.await();
                    return task.run(i);
                  }));
    }
    start.countDown();
    List<T> results = new ArrayList<>();
    for (Future<T> f : futures) {
      results.add(f.get());
    }
    pool.shutdown();
    return results;
  }
}
