package cn.certhall.app.channel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.certhall.app.TestDatabases;
import cn.certhall.app.TestDatabases.Kind;
import cn.certhall.app.persistence.ChannelDeliveryRepository;
import cn.certhall.app.persistence.ChannelDeliveryRepository.Attempt;
import cn.certhall.app.persistence.ChannelDeliveryRepository.Delivery;
import cn.certhall.app.persistence.ChannelRepository;
import cn.certhall.domain.channel.CertificateSync;
import cn.certhall.domain.channel.ChannelSync;
import cn.certhall.domain.channel.UnknownChannelException;
import cn.certhall.domain.identity.IdType;
import cn.certhall.domain.order.AdministratorVerificationDetails;
import cn.certhall.domain.order.BusinessType;
import cn.certhall.domain.order.EnterpriseVerificationDetails;
import cn.certhall.domain.order.Order;
import cn.certhall.domain.order.UnitApplication;
import cn.certhall.domain.outbox.Backoff;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import javax.sql.DataSource;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Webhooks end to end on H2 and PostgreSQL: a sync written in a transaction, the dispatcher, and a
 * real HTTP receiver that checks each request with the sample verification code of
 * docs/channels.md.
 */
class WebhookDeliveryTest {
  static final Duration INITIAL_BACKOFF = Duration.ofSeconds(30);
  static final int GIVE_UP_AFTER = 5;
  static final Duration TOLERANCE = Duration.ofMinutes(5);
  static final byte[] SEAL_PNG = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 42};

  /** A clock the test moves by hand; the dispatcher and the receiver share it. */
  static final class MovableClock extends Clock {
    volatile Instant now = Instant.parse("2027-06-15T02:30:00Z");

    void advance(Duration d) {
      now = now.plus(d);
    }

    @Override
    public Instant instant() {
      return now;
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      throw new UnsupportedOperationException();
    }
  }

  /** What the receiver was sent and what it answered. */
  record Received(String timestamp, String signature, String eventId, byte[] body, int answer) {}

  /**
   * A channel's webhook endpoint: refuses the first request (503), then accepts (204) what the
   * sample verifier accepts and answers 401 to the rest.
   */
  static final class Receiver implements AutoCloseable {
    final HttpServer server;
    final List<Received> received = new ArrayList<>();
    final AtomicReference<WebhookVerifier> verifier = new AtomicReference<>();

    Receiver() throws IOException {
      server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
      server.createContext(
          "/hooks/certhall",
          exchange -> {
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
              body = in.readAllBytes();
            }
            String timestamp = exchange.getRequestHeaders().getFirst("X-Certhall-Timestamp");
            String signature = exchange.getRequestHeaders().getFirst("X-Certhall-Signature");
            int answer;
            synchronized (received) {
              if (received.isEmpty()) {
                answer = 503;
              } else {
                answer = verifier.get().verify(timestamp, signature, body) ? 204 : 401;
              }
              received.add(
                  new Received(
                      timestamp,
                      signature,
                      exchange.getRequestHeaders().getFirst("X-Certhall-Event-Id"),
                      body,
                      answer));
            }
            exchange.sendResponseHeaders(answer, -1);
            exchange.close();
          });
      server.start();
    }

    String url() {
      return "http://127.0.0.1:" + server.getAddress().getPort() + "/hooks/certhall";
    }

    List<Received> received() {
      synchronized (received) {
        return List.copyOf(received);
      }
    }

    @Override
    public void close() {
      server.stop(0);
    }
  }

  record Setup(
      JdbcClient jdbc,
      TransactionTemplate tx,
      ChannelSync sync,
      ChannelAdministration admin,
      ChannelDeliveryRepository deliveries,
      WebhookDispatcher dispatcher,
      DeliveryLog log) {}

  final MovableClock clock = new MovableClock();
  Receiver receiver;

  @AfterEach
  void stop() {
    if (receiver != null) {
      receiver.close();
    }
  }

  Setup setup(Kind kind) {
    DataSource ds = TestDatabases.fresh(kind).migrated();
    JdbcClient jdbc = JdbcClient.create(ds);
    TransactionTemplate tx = new TransactionTemplate(new DataSourceTransactionManager(ds));
    ChannelRepository channels = new ChannelRepository(jdbc);
    ChannelDeliveryRepository deliveries = new ChannelDeliveryRepository(jdbc, tx);
    byte[] key = new byte[32];
    new SecureRandom().nextBytes(key);
    SecretBox secrets = new SecretBox(key, new SecureRandom());
    return new Setup(
        jdbc,
        tx,
        new ChannelSync(new RepositoryChannelOutbox(channels, deliveries), clock),
        new ChannelAdministration(
            channels, secrets, new SecureRandom(), new WebhookAddressPolicy(false, List.of())),
        deliveries,
        new WebhookDispatcher(
            channels,
            deliveries,
            secrets,
            clock,
            new Backoff(INITIAL_BACKOFF, Duration.ofHours(6)),
            GIVE_UP_AFTER,
            Duration.ofSeconds(5),
            50,
            new WebhookAddressPolicy(false, List.of())),
        new DeliveryLog(deliveries, clock));
  }

  /**
   * The organization's certificate, self-signed and valid from a day before {@code at} for a year:
   * made for the clock of the test that uses it, so it never ages out (a certificate kept in a file
   * expires on a fixed day, after which the channel lists it as EXPIRED).
   */
  static X509Certificate certificate(Instant at) throws Exception {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
    generator.initialize(new ECGenParameterSpec("secp256r1"));
    KeyPair key = generator.generateKeyPair();
    X500Name subject =
        new X500NameBuilder(BCStyle.INSTANCE)
            .addRDN(BCStyle.C, "CN")
            .addRDN(BCStyle.O, "福州测试科技有限公司")
            .addRDN(BCStyle.ORGANIZATION_IDENTIFIER, "NTRCN-91350100M000100Y43")
            .addRDN(BCStyle.CN, "福州测试科技有限公司")
            .build();
    Instant from = at.truncatedTo(ChronoUnit.SECONDS).minus(1, ChronoUnit.DAYS);
    X509CertificateHolder holder =
        new JcaX509v3CertificateBuilder(
                subject,
                new BigInteger(64, new SecureRandom()).setBit(63),
                Date.from(from),
                Date.from(from.plus(366, ChronoUnit.DAYS)),
                subject,
                key.getPublic())
            .build(new JcaContentSignerBuilder("SHA256withECDSA").build(key.getPrivate()));
    return new JcaX509CertificateConverter().getCertificate(holder);
  }

  static UnitApplication application() {
    return new UnitApplication(
        "福州测试科技有限公司",
        "91350100M000100Y43",
        new UnitApplication.LegalRepresentative("张法人", "11010519491231002X"),
        new UnitApplication.Handler(
            "李经办", IdType.RESIDENT_ID_CARD, "110101199003071234", "13800138001", "jb@example.cn"),
        new UnitApplication.Administrator("王管理", IdType.PASSPORT, "E12345678", "13900139002"),
        EnterpriseVerificationDetails.corporateTransfer("福州测试科技有限公司", "35001234567890", "中国工商银行"),
        AdministratorVerificationDetails.bankCard("6222600260001072444", "13700137003"));
  }

  static Order order(String channelId) {
    return Order.start(
        "CH20270615ABCDEFGHJKLM",
        BusinessType.NEW_UNIT_CERTIFICATE,
        channelId,
        application(),
        Instant.parse("2027-06-10T00:00:00Z"));
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void theReceiverRefusesTheFirstDeliveryAndAcceptsTheSignedSecond(Kind kind) throws Exception {
    Setup s = setup(kind);
    receiver = new Receiver();
    String secret = s.admin().configureWebhook("demo", receiver.url());
    receiver.verifier.set(
        new WebhookVerifier(secret.getBytes(StandardCharsets.UTF_8), TOLERANCE, clock));
    X509Certificate certificate = certificate(clock.instant());

    CertificateSync sent =
        s.tx()
            .execute(
                t ->
                    s.sync()
                        .certificateIssued(
                            order("demo"), certificate, List.of(certificate), SEAL_PNG));

    assertThat(s.dispatcher().dispatchDue()).isEqualTo(1);
    assertThat(receiver.received()).extracting(Received::answer).containsExactly(503);
    Delivery pending = s.log().deliveries("demo", true, 10).get(0);
    assertThat(pending.status()).isEqualTo("PENDING");
    assertThat(pending.nextAttemptAt()).isEqualTo(clock.instant().plus(INITIAL_BACKOFF));

    // not before the back-off has passed
    clock.advance(INITIAL_BACKOFF.minusSeconds(1));
    assertThat(s.dispatcher().dispatchDue()).isZero();
    clock.advance(Duration.ofSeconds(1));
    assertThat(s.dispatcher().dispatchDue()).isEqualTo(1);

    List<Received> received = receiver.received();
    assertThat(received).extracting(Received::answer).containsExactly(503, 204);
    Received accepted = received.get(1);
    assertThat(accepted.eventId()).isEqualTo(sent.eventId());
    SyncMessage message = SyncMessage.fromJson(accepted.body());
    assertThat(message.event()).isEqualTo("certificate.issued");
    assertThat(message.organization().creditCode()).isEqualTo("91350100M000100Y43");
    assertThat(message.certificate().serial())
        .isEqualTo(certificate.getSerialNumber().toString(16));
    assertThat(Base64.getDecoder().decode(message.seal().base64())).isEqualTo(SEAL_PNG);
    X509Certificate parsed =
        (X509Certificate)
            CertificateFactory.getInstance("X.509")
                .generateCertificate(
                    new java.io.ByteArrayInputStream(
                        message.certificate().pem().getBytes(StandardCharsets.US_ASCII)));
    assertThat(parsed).isEqualTo(certificate);
    assertThat(message.chain()).hasSize(1);

    Delivery delivered = s.deliveries().find(pending.id()).orElseThrow();
    assertThat(delivered.status()).isEqualTo("DELIVERED");
    assertThat(delivered.attempts()).isEqualTo(2);
    assertThat(s.log().attempts(pending.id()))
        .extracting(Attempt::httpStatus, Attempt::replay)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(503, false),
            org.assertj.core.groups.Tuple.tuple(204, false));
    assertThat(s.log().attempts(pending.id()).get(0).error()).isEqualTo("HTTP 503");
    assertThat(s.dispatcher().dispatchDue()).isZero();

    // someone who recorded the accepted request sends it again six minutes later: refused
    clock.advance(Duration.ofMinutes(6));
    HttpResponse<Void> replayed =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create(receiver.url()))
                    .header("X-Certhall-Timestamp", accepted.timestamp())
                    .header("X-Certhall-Signature", accepted.signature())
                    .POST(HttpRequest.BodyPublishers.ofByteArray(accepted.body()))
                    .build(),
                HttpResponse.BodyHandlers.discarding());
    assertThat(replayed.statusCode()).isEqualTo(401);

    // the administrator's replay is signed anew and accepted; it carries the same event id
    assertThat(s.log().replay(pending.id())).isTrue();
    assertThat(s.dispatcher().dispatchDue()).isEqualTo(1);
    Received again = receiver.received().get(3);
    assertThat(again.answer()).isEqualTo(204);
    assertThat(again.eventId()).isEqualTo(sent.eventId());
    assertThat(again.body()).isEqualTo(accepted.body());
    assertThat(again.timestamp()).isNotEqualTo(accepted.timestamp());
    assertThat(s.log().attempts(pending.id()))
        .hasSize(3)
        .last()
        .extracting(Attempt::replay)
        .isEqualTo(true);
  }

  @Test
  void theSampleVerifierRefusesAChangedBodyAWrongSecretAndAStaleOrFutureTimestamp() {
    byte[] secret = "whsec_correct-horse-battery-staple".getBytes(StandardCharsets.UTF_8);
    byte[] body = "{\"event\":\"certificate.issued\"}".getBytes(StandardCharsets.UTF_8);
    long now = clock.instant().getEpochSecond();
    String signature = WebhookSigner.sign(secret, now, body);
    WebhookVerifier verifier = new WebhookVerifier(secret, TOLERANCE, clock);

    assertThat(verifier.verify(Long.toString(now), signature, body)).isTrue();
    assertThat(
            verifier.verify(Long.toString(now), signature, "{}".getBytes(StandardCharsets.UTF_8)))
        .isFalse();
    assertThat(verifier.verify(Long.toString(now + 1), signature, body)).isFalse();
    assertThat(
            new WebhookVerifier("whsec_other".getBytes(StandardCharsets.UTF_8), TOLERANCE, clock)
                .verify(Long.toString(now), signature, body))
        .isFalse();
    assertThat(verifier.verify(Long.toString(now), signature.replace("v1=", "v0="), body))
        .isFalse();
    assertThat(verifier.verify(null, signature, body)).isFalse();
    assertThat(verifier.verify("-5", signature, body)).isFalse();

    long old = now - TOLERANCE.toSeconds() - 1;
    assertThat(verifier.verify(Long.toString(old), WebhookSigner.sign(secret, old, body), body))
        .isFalse();
    long edge = now - TOLERANCE.toSeconds();
    assertThat(verifier.verify(Long.toString(edge), WebhookSigner.sign(secret, edge, body), body))
        .isTrue();
    long future = now + TOLERANCE.toSeconds() + 1;
    assertThat(
            verifier.verify(Long.toString(future), WebhookSigner.sign(secret, future, body), body))
        .isFalse();
  }

  @Test
  void aRolledBackIssuanceLeavesNothingToSend() throws Exception {
    Setup s = setup(Kind.H2);
    s.admin().configureWebhook("demo", "http://127.0.0.1:9/hooks");
    X509Certificate certificate = certificate(clock.instant());

    assertThatThrownBy(
            () ->
                s.tx()
                    .executeWithoutResult(
                        t -> {
                          s.sync()
                              .certificateIssued(order("demo"), certificate, List.of(), SEAL_PNG);
                          throw new IllegalStateException("issuance failed after the sync");
                        }))
        .hasMessage("issuance failed after the sync");

    assertThat(s.jdbc().sql("SELECT COUNT(*) FROM channel_delivery").query(Long.class).single())
        .isZero();
    assertThat(s.jdbc().sql("SELECT COUNT(*) FROM channel_certificate").query(Long.class).single())
        .isZero();
    assertThatThrownBy(
            () -> s.sync().certificateIssued(order("nowhere"), certificate, List.of(), SEAL_PNG))
        .isInstanceOf(UnknownChannelException.class);
  }

  @Test
  void aDeadChannelIsRetriedWithDoublingBackOffUpToTheMaximum() throws Exception {
    Setup s = setup(Kind.H2);
    // port 9 (discard) on loopback: nothing listens, the connection is refused
    s.admin().configureWebhook("demo", "http://127.0.0.1:9/hooks");
    X509Certificate certificate = certificate(clock.instant());
    s.tx()
        .executeWithoutResult(
            t -> s.sync().certificateIssued(order("demo"), certificate, List.of(), SEAL_PNG));

    List<Duration> waits = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      Instant before = clock.instant();
      assertThat(s.dispatcher().dispatchDue()).isEqualTo(1);
      Delivery d = s.log().deliveries("demo", true, 1).get(0);
      waits.add(Duration.between(before, d.nextAttemptAt()));
      clock.now = d.nextAttemptAt();
    }
    assertThat(waits)
        .containsExactly(
            Duration.ofSeconds(30),
            Duration.ofSeconds(60),
            Duration.ofSeconds(120),
            Duration.ofSeconds(240));
    Delivery d = s.log().deliveries("demo", true, 1).get(0);
    assertThat(s.log().attempts(d.id()))
        .allSatisfy(
            a -> {
              assertThat(a.httpStatus()).isNull();
              assertThat(a.error()).isNotBlank();
            });
    assertThat(s.dispatcher().backoff(30)).isEqualTo(Duration.ofHours(6));
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void aDeliveryThatFailsTooOftenIsGivenUpUntilAnAdministratorReplaysIt(Kind kind)
      throws Exception {
    Setup s = setup(kind);
    s.admin().configureWebhook("demo", "http://127.0.0.1:9/hooks");
    X509Certificate certificate = certificate(clock.instant());
    s.tx()
        .executeWithoutResult(
            t -> s.sync().certificateIssued(order("demo"), certificate, List.of(), SEAL_PNG));

    for (int i = 0; i < GIVE_UP_AFTER; i++) {
      assertThat(s.dispatcher().dispatchDue()).isEqualTo(1);
      clock.advance(Duration.ofHours(7));
    }
    Delivery given = s.log().deliveries("demo", true, 1).get(0);
    assertThat(given.status()).isEqualTo(ChannelDeliveryRepository.GIVEN_UP);
    assertThat(given.failures()).isEqualTo(GIVE_UP_AFTER);
    assertThat(given.lastProblem()).isNotBlank();
    clock.advance(Duration.ofDays(30));
    assertThat(s.dispatcher().dispatchDue()).as("a dead letter is not tried again").isZero();
    assertThat(s.log().attempts(given.id())).hasSize(GIVE_UP_AFTER);

    // the channel is back; the administrator replays it from the delivery log
    receiver = new Receiver();
    String secret = s.admin().configureWebhook("demo", receiver.url());
    receiver.verifier.set(
        new WebhookVerifier(secret.getBytes(StandardCharsets.UTF_8), TOLERANCE, clock));
    assertThat(s.log().replay(given.id())).isTrue();
    assertThat(s.dispatcher().dispatchDue()).isEqualTo(1); // the receiver's first answer: 503
    Delivery retried = s.log().delivery(given.id()).orElseThrow();
    assertThat(retried.status()).isEqualTo(ChannelDeliveryRepository.PENDING);
    assertThat(retried.failures()).as("counted afresh after the replay").isEqualTo(1);
    assertThat(retried.nextAttemptAt()).isEqualTo(clock.instant().plus(INITIAL_BACKOFF));
    clock.advance(INITIAL_BACKOFF);
    assertThat(s.dispatcher().dispatchDue()).isEqualTo(1);
    assertThat(s.log().delivery(given.id()).orElseThrow().status())
        .isEqualTo(ChannelDeliveryRepository.DELIVERED);
    assertThat(receiver.received()).extracting(Received::answer).containsExactly(503, 204);
  }

  @Test
  void webhookSecretsAreStoredEncryptedForTheirChannelOnly() {
    Setup s = setup(Kind.H2);
    String secret = s.admin().configureWebhook("demo", "https://channel.example/hooks");
    byte[] stored =
        s.jdbc()
            .sql("SELECT webhook_secret FROM channel WHERE id = 'demo'")
            .query((rs, n) -> rs.getBytes(1))
            .single();

    assertThat(new String(stored, StandardCharsets.ISO_8859_1)).doesNotContain(secret);
    assertThatThrownBy(() -> s.admin().configureWebhook("demo", "ftp://channel.example/"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> s.admin().configureWebhook("demo", "/relative"))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
