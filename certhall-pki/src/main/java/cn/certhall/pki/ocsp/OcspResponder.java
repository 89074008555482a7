package cn.certhall.pki.ocsp;

import cn.certhall.pki.issuance.SerialNumberGenerator;
import cn.certhall.pki.revocation.RevocationReason;
import cn.certhall.pki.revocation.RevokedEntry;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.LoadingCache;
import com.github.benmanes.caffeine.cache.Ticker;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
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
 * OCSP responder (RFC 6960, RFC 5019 profile) for several CAs, each answering through its delegated
 * signer. {@link #respond} never throws: a request it cannot parse gets malformedRequest, one for a
 * CA it does not serve gets unauthorized, a failure inside gets internalError.
 *
 * <p>A request for one certificate without a nonce (the RFC 5019 case, and what browsers send) is
 * answered from a cache of pre-signed responses: signed on first request, refreshed in the
 * background once half its validity has passed, never served after three quarters of it, and
 * dropped at once by {@link #invalidate} when the certificate is revoked. A request with a nonce or
 * for several certificates is signed on the spot, the nonce echoed.
 *
 * <p>Only answers about certificates the CA issued (good, revoked) enter that cache, so it is sized
 * by what the CA issued and a client cannot push those answers out with made-up serials. "unknown"
 * answers go to a small cache of their own ({@link UnknownSerials}), and signing fresh ones has a
 * budget per second: past it a request for a serial the CA never issued gets tryLater, unsigned,
 * while certificates the CA did issue are answered as ever. A serial the engine cannot have made
 * (not positive, or longer than {@link SerialNumberGenerator#MAX_OCTETS}) is known unknown without
 * asking the database.
 *
 * <p>The caches read their time from the responder's clock, as the responses' thisUpdate and
 * nextUpdate do, so the two cannot disagree about how old a cached response is.
 */
public final class OcspResponder {
  private static final Logger log = LoggerFactory.getLogger(OcspResponder.class);

  public static final int SUCCESSFUL = 0;
  public static final int MALFORMED_REQUEST = 1;
  public static final int INTERNAL_ERROR = 2;
  public static final int TRY_LATER = 3;
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
   * parameters, as clients write them. {@link #invalidate} drops exactly these keys; a request with
   * other parameters is answered afresh.
   */
  private static final List<byte[]> CACHED_HASH_ENCODINGS = cachedHashEncodings();

  private final Map<IssuerKey, Issuer> issuers = new HashMap<>();

  /**
   * The DER of the first three CertID fields (hashAlgorithm, issuerNameHash, issuerKeyHash) of
   * every cached form of every CA's CertIDs, to that CA and hash: the lookup of {@link
   * #respondFromCache}.
   */
  private final Map<ByteBuffer, CachedIssuer> cachedCertIdPrefixes = new HashMap<>();

  private final Map<String, Issuer> issuersByCa = new HashMap<>();
  private final CertificateStatusSource source;
  private final Duration validity;
  private final Clock clock;
  private final LoadingCache<CacheKey, OcspResponse> cache;
  private final Cache<CacheKey, OcspResponse> unknownCache;
  private final SignatureBudget unknownBudget;

  /**
   * How the responder spends itself on serials a CA never issued, which anyone can make up in any
   * number: at most {@code cacheSize} such answers are kept, and at most {@code
   * signaturesPerSecond} fresh ones signed (a second's worth at once).
   */
  public record UnknownSerials(long cacheSize, double signaturesPerSecond) {
    public static final UnknownSerials DEFAULT = new UnknownSerials(10_000, 100);

    public UnknownSerials {
      if (cacheSize < 0 || !(signaturesPerSecond > 0)) {
        throw new IllegalArgumentException("cache size >= 0 and signatures per second > 0");
      }
    }
  }

  public OcspResponder(
      List<OcspSigner> signers,
      CertificateStatusSource source,
      Duration validity,
      long maxCachedResponses,
      Clock clock) {
    this(signers, source, validity, maxCachedResponses, UnknownSerials.DEFAULT, clock);
  }

  public OcspResponder(
      List<OcspSigner> signers,
      CertificateStatusSource source,
      Duration validity,
      long maxCachedResponses,
      UnknownSerials unknownSerials,
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
      for (byte[] hashAlgorithm : CACHED_HASH_ENCODINGS) {
        ASN1ObjectIdentifier hash = AlgorithmIdentifier.getInstance(hashAlgorithm).getAlgorithm();
        byte[] prefix =
            concat(
                hashAlgorithm,
                encoded(new DEROctetString(issuer.nameHash(hash))),
                encoded(new DEROctetString(issuer.keyHash(hash))));
        cachedCertIdPrefixes.put(
            ByteBuffer.wrap(prefix), new CachedIssuer(signer.caName(), hashAlgorithm));
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
            .recordStats()
            .build(this::signCached);
    // not refreshed: an answer about a made-up serial is not worth a signature in the background
    this.unknownCache =
        Caffeine.newBuilder()
            .ticker(ticker)
            .maximumSize(unknownSerials.cacheSize())
            .expireAfterWrite(validity.multipliedBy(3).dividedBy(4))
            .build();
    this.unknownBudget = new SignatureBudget(unknownSerials.signaturesPerSecond(), clock);
  }

  /** Answers a DER-encoded OCSPRequest with a DER-encoded OCSPResponse. */
  public OcspResponse respond(byte[] requestDer) {
    if (requestDer == null || requestDer.length == 0 || requestDer.length > MAX_REQUEST_BYTES) {
      return error(MALFORMED_REQUEST);
    }
    OcspResponse cached = respondFromCache(requestDer);
    return cached != null ? cached : respondParsed(requestDer);
  }

  /** {@link #respond} through Bouncy Castle's parser always: the reference of the fast path. */
  OcspResponse respondParsed(byte[] requestDer) {
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
          return cached(
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
   * The answer to the request RFC 5019 clients and browsers send (one CertID, no nonce, no other
   * field), read straight from its DER without building Bouncy Castle's object tree, which is most
   * of the cost of a cached answer; null for anything else, which {@link #respond} then parses in
   * full. Only a strict DER encoding of exactly that shape, with a CertID whose issuer and hash
   * form are cached (see {@link #cachedCertIdPrefixes}) and a positive serial in minimal form, is
   * taken here, so the answer is the one the full parse gives.
   */
  OcspResponse respondFromCache(byte[] der) {
    int[] at = {0};
    int end = der.length;
    // OCSPRequest > TBSRequest > requestList > Request > CertID, each the only element of its
    // parent: no signature, version, requestor name, second request or extension of any level
    for (int level = 0; level < 5; level++) {
      int length = derHeader(der, at, 0x30, end);
      if (length < 0 || at[0] + length != end) {
        return null;
      }
    }
    int certId = at[0];
    for (int tag : new int[] {0x30, 0x04, 0x04}) { // hashAlgorithm, issuerNameHash, issuerKeyHash
      int length = derHeader(der, at, tag, end);
      if (length < 0) {
        return null;
      }
      at[0] += length;
    }
    int prefixEnd = at[0];
    int serialLength = derHeader(der, at, 0x02, end);
    int serial = at[0];
    if (serialLength < 1
        || serial + serialLength != end
        || der[serial] < 0 // negative
        || serialLength > 1 && der[serial] == 0 && der[serial + 1] >= 0) { // not minimal
      return null;
    }
    CachedIssuer issuer =
        cachedCertIdPrefixes.get(ByteBuffer.wrap(der, certId, prefixEnd - certId));
    if (issuer == null) {
      return null;
    }
    try {
      return cached(
          new CacheKey(
              issuer.caName(), new BigInteger(der, serial, serialLength), issuer.hashAlgorithm()));
    } catch (RuntimeException | IOException e) {
      log.warn("OCSP response failed: {}", e.toString());
      return error(INTERNAL_ERROR);
    }
  }

  /**
   * The pre-signed answer for one certificate: from the cache of issued certificates' answers
   * (signed on a miss), else from the cache of "unknown" answers, else a fresh "unknown" if the
   * budget allows, else tryLater.
   */
  private OcspResponse cached(CacheKey key) throws IOException {
    OcspResponse unknown = unknownCache.getIfPresent(key);
    if (unknown != null) {
      return unknown;
    }
    OcspResponse known = cache.get(key); // null: the CA never issued it, nothing was cached
    if (known != null) {
      return known;
    }
    if (!unknownBudget.tryTake()) {
      return error(TRY_LATER);
    }
    try {
      return unknownCache.get(key, k -> signUnknown(k));
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
  }

  /**
   * Reads a DER tag and definite length (minimal form, at most two length octets: a request of ours
   * is under 16 KiB) at {@code at[0]}; returns the content length, {@code at[0]} then at the
   * content, or -1 if the tag differs or the length is not such a length within {@code end}.
   */
  private static int derHeader(byte[] der, int[] at, int tag, int end) {
    int i = at[0];
    if (end - i < 2 || der[i] != tag) {
      return -1;
    }
    int length = der[i + 1] & 0xff;
    i += 2;
    if (length == 0x81) {
      if (i >= end || (length = der[i++] & 0xff) < 0x80) {
        return -1;
      }
    } else if (length == 0x82) {
      if (end - i < 2 || (length = (der[i] & 0xff) << 8 | der[i + 1] & 0xff) < 0x100) {
        return -1;
      }
      i += 2;
    } else if (length >= 0x80) {
      return -1;
    }
    if (length > end - i) {
      return -1;
    }
    at[0] = i;
    return length;
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
    unknownCache.invalidateAll(keys);
  }

  /**
   * Lookups of the cache of issued certificates' answers since start: a hit is an answer served
   * pre-signed, a miss one signed on the spot (or a serial the CA never issued). For monitoring.
   */
  public record CacheStatistics(long hits, long misses) {}

  public CacheStatistics cacheStatistics() {
    var stats = cache.stats();
    return new CacheStatistics(stats.hitCount(), stats.missCount());
  }

  /** Number of cached responses about issued certificates, for monitoring and tests. */
  public long cachedResponses() {
    cache.cleanUp();
    return cache.estimatedSize();
  }

  /** Number of cached "unknown" responses, for monitoring and tests. */
  public long cachedUnknownResponses() {
    unknownCache.cleanUp();
    return unknownCache.estimatedSize();
  }

  /** The main cache's loader: the signed answer about a certificate the CA issued, else null. */
  private OcspResponse signCached(CacheKey key) throws IOException {
    if (!SerialNumberGenerator.couldHaveMade(key.serial)) {
      return null;
    }
    Optional<CertificateStatusSource.KnownCertificate> known = source.find(key.caName, key.serial);
    if (known.isEmpty()) {
      return null;
    }
    return signOne(key, status(known));
  }

  private OcspResponse signUnknown(CacheKey key) {
    try {
      return signOne(key, new UnknownStatus());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private OcspResponse signOne(CacheKey key, CertificateStatus status) throws IOException {
    Issuer issuer = issuersByCa.get(key.caName);
    AlgorithmIdentifier hashAlg = AlgorithmIdentifier.getInstance(key.hashAlgorithm);
    CertID id =
        new CertID(
            hashAlg,
            new DEROctetString(issuer.nameHash(hashAlg.getAlgorithm())),
            new DEROctetString(issuer.keyHash(hashAlg.getAlgorithm())),
            new org.bouncycastle.asn1.ASN1Integer(key.serial));
    // Collections, not List.of: "good" is null
    return sign(issuer, List.of(id), Collections.singletonList(status), null, true);
  }

  private OcspResponse sign(Issuer issuer, List<CertID> ids, Nonce nonce, boolean cacheable)
      throws IOException {
    List<CertificateStatus> statuses = new ArrayList<>(ids.size());
    for (CertID id : ids) {
      statuses.add(status(issuer.signer.caName(), id.getSerialNumber().getValue()));
    }
    return sign(issuer, ids, statuses, nonce, cacheable);
  }

  private OcspResponse sign(
      Issuer issuer,
      List<CertID> ids,
      List<CertificateStatus> statuses,
      Nonce nonce,
      boolean cacheable)
      throws IOException {
    Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
    Instant next = now.plus(validity);
    BasicOCSPRespBuilder builder = new BasicOCSPRespBuilder(issuer.responderId);
    for (int i = 0; i < ids.size(); i++) {
      builder.addResponse(
          new CertificateID(ids.get(i)), statuses.get(i), Date.from(now), Date.from(next), null);
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
    if (!SerialNumberGenerator.couldHaveMade(serial)) {
      return new UnknownStatus();
    }
    return status(source.find(caName, serial));
  }

  private static CertificateStatus status(
      Optional<CertificateStatusSource.KnownCertificate> known) {
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
    for (int status : new int[] {MALFORMED_REQUEST, INTERNAL_ERROR, TRY_LATER, 5, UNAUTHORIZED}) {
      ERRORS.put(
          status,
          new OcspResponse(
              status, new byte[] {0x30, 0x03, 0x0a, 0x01, (byte) status}, null, null, false));
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

  /**
   * A token bucket on the responder's clock: {@code perSecond} tokens a second, at most a second's
   * worth saved up.
   */
  private static final class SignatureBudget {
    private final double perSecond;
    private final Clock clock;
    private double tokens;
    private Instant last;

    SignatureBudget(double perSecond, Clock clock) {
      this.perSecond = perSecond;
      this.clock = clock;
      this.tokens = perSecond;
      this.last = clock.instant();
    }

    synchronized boolean tryTake() {
      Instant now = clock.instant();
      if (now.isAfter(last)) {
        double elapsed = Duration.between(last, now).toNanos() / 1e9;
        tokens = Math.min(perSecond, tokens + elapsed * perSecond);
        last = now;
      }
      if (tokens < 1) {
        return false;
      }
      tokens -= 1;
      return true;
    }
  }

  private record IssuerKey(ASN1ObjectIdentifier hash, String nameHash, String keyHash) {}

  /** A CA and the encoding of the hash AlgorithmIdentifier of one cached form of its CertIDs. */
  private record CachedIssuer(String caName, byte[] hashAlgorithm) {}

  private static final class CacheKey {
    final String caName;
    final BigInteger serial;
    final byte[] hashAlgorithm;
    private final int hash;

    CacheKey(String caName, BigInteger serial, byte[] hashAlgorithm) {
      this.caName = caName;
      this.serial = serial;
      this.hashAlgorithm = hashAlgorithm;
      this.hash =
          (caName.hashCode() * 31 + serial.hashCode()) * 31 + Arrays.hashCode(hashAlgorithm);
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
            digest(
                hash,
                signer.caCertificate().getSubjectPublicKeyInfo().getPublicKeyData().getBytes()));
      }
    }

    byte[] nameHash(ASN1ObjectIdentifier hash) {
      return nameHashes.get(hash);
    }

    byte[] keyHash(ASN1ObjectIdentifier hash) {
      return keyHashes.get(hash);
    }
  }

  private static byte[] encoded(org.bouncycastle.asn1.ASN1Object object) {
    try {
      return object.getEncoded(ASN1Encoding.DER);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static byte[] concat(byte[]... parts) {
    ByteBuffer all = ByteBuffer.allocate(Arrays.stream(parts).mapToInt(p -> p.length).sum());
    for (byte[] p : parts) {
      all.put(p);
    }
    return all.array();
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
