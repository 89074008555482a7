package cn.certhall.app.revocation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.certhall.app.RunningApp;
import cn.certhall.app.TestDatabases.Kind;
import cn.certhall.app.ca.CaRegistry;
import cn.certhall.pki.ExternalTool;
import cn.certhall.pki.PemFiles;
import cn.certhall.pki.issuance.CertificateAuthority;
import cn.certhall.pki.issuance.IssuanceRequest;
import cn.certhall.pki.issuance.IssuedCertificate;
import cn.certhall.pki.keystore.SigningKeyStore;
import cn.certhall.pki.profile.CertificateProfile;
import cn.certhall.pki.profile.Subject;
import cn.certhall.pki.revocation.RevocationReason;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.security.cert.CertPathValidator;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.PKIXRevocationChecker;
import java.security.cert.TrustAnchor;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A certificate issued by the running server is good, then revoked, as relying parties see it:
 * openssl ocsp against /ocsp, openssl crl on /crl/{ca}.crl, and the JDK's PKIX validator with its
 * revocation checker fetching OCSP (by GET) and the CRL from the URLs in the certificates.
 */
class RevocationStatusTest {
  private static final HttpClient http = HttpClient.newHttpClient();

  @TempDir Path dataDir;
  @TempDir Path work;

  @ParameterizedTest
  @EnumSource(Kind.class)
  void ocspAndCrlReportGoodThenRevoked(Kind kind) throws Exception {
    try (RunningApp app =
        RunningApp.start(
            RunningApp.database(kind, dataDir),
            dataDir,
            Map.of("certhall.ca.hierarchies", "ECDSA,RSA"))) {
      for (String family : List.of("ecdsa", "rsa")) {
        check(app, family);
      }
    }
  }

  private void check(RunningApp app, String family) throws Exception {
    CertificateAuthority issuing =
        app.bean(CaRegistry.class).find(family + "-issuing").orElseThrow();
    CertificateAuthority root = app.bean(CaRegistry.class).find(family + "-root").orElseThrow();
    SigningKeyStore keys = app.bean(SigningKeyStore.class);
    Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    IssuedCertificate good = issueOrganization(issuing, keys, family + "-good", now);
    IssuedCertificate doomed = issueOrganization(issuing, keys, family + "-doomed", now);

    Path rootPem = PemFiles.write(work, family + "-root.pem", root.certificateDer());
    Path issuingPem = PemFiles.write(work, family + "-issuing.pem", issuing.certificateDer());
    Path chain =
        PemFiles.write(
            work, family + "-chain.pem", root.certificateDer(), issuing.certificateDer());
    Path goodPem = PemFiles.write(work, family + "-good.pem", good.der());
    Path doomedPem = PemFiles.write(work, family + "-doomed.pem", doomed.der());

    ExternalTool.require("openssl");
    assertThat(ocsp(app, chain, issuingPem, doomedPem))
        .contains(doomedPem + ": good")
        .contains("Response verify OK");

    RevocationService.Outcome outcome =
        app.bean(RevocationService.class)
            .revoke(
                issuing.name(),
                doomed.serial(),
                RevocationReason.KEY_COMPROMISE,
                now.minus(1, ChronoUnit.DAYS));
    assertThat(outcome).isEqualTo(RevocationService.Outcome.REVOKED);
    assertThat(
            app.bean(RevocationService.class)
                .revoke(issuing.name(), doomed.serial(), RevocationReason.SUPERSEDED, null))
        .isEqualTo(RevocationService.Outcome.ALREADY_REVOKED);

    String revoked = ocsp(app, chain, issuingPem, doomedPem);
    assertThat(revoked)
        .contains(doomedPem + ": revoked")
        .contains("Reason: keyCompromise")
        .contains("Response verify OK");
    assertThat(ocsp(app, chain, issuingPem, goodPem)).contains(goodPem + ": good");
    // the issuing CA's own certificate, answered by the root's delegated signer
    assertThat(ocsp(app, rootPem, rootPem, issuingPem))
        .contains(issuingPem + ": good")
        .contains("Response verify OK");

    Path crl = waitForCrlListing(app, issuing.name(), doomed.serial().toString(16));
    ExternalTool.Result crlText =
        ExternalTool.run(
            "openssl",
            "crl",
            "-inform",
            "DER",
            "-in",
            crl.toString(),
            "-CAfile",
            chain.toString(),
            "-noout",
            "-verify",
            "-text");
    assertThat(crlText.output())
        .contains("verify OK")
        .containsIgnoringCase(doomed.serial().toString(16))
        .contains("Key Compromise")
        .contains("Invalidity Date");
    assertThat(crlText.output()).doesNotContainIgnoringCase(good.serial().toString(16));

    // only after the new CRL is out: the JDK keeps a fetched CRL for 30 seconds
    assertPkix(app, root, issuing, good, true);
    assertPkix(app, root, issuing, doomed, false);
  }

