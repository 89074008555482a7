package cn.certhall.domain.sealing;

import static org.assertj.core.api.Assertions.assertThat;

import cn.certhall.domain.audit.AuditAction;
import cn.certhall.domain.audit.AuditEvent;
import cn.certhall.domain.order.Transactions;
import cn.certhall.domain.verification.MutableClock;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** The steps of cloud sealing on its ports in memory. */
class CloudSealingFlowTest {
  static final String ADMIN = "13900139002";
  static final String STRANGER = "13700137003";
  static final String CHANNEL = "ch-1";
  static final String CODE = "91350100M000100Y43";
  static final String PIN = "204816";
  static final byte[] PDF = "%PDF-1.7 a contract".getBytes(StandardCharsets.US_ASCII);
  static final SigningRequests.Placement AT =
      new SigningRequests.Placement(1, 100.0, 200.0, null, 119.0);

  final MutableClock clock = new MutableClock(Instant.parse("2026-12-07T02:00:00Z"));
  final MemoryRequests requests = new MemoryRequests();
  final FakeHolders holders = new FakeHolders();
  final FakeSealer sealer = new FakeSealer();
  final List<String> notices = new ArrayList<>();
  final FakeTransactions transactions = new FakeTransactions();
  final List<AuditEvent> audit = new ArrayList<>();
  final PinGuardTest.MemoryPinStore pinStore = new PinGuardTest.MemoryPinStore();
  final PinGuard pins = new PinGuard(pinStore, new PinGuardTest.CountingHasher(), clock);
  final CloudSealingFlow flow =
      new CloudSealingFlow(
          requests,
          holders,
          sealer,
          (request, holding, signed, now) -> {
            assertThat(transactions.depth)
                .as("told in the transaction that stores it")
                .isEqualTo(1);
            notices.add(request.id() + " " + holding.serial().toString(16));
          },
          pins,
          event -> {
            assertThat(transactions.depth).as("audited in the step's transaction").isEqualTo(1);
            audit.add(event);
          },
          transactions,
          clock,
          new CloudSealingFlow.Settings("https://hall.example.cn/", 1000, Duration.ofMinutes(10)));

  CloudSealingFlowTest() {
    pins.setFirst(ADMIN, PIN, PIN);
  }

  // ---- create ------------------------------------------------------------------------------

  @Test
  void createStoresTheRequestWithTheTokensHashAndAuditsIt() {
    CloudSealingFlow.Creation.Created created = created();

    assertThat(created.link()).startsWith("https://hall.example.cn/seal-app/s/");
    String token = created.link().substring(created.link().lastIndexOf('/') + 1);
    SigningRequests.NewRequest row = requests.rows.get(created.request().id());
    assertThat(row.tokenHash())
        .isEqualTo(CloudSealingFlow.sha256Hex(token.getBytes(StandardCharsets.US_ASCII)));
    assertThat(row.tokenHash()).doesNotContain(token);
    assertThat(row.expiresAt()).isEqualTo(clock.instant().plus(Duration.ofMinutes(10)));
    assertThat(row.algorithm()).isEqualTo("SM2");
    assertThat(row.fileName()).isEqualTo("a_b.pdf");
    assertThat(created.request().status()).isEqualTo(SigningRequest.Status.WAITING);
    assertThat(audit).extracting(AuditEvent::action).containsExactly(AuditAction.SIGNING_REQUESTED);
    assertThat(audit.get(0).details()).doesNotContain(token);
  }

  @Test
  void createRefusesBadInputWithACodeAndStoresNothing() {
    assertThat(refused(new byte[0], CODE, null)).isEqualTo("empty_document");
    assertThat(refused(new byte[1001], CODE, null)).isEqualTo("document_too_large");
    assertThat(refused(PDF, "91350100M000100Y99", null)).isEqualTo("unknown_organization");
    assertThat(refused(PDF, CODE, "ECDSA")).isEqualTo("no_certificate_of_algorithm");
    sealer.problem = new DocumentSealer.Problem("encrypted", "PDF 文件已加密，请上传未加密的文件。");
    assertThat(refused(PDF, CODE, null)).isEqualTo("encrypted");
    assertThat(requests.rows).isEmpty();
    assertThat(audit).isEmpty();
  }

