package cn.certhall.bench;

import cn.certhall.app.persistence.CaRepository;
import cn.certhall.app.persistence.JdbcIssuanceLedger;
import cn.certhall.app.persistence.JdbcKeyFiles;
import cn.certhall.pki.Pem;
import cn.certhall.pki.issuance.CertificateAuthority;
import cn.certhall.pki.issuance.IssuanceRequest;
import cn.certhall.pki.issuance.IssuedCertificate;
import cn.certhall.pki.issuance.SerialNumberGenerator;
import cn.certhall.pki.keystore.SoftwareKeyStore;
import cn.certhall.pki.profile.CertificateProfile;
import cn.certhall.pki.profile.PublicationUrls;
import cn.certhall.pki.profile.Subject;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Reader;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.ocsp.CertificateID;
import org.bouncycastle.cert.ocsp.OCSPReqBuilder;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.operator.bc.BcDigestCalculatorProvider;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Prepares the OCSP load benchmark (see {@code certhall-bench/scripts/ocsp-bench.sh}): issues
 * {@code --count} organization certificates through the engine ({@link CertificateAuthority} loaded
 * from the application's {@code ca} table and key store, {@link JdbcIssuanceLedger} on the
 * application's database, so the running server knows them), revokes every {@code
 * --revoke-every}-th of them in the database, and writes into {@code --out}:
 *
 * <ul>
 *   <li>{@code requests.hex}: one OCSP request per certificate, hex DER per line: one SHA-1 CertID,
 *       no nonce, no extensions (what {@code openssl ocsp} and browsers send);
 *   <li>{@code index.txt} (+ {@code index.txt.attr}): the same certificates as an openssl CA
 *       database, for {@code openssl ocsp -index};
 *   <li>{@code ca.pem}: the issuing CA; {@code ocsp.pem}: an OCSP_SIGNER certificate issued by it
 *       through the engine for the public key in {@code --signer-public-key} (made by openssl).
 * </ul>
 *
 * <p>Run with the server started once before (Flyway creates the schema, the server the CAs):
 *
 * <pre>
 * java -cp certhall-bench/target/benchmarks.jar cn.certhall.bench.OcspLoadSetup \
 *   --jdbc-url='jdbc:postgresql://127.0.0.1:5432/test?currentSchema=bench_ocsp' --user=postgres \
 *   --data-dir=/tmp/ocspbench/data --public-url=http://127.0.0.1:18480 --ca=ecdsa-issuing \
 *   --count=100000 --signer-public-key=ocsp-pub.pem --out=/tmp/ocspbench/load
 * </pre>
 */
public final class OcspLoadSetup {
  private static final DateTimeFormatter OPENSSL_TIME =
      DateTimeFormatter.ofPattern("yyMMddHHmmss'Z'").withZone(ZoneOffset.UTC);

  private OcspLoadSetup() {}

  public static void main(String[] argv) throws Exception {
    Map<String, String> args = parse(argv);
    String url = args.getOrDefault("jdbc-url", "jdbc:postgresql://127.0.0.1:5432/test");
    Path dataDir = Path.of(required(args, "data-dir"));
    String caName = args.getOrDefault("ca", "ecdsa-issuing");
    String publicUrl =
        args.getOrDefault("public-url", "http://localhost:8080").replaceAll("/+$", "");
    int count = Integer.parseInt(args.getOrDefault("count", "100000"));
    int revokeEvery = Integer.parseInt(args.getOrDefault("revoke-every", "100"));
    int threads = Integer.parseInt(args.getOrDefault("threads", "8"));
    Path out = Path.of(required(args, "out"));
    Path signerPublicKey = Path.of(required(args, "signer-public-key"));
    Files.createDirectories(out);

    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(url);
    config.setUsername(args.getOrDefault("user", "postgres"));
    config.setPassword(args.getOrDefault("password", ""));
    config.setMaximumPoolSize(threads);
    config.setPoolName("ocsp-load-setup");
    char[] passphrase =
        Files.readString(dataDir.resolve("keystore-passphrase"), StandardCharsets.US_ASCII)
            .strip()
            .toCharArray();
    try (HikariDataSource dataSource = new HikariDataSource(config);
        // the server keeps its software keys in the database (table software_key)
        SoftwareKeyStore keys =
            SoftwareKeyStore.open(
                new JdbcKeyFiles(JdbcClient.create(dataSource)), passphrase, false)) {
      JdbcClient jdbc = JdbcClient.create(dataSource);
      CaRepository.CaRecord record =
          new CaRepository(jdbc)
              .find(caName)
              .orElseThrow(
                  () -> new IllegalStateException("no CA " + caName + ": start the server first"));
      CertificateAuthority ca =
          CertificateAuthority.load(
              caName,
              record.certificate(),
              keys,
              record.keyAlias(),
              new PublicationUrls(
                  publicUrl + "/crl/" + caName + ".crl",
                  publicUrl + "/ocsp",
                  publicUrl + "/ca/" + caName + ".crt",
                  "2.25.218864587385346412779712437213384390183"),
              new JdbcIssuanceLedger(jdbc),
              new SerialNumberGenerator());
      Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);

      // the openssl responder's signer: the engine's OCSP_SIGNER profile, an openssl-made key
      IssuedCertificate signer =
          ca.issue(
              new IssuanceRequest(
                  CertificateProfile.OCSP_SIGNER,
                  new Subject.Authority("openssl peer OCSP Signer", "certhall bench"),
                  readPublicKey(signerPublicKey),
                  now,
                  now.plus(30, ChronoUnit.DAYS)));
      Files.writeString(out.resolve("ocsp.pem"), Pem.certificate(signer.der()));
      Files.writeString(out.resolve("ca.pem"), Pem.certificate(record.certificate()));

      PublicKey subjectKey =
          readPublicKey(signerPublicKey); // one subject key for all: not looked at
      X509CertificateHolder caCert = new X509CertificateHolder(record.certificate());
      Instant notAfter = now.plus(365, ChronoUnit.DAYS);
      IssuanceRequest request =
          new IssuanceRequest(
              CertificateProfile.ORGANIZATION,
              new Subject.Organization("北京负载测试科技有限公司", "91110108MA01ABCD2X"),
              subjectKey,
              now,
              notAfter);

      long started = System.nanoTime();
      BigInteger[] serials = new BigInteger[count];
      AtomicInteger next = new AtomicInteger();
      ExecutorService pool = Executors.newFixedThreadPool(threads);
      List<Future<?>> done = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        done.add(
            pool.submit(
                () -> {
                  for (int i = next.getAndIncrement(); i < count; i = next.getAndIncrement()) {
                    serials[i] = ca.issue(request).serial();
                    if ((i + 1) % 10_000 == 0) {
                      System.out.printf("  %,d certificates issued%n", i + 1);
                    }
                  }
                  return null;
                }));
      }
      for (Future<?> f : done) {
        f.get();
      }
      pool.shutdown();
      System.out.printf(
          "issued %,d certificates of %s in %.1f s%n",
          count, caName, (System.nanoTime() - started) / 1e9);

