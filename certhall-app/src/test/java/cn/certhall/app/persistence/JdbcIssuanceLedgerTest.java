package cn.certhall.app.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.certhall.app.TestDatabases;
import cn.certhall.app.TestDatabases.Kind;
import cn.certhall.pki.DuplicateSerialException;
import cn.certhall.pki.InvalidRequestException;
import cn.certhall.pki.KeyAlgorithm;
import cn.certhall.pki.issuance.CertificateAuthority;
import cn.certhall.pki.issuance.IssuanceRequest;
import cn.certhall.pki.issuance.IssuedCertificate;
import cn.certhall.pki.issuance.Reservation;
import cn.certhall.pki.issuance.SerialNumberGenerator;
import cn.certhall.pki.keystore.SoftwareKeyStore;
import cn.certhall.pki.profile.CertificateProfile;
import cn.certhall.pki.profile.PublicationUrls;
import cn.certhall.pki.profile.Subject;
import java.math.BigInteger;
import java.nio.file.Path;
import java.security.PublicKey;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The ledger and certificate store on H2 and PostgreSQL, through the real engine. */
class JdbcIssuanceLedgerTest {
  @TempDir static Path dir;
  static SoftwareKeyStore keys;
  static PublicKey subjectKey;
  static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.SECONDS);
  static final Subject.Organization ORG = new Subject.Organization("测试有限公司", "91350100M000100Y43");

  @BeforeAll
  static void keys() {
    keys = SoftwareKeyStore.open(dir.resolve("keys.p12"), "ledger-test".toCharArray(), true);
    subjectKey = keys.generateKeyPair("subject", KeyAlgorithm.EC_P256);
  }

  @AfterAll
  static void close() {
    keys.close();
  }

  record Setup(JdbcClient jdbc, JdbcIssuanceLedger ledger, CertificateAuthority ca) {}

  static Setup setup(Kind kind, String caName) {
    DataSource ds = TestDatabases.fresh(kind).migrated();
    JdbcClient jdbc = JdbcClient.create(ds);
    JdbcIssuanceLedger ledger = new JdbcIssuanceLedger(jdbc);
    String alias = caName + "-" + kind;
    CertificateAuthority ca =
        CertificateAuthority.createRoot(
            caName,
            new Subject.Authority("Ledger Test Root", "certhall"),
            KeyAlgorithm.EC_P256,
            NOW.minus(1, ChronoUnit.DAYS),
            NOW.plus(3650, ChronoUnit.DAYS),
            keys,
            alias,
            urls(caName),
            ledger,
            new SerialNumberGenerator());
    CertificateAuthority issuing =
        ca.createSubordinate(
            caName + "-issuing",
            new Subject.Authority("Ledger Test Issuing", "certhall"),
            NOW.minus(1, ChronoUnit.DAYS),
            NOW.plus(1000, ChronoUnit.DAYS),
            alias + "-issuing",
            urls(caName + "-issuing"));
    return new Setup(jdbc, ledger, issuing);
  }

  static PublicationUrls urls(String name) {
    return new PublicationUrls(
        "http://localhost/crl/" + name + ".crl",
        "http://localhost/ocsp",
        "http://localhost/ca/" + name + ".crt",
        "2.25.1");
  }

  static IssuanceRequest organizationRequest() {
    return new IssuanceRequest(
        CertificateProfile.ORGANIZATION, ORG, subjectKey, NOW, NOW.plus(365, ChronoUnit.DAYS));
  }

  static long rows(JdbcClient jdbc, String table) {
    return jdbc.sql("SELECT COUNT(*) FROM " + table).query(Long.class).single();
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void issuedCertificateIsStoredWithReservationAndReadBack(Kind kind) {
    Setup s = setup(kind, "store-" + kind.name().toLowerCase());
    IssuedCertificate issued = s.ca().issue(organizationRequest());

    CertificateRepository repository = new CertificateRepository(s.jdbc());
    CertificateRepository.StoredCertificate stored =
        repository.find(s.ca().name(), issued.serial()).orElseThrow();
    assertThat(stored.der()).isEqualTo(issued.der());
    assertThat(stored.subject()).isEqualTo(issued.subject()).contains("NTRCN-91350100M000100Y43");
    assertThat(stored.notBefore()).isEqualTo(NOW);
    assertThat(stored.notAfter()).isEqualTo(NOW.plus(365, ChronoUnit.DAYS));
    assertThat(stored.profile()).isEqualTo(CertificateProfile.ORGANIZATION);
    assertThat(stored.status()).isEqualTo(CertificateRepository.Status.GOOD);
    assertThat(repository.count(s.ca().name())).isEqualTo(1);
    // the root's self-signed certificate and the issuing CA certificate are in the ledger too
    assertThat(rows(s.jdbc(), "certificate")).isEqualTo(3);
    assertThat(rows(s.jdbc(), "serial_reservation")).isEqualTo(3);
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void revocationRowMakesTheStatusRevoked(Kind kind) {
    Setup s = setup(kind, "status-" + kind.name().toLowerCase());
    IssuedCertificate issued = s.ca().issue(organizationRequest());
    s.jdbc()
        .sql(
            "INSERT INTO certificate_revocation (ca_name, serial, reason_code, revoked_at)"
                + " VALUES (?, ?, 1, ?)")
        .params(s.ca().name(), issued.serialHex(), DbTime.utc(Instant.now()))
        .update();
    assertThat(new CertificateRepository(s.jdbc()).find(s.ca().name(), issued.serial()))
        .get()
        .extracting(CertificateRepository.StoredCertificate::status)
        .isEqualTo(CertificateRepository.Status.REVOKED);
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void serialIsUniquePerCaInTheSchema(Kind kind) {
    Setup s = setup(kind, "unique-" + kind.name().toLowerCase());
    BigInteger serial = new BigInteger("123456789abcdef0123", 16);
    Reservation r =
        new Reservation(
            "ca-a", serial, CertificateProfile.ORGANIZATION, "CN=x", NOW, NOW.plusSeconds(60));
    s.ledger().reserve(r);
    assertThatThrownBy(() -> s.ledger().reserve(r)).isInstanceOf(DuplicateSerialException.class);
    // the same serial under another CA is a different certificate
    s.ledger()
        .reserve(
            new Reservation(
                "ca-b", serial, CertificateProfile.ORGANIZATION, "CN=x", NOW, NOW.plusSeconds(60)));

    IssuedCertificate issued =
        new IssuedCertificate(
            "ca-a",
            serial,
            CertificateProfile.ORGANIZATION,
            "CN=x",
            NOW,
            NOW.plusSeconds(60),
            new byte[] {1, 2, 3});
    s.ledger().record(issued);
    assertThatThrownBy(() -> s.ledger().record(issued))
        .isInstanceOf(DataIntegrityViolationException.class);
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void certificateWithoutReservationIsRefusedByTheSchema(Kind kind) {
    Setup s = setup(kind, "fk-" + kind.name().toLowerCase());
    IssuedCertificate unreserved =
        new IssuedCertificate(
            s.ca().name(),
            BigInteger.TEN,
            CertificateProfile.ORGANIZATION,
            "CN=x",
            NOW,
            NOW.plusSeconds(60),
            new byte[] {1});
    assertThatThrownBy(() -> s.ledger().record(unreserved))
        .isInstanceOf(DataIntegrityViolationException.class);
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void badRequestWritesNothing(Kind kind) {
    Setup s = setup(kind, "bad-" + kind.name().toLowerCase());
    long before = rows(s.jdbc(), "serial_reservation");
    assertThatThrownBy(
            () ->
                s.ca()
                    .issue(
                        new IssuanceRequest(
                            CertificateProfile.ORGANIZATION,
                            ORG,
                            subjectKey,
                            NOW,
                            NOW.minusSeconds(1))))
        .isInstanceOf(InvalidRequestException.class)
        .hasMessageContaining("negative");
    assertThat(rows(s.jdbc(), "serial_reservation")).isEqualTo(before);
    assertThat(rows(s.jdbc(), "certificate")).isEqualTo(before);
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void concurrentIssuanceStoresEveryCertificateOnce(Kind kind) throws Exception {
    Setup s = setup(kind, "concurrent-" + kind.name().toLowerCase());
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<IssuedCertificate>> futures = new ArrayList<>();
      for (int i = 0; i < 60; i++) {
        futures.add(pool.submit(() -> s.ca().issue(organizationRequest())));
      }
      Set<BigInteger> serials = new HashSet<>();
      for (Future<IssuedCertificate> f : futures) {
        serials.add(f.get().serial());
      }
      assertThat(serials).hasSize(60);
      assertThat(new CertificateRepository(s.jdbc()).count(s.ca().name())).isEqualTo(60);
    } finally {
      pool.shutdownNow();
    }
  }
}