  @Test
  void createSealsWithTheSecondCertificateOfTheFamilyAskedFor() {
    holders.second =
        new SealHolders.Holding("O1", CHANNEL, CODE, "福州测试有限公司", "ecdsa-ca", BigInteger.TWO);
    CloudSealingFlow.Creation creation =
        flow.create(
            new CloudSealingFlow.NewSigningRequest(CHANNEL, CODE, "x.pdf", PDF, AT, "ECDSA"));
    assertThat(creation).isInstanceOf(CloudSealingFlow.Creation.Created.class);
    assertThat(requests.rows.values())
        .extracting(SigningRequests.NewRequest::algorithm)
        .containsExactly("ECDSA");
  }

  // ---- open --------------------------------------------------------------------------------

  @Test
  void theFirstRightfulOpeningClaimsTheLink() {
    String token = token(created());

    CloudSealingFlow.Opened opened = flow.open(token, ADMIN).orElseThrow();

    assertThat(opened.refusal()).isNull();
    assertThat(opened.request().claimedBy()).isEqualTo(ADMIN);
    SigningRequests.Placement placement =
        flow.view(opened.request().id(), ADMIN).orElseThrow().placement();
    assertThat(placement.atText()).isFalse();
    assertThat(List.of(placement.page(), placement.xMillimetres(), placement.yMillimetres()))
        .containsExactly(1, 35L, 71L);
    assertThat(flow.document(opened.request().id(), STRANGER)).isEmpty();
  }

