package cn.certhall.domain.sealing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.certhall.domain.audit.AuditAction;
import cn.certhall.domain.audit.AuditEvent;
import cn.certhall.domain.limit.InMemoryLimitCounters;
import cn.certhall.domain.verification.AuthorizationCodes;
import cn.certhall.domain.verification.CodeCheck;
import cn.certhall.domain.verification.CodePolicy;
import cn.certhall.domain.verification.InMemoryCodeStore;
import cn.certhall.domain.verification.MutableClock;
import cn.certhall.domain.verification.SmsCodeResult;
import cn.certhall.domain.verification.SmsCodes;
import cn.certhall.domain.verification.SmsSender;
import cn.certhall.pki.revocation.RevocationReason;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.Test;

/** The steps of the seal app's accounts (信手书) on their ports in memory. */
class SealAppFlowTest {
  static final String ADMIN = "13900139002";
  static final String STRANGER = "13700137003";
  static final String NAME = "张三";
  static final String ID = "35010219900101123X";
  static final String PIN = "204816";
  static final byte[] JPEG = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, 0, 1, 2, 3, 4, 5};

  final MutableClock clock = new MutableClock(Instant.parse("2026-12-07T02:00:00Z"));
  final CloudSealingFlowTest.FakeTransactions transactions =
      new CloudSealingFlowTest.FakeTransactions();
  final List<AuditEvent> audit = new ArrayList<>();
  final List<String> texts = new ArrayList<>();
  final PinGuardTest.MemoryPinStore pinStore = new PinGuardTest.MemoryPinStore();
  final PinGuard pins = new PinGuard(pinStore, new PinGuardTest.CountingHasher(), clock);
  final MemoryAdministrators administrators = new MemoryAdministrators();
  final FakeCertificates certificates = new FakeCertificates();
  final List<String> faceChecks = new ArrayList<>();
  FaceCheck.Answer faceAnswer = new FaceCheck.Answer(FaceCheck.Result.MATCH, "tencent", "req-1");

  final SmsCodes sms =
      new SmsCodes(
          new AuthorizationCodes(
              new InMemoryCodeStore(),
              "a test secret of at least 32 bytes, not a real one".getBytes(StandardCharsets.UTF_8),
              CodePolicy.SMS_DEFAULT,
              CodePolicy.TRANSFER_REMARK_DEFAULT,
              clock,
              new SecureRandom()),
          (mobile, message) -> {
            texts.add(mobile + " " + message.text());
            return SmsSender.Result.SENT;
          },
          InMemoryLimitCounters.generousSmsCaps(clock));

  final SealAppFlow flow =
      new SealAppFlow(
          sms,
          administrators,
          (context, name, idNumber, photo) -> {
            assertThat(transactions.depth).as("the face check runs before the step's").isZero();
            faceChecks.add(context.subject() + " " + name + " " + idNumber);
            return faceAnswer;
          },
          pins,
          certificates,
          event -> {
            assertThat(transactions.depth).as("audited in the step's transaction").isEqualTo(1);
            audit.add(event);
          },
          transactions,
          clock);

  SealAppFlowTest() {
    administrators.appointments.put(
        ADMIN,
        List.of(
            new SealAdministrators.Appointment("福州测试有限公司", NAME, ID, "sm2-ca"),
            new SealAdministrators.Appointment("福州测试有限公司", NAME, ID, "ecdsa-ca")));
  }

  // ---- sign-in -----------------------------------------------------------------------------

  @Test
  void theAdministratorGetsACodeAndAStrangerTheSameAnswerWithoutOne() {
    SmsCodeResult mine = flow.sendSignInCode(ADMIN);
    SmsCodeResult stranger = flow.sendSignInCode(STRANGER);

    assertThat(mine.status()).isEqualTo(SmsCodeResult.Status.SENT);
    assertThat(stranger.status()).isEqualTo(SmsCodeResult.Status.SENT);
    assertThat(texts).hasSize(1).allSatisfy(t -> assertThat(t).startsWith(ADMIN + " "));
    assertThat(flow.secondsUntilSend(ADMIN)).isPositive();
  }

  @Test
  void theRightCodeRegistersAndAuditsTheSignInAWrongOneNothing() {
    flow.sendSignInCode(ADMIN);
    String code = lastCode();
    String wrong = code.equals("000000") ? "111111" : "000000";

    assertThat(flow.signIn(ADMIN, wrong).status()).isEqualTo(CodeCheck.Status.WRONG);
    assertThat(administrators.accounts).isEmpty();
    assertThat(audit).isEmpty();

    assertThat(flow.signIn("+86" + ADMIN, code).isOk()).isTrue();
    assertThat(administrators.accounts).containsKey(ADMIN);
    assertThat(audit)
        .extracting(AuditEvent::action, AuditEvent::subject)
        .containsExactly(Tuple.tuple(AuditAction.SEAL_APP_SIGNED_IN, "seal-admin/139****9002"));
    assertThat(audit.get(0).actor().id()).doesNotContain(ADMIN);
    assertThat(flow.home(ADMIN))
        .isEqualTo(new SealAppFlow.Home(List.of("福州测试有限公司"), false, false, false));
  }

  // ---- 下载个人证书 -----------------------------------------------------------------------------

  @Test
  void aMatchingFaceIssuesThePersonalCertificateOnceInTheStepsTransaction() {
    signedIn();

    assertThat(flow.checkIdentity(ADMIN, " 张三 ", "35010219900101123x", JPEG))
        .isEqualTo(SealAppFlow.IdentityResult.PASSED);

    assertThat(faceChecks).containsExactly("139****9002 张三 35010219900101123X");
    assertThat(certificates.issued).containsExactly("sm2-ca 张三 35010219900101123X");
    assertThat(administrators.accounts.get(ADMIN).serial()).isEqualTo(BigInteger.ONE);
    assertThat(administrators.identityChecked).containsExactly(ADMIN);
    assertThat(audit)
        .extracting(AuditEvent::action, AuditEvent::details)
        .containsExactly(Tuple.tuple(AuditAction.FACE_CHECKED, "MATCH tencent req-1"));

    assertThat(flow.checkIdentity(ADMIN, NAME, ID, JPEG))
        .isEqualTo(SealAppFlow.IdentityResult.PASSED);
    assertThat(certificates.issued).as("issued once").hasSize(1);
    assertThat(flow.home(ADMIN).hasPersonalCertificate()).isTrue();
  }

  @Test
  void someoneElsesNameOrIdNumberIsAuditedAndNoFaceIsChecked() {
    signedIn();

    assertThat(flow.checkIdentity(ADMIN, "李四", ID, JPEG))
        .isEqualTo(SealAppFlow.IdentityResult.NOT_THE_ADMINISTRATOR);
    assertThat(flow.checkIdentity(STRANGER, NAME, ID, JPEG))
        .isEqualTo(SealAppFlow.IdentityResult.NOT_THE_ADMINISTRATOR);

    assertThat(faceChecks).isEmpty();
    assertThat(certificates.issued).isEmpty();
    assertThat(audit)
        .extracting(AuditEvent::action, AuditEvent::details)
        .containsOnly(
            Tuple.tuple(AuditAction.FACE_CHECKED, "not the administrator on the application"));
  }

  @Test
  void aPhotoThatIsNoJpegOrPngOrTooLargeIsRefusedBeforeTheFaceCheck() {
    signedIn();
    byte[] tooLarge = new byte[SealAppFlow.MAX_PHOTO_BYTES + 1];
    System.arraycopy(JPEG, 0, tooLarge, 0, JPEG.length);

    for (byte[] photo :
        List.of(new byte[0], "GIF89a...".getBytes(StandardCharsets.US_ASCII), tooLarge)) {
      assertThat(flow.checkIdentity(ADMIN, NAME, ID, photo))
          .isEqualTo(SealAppFlow.IdentityResult.BAD_PHOTO);
    }
    assertThat(flow.checkIdentity(ADMIN, NAME, ID, null))
        .isEqualTo(SealAppFlow.IdentityResult.BAD_PHOTO);
    assertThat(faceChecks).isEmpty();
    assertThat(audit).isEmpty();
  }

  @Test
  void aMismatchOrNoAnswerIsAuditedWithTheProvidersRequestAndIssuesNothing() {
    signedIn();
    faceAnswer = new FaceCheck.Answer(FaceCheck.Result.MISMATCH, "tencent", "req-2");
    assertThat(flow.checkIdentity(ADMIN, NAME, ID, JPEG))
        .isEqualTo(SealAppFlow.IdentityResult.FACE_MISMATCH);
    faceAnswer = new FaceCheck.Answer(FaceCheck.Result.UNAVAILABLE, "none", null);
    assertThat(flow.checkIdentity(ADMIN, NAME, ID, JPEG))
        .isEqualTo(SealAppFlow.IdentityResult.FACE_UNAVAILABLE);

    assertThat(audit)
        .extracting(AuditEvent::details)
        .containsExactly("MISMATCH tencent req-2", "UNAVAILABLE");
    assertThat(administrators.identityChecked).isEmpty();
    assertThat(certificates.issued).isEmpty();
  }

  // ---- the PIN -----------------------------------------------------------------------------

  @Test
  void theFirstPinIsSetOnceAndAuditedABadOneIsRefusedWithItsProblem() {
    signedIn();

    assertThat(flow.setFirstPin(ADMIN, "123456", "123456"))
        .isEqualTo(new SealAppFlow.PinChange.Refused(SealPin.Problem.TOO_SIMPLE));
    assertThat(flow.setFirstPin(ADMIN, PIN, "204817"))
        .isEqualTo(new SealAppFlow.PinChange.Refused(SealPin.Problem.MISMATCH));
    assertThat(flow.pinSet(ADMIN)).isFalse();
    assertThat(audit).isEmpty();

    assertThat(flow.setFirstPin(ADMIN, PIN, PIN)).isEqualTo(new SealAppFlow.PinChange.Done());
    assertThat(flow.setFirstPin(ADMIN, "975310", "975310"))
        .isEqualTo(new SealAppFlow.PinChange.AlreadySet());
    assertThat(pins.check(ADMIN, PIN).ok()).isTrue();
    assertThat(audit)
        .extracting(AuditEvent::action, AuditEvent::details)
        .containsExactly(Tuple.tuple(AuditAction.SEAL_PIN_SET, "first PIN"));
  }

  @Test
  void aResetSetsANewPinUnlocksItAndIsAudited() {
    signedIn();
    flow.setFirstPin(ADMIN, PIN, PIN);
    for (int i = 0; i < PinGuard.MAX_WRONG_TRIES; i++) {
      pins.check(ADMIN, "975310");
    }
    assertThat(flow.home(ADMIN).pinLocked()).isTrue();
    audit.clear();

    assertThat(flow.resetPin(ADMIN, "975310", "975310"))
        .isEqualTo(new SealAppFlow.PinChange.Done());

    assertThat(flow.home(ADMIN).pinLocked()).isFalse();
    assertThat(pins.check(ADMIN, "975310").ok()).isTrue();
    assertThat(audit)
        .extracting(AuditEvent::action, AuditEvent::details)
        .containsExactly(
            Tuple.tuple(AuditAction.SEAL_PIN_SET, "reset after identity and face check"));
  }

  // ---- 吊销个人证书 -----------------------------------------------------------------------------

  @Test
  void revokingThePersonalCertificateClearsItAndThePinAndAuditsIt() {
    signedIn();
    flow.checkIdentity(ADMIN, NAME, ID, JPEG);
    flow.setFirstPin(ADMIN, PIN, PIN);
    audit.clear();

    assertThat(flow.revokePersonalCertificate(ADMIN, RevocationReason.KEY_COMPROMISE))
        .isEqualTo(SealAppFlow.Revocation.REVOKED);

    assertThat(certificates.revoked).containsExactly("sm2-ca 1 KEY_COMPROMISE");
    assertThat(flow.home(ADMIN).hasPersonalCertificate()).isFalse();
    assertThat(flow.pinSet(ADMIN)).isFalse();
    assertThat(audit)
        .extracting(AuditEvent::action, AuditEvent::subject, AuditEvent::details)
        .containsExactly(
            Tuple.tuple(
                AuditAction.PERSONAL_CERTIFICATE_REVOKED,
                "sm2-ca/1",
                "KEY_COMPROMISE; seal PIN cleared"));

    assertThat(flow.revokePersonalCertificate(ADMIN, RevocationReason.KEY_COMPROMISE))
        .isEqualTo(SealAppFlow.Revocation.NO_CERTIFICATE);
    assertThat(certificates.revoked).hasSize(1);
  }

  @Test
  void onlyASubscribersReasonRevokes() {
    signedIn();
    flow.checkIdentity(ADMIN, NAME, ID, JPEG);

    assertThatThrownBy(() -> flow.revokePersonalCertificate(ADMIN, RevocationReason.CA_COMPROMISE))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(certificates.revoked).isEmpty();
  }

  // ---- helpers -----------------------------------------------------------------------------

  void signedIn() {
    flow.sendSignInCode(ADMIN);
    assertThat(flow.signIn(ADMIN, lastCode()).isOk()).isTrue();
    audit.clear();
  }

  String lastCode() {
    Matcher m = Pattern.compile("(\\d{6})").matcher(texts.get(texts.size() - 1).substring(12));
    assertThat(m.find()).isTrue();
    return m.group(1);
  }

  final class MemoryAdministrators implements SealAdministrators {
    final Map<String, List<Appointment>> appointments = new HashMap<>();
    final Map<String, PersonalCertificates.Issued> accounts = new HashMap<>();
    final List<String> identityChecked = new ArrayList<>();

    @Override
    public List<Appointment> appointments(String mobile) {
      return appointments.getOrDefault(mobile, List.of());
    }

    @Override
    public Optional<Account> account(String mobile) {
      if (!accounts.containsKey(mobile)) {
        return Optional.empty();
      }
      PersonalCertificates.Issued issued = accounts.get(mobile);
      return Optional.of(new Account(pins.isSet(mobile), issued.caName(), issued.serial()));
    }

    @Override
    public void register(String mobile, Instant now) {
      inTransaction();
      accounts.putIfAbsent(mobile, new PersonalCertificates.Issued(null, null, null));
    }

    @Override
    public void identityChecked(String mobile, Instant now) {
      inTransaction();
      identityChecked.add(mobile);
    }

    @Override
    public void personalCertificate(String mobile, PersonalCertificates.Issued issued) {
      inTransaction();
      accounts.put(mobile, issued);
    }

    @Override
    public void personalCertificateRevoked(String mobile) {
      inTransaction();
      accounts.put(mobile, new PersonalCertificates.Issued(null, null, null));
      pinStore.pins.remove(mobile);
    }

    private void inTransaction() {
      assertThat(transactions.depth).as("changed in the step's transaction").isEqualTo(1);
    }
  }

  final class FakeCertificates implements PersonalCertificates {
    final List<String> issued = new ArrayList<>();
    final List<String> revoked = new ArrayList<>();

    @Override
    public Issued issue(String caName, String name, String idNumber) {
      assertThat(transactions.depth).as("stored with the step").isEqualTo(1);
      issued.add(caName + " " + name + " " + idNumber);
      return new Issued(caName, BigInteger.valueOf(issued.size()), "sealadmin-" + issued.size());
    }

    @Override
    public void revoke(String caName, BigInteger serial, RevocationReason reason) {
      assertThat(transactions.depth).as("revoked (with its own transaction) first").isZero();
      revoked.add(caName + " " + serial.toString(16) + " " + reason);
    }
  }
}
