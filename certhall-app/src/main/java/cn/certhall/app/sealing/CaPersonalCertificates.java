package cn.certhall.app.sealing;

import cn.certhall.app.ca.CaRegistry;
import cn.certhall.app.revocation.RevocationService;
import cn.certhall.domain.sealing.PersonalCertificates;
import cn.certhall.pki.KeyAlgorithm;
import cn.certhall.pki.issuance.CertificateAuthority;
import cn.certhall.pki.issuance.IssuanceRequest;
import cn.certhall.pki.issuance.IssuedCertificate;
import cn.certhall.pki.keystore.SigningKeyStore;
import cn.certhall.pki.profile.CertificateProfile;
import cn.certhall.pki.profile.Subject;
import cn.certhall.pki.revocation.RevocationReason;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;

/**
 * {@link PersonalCertificates} on the CAs, the key store and {@link RevocationService}: the seal
 * administrator's key is made in the key store with the algorithm of the CA that issued the
 * organization's certificate, and that CA issues a year's PERSONAL certificate on it.
 */
public final class CaPersonalCertificates implements PersonalCertificates {
  private final CaRegistry cas;
  private final SigningKeyStore keys;
  private final RevocationService revocation;
  private final Clock clock;
  private final SecureRandom random = new SecureRandom();

  public CaPersonalCertificates(
      CaRegistry cas, SigningKeyStore keys, RevocationService revocation, Clock clock) {
    this.cas = cas;
    this.keys = keys;
    this.revocation = revocation;
    this.clock = clock;
  }

  @Override
  public Issued issue(String caName, String name, String idNumber) {
    CertificateAuthority ca =
        cas.find(caName).orElseThrow(() -> new IllegalStateException("no CA " + caName));
    byte[] b = new byte[16];
    random.nextBytes(b);
    String alias = "sealadmin-" + HexFormat.of().formatHex(b);
    KeyAlgorithm algorithm =
        switch (ca.family()) {
          case SM2 -> KeyAlgorithm.SM2;
          case ECDSA -> KeyAlgorithm.EC_P256;
          case RSA -> KeyAlgorithm.RSA_2048;
        };
    keys.generateKeyPair(alias, algorithm);
    Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
    IssuedCertificate issued =
        ca.issue(
            new IssuanceRequest(
                CertificateProfile.PERSONAL,
                new Subject.Person(name, personIdentifier(idNumber)),
                keys.publicKey(alias),
                now,
                now.plus(365, ChronoUnit.DAYS)));
    return new Issued(issued.caName(), issued.serial(), alias);
  }

  @Override
  public void revoke(String caName, BigInteger serial, RevocationReason reason) {
    revocation.revoke(caName, serial, reason, null);
  }

  /**
   * The serialNumber of the personal certificate's subject: "ID-" and the ID number when it is
   * letters and digits (resident ID, passport, permits), else a hash of it (some military IDs hold
   * Chinese characters, which a PrintableString cannot carry).
   */
  static String personIdentifier(String idNumber) {
    if (idNumber.matches("[A-Z0-9]{1,60}")) {
      return "ID-" + idNumber;
    }
    try {
      byte[] hash =
          MessageDigest.getInstance("SHA-256").digest(idNumber.getBytes(StandardCharsets.UTF_8));
      return "IDH-" + HexFormat.of().formatHex(hash, 0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
