package cn.certhall.app.sealmaking;

import cn.certhall.app.persistence.SealRepository;
import cn.certhall.app.persistence.SealRepository.MakerRecord;
import cn.certhall.app.signer.SignerLifecycle;
import cn.certhall.pki.issuance.CertificateAuthority;
import cn.certhall.pki.keystore.SigningKeyStore;
import cn.certhall.pki.profile.CertificateProfile;
import java.math.BigInteger;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

/**
 * Gives each issuing CA its seal maker (制章者): a key of the CA's algorithm in the CA key store and a
 * SEAL_MAKER certificate from that CA, through the CA's one {@link SignerLifecycle}, kept in {@code
 * seal_maker}. Made on the first seal rather than at start, so a start stays as fast as before;
 * replaced when less than {@link #RENEW_BEFORE} is left.
 */
public final class SealMakers {
  /** A seal maker's certificate lasts three years, never beyond its CA. */
  static final Duration VALIDITY = Duration.ofDays(3 * 365);

  static final Duration RENEW_BEFORE = Duration.ofDays(30);
  static final SignerLifecycle.Purpose PURPOSE =
      new SignerLifecycle.Purpose(
          "seal", CertificateProfile.SEAL_MAKER, "电子印章制章者", VALIDITY, RENEW_BEFORE);

  private final SignerLifecycle lifecycle;
  private final SignerLifecycle.Store store;

  /**
   * @param organization the CA operator's name, the O of the seal maker's subject
   */
  public SealMakers(
      SigningKeyStore keys, SealRepository repository, String organization, Clock clock) {
    this.lifecycle = new SignerLifecycle(keys, organization, clock);
    this.store =
        new SignerLifecycle.Store() {
          @Override
          public Optional<SignerLifecycle.Signer> current(String caName) {
            return repository
                .currentMaker(caName)
                .map(
                    m ->
                        new SignerLifecycle.Signer(
                            m.caName(),
                            m.serial().toString(16),
                            m.keyAlias(),
                            m.certificate(),
                            m.notAfter()));
          }

          @Override
          public void insert(SignerLifecycle.Signer s) {
            repository.insertMaker(
                new MakerRecord(
                    s.caName(),
                    new BigInteger(s.serialHex(), 16),
                    s.keyAlias(),
                    s.certificate(),
                    s.notAfter()));
          }
        };
  }

  /** The CA's current seal maker, made now if it has none or it ends within 30 days. */
  public MakerRecord forCa(CertificateAuthority ca) {
    SignerLifecycle.Signer s = lifecycle.current(PURPOSE, ca, store);
    return new MakerRecord(
        s.caName(), new BigInteger(s.serialHex(), 16), s.keyAlias(), s.certificate(), s.notAfter());
  }
}
