package cn.certhall.pki.issuance;

import cn.certhall.pki.AlgorithmFamily;
import cn.certhall.pki.DuplicateSerialException;
import cn.certhall.pki.InvalidRequestException;
import cn.certhall.pki.KeyAlgorithm;
import cn.certhall.pki.KeyOperationException;
import cn.certhall.pki.crl.CrlBuilder;
import cn.certhall.pki.keystore.SigningKeyStore;
import cn.certhall.pki.profile.CertificateProfile;
import cn.certhall.pki.profile.CertificateProfile.IssuerKind;
import cn.certhall.pki.profile.IssuerExtensions;
import cn.certhall.pki.profile.PublicationUrls;
import cn.certhall.pki.profile.Subject;
import java.io.IOException;
import java.math.BigInteger;
import java.security.PublicKey;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.regex.Pattern;
import org.bouncycastle.asn1.DERGeneralizedTime;
import org.bouncycastle.asn1.DERUTCTime;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x509.Time;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One CA: its certificate, its key in a key store, and what it writes into the certificates it
 * signs. {@link #issue} is the only way a certificate comes out of the engine: it checks the
 * request, reserves the serial in the ledger, signs, and records the result.
 */
public final class CertificateAuthority {
  private static final Logger log = LoggerFactory.getLogger(CertificateAuthority.class);
  private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");
  private static final int SERIAL_ATTEMPTS = 3;
  private static final Instant EARLIEST = Instant.parse("1950-01-01T00:00:00Z");
  private static final Instant LATEST = Instant.parse("9999-12-31T23:59:59Z");

  /** X.509 time as BC's {@code Time(Date)} writes it, without a SimpleDateFormat per call. */
  private static final DateTimeFormatter GENERALIZED_TIME =
      DateTimeFormatter.ofPattern("uuuuMMddHHmmss'Z'", Locale.ROOT).withZone(ZoneOffset.UTC);

  private final String name;
  private final X509CertificateHolder certificate;
  private final IssuerKind kind;
  private final AlgorithmFamily family;
  private final SigningKeyStore keys;
  private final String keyAlias;
  private final IssuerExtensions issuerExtensions;
  private final IssuanceLedger ledger;
  private final SerialNumberGenerator serials;

  /** This CA's own validity, read from its certificate once rather than for every request. */
  private final Instant caNotBefore;

  private final Instant caNotAfter;

  private CertificateAuthority(
      String name,
      X509CertificateHolder certificate,
      IssuerKind kind,
      SigningKeyStore keys,
      String keyAlias,
      IssuerExtensions issuerExtensions,
      IssuanceLedger ledger,
      SerialNumberGenerator serials) {
    this.name = name;
    this.certificate = certificate;
    this.kind = kind;
    this.family = keys.algorithm(keyAlias).family();
    this.keys = keys;
    this.keyAlias = keyAlias;
    this.issuerExtensions = issuerExtensions;
    this.ledger = ledger;
    this.serials = serials;
    this.caNotBefore = certificate.getNotBefore().toInstant();
    this.caNotAfter = certificate.getNotAfter().toInstant();
  }

  /**
   * A CA from its stored certificate and the key under {@code keyAlias}.
   *
   * @throws InvalidRequestException if the certificate is not a CA certificate of this engine's
   *     shape or its public key is not the key in the store
   */
  public static CertificateAuthority load(
      String name,
      byte[] certificateDer,
      SigningKeyStore keys,
      String keyAlias,
      PublicationUrls urls,
      IssuanceLedger ledger,
      SerialNumberGenerator serials) {
    checkName(name);
    X509CertificateHolder cert;
    try {
      cert = new X509CertificateHolder(certificateDer);
    } catch (IOException | RuntimeException e) {
      throw new InvalidRequestException("CA " + name + ": certificate is not valid DER");
    }
    PublicKey key = keys.publicKey(keyAlias);
    if (!SubjectPublicKeyInfo.getInstance(key.getEncoded())
        .equals(cert.getSubjectPublicKeyInfo())) {
      throw new InvalidRequestException(
          "CA "
              + name
              + ": key '"
              + keyAlias
              + "' in "
              + keys.description()
              + " does not match the CA certificate");
    }
    BasicConstraints bc = BasicConstraints.fromExtensions(cert.getExtensions());
    if (bc == null || !bc.isCA()) {
      throw new InvalidRequestException("CA " + name + ": certificate is not a CA certificate");
    }
    IssuerKind kind = bc.getPathLenConstraint() == null ? IssuerKind.ROOT : IssuerKind.ISSUING;
    return new CertificateAuthority(
        name,
        cert,
        kind,
        keys,
        keyAlias,
        IssuerExtensions.of(cert.getSubjectPublicKeyInfo(), urls),
        ledger,
        serials);
  }

  /**
   * Makes a root CA: a new key in the store, a self-signed certificate recorded in the ledger.
   *
   * @throws InvalidRequestException if the key alias is taken or the request is malformed
   */
  public static CertificateAuthority createRoot(
      String name,
      Subject.Authority subject,
      KeyAlgorithm algorithm,
      Instant notBefore,
      Instant notAfter,
      SigningKeyStore keys,
      String keyAlias,
      PublicationUrls urls,
      IssuanceLedger ledger,
      SerialNumberGenerator serials) {
    checkName(name);
    checkValidity(notBefore, notAfter);
    if (keys.contains(keyAlias)) {
      throw new InvalidRequestException(
          "key alias already used in " + keys.description() + ": " + keyAlias);
    }
    PublicKey key = keys.generateKeyPair(keyAlias, algorithm);
    X500Name dn = subject.toX500Name();
    SubjectPublicKeyInfo spki = SubjectPublicKeyInfo.getInstance(key.getEncoded());
    IssuedCertificate root =
        sign(
            name,
            dn,
            new IssuanceRequest(CertificateProfile.ROOT_CA, subject, key, notBefore, notAfter),
            spki,
            IssuerExtensions.selfSigned(),
            keys,
            keyAlias,
            ledger,
            serials);
    return load(name, root.der(), keys, keyAlias, urls, ledger, serials);
  }

  /**
   * Issues a certificate.
   *
   * @throws InvalidRequestException for a subject of the wrong kind, a profile this CA may not
   *     issue, a validity that is empty, fractional or outside this CA's own, or a key of another
   *     algorithm family; nothing is reserved or signed then
   */
  public IssuedCertificate issue(IssuanceRequest request) {
    if (request == null || request.publicKey() == null) {
      throw new InvalidRequestException("a public key is required");
    }
    if (request.validity() == null) {
      throw new InvalidRequestException("notBefore and notAfter are required");
    }
    checkRequest(request.profile(), request.subject(), request.notBefore(), request.notAfter());
    AlgorithmFamily keyFamily = AlgorithmFamily.of(request.publicKey());
    if (keyFamily != family) {
      throw new InvalidRequestException(
          "CA "
              + name
              + " signs the "
              + family
              + " family only; the request has a "
              + keyFamily
              + " key");
    }
    SubjectPublicKeyInfo spki = SubjectPublicKeyInfo.getInstance(request.publicKey().getEncoded());
    return sign(
        name,
        certificate.getSubject(),
        request,
        spki,
        issuerExtensions,
        keys,
        keyAlias,
        ledger,
        serials);
  }

  /**
   * Makes a subordinate (issuing) CA under this root: a new key of this CA's algorithm in the same
   * store, and a certificate signed by this CA. The request is checked before the key is made.
   */
  public CertificateAuthority createSubordinate(
      String name,
      Subject.Authority subject,
      Instant notBefore,
      Instant notAfter,
      String keyAlias,
      PublicationUrls urls) {
    checkName(name);
    checkRequest(CertificateProfile.ISSUING_CA, subject, notBefore, notAfter);
    if (keys.contains(keyAlias)) {
      throw new InvalidRequestException(
          "key alias already used in " + keys.description() + ": " + keyAlias);
    }
    PublicKey key = keys.generateKeyPair(keyAlias, keyAlgorithm());
    IssuedCertificate cert =
        issue(
            new IssuanceRequest(CertificateProfile.ISSUING_CA, subject, key, notBefore, notAfter));
    return load(name, cert.der(), keys, keyAlias, urls, ledger, serials);
  }

  private void checkRequest(
      CertificateProfile profile, Subject subject, Instant notBefore, Instant notAfter) {
    if (profile == null || subject == null) {
      throw new InvalidRequestException("profile and subject are required");
    }
    if (!profile.subjectType().isInstance(subject)) {
      throw new InvalidRequestException(
          "profile "
              + profile
              + " needs a subject of kind "
              + profile.subjectType().getSimpleName()
              + ", not "
              + subject.getClass().getSimpleName());
    }
    if (!profile.issuableBy(kind)) {
      throw new InvalidRequestException(
          "CA "
              + name
              + " ("
              + kind.name().toLowerCase(java.util.Locale.ROOT)
              + " CA) may not issue "
              + profile
              + " certificates");
    }
    checkValidity(notBefore, notAfter);
    if (notBefore.isBefore(caNotBefore) || notAfter.isAfter(caNotAfter)) {
      throw new InvalidRequestException(
          "validity "
              + notBefore
              + " to "
              + notAfter
              + " lies outside the validity of CA "
              + name
              + " ("
              + caNotBefore
              + " to "
              + caNotAfter
              + ")");
    }
  }

  private static IssuedCertificate sign(
      String caName,
      X500Name issuer,
      IssuanceRequest request,
      SubjectPublicKeyInfo spki,
      IssuerExtensions issuerExtensions,
      SigningKeyStore keys,
      String keyAlias,
      IssuanceLedger ledger,
      SerialNumberGenerator serials) {
    X500Name subject = request.subject().toX500Name();
    String subjectText = subject.toString();
    BigInteger serial = reserve(caName, request, subjectText, ledger, serials);
    X509v3CertificateBuilder builder =
        new X509v3CertificateBuilder(
            issuer,
            serial,
            x509Time(request.notBefore()),
            x509Time(request.notAfter()),
            subject,
            spki);
    try {
      for (Extension e :
          request.profile().extensions(issuerExtensions, IssuerExtensions.subjectKeyId(spki))) {
        builder.addExtension(e);
      }
    } catch (CertIOException e) {
      throw new IllegalStateException("cannot add extensions", e);
    }
    X509CertificateHolder signed;
    try {
      signed = builder.build(keys.signer(keyAlias));
    } catch (RuntimeException e) {
      throw new KeyOperationException(
          "CA " + caName + ": signing failed with key '" + keyAlias + "' in " + keys.description(),
          e);
    }
    IssuedCertificate issued;
    try {
      issued =
          new IssuedCertificate(
              caName,
              serial,
              request.profile(),
              subjectText,
              request.notBefore(),
              request.notAfter(),
              signed.getEncoded());
    } catch (IOException e) {
      throw new IllegalStateException("cannot encode a certificate just signed", e);
    }
    ledger.record(issued);
    log.debug("CA {} issued {} serial {}", caName, request.profile(), issued.serialHex());
    return issued;
  }

  /**
   * The same encoding as {@code new Time(Date.from(instant))}: UTCTime for the years 1950 to 2049,
   * GeneralizedTime otherwise (RFC 5280 4.1.2.5), whole seconds, in UTC.
   */
  static Time x509Time(Instant instant) {
    String generalized = GENERALIZED_TIME.format(instant);
    int year = instant.atOffset(ZoneOffset.UTC).getYear();
    return year < 1950 || year > 2049
        ? new Time(new DERGeneralizedTime(generalized))
        : new Time(new DERUTCTime(generalized.substring(2)));
  }

  private static BigInteger reserve(
      String caName,
      IssuanceRequest request,
      String subject,
      IssuanceLedger ledger,
      SerialNumberGenerator serials) {
    for (int attempt = 1; ; attempt++) {
      BigInteger serial = serials.next();
      try {
        ledger.reserve(
            new Reservation(
                caName,
                serial,
                request.profile(),
                subject,
                request.notBefore(),
                request.notAfter()));
        return serial;
      } catch (DuplicateSerialException e) {
        if (attempt == SERIAL_ATTEMPTS) {
          throw e;
        }
      }
    }
  }

  private static void checkName(String name) {
    if (name == null || !NAME.matcher(name).matches()) {
      throw new InvalidRequestException(
          "CA name must be 1 to 63 lower-case letters, digits or '-': " + name);
    }
  }

  private static void checkValidity(Instant notBefore, Instant notAfter) {
    Validity validity = new Validity(notBefore, notAfter);
    if (validity.notBefore().isBefore(EARLIEST) || validity.notAfter().isAfter(LATEST)) {
      throw new InvalidRequestException("validity outside the years X.509 can express");
    }
  }

  /**
   * Starts a CRL signed by this CA. The caller adds the revoked entries (streamed, in any order)
   * and writes it out; times and number are the caller's, checked but never adjusted.
   *
   * @param workDirectory where the entries wait on disk until the CRL is signed
   */
  public CrlBuilder newCrl(
      BigInteger number, Instant thisUpdate, Instant nextUpdate, java.nio.file.Path workDirectory) {
    checkValidity(thisUpdate, nextUpdate);
    return new CrlBuilder(
        keys.signer(keyAlias),
        certificate.getSubject(),
        issuerExtensions.authorityKeyId(),
        number,
        thisUpdate,
        nextUpdate,
        workDirectory);
  }

  public String name() {
    return name;
  }

  public IssuerKind kind() {
    return kind;
  }

  public AlgorithmFamily family() {
    return family;
  }

  public KeyAlgorithm keyAlgorithm() {
    return keys.algorithm(keyAlias);
  }

  public X509CertificateHolder certificate() {
    return certificate;
  }

  public byte[] certificateDer() {
    try {
      return certificate.getEncoded();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  public String subject() {
    return certificate.getSubject().toString();
  }

  public String issuer() {
    return certificate.getIssuer().toString();
  }

  public String keyAlias() {
    return keyAlias;
  }
}