      Instant revokedAt = now.plus(1, ChronoUnit.SECONDS);
      List<Object[]> revoked = new ArrayList<>();
      for (int i = revokeEvery - 1; revokeEvery > 0 && i < count; i += revokeEvery) {
        revoked.add(
            new Object[] {caName, serials[i].toString(16), 1, revokedAt.atOffset(ZoneOffset.UTC)});
      }
      new org.springframework.jdbc.core.JdbcTemplate(dataSource)
          .batchUpdate(
              "INSERT INTO certificate_revocation (ca_name, serial, reason_code, revoked_at)"
                  + " VALUES (?, ?, ?, ?)",
              revoked);
      System.out.printf("revoked %,d of them (keyCompromise)%n", revoked.size());

      var sha1 = new BcDigestCalculatorProvider().get(CertificateID.HASH_SHA1);
      HexFormat hex = HexFormat.of();
      try (BufferedWriter requests = Files.newBufferedWriter(out.resolve("requests.hex"));
          BufferedWriter index = Files.newBufferedWriter(out.resolve("index.txt"))) {
        for (int i = 0; i < count; i++) {
          BigInteger serial = serials[i];
          byte[] der =
              new OCSPReqBuilder()
                  .addRequest(new CertificateID(sha1, caCert, serial))
                  .build()
                  .getEncoded();
          requests.write(hex.formatHex(der));
          requests.newLine();
          boolean isRevoked = revokeEvery > 0 && (i + 1) % revokeEvery == 0;
          // openssl's index: status, expiry, revocation, serial (upper-case hex, whole octets),
          // file name, subject (unique per line unless index.txt.attr says otherwise)
          index.write(
              (isRevoked ? "R" : "V")
                  + "\t"
                  + OPENSSL_TIME.format(notAfter)
                  + "\t"
                  + (isRevoked ? OPENSSL_TIME.format(revokedAt) + ",keyCompromise" : "")
                  + "\t"
                  + opensslSerial(serial)
                  + "\tunknown\t/CN=load "
                  + i);
          index.newLine();
        }
      }
      Files.writeString(out.resolve("index.txt.attr"), "unique_subject = no\n");
      System.out.printf("wrote %s/{requests.hex,index.txt,ca.pem,ocsp.pem}%n", out);
    }
  }

  /** BN_bn2hex: upper case, two digits per octet. */
  static String opensslSerial(BigInteger serial) {
    String s = serial.toString(16).toUpperCase();
    return s.length() % 2 == 0 ? s : "0" + s;
  }

  private static PublicKey readPublicKey(Path pem) throws IOException {
    try (Reader r = Files.newBufferedReader(pem);
        PEMParser parser = new PEMParser(r)) {
      Object o = parser.readObject();
      if (!(o instanceof SubjectPublicKeyInfo spki)) {
        throw new IllegalArgumentException(pem + " holds no PUBLIC KEY");
      }
      return new JcaPEMKeyConverter().setProvider(new BouncyCastleProvider()).getPublicKey(spki);
    }
  }

  private static Map<String, String> parse(String[] argv) {
    Map<String, String> args = new LinkedHashMap<>();
    for (String a : argv) {
      if (!a.startsWith("--") || !a.contains("=")) {
        throw new IllegalArgumentException("arguments are --name=value, not " + a);
      }
      args.put(a.substring(2, a.indexOf('=')), a.substring(a.indexOf('=') + 1));
    }
    return args;
  }

  private static String required(Map<String, String> args, String name) {
    String v = args.get(name);
    if (v == null) {
      throw new IllegalArgumentException("--" + name + "=… is required");
    }
    return v;
  }
}