  private static IssuedCertificate issueOrganization(
      CertificateAuthority ca, SigningKeyStore keys, String alias, Instant now) {
    PublicKey key = keys.generateKeyPair(alias + "-" + System.nanoTime(), ca.keyAlgorithm());
    return ca.issue(
        new IssuanceRequest(
            CertificateProfile.ORGANIZATION,
            new Subject.Organization("吊销测试有限公司", "91350100M000100Y43"),
            key,
            now,
            now.plus(365, ChronoUnit.DAYS)));
  }

  private String ocsp(RunningApp app, Path caFile, Path issuer, Path cert) {
    ExternalTool.Result r =
        ExternalTool.run(
            "openssl",
            "ocsp",
            "-issuer",
            issuer.toString(),
            "-cert",
            cert.toString(),
            "-url",
            app.url("/ocsp"),
            "-CAfile",
            caFile.toString());
    return r.output();
  }

  /** Polls until the published CRL lists the serial (CRLs follow revocations within seconds). */
  private Path waitForCrlListing(RunningApp app, String ca, String serialHex) throws Exception {
    Path file = work.resolve(ca + ".crl");
    CertificateFactory cf = CertificateFactory.getInstance("X.509");
    long deadline = System.nanoTime() + 15_000_000_000L;
    while (System.nanoTime() < deadline) {
      HttpResponse<byte[]> response =
          http.send(
              HttpRequest.newBuilder(URI.create(app.url("/crl/" + ca + ".crl"))).build(),
              HttpResponse.BodyHandlers.ofByteArray());
      assertThat(response.statusCode()).isEqualTo(200);
      assertThat(response.headers().firstValue("Content-Type")).hasValue("application/pkix-crl");
      X509CRL crl = (X509CRL) cf.generateCRL(new ByteArrayInputStream(response.body()));
      if (crl.getRevokedCertificates() != null
          && crl.getRevokedCertificates().stream()
              .anyMatch(e -> e.getSerialNumber().toString(16).equals(serialHex))) {
        Files.write(file, response.body());
        return file;
      }
      Thread.sleep(200);
    }
    throw new AssertionError("CRL of " + ca + " never listed " + serialHex);
  }

  /**
   * The JDK's validator, revocation checking on, once through OCSP only and once through CRLs only
   * (fetched from the CRL distribution points; surefire sets com.sun.security.enableCRLDP).
   */
  private static void assertPkix(
      RunningApp app,
      CertificateAuthority root,
      CertificateAuthority issuing,
      IssuedCertificate leaf,
      boolean valid)
      throws Exception {
    CertificateFactory cf = CertificateFactory.getInstance("X.509");
    X509Certificate rootCert =
        (X509Certificate) cf.generateCertificate(new ByteArrayInputStream(root.certificateDer()));
    X509Certificate issuingCert =
        (X509Certificate)
            cf.generateCertificate(new ByteArrayInputStream(issuing.certificateDer()));
    X509Certificate leafCert =
        (X509Certificate) cf.generateCertificate(new ByteArrayInputStream(leaf.der()));
    for (Set<PKIXRevocationChecker.Option> options :
        List.of(
            EnumSet.of(PKIXRevocationChecker.Option.NO_FALLBACK),
            EnumSet.of(
                PKIXRevocationChecker.Option.PREFER_CRLS,
                PKIXRevocationChecker.Option.NO_FALLBACK))) {
      CertPathValidator validator = CertPathValidator.getInstance("PKIX");
      PKIXRevocationChecker checker = (PKIXRevocationChecker) validator.getRevocationChecker();
      checker.setOptions(options);
      PKIXParameters params = new PKIXParameters(Set.of(new TrustAnchor(rootCert, null)));
      params.setRevocationEnabled(true);
      params.addCertPathChecker(checker);
      var path = cf.generateCertPath(List.of(leafCert, issuingCert));
      if (valid) {
        assertThat(validator.validate(path, params)).as("%s via %s", leaf, options).isNotNull();
      } else {
        assertThatThrownBy(() -> validator.validate(path, params))
            .as("%s via %s", leaf, options)
            .isInstanceOf(CertPathValidatorException.class)
            .satisfies(
                e -> {
                  CertPathValidatorException cpve = (CertPathValidatorException) e;
                  assertThat(cpve.getReason())
                      .isEqualTo(CertPathValidatorException.BasicReason.REVOKED);
                  assertThat(cpve.getIndex()).isZero();
                });
      }
    }
  }
}
