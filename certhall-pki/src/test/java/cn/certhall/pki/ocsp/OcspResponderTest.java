package cn.certhall.pki.ocsp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.certhall.pki.AlgorithmFamily;
import cn.certhall.pki.ExternalTool;
import cn.certhall.pki.KeyAlgorithm;
import cn.certhall.pki.PemFiles;
import cn.certhall.pki.Providers;
import cn.certhall.pki.TestHierarchy;
import cn.certhall.pki.issuance.IssuanceRequest;
import cn.certhall.pki.issuance.IssuedCertificate;
import cn.certhall.pki.keystore.SoftwareKeyStore;
import cn.certhall.pki.ocsp.CertificateStatusSource.KnownCertificate;
import cn.certhall.pki.profile.CertificateProfile;
import cn.certhall.pki.profile.Subject;
import cn.certhall.pki.revocation.RevocationReason;
import cn.certhall.pki.revocation.RevokedEntry;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.gm.GMObjectIdentifiers;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.ocsp.CertID;
import org.bouncycastle.asn1.ocsp.OCSPObjectIdentifiers;
import org.bouncycastle.asn1.ocsp.OCSPRequest;
import org.bouncycastle.asn1.ocsp.ResponderID;
import org.bouncycastle.asn1.ocsp.TBSRequest;
import org.bouncycastle.asn1.oiw.OIWObjectIdentifiers;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.ocsp.BasicOCSPResp;
import org.bouncycastle.cert.ocsp.CertificateID;
import org.bouncycastle.cert.ocsp.CertificateStatus;
import org.bouncycastle.cert.ocsp.OCSPReqBuilder;
import org.bouncycastle.cert.ocsp.OCSPResp;
import org.bouncycastle.cert.ocsp.RevokedStatus;
import org.bouncycastle.cert.ocsp.SingleResp;
import org.bouncycastle.cert.ocsp.UnknownStatus;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The OCSP responder against requests made by Bouncy Castle's client code, its answers read back by
 * Bouncy Castle and by openssl ocsp; its cache, its clock, and what it does with bad input.
 */
class OcspResponderTest {
  @TempDir static Path dir;
  static SoftwareKeyStore keys;
  static final Map<KeyAlgorithm, Ca> cas = new EnumMap<>(KeyAlgorithm.class);

  static final Instant REVOKED_AT = TestHierarchy.NOW.minus(5, ChronoUnit.HOURS);
  static final Duration VALIDITY = Duration.ofHours(8);
  static final AlgorithmIdentifier SHA1 =
      new AlgorithmIdentifier(OIWObjectIdentifiers.idSHA1, DERNull.INSTANCE);
  static final AlgorithmIdentifier SHA256 =
      new AlgorithmIdentifier(NISTObjectIdentifiers.id_sha256);
  static final AlgorithmIdentifier SM3 = new AlgorithmIdentifier(GMObjectIdentifiers.sm3);
  static final byte[] MALFORMED = {0x30, 0x03, 0x0a, 0x01, 0x01};
  static final byte[] UNAUTHORIZED = {0x30, 0x03, 0x0a, 0x01, 0x06};

  static final Subject.Organization ORG =
      new Subject.Organization("福州市测试科技有限公司", "91350100M000100Y43");

  /**
   * One hierarchy with its delegated OCSP signer and three organization certificates: good, revoked
   * for key compromise, revoked without a reason (unspecified).
   */
  record Ca(
      TestHierarchy hierarchy,
      OcspSigner signer,
      IssuedCertificate good,
      IssuedCertificate keyCompromise,
      IssuedCertificate unspecified) {
    String name() {
      return hierarchy.issuing().name();
    }

    X509CertificateHolder issuer() {
      return hierarchy.issuing().certificate();
    }
  }

  @BeforeAll
  static void openStore() {
    keys = SoftwareKeyStore.open(dir.resolve("keys"), "test-passphrase".toCharArray(), true);
  }

  @AfterAll
  static void closeStore() {
    keys.close();
  }

  static synchronized Ca ca(KeyAlgorithm algorithm) {
    return cas.computeIfAbsent(algorithm, a -> newCa(keys, a));
  }

