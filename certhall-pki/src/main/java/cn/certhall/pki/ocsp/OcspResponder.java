package cn.certhall.pki.ocsp;

import cn.certhall.pki.revocation.RevocationReason;
import cn.certhall.pki.revocation.RevokedEntry;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.LoadingCache;
import com.github.benmanes.caffeine.cache.Ticker;
import java.io.IOException;
import java.math.BigInteger;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1GeneralizedTime;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.gm.GMObjectIdentifiers;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.ocsp.CertID;
import org.bouncycastle.asn1.ocsp.OCSPObjectIdentifiers;
import org.bouncycastle.asn1.ocsp.OCSPRequest;
import org.bouncycastle.asn1.ocsp.Request;
import org.bouncycastle.asn1.ocsp.RevokedInfo;
import org.bouncycastle.asn1.ocsp.TBSRequest;
import org.bouncycastle.asn1.oiw.OIWObjectIdentifiers;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.CRLReason;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.ocsp.BasicOCSPResp;
import org.bouncycastle.cert.ocsp.BasicOCSPRespBuilder;
import org.bouncycastle.cert.ocsp.CertificateID;
import org.bouncycastle.cert.ocsp.CertificateStatus;
import org.bouncycastle.cert.ocsp.OCSPException;
import org.bouncycastle.cert.ocsp.OCSPRespBuilder;
import org.bouncycastle.cert.ocsp.RespID;
import org.bouncycastle.cert.ocsp.RevokedStatus;
import org.bouncycastle.cert.ocsp.UnknownStatus;
import org.bouncycastle.operator.DigestCalculator;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.bc.BcDigestCalculatorProvider;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * OCSP responder (RFC 6960, RFC 5019 profile) for several CAs, each answering through its
 * delegated signer. {@link #respond} never throws: a request it cannot parse gets
 * malformedRequest, one for a CA it does not serve gets unauthorized, a failure inside gets
 * internalError.
 *
 * <p>A request for one certificate without a nonce (the RFC 5019 case, and what browsers send) is
 * answered from a cache of pre-signed responses: signed on first request, refreshed in the
 * background once half its validity has passed, never served after three quarters of it, and
 * dropped at once by {@link #invalidate} when the certificate is revoked. A request with a nonce or
 * for several certificates is signed on the spot, the nonce echoed.
 *
 * <p>The cache reads its time from the responder's clock, as the responses' thisUpdate and
 * nextUpdate do, so the two cannot disagree about how old a cached response is.
 */
public final class OcspResponder {
  private static final Logger log = LoggerFactory.getLogger(OcspResponder.class);

  public static final int SUCCESSFUL = 0;
  public static final int MALFORMED_REQUEST = 1;
  public static final int INTERNAL_ERROR = 2;
  public static final int UNAUTHORIZED = 6;

  /** Requests carry a few hundred bytes; anything far larger is not an OCSP request of ours. */
  public static final int MAX_REQUEST_BYTES = 16 * 1024;
  /** RFC 8954: a nonce of 1 to 32 octets. */
  private static final int MAX_NONCE = 32;

  private static final List<ASN1ObjectIdentifier> HASHES =
      List.of(
          OIWObjectIdentifiers.idSHA1,
          NISTObjectIdentifiers.id_sha256,
          NISTObjectIdentifiers.id_sha384,
          NISTObjectIdentifiers.id_sha512,
          GMObjectIdentifiers.sm3);

  /**
   * The hash AlgorithmIdentifiers whose responses are cached: each hash with absent or NULL
   * parameters, as clients write them. {@link #invalidate} drops exactly these keys; a request
   * with other parameters is answered afresh.
   */
  private static final List<byte[]> CACHED_HASH_ENCODINGS = cachedHashEncodings();

  private final Map<IssuerKey, Issuer> issuers = new HashMap<>();
  private final Map<String, Issuer> issuersByCa = new HashMap<>();
  private final CertificateStatusSource source;
  private final Duration validity;
  private final Clock clock;
  private final LoadingCache<CacheKey, OcspResponse> cache;

  public OcspResponder(
      List<OcspSigner> signers,
      CertificateStatusSource source,
      Duration validity,
      long maxCachedResponses,
      Clock clock) {
    this.source = source;
    this.validity = validity;
    this.clock = clock;
    for (OcspSigner signer : signers) {
      Issuer issuer = new Issuer(signer);
      issuersByCa.put(signer.caName(), issuer);
      for (ASN1ObjectIdentifier hash : HASHES) {
        issuers.put(
            new IssuerKey(hash, hex(issuer.nameHash(hash)), hex(issuer.keyHash(hash))), issuer);
      }
    }
    Ticker ticker =
        () -> {
          Instant now = clock.instant();
          return TimeUnit.SECONDS.toNanos(now.getEpochSecond()) + now.getNano();
        };
    this.cache =
        Caffeine.newBuilder()
            .ticker(ticker)
            .maximumSize(maxCachedResponses)
            .refreshAfterWrite(validity.dividedBy(2))
            .expireAfterWrite(validity.multipliedBy(3).dividedBy(4))
            .build(this::signCached);
  }

  /** Answers a DER-encoded OCSPRequest with a DER-encoded OCSPResponse. */
  public OcspResponse respond(byte[] requestDer) {
    if (requestDer == null || requestDer.length == 0 || requestDer.length > MAX_REQUEST_BYTES) {
      return error(MALFORMED_REQUEST);
    }
    TBSRequest tbs;
    List<CertID> ids = new ArrayList<>();
    Nonce nonce;
    try {
      OCSPRequest request = OCSPRequest.getInstance(ASN1Primitive.fromByteArray(requestDer));
      tbs = request.getTbsRequest();
      for (int i = 0; i < tbs.getRequestList().size(); i++) {
        CertID id = Request.getInstance(tbs.getRequestList().getObjectAt(i)).getReqCert();
        // force the parse of every field now, so a malformed one is a malformed request
        id.getHashAlgorithm().getAlgorithm();
        id.getSerialNumber().getValue();
        id.getIssuerNameHash().getOctets();
        id.getIssuerKeyHash().getOctets();
        ids.add(id);
      }
      nonce = nonce(tbs.getRequestExtensions());
    } catch (IOException | RuntimeException e) {
      return error(MALFORMED_REQUEST);
    }
    if (ids.isEmpty() || nonce != null && (nonce.length() == 0 || nonce.length() > MAX_NONCE)) {
      return error(MALFORMED_REQUEST);
    }
    List<Issuer> owners = new ArrayList<>(ids.size());
    for (CertID id : ids) {
      Issuer issuer =
          issuers.get(
              new IssuerKey(
                  id.getHashAlgorithm().getAlgorithm(),
                  hex(id.getIssuerNameHash().getOctets()),
                  hex(id.getIssuerKeyHash().getOctets())));
      if (issuer == null) {
        return error(UNAUTHORIZED);
      }
      owners.add(issuer);
    }
    try {
      if (ids.size() == 1 && nonce == null) {
        CertID id = ids.get(0);
        byte[] hashAlgorithm = id.getHashAlgorithm().getEncoded(ASN1Encoding.DER);
        if (CACHED_HASH_ENCODINGS.stream().anyMatch(h -> Arrays.equals(h, hashAlgorithm))) {
          return cache.get(
              new CacheKey(
                  owners.get(0).signer.caName(), id.getSerialNumber().getValue(), hashAlgorithm));
        }
      }
      if (owners.stream().distinct().count() > 1) {
        // one response has one signer; RFC 5019 clients ask for one certificate anyway
        return error(UNAUTHORIZED);
      }
      return sign(owners.get(0), ids, nonce, false);
    } catch (RuntimeException | IOException e) {
      log.warn("OCSP response failed: {}", e.toString());
      return error(INTERNAL_ERROR);
    }
  }

  /**
   * Drops the cached responses for a certificate, so the next request sees its new status. A
   * response being signed for it meanwhile (its status read before the change) is waited for and
   * dropped too: once this returns, no response older than the call is served.
   */
  public void invalidate(String caName, BigInteger serial) {
    // Removing key by key goes through the cache's map lock of each key, which a load in
    // progress holds; iterating the entries would not see such a load and leave its result.
    List<CacheKey> keys = new ArrayList<>(CACHED_HASH_ENCODINGS.size());
    for (byte[] hash : CACHED_HASH_ENCODINGS) {
      keys.add(new CacheKey(caName, serial, hash));
    }
    cache.invalidateAll(keys);
  }

  /** Number of cached responses, for monitoring and tests. */
  public long cachedResponses() {
    cache.cleanUp();
    return cache.estimatedSize();
  }

  private OcspResponse signCached(CacheKey key) throws IOException {
    Issuer issuer = issuersByCa.get(key.caName);
    AlgorithmIdentifier hashAlg = AlgorithmIdentifier.getInstance(key.hashAlgorithm);
    CertID id =
        new CertID(
            hashAlg,
            new DEROctetString(issuer.nameHash(hashAlg.getAlgorithm())),
            new DEROctetString(issuer.keyHash(hashAlg.getAlgorithm())),
            new org.bouncycastle.asn1.ASN1Integer(key.serial));
    return sign(issuer, List.of(id), null, true);
  }

  private OcspResponse sign(Issuer issuer, List<CertID> ids, Nonce nonce, boolean cacheable)
      throws IOException {
    Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
    Instant next = now.plus(validity);
    BasicOCSPRespBuilder builder = new BasicOCSPRespBuilder(issuer.responderId);
    for (CertID id : ids) {
      builder.addResponse(
          new CertificateID(id),
          status(issuer.signer.caName(), id.getSerialNumber().getValue()),
          Date.from(now),
          Date.from(next),
          null);
    }
    if (nonce != null) {
      // echoed as sent: clients compare the extnValue octets (openssl's OCSP_check_nonce does)
      builder.setResponseExtensions(
          new Extensions(
              new Extension(OCSPObjectIdentifiers.id_pkix_ocsp_nonce, false, nonce.extnValue())));
    }
    try {
      BasicOCSPResp basic =
          builder.build(
              issuer.signer.keys().signer(issuer.signer.keyAlias()),
              new X509CertificateHolder[] {issuer.signer.signerCertificate()},
              Date.from(now));
      byte[] der = new OCSPRespBuilder().build(OCSPRespBuilder.SUCCESSFUL, basic).getEncoded();
      boolean single = ids.size() == 1;
      return new OcspResponse(
          SUCCESSFUL, der, single ? now : null, single ? next : null, cacheable);
    } catch (OCSPException e) {
      throw new IOException("cannot build OCSP response", e);
    }
  }

  /** The status to state; Bouncy Castle writes {@code null} as "good". */
  private CertificateStatus status(String caName, BigInteger serial) {
    Optional<CertificateStatusSource.KnownCertificate> known = source.find(caName, serial);
    if (known.isEmpty()) {
      return new UnknownStatus();
    }
    RevokedEntry r = known.get().revocation();
    if (r == null) {
      return CertificateStatus.GOOD;
    }
    // unspecified is stated by leaving the reason out, as the CRL entry does (RFC 5280 5.3.1), so
    // that OCSP and CRL say the same
    CRLReason reason =
        r.reason() == null || r.reason() == RevocationReason.UNSPECIFIED
            ? null
            : CRLReason.lookup(r.reason().code());
    return new RevokedStatus(
        new RevokedInfo(new ASN1GeneralizedTime(Date.from(r.revokedAt())), reason));
  }

  /** A request's nonce: the extension's value as sent, and its length as RFC 8954 counts it. */
  private record Nonce(byte[] extnValue, int length) {}

  private static Nonce nonce(Extensions extensions) {
    if (extensions == null) {
      return null;
    }
    Extension ext = extensions.getExtension(OCSPObjectIdentifiers.id_pkix_ocsp_nonce);
    if (ext == null) {
      return null;
    }
    // RFC 8954: the nonce's extnValue holds an OCTET STRING; some clients put the bytes bare
    byte[] value = ext.getExtnValue().getOctets();
    try {
      return new Nonce(value, ASN1OctetString.getInstance(value).getOctets().length);
    } catch (RuntimeException notWrapped) {
      return new Nonce(value, value.length);
    }
  }

  private static final Map<Integer, OcspResponse> ERRORS = new HashMap<>();

  static {
    for (int status : new int[] {MALFORMED_REQUEST, INTERNAL_ERROR, 3, 5, UNAUTHORIZED}) {
      ERRORS.put(
          status, new OcspResponse(status, new byte[] {0x30, 0x03, 0x0a, 0x01, (byte) status}, null, null, false));
    }
  }

  /** An unsigned error response (RFC 6960 4.2.1): malformedRequest, internalError, … */
  public static OcspResponse error(int status) {
    OcspResponse r = ERRORS.get(status);
    if (r == null) {
      throw new IllegalArgumentException("not an OCSP error status: " + status);
    }
    return r;
  }

  private record IssuerKey(ASN1ObjectIdentifier hash, String nameHash, String keyHash) {}

  private static final class CacheKey {
    final String caName;
    final BigInteger serial;
    final byte[] hashAlgorithm;
    private final int hash;

    CacheKey(String caName, BigInteger serial, byte[] hashAlgorithm) {
      this.caName = caName;
      this.serial = serial;
      this.hashAlgorithm = hashAlgorithm;
      this.hash = (caName.hashCode() * 31 + serial.hashCode()) * 31 + Arrays.hashCode(hashAlgorithm);
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof CacheKey k
          && k.serial.equals(serial)
          && k.caName.equals(caName)
          && Arrays.equals(k.hashAlgorithm, hashAlgorithm);
    }

    @Override
    public int hashCode() {
      return hash;
    }
  }

  private static final class Issuer {
    final OcspSigner signer;
    final RespID responderId;
    final Map<ASN1ObjectIdentifier, byte[]> nameHashes = new HashMap<>();
    final Map<ASN1ObjectIdentifier, byte[]> keyHashes = new HashMap<>();

    Issuer(OcspSigner signer) {
      this.signer = signer;
      try {
        DigestCalculator sha1 = new BcDigestCalculatorProvider().get(RespID.HASH_SHA1);
        // byKey, as RFC 5019 recommends: the SHA-1 of the signer's public key
        this.responderId = new RespID(signer.signerCertificate().getSubjectPublicKeyInfo(), sha1);
      } catch (OperatorCreationException | OCSPException e) {
        throw new IllegalStateException("cannot compute the responder id", e);
      }
      for (ASN1ObjectIdentifier hash : HASHES) {
        nameHashes.put(hash, digest(hash, encoded(signer.caCertificate().getSubject())));
        keyHashes.put(
            hash,
            digest(hash, signer.caCertificate().getSubjectPublicKeyInfo().getPublicKeyData().getBytes()));
      }
    }

    byte[] nameHash(ASN1ObjectIdentifier hash) {
      return nameHashes.get(hash);
    }

    byte[] keyHash(ASN1ObjectIdentifier hash) {
      return keyHashes.get(hash);
    }
  }

  private static byte[] encoded(org.bouncycastle.asn1.x500.X500Name name) {
    try {
      return name.getEncoded(ASN1Encoding.DER);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static byte[] digest(ASN1ObjectIdentifier hash, byte[] data) {
    String name =
        hash.equals(OIWObjectIdentifiers.idSHA1)
            ? "SHA-1"
            : hash.equals(NISTObjectIdentifiers.id_sha256)
                ? "SHA-256"
                : hash.equals(NISTObjectIdentifiers.id_sha384)
                    ? "SHA-384"
                    : hash.equals(NISTObjectIdentifiers.id_sha512) ? "SHA-512" : "SM3";
    try {
      return MessageDigest.getInstance(name, cn.certhall.pki.Providers.bouncyCastle()).digest(data);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static List<byte[]> cachedHashEncodings() {
    List<byte[]> encodings = new ArrayList<>();
    try {
      for (ASN1ObjectIdentifier hash : HASHES) {
        encodings.add(new AlgorithmIdentifier(hash).getEncoded(ASN1Encoding.DER));
        encodings.add(new AlgorithmIdentifier(hash, DERNull.INSTANCE).getEncoded(ASN1Encoding.DER));
      }
    } catch (IOException e) {
      throw new ExceptionInInitializerError(e);
    }
    return List.copyOf(encodings);
  }

  private static String hex(byte[] bytes) {
    return HexFormat.of().formatHex(bytes);
  }
}
