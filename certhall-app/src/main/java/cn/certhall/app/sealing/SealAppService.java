package cn.certhall.app.sealing;

import cn.certhall.app.ca.CaRegistry;
import cn.certhall.app.persistence.SealAdministratorRepository;
import cn.certhall.app.persistence.SealAdministratorRepository.AdministratorRow;
import cn.certhall.app.persistence.SealAdministratorRepository.HeldOrganization;
import cn.certhall.app.revocation.RevocationService;
import cn.certhall.domain.audit.Actor;
import cn.certhall.domain.audit.AuditAction;
import cn.certhall.domain.audit.AuditLog;
import cn.certhall.domain.identity.Masking;
import cn.certhall.domain.sealing.FaceCheck;
import cn.certhall.domain.sealing.PinGuard;
import cn.certhall.domain.verification.CodeCheck;
import cn.certhall.domain.verification.CodeKey;
import cn.certhall.domain.verification.SmsCodeResult;
import cn.certhall.domain.verification.SmsCodes;
import cn.certhall.domain.verification.VerificationContext;
import cn.certhall.domain.verification.VerificationPurpose;
import cn.certhall.pki.KeyAlgorithm;
import cn.certhall.pki.issuance.CertificateAuthority;
import cn.certhall.pki.issuance.IssuanceRequest;
import cn.certhall.pki.issuance.IssuedCertificate;
import cn.certhall.pki.keystore.SigningKeyStore;
import cn.certhall.pki.profile.CertificateProfile;
import cn.certhall.pki.profile.Subject;
import cn.certhall.pki.revocation.RevocationReason;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The seal app's accounts (信手书, manual 1.1 第四步): sign-in with the mobile named on an application as
 * 证书及印章管理员 and an SMS code; 下载个人证书 (name and ID number as on the application, a face check, then a
 * PERSONAL certificate on a hosted key); the seal PIN, set once and reset only after the identity
 * and face check again.
 */
public final class SealAppService {
  /** The largest camera photo taken for the face check. */
  public static final int MAX_PHOTO_BYTES = 5 * 1024 * 1024;

  private final SmsCodes sms;
  private final SealAdministratorRepository administrators;
  private final FaceCheck faces;
  private final PinGuard pins;
  private final CaRegistry cas;
  private final SigningKeyStore keys;
  private final AuditLog audit;
  private final RevocationService revocation;
  private final TransactionTemplate transactions;
  private final Clock clock;
  private final SecureRandom random = new SecureRandom();

  public SealAppService(
      SmsCodes sms,
      SealAdministratorRepository administrators,
      FaceCheck faces,
      PinGuard pins,
      CaRegistry cas,
      SigningKeyStore keys,
      AuditLog audit,
      RevocationService revocation,
      TransactionTemplate transactions,
      Clock clock) {
    this.sms = sms;
    this.administrators = administrators;
    this.faces = faces;
    this.pins = pins;
    this.cas = cas;
    this.keys = keys;
    this.audit = audit;
    this.revocation = revocation;
    this.transactions = transactions;
    this.clock = clock;
  }

  /**
   * Sends a sign-in code when the mobile is an administrator's on an issued order. Any other mobile
   * gets a withheld code ({@link SmsCodes#withhold}): the same answer, cooldown, daily caps, wrong
   * tries ("还可尝试 N 次") and lock, so no one learns whose mobile is an administrator's; only the
   * administrator's phone receives a code.
   *
   * @throws IllegalArgumentException if the mobile is not a mainland mobile number
   */
  public SmsCodeResult sendSignInCode(String mobile) {
    CodeKey key = CodeKey.sealAppSignIn(mobile);
    String to = key.subject();
    return administrators.heldOrganizations(to).isEmpty()
        ? sms.withhold(key, to, to)
        : sms.send(key, to, to);
  }

