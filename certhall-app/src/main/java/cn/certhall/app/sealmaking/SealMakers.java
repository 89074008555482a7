package cn.certhall.app.sealmaking;

import cn.certhall.app.persistence.SealRepository.MakerRecord;
import cn.certhall.app.persistence.SealRepository;
import cn.certhall.pki.issuance.CertificateAuthority;
import cn.certhall.pki.issuance.IssuanceRequest;
import cn.certhall.pki.issuance.IssuedCertificate;
import cn.certhall.pki.keystore.SigningKeyStore;
import cn.certhall.pki.profile.CertificateProfile;
import cn.certhall.pki.profile.Subject;
import java.security.PublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gives each issuing CA its seal maker (制章者): a key of the CA's algorithm in the CA key store
 * and a SEAL_MAKER certificate from that CA. Made on the first seal rather than at start, so a
 * start stays as fast as before; replaced when less than {@link #RENEW_BEFORE} is left.
 */
public final class SealMakers {
  private static final Logger log = LoggerFactory.getLogger(SealMakers.class);
  /** A seal maker's certificate lasts three years, never beyond its CA. */
  static final Duration VALIDITY = Duration.ofDays(3 * 365);
  static final Duration RENEW_BEFORE = Duration.ofDays(30);
  private static final DateTimeFormatter STAMP =
      DateTimeFormatter.ofPattern("yyyyMMddHHmmss").withZone(ZoneOffset.UTC);

  private final SigningKeyStore keys;
  private final SealRepository repository;
  private final String organization;
  private final Clock clock;

  /**
   * @param organization the CA operator's name, the O of the seal maker's subject
   */
  public SealMakers(
      SigningKeyStore keys, SealRepository repository, String organization, Clock clock) {
    this.keys = keys;
    this.repository = repository;
    this.organization = organization;
    this.clock = clock;
  }

  /** The CA's current seal maker, made now if it has none or it ends within 30 days. */
  public synchronized MakerRecord forCa(CertificateAuthority ca) {
    Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
    return repository
        .currentMaker(ca.name())
        .filter(m -> m.notAfter().isAfter(now.plus(RENEW_BEFORE)))
        .orElseGet(() -> create(ca, now));
  }

  private MakerRecord create(CertificateAuthority ca, Instant now) {
    String alias = ca.name() + "-seal-" + STAMP.format(now);
    Instant end = now.plus(VALIDITY);
    Instant caEnd = ca.certificate().getNotAfter().toInstant();
    if (end.isAfter(caEnd)) {
      end = caEnd;
    }
    // a key under this alias without its row was made by a transaction that rolled back (the first
    // seal runs inside the issuance's transaction): no certificate names it, so it is certified now
    PublicKey key =
        keys.contains(alias) ? keys.publicKey(alias) : keys.generateKeyPair(alias, ca.keyAlgorithm());
    IssuedCertificate cert =
        ca.issue(
            new IssuanceRequest(
                CertificateProfile.SEAL_MAKER,
                new Subject.Authority("certhall " + ca.name() + " 电子印章制章者", organization),
                key,
                now,
                end));
    MakerRecord maker = new MakerRecord(ca.name(), cert.serial(), alias, cert.der(), end);
    repository.insertMaker(maker);
    log.info("issued seal maker certificate {} for CA {} until {}", cert.serialHex(), ca.name(), end);
    return maker;
  }
}
