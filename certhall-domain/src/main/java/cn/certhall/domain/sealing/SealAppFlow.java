package cn.certhall.domain.sealing;

import cn.certhall.domain.audit.Actor;
import cn.certhall.domain.audit.AuditAction;
import cn.certhall.domain.audit.AuditLog;
import cn.certhall.domain.identity.Masking;
import cn.certhall.domain.order.Transactions;
import cn.certhall.domain.verification.CodeCheck;
import cn.certhall.domain.verification.CodeKey;
import cn.certhall.domain.verification.SmsCodeResult;
import cn.certhall.domain.verification.SmsCodes;
import cn.certhall.domain.verification.VerificationContext;
import cn.certhall.domain.verification.VerificationPurpose;
import cn.certhall.pki.revocation.RevocationReason;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * The seal app's accounts (信手书, manual 1.1 第四步): sign-in with the mobile named on an application as
 * 证书及印章管理员 and an SMS code; 下载个人证书 (name and ID number as on the application, a face check, then a
 * PERSONAL certificate on a hosted key, {@link PersonalCertificates}); the seal PIN, set once and
 * reset only after the identity and face check again; 吊销个人证书.
 *
 * <p>The steps: {@link #sendSignInCode}, {@link #signIn}, {@link #checkIdentity}, {@link
 * #setFirstPin}, {@link #resetPin}, {@link #revokePersonalCertificate}. Each change is one
 * transaction with its audit record; the face check and the revocation (CRL and OCSP, with their
 * own transaction) run before it. The results are typed, without wording: the controller words
 * them.
 */
public final class SealAppFlow {
  /** The largest camera photo taken for the face check. */
  public static final int MAX_PHOTO_BYTES = 5 * 1024 * 1024;

  private final SmsCodes sms;
  private final SealAdministrators administrators;
  private final FaceCheck faces;
  private final PinGuard pins;
  private final PersonalCertificates certificates;
  private final AuditLog audit;
  private final Transactions transactions;
  private final Clock clock;

  public SealAppFlow(
      SmsCodes sms,
      SealAdministrators administrators,
      FaceCheck faces,
      PinGuard pins,
      PersonalCertificates certificates,
      AuditLog audit,
      Transactions transactions,
      Clock clock) {
    this.sms = Objects.requireNonNull(sms, "sms");
    this.administrators = Objects.requireNonNull(administrators, "administrators");
    this.faces = Objects.requireNonNull(faces, "faces");
    this.pins = Objects.requireNonNull(pins, "pins");
    this.certificates = Objects.requireNonNull(certificates, "certificates");
    this.audit = Objects.requireNonNull(audit, "audit");
    this.transactions = Objects.requireNonNull(transactions, "transactions");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  // ---- sign-in -----------------------------------------------------------------------------

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
    return administrators.appointments(to).isEmpty()
        ? sms.withhold(key, to, to)
        : sms.send(key, to, to);
  }

  /** Seconds before another sign-in code can be sent to the mobile. */
  public long secondsUntilSend(String mobile) {
    return sms.secondsUntilSend(CodeKey.sealAppSignIn(mobile));
  }

  /**
   * Checks the sign-in code; on success the mobile is registered (first time) and signed in, in one
   * transaction with its audit record.
   *
   * @throws IllegalArgumentException if the mobile is not a mainland mobile number
   */
  public CodeCheck signIn(String mobile, String code) {
    CodeKey key = CodeKey.sealAppSignIn(mobile);
    CodeCheck check = sms.verify(key, code);
    if (check.isOk()) {
      String m = key.subject();
      transactions.inTransaction(
          () -> {
            administrators.register(m, clock.instant());
            audit.record(actor(m), AuditAction.SEAL_APP_SIGNED_IN, subject(m), "");
            return null;
          });
    }
    return check;
  }

  /** The normalized mobile (11 digits) of a valid input. */
  public static String normalizedMobile(String mobile) {
    return CodeKey.sealAppSignIn(mobile).subject();
  }

  /** What the app's home page shows: the organizations (each once) and the account's state. */
  public record Home(
      List<String> organizations,
      boolean hasPersonalCertificate,
      boolean pinSet,
      boolean pinLocked) {}

  /**
   * @throws IllegalStateException if the mobile never signed in
   */
  public Home home(String mobile) {
    SealAdministrators.Account account =
        administrators
            .account(mobile)
            .orElseThrow(() -> new IllegalStateException("not registered"));
    return new Home(
        administrators.appointments(mobile).stream()
            .map(SealAdministrators.Appointment::organizationName)
            .distinct()
            .toList(),
        account.hasPersonalCertificate(),
        account.pinSet(),
        pins.isLocked(mobile));
  }

  // ---- 下载个人证书 -----------------------------------------------------------------------------

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
   * administrator named on one of the mobile's issued orders, and the face check must match. The
   * face check runs first; then one transaction records its answer (the outcome, the provider and
   * its request id, as the sealed document's evidence shows them) and, when it matched, the passed
   * check and, on the first pass, the PERSONAL certificate the CA of the organization's certificate
   * issues.
   */
  public IdentityResult checkIdentity(String mobile, String name, String idNumber, byte[] photo) {
    String n = name == null ? "" : name.strip();
    String id = idNumber == null ? "" : idNumber.strip().toUpperCase(Locale.ROOT);
    Optional<SealAdministrators.Appointment> appointed =
        administrators.appointments(mobile).stream()
            .filter(
                a ->
                    a.administratorName().equals(n)
                        && a.administratorIdNumber().toUpperCase(Locale.ROOT).equals(id))
            .findFirst();
    if (appointed.isEmpty()) {
      return transactions.inTransaction(
          () -> {
            audit.record(
                actor(mobile),
                AuditAction.FACE_CHECKED,
                subject(mobile),
                "not the administrator on the application");
            return IdentityResult.NOT_THE_ADMINISTRATOR;
          });
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
    return transactions.inTransaction(
        () -> {
          audit.record(
              actor(mobile),
              AuditAction.FACE_CHECKED,
              subject(mobile),
              answer.requestId() == null
                  ? face.name()
                  : face.name() + " " + answer.provider() + " " + answer.requestId());
          switch (face) {
            case MISMATCH -> {
              return IdentityResult.FACE_MISMATCH;
            }
            case UNAVAILABLE -> {
              return IdentityResult.FACE_UNAVAILABLE;
            }
            case MATCH -> {}
          }
          administrators.identityChecked(mobile, clock.instant());
          boolean issued =
              administrators
                  .account(mobile)
                  .map(SealAdministrators.Account::hasPersonalCertificate)
                  .orElse(false);
          if (!issued) {
            administrators.personalCertificate(
                mobile, certificates.issue(appointed.get().caName(), n, id));
          }
          return IdentityResult.PASSED;
        });
  }

  // ---- the PIN -----------------------------------------------------------------------------

  /** The outcome of setting a PIN. */
  public sealed interface PinChange {
    /** The new PIN is set (and, on a reset, unlocked). */
    record Done() implements PinChange {}

    /** The PIN breaks {@link SealPin}'s rules; nothing changed. */
    record Refused(SealPin.Problem problem) implements PinChange {}

    /**
     * A first PIN was asked for but one is set: only a reset after the identity check changes it.
     */
    record AlreadySet() implements PinChange {}
  }

  public boolean pinSet(String mobile) {
    return pins.isSet(mobile);
  }

  /** Sets the first PIN, in one transaction with its audit record. */
  public PinChange setFirstPin(String mobile, String pin, String repeated) {
    Optional<SealPin.Problem> problem = SealPin.checkNew(pin, repeated);
    if (problem.isPresent()) {
      return new PinChange.Refused(problem.get());
    }
    return transactions.inTransaction(
        () -> {
          if (pins.isSet(mobile)) {
            return new PinChange.AlreadySet();
          }
          pins.setFirst(mobile, pin, repeated);
          audit.record(actor(mobile), AuditAction.SEAL_PIN_SET, subject(mobile), "first PIN");
          return new PinChange.Done();
        });
  }

  /**
   * Sets a new PIN and unlocks it, in one transaction with its audit record; the caller has just
   * seen {@link #checkIdentity} pass.
   */
  public PinChange resetPin(String mobile, String pin, String repeated) {
    Optional<SealPin.Problem> problem = SealPin.checkNew(pin, repeated);
    if (problem.isPresent()) {
      return new PinChange.Refused(problem.get());
    }
    return transactions.inTransaction(
        () -> {
          pins.reset(mobile, pin, repeated);
          audit.record(
              actor(mobile),
              AuditAction.SEAL_PIN_SET,
              subject(mobile),
              "reset after identity and face check");
          return new PinChange.Done();
        });
  }

  // ---- 吊销个人证书 -----------------------------------------------------------------------------

  /** The outcome of 吊销个人证书. */
  public enum Revocation {
    /** Revoked, and the seal PIN cleared. */
    REVOKED,
    /** There is no personal certificate (revoked already, in another tab). */
    NO_CERTIFICATE
  }

  /**
   * 吊销个人证书: the administrator's own PERSONAL certificate is revoked with the chosen reason (CRL and
   * OCSP at once) and, in one transaction with its audit record, forgotten with the seal PIN, so
   * the certificate's key seals nothing more; a new 下载个人证书 and PIN follow. A repeat after a failure
   * finds the certificate revoked and clears what is left.
   *
   * @throws IllegalArgumentException if the reason is not one a subscriber may choose
   */
  public Revocation revokePersonalCertificate(String mobile, RevocationReason reason) {
    if (!RevocationReason.SUBSCRIBER_REASONS.contains(reason)) {
      throw new IllegalArgumentException("not a subscriber's reason: " + reason);
    }
    Optional<SealAdministrators.Account> account =
        administrators.account(mobile).filter(SealAdministrators.Account::hasPersonalCertificate);
    if (account.isEmpty()) {
      return Revocation.NO_CERTIFICATE;
    }
    String caName = account.get().personalCaName();
    certificates.revoke(caName, account.get().personalSerial(), reason);
    return transactions.inTransaction(
        () -> {
          administrators.personalCertificateRevoked(mobile);
          audit.record(
              actor(mobile),
              AuditAction.PERSONAL_CERTIFICATE_REVOKED,
              caName + "/" + account.get().personalSerial().toString(16),
              reason.name() + "; seal PIN cleared");
          return Revocation.REVOKED;
        });
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

  /** The administrator as the audit log's subject: the masked mobile. */
  public static String subject(String mobile) {
    return "seal-admin/" + Masking.mobile(mobile);
  }
}