  /** Seconds before another sign-in code can be sent to the mobile. */
  public long secondsUntilSend(String mobile) {
    return sms.secondsUntilSend(CodeKey.sealAppSignIn(mobile));
  }

  /**
   * Checks the sign-in code; on success the mobile is registered (first time) and signed in.
   *
   * @throws IllegalArgumentException if the mobile is not a mainland mobile number
   */
  public CodeCheck signIn(String mobile, String code) {
    CodeKey key = CodeKey.sealAppSignIn(mobile);
    CodeCheck check = sms.verify(key, code);
    if (check.isOk()) {
      transactions.executeWithoutResult(
          status -> {
            administrators.register(key.subject(), clock.instant());
            audit.record(
                actor(key.subject()), AuditAction.SEAL_APP_SIGNED_IN, subject(key.subject()), "");
          });
    }
    return check;
  }

  /** The normalized mobile (11 digits) of a valid input. */
  public static String normalizedMobile(String mobile) {
    return CodeKey.sealAppSignIn(mobile).subject();
  }

  /** What the app's home page shows. */
  public record Home(
      AdministratorRow administrator, List<HeldOrganization> organizations, boolean pinLocked) {}

  public Home home(String mobile) {
    AdministratorRow row =
        administrators
            .administrator(mobile)
            .orElseThrow(() -> new IllegalStateException("not registered"));
    return new Home(row, administrators.heldOrganizations(mobile), pins.isLocked(mobile));
  }

  /** The outcome of the identity check (身份核验 + 人脸识别). */
  public enum IdentityResult {
    /** Passed; the personal certificate exists now. */
    PASSED,
    /** Name or ID number differ from the application's administrator. */
    NOT_THE_ADMINISTRATOR,
    /** The photo is missing, not a JPEG/PNG, or too large. */
    BAD_PHOTO,
    /** The face check says it is not this person. */
    FACE_MISMATCH,
    /** The face check provider did not answer. */
    FACE_UNAVAILABLE;

    public boolean passed() {
      return this == PASSED;
    }
  }

  /**
   * 下载个人证书 and the identity check of a PIN reset: the name and ID number must be those of the
   * administrator named on one of the mobile's issued orders, and the face check must match. On the
   * first pass the CA issues the administrator's PERSONAL certificate on a key made in the key
   * store (by the CA that issued the organization's certificate, with its algorithm).
   */
  public IdentityResult checkIdentity(String mobile, String name, String idNumber, byte[] photo) {
    String n = name == null ? "" : name.strip();
    String id = idNumber == null ? "" : idNumber.strip().toUpperCase(Locale.ROOT);
    Optional<HeldOrganization> held =
        administrators.heldOrganizations(mobile).stream()
            .filter(
                o ->
                    o.administratorName().equals(n)
                        && o.administratorIdNumber().toUpperCase(Locale.ROOT).equals(id))
            .findFirst();
    if (held.isEmpty()) {
      audit.record(
          actor(mobile),
          AuditAction.FACE_CHECKED,
          subject(mobile),
          "not the administrator on the application");
      return IdentityResult.NOT_THE_ADMINISTRATOR;
    }
    if (!isPhoto(photo)) {
      return IdentityResult.BAD_PHOTO;
    }
    FaceCheck.Answer answer =
        faces.check(
            new VerificationContext(Masking.mobile(mobile), VerificationPurpose.FACE),
            n,
            id,
            photo);
    FaceCheck.Result face = answer.result();
    // the outcome, the provider and its request id, as the sealed document's evidence shows them
    audit.record(
        actor(mobile),
        AuditAction.FACE_CHECKED,
        subject(mobile),
        answer.requestId() == null
            ? face.name()
            : face.name() + " " + answer.provider() + " " + answer.requestId());
    if (face == FaceCheck.Result.MISMATCH) {
      return IdentityResult.FACE_MISMATCH;
    }
    if (face == FaceCheck.Result.UNAVAILABLE) {
      return IdentityResult.FACE_UNAVAILABLE;
    }
    administrators.identityChecked(mobile, clock.instant());
    AdministratorRow row = administrators.administrator(mobile).orElseThrow();
    if (!row.hasPersonalCertificate()) {
      issuePersonalCertificate(mobile, n, id, held.get());
    }
    return IdentityResult.PASSED;
  }

