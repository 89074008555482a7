package cn.certhall.app.web;

import static org.assertj.core.api.Assertions.assertThat;

import cn.certhall.app.OwnerOnlyTree;
import cn.certhall.app.RunningApp;
import cn.certhall.app.TestDatabases;
import cn.certhall.app.TestDatabases.Kind;
import cn.certhall.app.persistence.OperatorRepository;
import cn.certhall.pki.Providers;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.cert.CertPathValidator;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.security.crypto.password.PasswordEncoder;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The default run, started twice on the same data (H2 file, or one PostgreSQL schema): the first
 * start generates the CA hierarchies, the second loads the same ones; relying parties fetch the
 * list and each certificate over HTTP and validate the chains.
 */
class CaEndpointsTest {
  private static final HttpClient http = HttpClient.newHttpClient();

  @TempDir Path dataDir;

  @ParameterizedTest
  @EnumSource(Kind.class)
  void caHierarchiesAreGeneratedOnceAndServed(Kind kind) throws Exception {
    TestDatabases.Target db = RunningApp.database(kind, dataDir);
    Map<String, byte[]> firstRun = new HashMap<>();
    try (RunningApp app = RunningApp.start(db, dataDir, Map.of())) {
      String base = app.url("");
      JsonNode list = JsonMapper.builder().build().readTree(get(base + "/ca").body());
      assertThat(list.size()).isEqualTo(6);
      List<String> names =
          Stream.iterate(0, i -> i < list.size(), i -> i + 1)
              .map(i -> list.get(i).get("name").asString())
              .toList();
      assertThat(names)
          .containsExactly(
              "sm2-root", "sm2-issuing", "ecdsa-root", "ecdsa-issuing", "rsa-root", "rsa-issuing");
      JsonNode sm2Issuing = list.get(1);
      assertThat(sm2Issuing.get("algorithm").asString()).isEqualTo("SM2");
      assertThat(sm2Issuing.get("subject").asString()).contains("CN=certhall SM2 单位证书 CA");
      assertThat(sm2Issuing.get("issuer").asString()).contains("CN=certhall SM2 Root CA");

      for (String name : names) {
        HttpResponse<byte[]> der = getBytes(base + "/ca/" + name + ".crt");
        assertThat(der.statusCode()).isEqualTo(200);
        assertThat(der.headers().firstValue("Content-Type")).hasValue("application/pkix-cert");
        HttpResponse<byte[]> pem = getBytes(base + "/ca/" + name + ".pem");
        assertThat(new String(pem.body(), StandardCharsets.US_ASCII))
            .startsWith("-----BEGIN CERTIFICATE-----");
        assertThat(parse(pem.body()).getEncoded()).isEqualTo(der.body());
        firstRun.put(name, der.body());
      }
      for (String family : List.of("sm2", "ecdsa", "rsa")) {
        validate(firstRun.get(family + "-root"), firstRun.get(family + "-issuing"));
      }
      assertThat(get(base + "/ca/no-such-ca.crt").statusCode()).isEqualTo(404);

      OperatorRepository.Operator reviewer =
          app.bean(OperatorRepository.class).find("reviewer").orElseThrow();
      assertThat(reviewer.role()).isEqualTo(OperatorRepository.Role.REVIEWER);
      assertThat(reviewer.passwordHash()).doesNotContain("certhall-demo");
      assertThat(app.bean(PasswordEncoder.class).matches("certhall-demo", reviewer.passwordHash()))
          .isTrue();
    }
    // issue 14, point 16: the H2 database, the key store, the generated secrets and the CRLs
    OwnerOnlyTree.assertOwnerOnly(dataDir);
    long keyFiles = countKeys(db);
    // a key per CA and a key per CA's delegated OCSP signer
    assertThat(keyFiles).isEqualTo(12);

    try (RunningApp again = RunningApp.start(db, dataDir, Map.of())) {
      String base = again.url("");
      for (Map.Entry<String, byte[]> ca : firstRun.entrySet()) {
        assertThat(getBytes(base + "/ca/" + ca.getKey() + ".crt").body())
            .as("CA %s kept across restarts", ca.getKey())
            .isEqualTo(ca.getValue());
      }
    }
    assertThat(countKeys(db)).as("no key generated on the second start").isEqualTo(keyFiles);
  }

  /** The CA and OCSP signer keys in the key store's table (the shared database, V120). */
  private static long countKeys(TestDatabases.Target db) {
    return org.springframework.jdbc.core.simple.JdbcClient.create(db.dataSource())
        .sql("SELECT name FROM software_key")
        .query(String.class)
        .list()
        .stream()
        .filter(name -> name.matches("(sm2|ecdsa|rsa)-(root|issuing)(-ocsp)?-\\d{14}"))
        .count();
  }

  /** PKIX path validation of the issuing CA under its root (Bouncy Castle's, which knows SM2). */
  private static void validate(byte[] rootDer, byte[] issuingDer) throws Exception {
    CertificateFactory cf = CertificateFactory.getInstance("X.509", Providers.bouncyCastle());
    X509Certificate root =
        (X509Certificate) cf.generateCertificate(new ByteArrayInputStream(rootDer));
    X509Certificate issuing =
        (X509Certificate) cf.generateCertificate(new ByteArrayInputStream(issuingDer));
    PKIXParameters params = new PKIXParameters(Set.of(new TrustAnchor(root, null)));
    params.setRevocationEnabled(false);
    assertThat(
            CertPathValidator.getInstance("PKIX", Providers.bouncyCastle())
                .validate(cf.generateCertPath(List.of(issuing)), params))
        .isNotNull();
  }

  private static X509Certificate parse(byte[] pem) throws Exception {
    return (X509Certificate)
        CertificateFactory.getInstance("X.509", Providers.bouncyCastle())
            .generateCertificate(new ByteArrayInputStream(pem));
  }

  private static HttpResponse<String> get(String url) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
  }

  private static HttpResponse<byte[]> getBytes(String url) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofByteArray());
  }
}