  /** A hierarchy of algorithm {@code a} in {@code keys}, its OCSP signer and three leaves. */
  static Ca newCa(SoftwareKeyStore keys, KeyAlgorithm a) {
    TestHierarchy h = TestHierarchy.create(a, keys);
    String prefix = a.name().toLowerCase(Locale.ROOT);
    Instant notBefore = TestHierarchy.NOW.minus(1, ChronoUnit.DAYS);
    Instant notAfter = TestHierarchy.NOW.plus(90, ChronoUnit.DAYS);
    PublicKey signerKey = keys.generateKeyPair(prefix + "-ocsp", a);
    IssuedCertificate signerCert =
        h.issuing()
            .issue(
                new IssuanceRequest(
                    CertificateProfile.OCSP_SIGNER,
                    new Subject.Authority("certhall OCSP Signer " + a, "certhall"),
                    signerKey,
                    notBefore,
                    notAfter));
    PublicKey leafKey = keys.generateKeyPair(prefix + "-org", a);
    IssuedCertificate[] leaves = new IssuedCertificate[3];
    for (int i = 0; i < 3; i++) {
      leaves[i] =
          h.issuing()
              .issue(
                  new IssuanceRequest(
                      CertificateProfile.ORGANIZATION, ORG, leafKey, notBefore, notAfter));
    }
    try {
      return new Ca(
          h,
          new OcspSigner(
              h.issuing().name(),
              h.issuing().certificate(),
              new X509CertificateHolder(signerCert.der()),
              keys,
              prefix + "-ocsp"),
          leaves[0],
          leaves[1],
          leaves[2]);
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** What the database would say: issued certificates, some of them revoked. */
  static class StatusSource implements CertificateStatusSource {
    final Map<String, Map<BigInteger, KnownCertificate>> known = new ConcurrentHashMap<>();
    final AtomicInteger lookups = new AtomicInteger();

    StatusSource issued(Ca ca) {
      good(ca.name(), ca.good().serial());
      revoke(ca.name(), ca.keyCompromise().serial(), RevocationReason.KEY_COMPROMISE);
      revoke(ca.name(), ca.unspecified().serial(), RevocationReason.UNSPECIFIED);
      return this;
    }

    void good(String caName, BigInteger serial) {
      known
          .computeIfAbsent(caName, k -> new ConcurrentHashMap<>())
          .put(serial, new KnownCertificate(serial, null));
    }

    void revoke(String caName, BigInteger serial, RevocationReason reason) {
      known
          .computeIfAbsent(caName, k -> new ConcurrentHashMap<>())
          .put(
              serial,
              new KnownCertificate(serial, new RevokedEntry(serial, REVOKED_AT, reason, null)));
    }

    @Override
    public Optional<KnownCertificate> find(String caName, BigInteger serial) {
      lookups.incrementAndGet();
      return Optional.ofNullable(known.getOrDefault(caName, Map.of()).get(serial));
    }
  }

  /** A clock the test moves by hand. */
  static final class MutableClock extends Clock {
    final AtomicReference<Instant> now;

    MutableClock(Instant start) {
      now = new AtomicReference<>(start);
    }

    void advance(Duration d) {
      now.updateAndGet(t -> t.plus(d));
    }

    @Override
    public Instant instant() {
      return now.get();
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

  static OcspResponder responder(StatusSource source, Clock clock, KeyAlgorithm... algorithms) {
    List<OcspSigner> signers = new ArrayList<>();
    for (KeyAlgorithm a : algorithms) {
      Ca ca = ca(a);
      signers.add(ca.signer());
      source.issued(ca);
    }
    return new OcspResponder(signers, source, VALIDITY, 1000, clock);
  }

  static CertificateID certId(
      AlgorithmIdentifier hash, X509CertificateHolder issuer, BigInteger serial) throws Exception {
    return new CertificateID(
        new JcaDigestCalculatorProviderBuilder()
            .setProvider(Providers.bouncyCastle())
            .build()
            .get(hash),
        issuer,
        serial);
  }

  /** An OCSPRequest as Bouncy Castle's client code makes it; the nonce's extnValue as given. */
  static byte[] request(byte[] nonceExtnValue, CertificateID... ids) throws Exception {
    OCSPReqBuilder builder = new OCSPReqBuilder();
    for (CertificateID id : ids) {
      builder.addRequest(id);
    }
    if (nonceExtnValue != null) {
      builder.setRequestExtensions(
          new Extensions(
              new Extension(OCSPObjectIdentifiers.id_pkix_ocsp_nonce, false, nonceExtnValue)));
    }
    return builder.build().getEncoded();
  }

  static byte[] request(CertificateID id) throws Exception {
    return request(null, id);
  }

  /** RFC 8954 (and openssl): the nonce is an OCTET STRING inside the extnValue. */
  static byte[] wrappedNonce(byte[] nonce) throws Exception {
    return new DEROctetString(nonce).getEncoded();
  }

  static byte[] randomBytes(int n, long seed) {
    byte[] b = new byte[n];
    new Random(seed).nextBytes(b);
    return b;
  }

  /** The response parsed, successful, and signed by the CA's delegated signer. */
  static BasicOCSPResp verified(OcspResponse response, Ca ca) throws Exception {
    assertThat(response.status()).isEqualTo(OcspResponder.SUCCESSFUL);
    assertThat(response.successful()).isTrue();
    OCSPResp resp = new OCSPResp(response.der());
    assertThat(resp.getStatus()).isEqualTo(OCSPResp.SUCCESSFUL);
    BasicOCSPResp basic = (BasicOCSPResp) resp.getResponseObject();

    X509CertificateHolder signer = ca.signer().signerCertificate();
    assertThat(basic.getCerts()).containsExactly(signer);
    X509CertificateHolder included = basic.getCerts()[0];
    assertThat(
            basic.isSignatureValid(
                new JcaContentVerifierProviderBuilder()
                    .setProvider(Providers.bouncyCastle())
                    .build(included)))
        .as("response signature")
        .isTrue();
    // the included certificate is a delegated signer of this very CA (RFC 6960 4.2.2.2)
    assertThat(included.getIssuer()).isEqualTo(ca.issuer().getSubject());
    assertThat(
            included.isSignatureValid(
                new JcaContentVerifierProviderBuilder()
                    .setProvider(Providers.bouncyCastle())
                    .build(ca.issuer())))
        .isTrue();
    assertThat(
            ExtendedKeyUsage.fromExtensions(included.getExtensions())
                .hasKeyPurposeId(KeyPurposeId.id_kp_OCSPSigning))
        .isTrue();
    // responder id byKey: SHA-1 of the signer's public key bits
    ResponderID rid = basic.getResponderId().toASN1Primitive();
    assertThat(rid.getName()).isNull();
    assertThat(rid.getKeyHash())
        .isEqualTo(
            MessageDigest.getInstance("SHA-1")
                .digest(included.getSubjectPublicKeyInfo().getPublicKeyData().getBytes()));
    return basic;
  }

  static SingleResp single(BasicOCSPResp basic, CertificateID expected) {
    assertThat(basic.getResponses()).hasSize(1);
    SingleResp single = basic.getResponses()[0];
    assertThat(single.getCertID()).isEqualTo(expected);
    return single;
  }

  @ParameterizedTest
  @EnumSource(names = {"SM2", "EC_P256", "RSA_2048"})
  void answersGoodRevokedAndUnknown(KeyAlgorithm algorithm) throws Exception {
    Ca ca = ca(algorithm);
    MutableClock clock = new MutableClock(TestHierarchy.NOW);
    OcspResponder responder = responder(new StatusSource(), clock, algorithm);
    List<AlgorithmIdentifier> hashes = new ArrayList<>(List.of(SHA1, SHA256));
    if (algorithm.family() == AlgorithmFamily.SM2) {
      hashes.add(SM3);
    }
    for (AlgorithmIdentifier hash : hashes) {
      String as = algorithm + " " + hash.getAlgorithm();

      CertificateID good = certId(hash, ca.issuer(), ca.good().serial());
      OcspResponse goodResponse = responder.respond(request(good));
      SingleResp goodSingle = single(verified(goodResponse, ca), good);
      assertThat(goodSingle.getCertStatus()).as(as).isEqualTo(CertificateStatus.GOOD);
      assertThat(goodSingle.getThisUpdate().toInstant()).isEqualTo(TestHierarchy.NOW);
      assertThat(goodSingle.getNextUpdate().toInstant())
          .isEqualTo(TestHierarchy.NOW.plus(VALIDITY));
      assertThat(goodResponse.cacheable()).isTrue();

      CertificateID revoked = certId(hash, ca.issuer(), ca.keyCompromise().serial());
      CertificateStatus status =
          single(verified(responder.respond(request(revoked)), ca), revoked).getCertStatus();
      assertThat(status).as(as).isInstanceOf(RevokedStatus.class);
      RevokedStatus r = (RevokedStatus) status;
      assertThat(r.getRevocationTime().toInstant()).isEqualTo(REVOKED_AT);
      assertThat(r.hasRevocationReason()).isTrue();
      assertThat(r.getRevocationReason()).isEqualTo(RevocationReason.KEY_COMPROMISE.code());

      // unspecified is written as no reason at all, as in the CRL (RFC 5280 5.3.1)
      CertificateID unspecified = certId(hash, ca.issuer(), ca.unspecified().serial());
      CertificateStatus status2 =
          single(verified(responder.respond(request(unspecified)), ca), unspecified)
              .getCertStatus();
      assertThat(status2).isInstanceOf(RevokedStatus.class);
      assertThat(((RevokedStatus) status2).getRevocationTime().toInstant()).isEqualTo(REVOKED_AT);
      assertThat(((RevokedStatus) status2).hasRevocationReason()).as(as).isFalse();

      CertificateID unknown = certId(hash, ca.issuer(), ca.good().serial().add(BigInteger.ONE));
      assertThat(single(verified(responder.respond(request(unknown)), ca), unknown).getCertStatus())
          .as(as)
          .isInstanceOf(UnknownStatus.class);
    }
  }

  @Test
  void aNonceIsEchoedAndTheResponseSignedAfresh() throws Exception {
    Ca ca = ca(KeyAlgorithm.EC_P256);
    StatusSource source = new StatusSource();
    OcspResponder responder = responder(source, Clock.systemUTC(), KeyAlgorithm.EC_P256);
    CertificateID id = certId(SHA1, ca.issuer(), ca.good().serial());

    // openssl's form (an OCTET STRING in the extnValue), Bouncy Castle users' usual bare form,
    // and the shortest and longest nonces RFC 8954 allows
    List<byte[]> extnValues =
        List.of(
            wrappedNonce(randomBytes(16, 1)),
            randomBytes(16, 2),
            wrappedNonce(randomBytes(1, 3)),
            wrappedNonce(randomBytes(32, 4)),
            randomBytes(32, 5));
    for (byte[] extnValue : extnValues) {
      int before = source.lookups.get();
      OcspResponse response = responder.respond(request(extnValue, id));
      BasicOCSPResp basic = verified(response, ca);
      assertThat(single(basic, id).getCertStatus()).isEqualTo(CertificateStatus.GOOD);
      Extension echoed = basic.getExtension(OCSPObjectIdentifiers.id_pkix_ocsp_nonce);
      assertThat(echoed).isNotNull();
      assertThat(echoed.getExtnValue().getOctets())
          .as("the nonce comes back as it was sent")
          .isEqualTo(extnValue);
      assertThat(response.cacheable()).isFalse();
      assertThat(source.lookups.get())
          .as("a request with a nonce is answered afresh")
          .isEqualTo(before + 1);
    }
    assertThat(responder.cachedResponses()).isZero();

    // a response to a request without a nonce carries none
    BasicOCSPResp plain = verified(responder.respond(request(id)), ca);
    assertThat(plain.getExtension(OCSPObjectIdentifiers.id_pkix_ocsp_nonce)).isNull();
  }

  @Test
  void severalCertificatesInOneRequest() throws Exception {
    Ca ca = ca(KeyAlgorithm.EC_P256);
    OcspResponder responder =
        responder(new StatusSource(), Clock.systemUTC(), KeyAlgorithm.EC_P256);
    CertificateID good = certId(SHA1, ca.issuer(), ca.good().serial());
    CertificateID revoked = certId(SHA256, ca.issuer(), ca.keyCompromise().serial());
    for (byte[] nonce : Arrays.asList(null, wrappedNonce(randomBytes(16, 9)))) {
      OcspResponse response = responder.respond(request(nonce, good, revoked));
      BasicOCSPResp basic = verified(response, ca);
      assertThat(basic.getResponses()).hasSize(2);
      assertThat(basic.getResponses()[0].getCertID()).isEqualTo(good);
      assertThat(basic.getResponses()[0].getCertStatus()).isEqualTo(CertificateStatus.GOOD);
      assertThat(basic.getResponses()[1].getCertID()).isEqualTo(revoked);
      assertThat(basic.getResponses()[1].getCertStatus()).isInstanceOf(RevokedStatus.class);
      assertThat(response.thisUpdate()).isNull();
      assertThat(response.nextUpdate()).isNull();
      assertThat(response.cacheable()).isFalse();
    }

    // one response has one signer: certificates of two CAs in one request are refused
    Ca rsa = ca(KeyAlgorithm.RSA_2048);
    OcspResponder both =
        responder(
            new StatusSource(), Clock.systemUTC(), KeyAlgorithm.EC_P256, KeyAlgorithm.RSA_2048);
    OcspResponse mixed =
        both.respond(request(null, good, certId(SHA1, rsa.issuer(), rsa.good().serial())));
    assertThat(mixed.status()).isEqualTo(OcspResponder.UNAUTHORIZED);
    // each on its own is answered, by its own CA's signer
    single(
        verified(both.respond(request(certId(SHA1, rsa.issuer(), rsa.good().serial()))), rsa),
        certId(SHA1, rsa.issuer(), rsa.good().serial()));
    single(verified(both.respond(request(good)), ca), good);
  }

  @Test
  void withoutNonceTheCachedResponseIsServedUntilInvalidated() throws Exception {
    Ca ca = ca(KeyAlgorithm.EC_P256);
    StatusSource source = new StatusSource();
    MutableClock clock = new MutableClock(TestHierarchy.NOW);
    OcspResponder responder = responder(source, clock, KeyAlgorithm.EC_P256);
    CertificateID sha1 = certId(SHA1, ca.issuer(), ca.good().serial());
    CertificateID sha256 = certId(SHA256, ca.issuer(), ca.good().serial());
    CertificateID other = certId(SHA1, ca.issuer(), ca.keyCompromise().serial());

    OcspResponse first = responder.respond(request(sha1));
    clock.advance(Duration.ofMinutes(10));
    OcspResponse second = responder.respond(request(sha1));
    // an ECDSA signature is randomized: equal bytes mean the same signed response
    assertThat(second.der()).isEqualTo(first.der());
    assertThat(second.thisUpdate()).isEqualTo(first.thisUpdate()).isEqualTo(TestHierarchy.NOW);
    assertThat(source.lookups.get()).isEqualTo(1);
    single(verified(responder.respond(request(sha256)), ca), sha256);
    responder.respond(request(other));
    assertThat(responder.cachedResponses()).isEqualTo(3);

    // the certificate is revoked: the cached "good" would be served on ...
    source.revoke(ca.name(), ca.good().serial(), RevocationReason.KEY_COMPROMISE);
    assertThat(responder.respond(request(sha1)).der()).isEqualTo(first.der());
    // ... until the responder is told; other certificates and CAs keep theirs
    responder.invalidate(ca.name(), ca.keyCompromise().serial().add(BigInteger.TEN));
    responder.invalidate("another-ca", ca.good().serial());
    assertThat(responder.cachedResponses()).isEqualTo(3);
    responder.invalidate(ca.name(), ca.good().serial());
    assertThat(responder.cachedResponses()).isEqualTo(1);
    for (CertificateID id : List.of(sha1, sha256)) {
      OcspResponse now = responder.respond(request(id));
      CertificateStatus status = single(verified(now, ca), id).getCertStatus();
      assertThat(status).isInstanceOf(RevokedStatus.class);
      assertThat(((RevokedStatus) status).getRevocationReason()).isEqualTo(1);
      assertThat(now.thisUpdate()).isEqualTo(TestHierarchy.NOW.plus(Duration.ofMinutes(10)));
    }

    // a hash with parameters no client writes is answered, with its CertID as sent, but not
    // cached: invalidate could not know such keys
    CertificateID odd =
        new CertificateID(
            new CertID(
                new AlgorithmIdentifier(OIWObjectIdentifiers.idSHA1, new ASN1Integer(5)),
                new DEROctetString(sha1.getIssuerNameHash()),
                new DEROctetString(sha1.getIssuerKeyHash()),
                new ASN1Integer(ca.keyCompromise().serial())));
    long cached = responder.cachedResponses();
    OcspResponse oddResponse = responder.respond(request(odd));
    assertThat(single(verified(oddResponse, ca), odd).getCertStatus())
        .isInstanceOf(RevokedStatus.class);
    assertThat(oddResponse.cacheable()).isFalse();
    assertThat(responder.respond(request(odd)).der()).isNotEqualTo(oddResponse.der());
    assertThat(responder.cachedResponses()).isEqualTo(cached);
  }

  /**
   * A request that read "good" from the database just before the revocation was stored must not
   * leave that answer in the cache once {@link OcspResponder#invalidate} has returned.
   */
  @Test
  void invalidateWinsOverAResponseBeingSigned() throws Exception {
    Ca ca = ca(KeyAlgorithm.EC_P256);
    CountDownLatch looked = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    StatusSource source =
        new StatusSource() {
          @Override
          public Optional<KnownCertificate> find(String caName, BigInteger serial) {
            Optional<KnownCertificate> answer = super.find(caName, serial);
            if (looked.getCount() > 0) {
              looked.countDown();
              try {
                release.await(10, TimeUnit.SECONDS);
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            }
            return answer;
          }
        };
    OcspResponder responder = responder(source, Clock.systemUTC(), KeyAlgorithm.EC_P256);
    CertificateID id = certId(SHA1, ca.issuer(), ca.good().serial());
    byte[] request = request(id);

    AtomicReference<OcspResponse> inFlight = new AtomicReference<>();
    Thread client = new Thread(() -> inFlight.set(responder.respond(request)));
    client.start();
    assertThat(looked.await(10, TimeUnit.SECONDS)).isTrue();
    // the client has read "good"; now the revocation is stored and the responder told
    source.revoke(ca.name(), ca.good().serial(), RevocationReason.KEY_COMPROMISE);
    Thread revoker = new Thread(() -> responder.invalidate(ca.name(), ca.good().serial()));
    revoker.start();
    Thread.sleep(100);
    release.countDown();
    client.join(10_000);
    revoker.join(10_000);
    assertThat(client.isAlive()).isFalse();
    assertThat(revoker.isAlive()).isFalse();
    assertThat(single(verified(inFlight.get(), ca), id).getCertStatus())
        .isEqualTo(CertificateStatus.GOOD);

    CertificateStatus after = single(verified(responder.respond(request), ca), id).getCertStatus();
    assertThat(after).as("after invalidate returned").isInstanceOf(RevokedStatus.class);
  }

  @Test
  void theClockSetsThisUpdateAndNextUpdate() throws Exception {
    Ca ca = ca(KeyAlgorithm.EC_P256);
    Instant t0 = TestHierarchy.NOW;
    // a clock between seconds: X.509 and OCSP times are whole seconds
    MutableClock clock = new MutableClock(t0.plusMillis(750));
    StatusSource source = new StatusSource();
    OcspResponder responder = responder(source, clock, KeyAlgorithm.EC_P256);
    CertificateID id = certId(SHA1, ca.issuer(), ca.good().serial());
    byte[] request = request(id);

    OcspResponse r1 = responder.respond(request);
    assertWindow(r1, ca, id, t0);

    // a nonce request is signed now, with the same validity
    clock.advance(Duration.ofMinutes(30));
    OcspResponse withNonce = responder.respond(request(wrappedNonce(randomBytes(8, 7)), id));
    BasicOCSPResp nb = verified(withNonce, ca);
    assertThat(nb.getProducedAt().toInstant()).isEqualTo(t0.plus(Duration.ofMinutes(30)));
    assertThat(single(nb, id).getThisUpdate().toInstant())
        .isEqualTo(t0.plus(Duration.ofMinutes(30)));
    assertThat(single(nb, id).getNextUpdate().toInstant())
        .isEqualTo(t0.plus(Duration.ofMinutes(30)).plus(VALIDITY));

    // before half the validity: the cached response
    clock.advance(Duration.ofHours(3));
    assertThat(responder.respond(request).der()).isEqualTo(r1.der());

    // past half of it: still served (it has a quarter or more left) while a fresh one is signed
    // in the background, which replaces it
    clock.now.set(t0.plus(VALIDITY.dividedBy(2)).plusSeconds(1));
    Instant refreshedAt = clock.instant();
    OcspResponse during = responder.respond(request);
    assertServable(during, clock.instant());
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    OcspResponse refreshed = during;
    while (!refreshedAt.equals(refreshed.thisUpdate()) && System.nanoTime() < deadline) {
      Thread.sleep(20);
      refreshed = responder.respond(request);
    }
    assertWindow(refreshed, ca, id, refreshedAt);

    // past three quarters: never served, signed anew on the spot
    clock.now.set(refreshedAt.plus(VALIDITY.multipliedBy(3).dividedBy(4)).plusSeconds(1));
    OcspResponse late = responder.respond(request);
    assertServable(late, clock.instant());
    assertWindow(late, ca, id, clock.instant());

    // and however far the clock moves, no response is past its nextUpdate
    clock.advance(VALIDITY.multipliedBy(5));
    assertServable(responder.respond(request), clock.instant());
  }

  static void assertWindow(OcspResponse r, Ca ca, CertificateID id, Instant thisUpdate)
      throws Exception {
    assertThat(r.thisUpdate()).isEqualTo(thisUpdate);
    assertThat(r.nextUpdate()).isEqualTo(thisUpdate.plus(VALIDITY));
    BasicOCSPResp basic = verified(r, ca);
    assertThat(basic.getProducedAt().toInstant()).isEqualTo(thisUpdate);
    SingleResp single = single(basic, id);
    assertThat(single.getThisUpdate().toInstant()).isEqualTo(thisUpdate);
    assertThat(single.getNextUpdate().toInstant()).isEqualTo(thisUpdate.plus(VALIDITY));
  }

  /** Valid now, with at least a quarter of its validity left. */
  static void assertServable(OcspResponse r, Instant now) {
    assertThat(r.thisUpdate()).isBeforeOrEqualTo(now);
    assertThat(Duration.between(now, r.nextUpdate())).isGreaterThanOrEqualTo(VALIDITY.dividedBy(4));
  }

  @Test
  void aCaItDoesNotServeIsUnauthorized() throws Exception {
    Ca ca = ca(KeyAlgorithm.EC_P256);
    OcspResponder responder =
        responder(new StatusSource(), Clock.systemUTC(), KeyAlgorithm.EC_P256);
    List<byte[]> requests =
        List.of(
            // the issuing CA's own certificate: its issuer, the root, has no responder here
            request(
                certId(SHA1, ca.hierarchy().root().certificate(), ca.issuer().getSerialNumber())),
            // the right name hash with another key
            request(
                new CertificateID(
                    new CertID(
                        SHA1,
                        new DEROctetString(
                            certId(SHA1, ca.issuer(), BigInteger.ONE).getIssuerNameHash()),
                        new DEROctetString(new byte[20]),
                        new ASN1Integer(ca.good().serial())))),
            // a hash the responder does not compute
            request(
                new CertificateID(
                    new CertID(
                        new AlgorithmIdentifier(NISTObjectIdentifiers.id_sha3_256),
                        new DEROctetString(new byte[32]),
                        new DEROctetString(new byte[32]),
                        new ASN1Integer(ca.good().serial())))));
    for (byte[] request : requests) {
      OcspResponse response = responder.respond(request);
      assertThat(response.status()).isEqualTo(OcspResponder.UNAUTHORIZED);
      assertThat(response.der()).isEqualTo(UNAUTHORIZED);
      OCSPResp parsed = new OCSPResp(response.der());
      assertThat(parsed.getStatus()).isEqualTo(OCSPResp.UNAUTHORIZED);
      assertThat(parsed.getResponseObject()).isNull();
      assertThat(response.thisUpdate()).isNull();
      assertThat(response.cacheable()).isFalse();
    }
  }

  @Test
  void malformedRequestsAreAnsweredMalformed() throws Exception {
    Ca ca = ca(KeyAlgorithm.EC_P256);
    OcspResponder responder =
        responder(new StatusSource(), Clock.systemUTC(), KeyAlgorithm.EC_P256);
    CertificateID id = certId(SHA1, ca.issuer(), ca.good().serial());
    byte[] valid = request(id);
    assertThat(responder.respond(valid).status()).isEqualTo(OcspResponder.SUCCESSFUL);

    List<CertificateID> many = new ArrayList<>();
    for (int i = 0; i < 300; i++) {
      many.add(certId(SHA1, ca.issuer(), BigInteger.valueOf(i)));
    }
    byte[] oversized = request(null, many.toArray(new CertificateID[0]));
    assertThat(oversized.length).isGreaterThan(OcspResponder.MAX_REQUEST_BYTES);

    Map<String, byte[]> cases = new java.util.LinkedHashMap<>();
    cases.put("null", null);
    cases.put("empty", new byte[0]);
    cases.put(
        "garbage", "GET /ocsp HTTP/1.1\r\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
    cases.put("one byte", new byte[] {0x30});
    cases.put("truncated", Arrays.copyOf(valid, valid.length - 1));
    cases.put("truncated header", Arrays.copyOf(valid, 2));
    cases.put("trailing byte", Arrays.copyOf(valid, valid.length + 1));
    cases.put("two requests back to back", concat(valid, valid));
    cases.put("oversized request", oversized);
    cases.put("oversized zeros", new byte[OcspResponder.MAX_REQUEST_BYTES + 1]);
    cases.put(
        "empty request list",
        new OCSPRequest(new TBSRequest(null, new DERSequence(), (Extensions) null), null)
            .getEncoded());
    cases.put("a certificate, not a request", ca.good().der());
    cases.put("nonce of 33 octets", request(wrappedNonce(randomBytes(33, 11)), id));
    cases.put("bare nonce of 33 octets", request(randomBytes(33, 12), id));
    cases.put("empty nonce", request(wrappedNonce(new byte[0]), id));
    cases.put("empty bare nonce", request(new byte[0], id));
    cases.put("nonce of 1 KiB", request(wrappedNonce(randomBytes(1024, 13)), id));
    // the serial's INTEGER tag turned into an OCTET STRING's
    byte[] serialDer = new ASN1Integer(ca.good().serial()).getEncoded();
    int at = indexOf(valid, serialDer);
    assertThat(at).isPositive();
    byte[] notInteger = valid.clone();
    notInteger[at] = 0x04;
    cases.put("serial not an INTEGER", notInteger);

    for (Map.Entry<String, byte[]> c : cases.entrySet()) {
      OcspResponse response = responder.respond(c.getValue());
      assertThat(response.status()).as(c.getKey()).isEqualTo(OcspResponder.MALFORMED_REQUEST);
      assertThat(response.der()).as(c.getKey()).isEqualTo(MALFORMED);
      assertThat(new OCSPResp(response.der()).getStatus()).isEqualTo(OCSPResp.MALFORMED_REQUEST);
      assertThat(response.successful()).isFalse();
    }
  }

  static int indexOf(byte[] haystack, byte[] needle) {
    outer:
    for (int i = 0; i + needle.length <= haystack.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }

  static byte[] concat(byte[] a, byte[] b) {
    byte[] c = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, c, a.length, b.length);
    return c;
  }

  @Test
  void aFailingStatusSourceGivesInternalErrorNotAnException() throws Exception {
    Ca ca = ca(KeyAlgorithm.EC_P256);
    AtomicReference<RuntimeException> failure =
        new AtomicReference<>(new IllegalStateException("database down"));
    StatusSource source =
        new StatusSource() {
          @Override
          public Optional<KnownCertificate> find(String caName, BigInteger serial) {
            RuntimeException e = failure.get();
            if (e != null) {
              throw e;
            }
            return super.find(caName, serial);
          }
        };
    OcspResponder responder = responder(source, Clock.systemUTC(), KeyAlgorithm.EC_P256);
    CertificateID id = certId(SHA1, ca.issuer(), ca.good().serial());
    for (byte[] request : List.of(request(id), request(wrappedNonce(randomBytes(16, 21)), id))) {
      OcspResponse response = responder.respond(request);
      assertThat(response.status()).isEqualTo(OcspResponder.INTERNAL_ERROR);
      assertThat(new OCSPResp(response.der()).getStatus()).isEqualTo(OCSPResp.INTERNAL_ERROR);
    }
    // the failure is not cached: once the database is back, the answer is right
    failure.set(null);
    assertThat(single(verified(responder.respond(request(id)), ca), id).getCertStatus())
        .isEqualTo(CertificateStatus.GOOD);
  }

  /**
   * Random bytes, and valid requests cut short or with bits flipped: every answer is a well-formed
   * OCSPResponse, successful (then correctly signed), malformedRequest or unauthorized.
   */
  @Test
  void fuzzedRequestsGetWellFormedAnswers() throws Exception {
    Ca ca = ca(KeyAlgorithm.EC_P256);
    OcspResponder responder =
        responder(new StatusSource(), Clock.systemUTC(), KeyAlgorithm.EC_P256);
    Random random = new Random(20_240_917L);
    List<byte[]> valid =
        List.of(
            request(certId(SHA1, ca.issuer(), ca.good().serial())),
            request(certId(SHA256, ca.issuer(), ca.keyCompromise().serial())),
            request(
                wrappedNonce(randomBytes(16, 31)),
                certId(SHA1, ca.issuer(), ca.unspecified().serial())),
            request(
                null,
                certId(SHA1, ca.issuer(), ca.good().serial()),
                certId(SHA256, ca.issuer(), BigInteger.valueOf(77))));
    Map<Integer, Integer> seen = new java.util.TreeMap<>();

    for (int i = 0; i < 2000; i++) {
      byte[] bytes = new byte[random.nextInt(600)];
      random.nextBytes(bytes);
      if (bytes.length > 2 && random.nextBoolean()) {
        // often a plausible SEQUENCE header, so the parser gets past the first octets
        bytes[0] = 0x30;
        bytes[1] = (byte) (bytes.length - 2 < 128 ? bytes.length - 2 : 0x82);
      }
      check(responder, ca, bytes, "random " + i, seen);
    }
    Map<Integer, Integer> fromMutations = new java.util.TreeMap<>();
    for (int i = 0; i < 2000; i++) {
      byte[] base = valid.get(random.nextInt(valid.size()));
      byte[] bytes;
      if (i % 2 == 0) {
        bytes = Arrays.copyOf(base, random.nextInt(base.length));
      } else {
        bytes = base.clone();
        for (int flips = 1 + random.nextInt(3); flips > 0; flips--) {
          int bit = random.nextInt(bytes.length * 8);
          bytes[bit / 8] ^= (byte) (1 << (bit % 8));
        }
      }
      check(
          responder,
          ca,
          bytes,
          "mutation " + i + " " + HexFormat.of().formatHex(bytes),
          fromMutations);
    }
    // the mutations reached every answer, so the checks above were exercised
    assertThat(fromMutations).containsKeys(0, 1, 6);
    assertThat(seen).containsKey(1);
  }

  static void check(
      OcspResponder responder, Ca ca, byte[] bytes, String what, Map<Integer, Integer> seen) {
    OcspResponse response;
    try {
      response = responder.respond(bytes);
    } catch (Throwable t) {
      throw new AssertionError(what + ": respond threw " + t, t);
    }
    try {
      OCSPResp parsed = new OCSPResp(response.der());
      assertThat(parsed.getStatus()).as(what).isEqualTo(response.status()).isIn(0, 1, 3, 6);
      if (response.status() == 0) {
        BasicOCSPResp basic = verified(response, ca);
        assertThat(basic.getResponses()).isNotEmpty();
      } else {
        assertThat(parsed.getResponseObject()).isNull();
      }
    } catch (Exception e) {
      throw new AssertionError(what + ": " + e, e);
    }
    seen.merge(response.status(), 1, Integer::sum);
  }

  @ParameterizedTest
  @EnumSource(names = {"EC_P256", "RSA_2048"})
  void opensslAcceptsTheResponses(KeyAlgorithm algorithm) throws Exception {
    ExternalTool.require("openssl");
    Ca ca = ca(algorithm);
    OcspResponder responder = responder(new StatusSource(), Clock.systemUTC(), algorithm);
    Path chain =
        PemFiles.write(
            dir,
            algorithm + "-chain.pem",
            ca.hierarchy().root().certificateDer(),
            ca.hierarchy().issuing().certificateDer());
    Path issuer =
        PemFiles.write(dir, algorithm + "-issuing.pem", ca.hierarchy().issuing().certificateDer());
    String keyId =
        HexFormat.of()
            .withUpperCase()
            .formatHex(
                MessageDigest.getInstance("SHA-1")
                    .digest(
                        ca.signer()
                            .signerCertificate()
                            .getSubjectPublicKeyInfo()
                            .getPublicKeyData()
                            .getBytes()));

    record Case(String name, IssuedCertificate cert, String status) {}
    for (Case c :
        List.of(
            new Case("good", ca.good(), "good"),
            new Case("key-compromise", ca.keyCompromise(), "revoked"),
            new Case("unspecified", ca.unspecified(), "revoked"))) {
      Path leaf = PemFiles.write(dir, algorithm + "-" + c.name() + ".pem", c.cert().der());
      OcspResponse response =
          responder.respond(request(certId(SHA1, ca.issuer(), c.cert().serial())));
      Path respFile =
          Files.write(dir.resolve(algorithm + "-" + c.name() + ".ocsp"), response.der());
      ExternalTool.Result result =
          ExternalTool.run(
              "openssl",
              "ocsp",
              "-respin",
              respFile.toString(),
              "-resp_text",
              "-CAfile",
              chain.toString(),
              "-issuer",
              issuer.toString(),
              "-cert",
              leaf.toString());
      String out = result.output();
      assertThat(out).as(out).contains("Response verify OK");
      assertThat(out).contains(leaf + ": " + c.status());
      assertThat(out).contains("OCSP Response Status: successful (0x0)");
      assertThat(out).contains("Responder Id: " + keyId);
      assertThat(out).contains("Hash Algorithm: sha1");
      // openssl prints the serial in upper-case hex, whole octets
      String serialHex = c.cert().serial().toString(16).toUpperCase(Locale.ROOT);
      assertThat(out)
          .contains(
              "Serial Number: " + (serialHex.length() % 2 == 1 ? "0" : "") + serialHex + "\n");
      if (c.name().equals("key-compromise")) {
        assertThat(out).contains("Reason: keyCompromise");
      } else {
        assertThat(out).doesNotContain("Reason:");
      }
      assertThat(result.exitCode()).isZero();
    }

    // a response with a broken signature is refused, so "verify OK" means something
    OcspResponse good = responder.respond(request(certId(SHA1, ca.issuer(), ca.good().serial())));
    byte[] broken = good.der().clone();
    // producedAt one second earlier: still well-formed, no longer what was signed
    byte[] producedAt =
        new org.bouncycastle.asn1.ASN1GeneralizedTime(java.util.Date.from(good.thisUpdate()))
            .getEncoded();
    int at = indexOf(broken, producedAt);
    assertThat(at).isPositive();
    byte[] earlier =
        new org.bouncycastle.asn1.ASN1GeneralizedTime(
                java.util.Date.from(good.thisUpdate().minusSeconds(1)))
            .getEncoded();
    System.arraycopy(earlier, 0, broken, at, earlier.length);
    assertThat(new OCSPResp(broken).getStatus()).isZero();
    Path brokenFile = Files.write(dir.resolve(algorithm + "-broken.ocsp"), broken);
    ExternalTool.Result refused =
        ExternalTool.run(
            "openssl",
            "ocsp",
            "-respin",
            brokenFile.toString(),
            "-CAfile",
            chain.toString(),
            "-issuer",
            issuer.toString(),
            "-serial",
            "0x" + ca.good().serial().toString(16));
    assertThat(refused.output()).doesNotContain("Response verify OK");
  }

  @Test
  void errorResponsesAreFixedAndDistinct() throws Exception {
    for (int status : new int[] {1, 2, 3, 5, 6}) {
      OcspResponse r = OcspResponder.error(status);
      assertThat(r.der()).containsExactly(0x30, 0x03, 0x0a, 0x01, status);
      assertThat(new OCSPResp(r.der()).getStatus()).isEqualTo(status);
      assertThat(r.successful()).isFalse();
    }
    for (int status : new int[] {0, 4, 7, -1}) {
      int s = status;
      assertThatThrownBy(() -> OcspResponder.error(s)).isInstanceOf(IllegalArgumentException.class);
    }
  }
}