  @Test
  void someoneElsesOpeningIsRefusedAuditedAndLeavesTheLinkUnclaimed() {
    CloudSealingFlow.Creation.Created created = created();
    audit.clear();

    CloudSealingFlow.Opened opened = flow.open(token(created), STRANGER).orElseThrow();

    assertThat(opened.refusal()).isEqualTo(SealingRefusal.OTHER_ORGANIZATION);
    assertThat(requests.find(created.request().id()).orElseThrow().claimedBy()).isNull();
    assertThat(audit)
        .extracting(AuditEvent::action, AuditEvent::details)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(AuditAction.SEALING_REFUSED, "OTHER_ORGANIZATION"));
    assertThat(flow.open(token(created), ADMIN).orElseThrow().refusal()).isNull();
  }

  @Test
  void anUnknownOrMalformedTokenOpensNothing() {
    created();
    assertThat(flow.open("x".repeat(43), ADMIN)).isEmpty();
    assertThat(flow.open("not a token", ADMIN)).isEmpty();
    assertThat(flow.open(null, ADMIN)).isEmpty();
  }

  // ---- expire ------------------------------------------------------------------------------

  @Test
  void aRequestPastItsLifetimeIsRefusedAsExpired() {
    String token = token(created());
    clock.advance(Duration.ofMinutes(10));

    assertThat(flow.open(token, ADMIN).orElseThrow().refusal())
        .isEqualTo(SealingRefusal.REQUEST_EXPIRED);
    assertThat(requests.rows.values().iterator().next()).isNotNull();
    assertThat(audit).extracting(AuditEvent::details).contains("REQUEST_EXPIRED");
  }

  @Test
  void aClaimedRequestThatExpiresBeforeThePinIsNotSealed() {
    String id = opened();
    clock.advance(Duration.ofMinutes(11));

    CloudSealingFlow.Outcome outcome = flow.seal(id, ADMIN, PIN);

    assertThat(outcome.refusal()).isEqualTo(SealingRefusal.REQUEST_EXPIRED);
    assertThat(sealer.sealed).isZero();
    assertThat(pinStore.pins.get(ADMIN).wrongTries()).as("no PIN try is spent").isZero();
  }

  // ---- seal --------------------------------------------------------------------------------

  @Test
  void theRightPinSealsStoresOnceTellsTheChannelAndAudits() {
    String id = opened();
    audit.clear();

    CloudSealingFlow.Outcome outcome = flow.seal(id, ADMIN, PIN);

    assertThat(outcome.sealed()).isTrue();
    assertThat(requests.signed.get(id)).startsWith("sealed:".getBytes(StandardCharsets.US_ASCII));
    assertThat(requests.authorizations.get(id))
        .asString(StandardCharsets.UTF_8)
        .startsWith("signed by personal-key: certhall seal authorization\n" + id + "\n");
    assertThat(notices).containsExactly(id + " 1");
    assertThat(audit).extracting(AuditEvent::action).containsExactly(AuditAction.DOCUMENT_SEALED);
    assertThat(audit.get(0).actor().id()).doesNotContain(ADMIN);

    CloudSealingFlow.Outcome again = flow.seal(id, ADMIN, PIN);
    assertThat(again.refusal()).isEqualTo(SealingRefusal.LINK_USED);
    assertThat(sealer.sealed).isEqualTo(1);
    assertThat(notices).hasSize(1);
  }

  @Test
  void aWrongPinIsRefusedWithTheTriesLeftAndTheFifthLocksIt() {
    String id = opened();
    audit.clear();

    CloudSealingFlow.Outcome wrong = flow.seal(id, ADMIN, "975310");
    assertThat(wrong.refusal()).isEqualTo(SealingRefusal.PIN_WRONG);
    assertThat(wrong.triesLeft()).isEqualTo(4);
    for (int i = 0; i < 3; i++) {
      flow.seal(id, ADMIN, "975310");
    }
    CloudSealingFlow.Outcome locked = flow.seal(id, ADMIN, "975310");
    assertThat(locked.refusal()).isEqualTo(SealingRefusal.PIN_LOCKED);
    assertThat(flow.seal(id, ADMIN, PIN).refusal()).isEqualTo(SealingRefusal.PIN_LOCKED);

    assertThat(audit).extracting(AuditEvent::action).containsOnlyOnce(AuditAction.SEAL_PIN_LOCKED);
    assertThat(audit)
        .filteredOn(e -> e.action() == AuditAction.SEALING_REFUSED)
        .extracting(AuditEvent::details)
        .containsExactly(
            "PIN_WRONG", "PIN_WRONG", "PIN_WRONG", "PIN_WRONG", "PIN_LOCKED", "PIN_LOCKED");
    assertThat(sealer.sealed).isZero();
    assertThat(requests.signed).isEmpty();
  }

  @Test
  void aFailedSealingGivesItsMessageAndStoresNothing() {
    String id = opened();
    sealer.failure = "failed";

    CloudSealingFlow.Outcome outcome = flow.seal(id, ADMIN, PIN);

    assertThat(outcome.failure()).isEqualTo("failed");
    assertThat(outcome.sealed()).isFalse();
    assertThat(requests.signed).isEmpty();
    assertThat(notices).isEmpty();
    assertThat(requests.find(id).orElseThrow().status()).isEqualTo(SigningRequest.Status.WAITING);
  }

  @Test
  void anotherAdministratorCannotSealAClaimedRequest() {
    String id = opened();
    assertThat(flow.seal(id, STRANGER, PIN).refusal()).isEqualTo(SealingRefusal.LINK_USED);
    assertThat(flow.view(id, STRANGER)).isEmpty();
  }

  @Test
  void theSealedFileNameKeepsTheName() {
    assertThat(CloudSealingFlow.sealedFileName("合同.PDF")).isEqualTo("合同-sealed.pdf");
    assertThat(CloudSealingFlow.sealedFileName("contract")).isEqualTo("contract-sealed.pdf");
  }

  // ---- helpers and fakes -------------------------------------------------------------------

  CloudSealingFlow.Creation.Created created() {
    return (CloudSealingFlow.Creation.Created)
        flow.create(
            new CloudSealingFlow.NewSigningRequest(CHANNEL, CODE, "a/b.pdf", PDF, AT, null));
  }

  String opened() {
    CloudSealingFlow.Opened opened = flow.open(token(created()), ADMIN).orElseThrow();
    assertThat(opened.refusal()).isNull();
    return opened.request().id();
  }

  static String token(CloudSealingFlow.Creation.Created created) {
    return created.link().substring(created.link().lastIndexOf('/') + 1);
  }

  String refused(byte[] pdf, String code, String algorithm) {
    CloudSealingFlow.Creation creation =
        flow.create(
            new CloudSealingFlow.NewSigningRequest(CHANNEL, code, "x.pdf", pdf, AT, algorithm));
    assertThat(creation).isInstanceOf(CloudSealingFlow.Creation.Refused.class);
    return ((CloudSealingFlow.Creation.Refused) creation).code();
  }

  /** Counts how deep in transactions the work runs. */
  static final class FakeTransactions implements Transactions {
    int depth;

    @Override
    public <T> T inTransaction(Supplier<T> work) {
      depth++;
      try {
        return work.get();
      } finally {
        depth--;
      }
    }
  }

  static final class MemoryRequests implements SigningRequests {
    final Map<String, NewRequest> rows = new HashMap<>();
    final Map<String, String> claimedBy = new HashMap<>();
    final Map<String, byte[]> signed = new HashMap<>();
    final Map<String, byte[]> authorizations = new HashMap<>();

    @Override
    public void insert(NewRequest request) {
      rows.put(request.id(), request);
    }

    @Override
    public Optional<SigningRequest> find(String id) {
      return Optional.ofNullable(rows.get(id)).map(this::request);
    }

    private SigningRequest request(NewRequest r) {
      return new SigningRequest(
          r.id(),
          r.channelId(),
          r.creditCode(),
          r.organizationName(),
          r.fileName(),
          signed.containsKey(r.id()) ? SigningRequest.Status.SEALED : SigningRequest.Status.WAITING,
          r.createdAt(),
          r.expiresAt(),
          claimedBy.get(r.id()),
          null);
    }

    @Override
    public Optional<SigningRequest> find(String channelId, String id) {
      return find(id).filter(r -> r.channelId().equals(channelId));
    }

    @Override
    public Optional<SigningRequest> findByTokenHash(String tokenHash) {
      return rows.values().stream()
          .filter(r -> r.tokenHash().equals(tokenHash))
          .findFirst()
          .map(this::request);
    }

    @Override
    public byte[] document(String id) {
      return rows.get(id).document();
    }

    @Override
    public String documentSha256(String id) {
      return rows.get(id).documentSha256();
    }

    @Override
    public Optional<String> algorithm(String id) {
      return Optional.ofNullable(rows.get(id).algorithm());
    }

    @Override
    public Placement placement(String id) {
      return rows.get(id).placement();
    }

    @Override
    public Optional<byte[]> signedDocument(String channelId, String id) {
      return find(channelId, id).map(r -> signed.get(id));
    }

    @Override
    public boolean claim(String id, String mobile, Instant now) {
      claimedBy.putIfAbsent(id, mobile);
      return mobile.equals(claimedBy.get(id));
    }

    @Override
    public boolean sealed(
        String id,
        String mobile,
        byte[] pdf,
        byte[] authorization,
        String caName,
        BigInteger serial,
        Instant now) {
      if (signed.containsKey(id) || !mobile.equals(claimedBy.get(id))) {
        return false;
      }
      signed.put(id, pdf);
      authorizations.put(id, authorization);
      return true;
    }
  }

  /** ADMIN holds the SM2 certificate of CODE from CHANNEL; valid, with its seal. */
  final class FakeHolders implements SealHolders {
    final Holding first = new Holding("O1", CHANNEL, CODE, "福州测试有限公司", "sm2-ca", BigInteger.ONE);
    Holding second;

    @Override
    public Optional<Administrator> administrator(String mobile) {
      return Optional.of(
          new Administrator(ADMIN.equals(mobile), pins.isSet(mobile), "personal-key"));
    }

    @Override
    public List<Holding> held(String mobile) {
      return ADMIN.equals(mobile) ? List.of(first) : List.of();
    }

    @Override
    public Optional<Holding> latestOfChannel(String channelId, String creditCode) {
      return CHANNEL.equals(channelId) && CODE.equals(creditCode)
          ? Optional.of(first)
          : Optional.empty();
    }

    @Override
    public Optional<Holding> second(Holding first) {
      return Optional.ofNullable(second);
    }

    @Override
    public String family(Holding holding) {
      return holding.caName().startsWith("sm2") ? "SM2" : "ECDSA";
    }

    @Override
    public SealingRules.OrganizationCertificate certificate(Holding holding) {
      return new SealingRules.OrganizationCertificate(
          holding.creditCode(),
          Instant.parse("2026-01-01T00:00:00Z"),
          Instant.parse("2027-01-01T00:00:00Z"),
          false,
          true);
    }
  }

  static final class FakeSealer implements DocumentSealer {
    Problem problem;
    String failure;
    int sealed;

    @Override
    public Optional<Problem> check(byte[] pdf, SigningRequests.Placement placement) {
      return Optional.ofNullable(problem);
    }

    @Override
    public Result seal(
        String requestId,
        byte[] pdf,
        SigningRequests.Placement placement,
        SealHolders.Holding holding) {
      if (failure != null) {
        return new Result.Failed(failure);
      }
      sealed++;
      byte[] out = new byte[pdf.length + 7];
      System.arraycopy("sealed:".getBytes(StandardCharsets.US_ASCII), 0, out, 0, 7);
      System.arraycopy(pdf, 0, out, 7, pdf.length);
      return new Result.Sealed(out);
    }

    @Override
    public byte[] signAuthorization(String keyAlias, byte[] statement) {
      return ("signed by " + keyAlias + ": " + new String(statement, StandardCharsets.UTF_8))
          .getBytes(StandardCharsets.UTF_8);
    }
  }
}