  private void issuePersonalCertificate(
      String mobile, String name, String idNumber, HeldOrganization org) {
    CertificateAuthority ca =
        cas.find(org.caName())
            .orElseThrow(() -> new IllegalStateException("no CA " + org.caName()));
    String alias = "sealadmin-" + HexFormat.of().formatHex(randomBytes(16));
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
    administrators.personalCertificate(mobile, issued.caName(), issued.serial(), alias);
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

  /** Sets the first PIN. @throws IllegalArgumentException / IllegalStateException per PinGuard */
  public void setFirstPin(String mobile, String pin, String repeated) {
    pins.setFirst(mobile, pin, repeated);
    audit.record(actor(mobile), AuditAction.SEAL_PIN_SET, subject(mobile), "first PIN");
  }

  /** Sets a new PIN; the caller has just seen {@link #checkIdentity} pass. */
  public void resetPin(String mobile, String pin, String repeated) {
    pins.reset(mobile, pin, repeated);
    audit.record(
        actor(mobile),
        AuditAction.SEAL_PIN_SET,
        subject(mobile),
        "reset after identity and face check");
  }

  public boolean pinSet(String mobile) {
    return pins.isSet(mobile);
  }

  /**
   * 吊销个人证书: the administrator's own PERSONAL certificate is revoked with the chosen reason (CRL and
   * OCSP at once, through {@link RevocationService}) and the seal PIN cleared, so the certificate's
   * key seals nothing more; a new 下载个人证书 and PIN follow. Idempotent: a repeat after a failure finds
   * the certificate revoked and clears what is left.
   *
   * @throws IllegalArgumentException if the reason is not one a subscriber may choose
   * @throws IllegalStateException if the administrator has no personal certificate
   */
  public void revokePersonalCertificate(String mobile, RevocationReason reason) {
    if (!RevocationReason.SUBSCRIBER_REASONS.contains(reason)) {
      throw new IllegalArgumentException("not a subscriber's reason: " + reason);
    }
    AdministratorRow row =
        administrators
            .administrator(mobile)
            .filter(AdministratorRow::hasPersonalCertificate)
            .orElseThrow(() -> new IllegalStateException("no personal certificate"));
    revocation.revoke(row.personalCaName(), row.personalSerial(), reason, null);
    transactions.executeWithoutResult(
        tx -> {
          administrators.personalCertificateRevoked(mobile);
          audit.record(
              actor(mobile),
              AuditAction.PERSONAL_CERTIFICATE_REVOKED,
              row.personalCaName() + "/" + row.personalSerial().toString(16),
              reason.name() + "; seal PIN cleared");
        });
  }

  private byte[] randomBytes(int n) {
    byte[] b = new byte[n];
    random.nextBytes(b);
    return b;
  }

  static boolean isPhoto(byte[] photo) {
    if (photo == null || photo.length < 8 || photo.length > MAX_PHOTO_BYTES) {
      return false;
    }
    boolean jpeg =
        (photo[0] & 0xFF) == 0xFF && (photo[1] & 0xFF) == 0xD8 && (photo[2] & 0xFF) == 0xFF;
    boolean png =
        (photo[0] & 0xFF) == 0x89 && photo[1] == 'P' && photo[2] == 'N' && photo[3] == 'G';
    return jpeg || png;
  }

  /** The administrator in the audit log: the masked mobile (personal data stays out). */
  static Actor actor(String mobile) {
    return new Actor("seal-admin:" + Masking.mobile(mobile));
  }

  static String subject(String mobile) {
    return "seal-admin/" + Masking.mobile(mobile);
  }
}
