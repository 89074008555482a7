package cn.certhall.app.realname;

import static org.assertj.core.api.Assertions.assertThat;

import cn.certhall.app.sandbox.SandboxFaceCheck;
import cn.certhall.app.sandbox.SandboxRealNameVerifier;
import cn.certhall.domain.sealing.FaceCheck;
import cn.certhall.domain.verification.MobileThreeFactor;
import cn.certhall.domain.verification.RealNameVerifier;
import cn.certhall.domain.verification.VerificationContext;
import cn.certhall.domain.verification.VerificationMethod;
import cn.certhall.domain.verification.VerificationPurpose;
import cn.certhall.domain.verification.VerificationRecord;
import cn.certhall.domain.verification.VerificationRecords;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Every answer, the sandbox's included, leaves a record of what it was for, and nothing personal.
 */
class RecordedChecksTest {
  static final Instant NOW = Instant.parse("2027-06-15T02:30:00Z");
  static final String ID = "11010519491231002X";

  final List<VerificationRecord> written = new ArrayList<>();
  final VerificationRecords records =
      new VerificationRecords() {
        @Override
        public void add(VerificationRecord record) {
          written.add(record);
        }

        @Override
        public List<VerificationRecord> forSubject(String subject) {
          return written.stream().filter(r -> r.subject().equals(subject)).toList();
        }
      };
  final CheckLog checks = new CheckLog(records, Clock.fixed(NOW, ZoneOffset.UTC));

  @Test
  void a_real_name_check_is_recorded_for_its_order_with_the_providers_request_id() {
    RealNameVerifier verifier = new RecordedRealNameVerifier(new SandboxRealNameVerifier(), checks);

    assertThat(
            verifier.checkMobile(
                VerificationContext.administrator("CH20270615ABCDEFGHJKLM"),
                new MobileThreeFactor("张三", ID, "13812340000")))
        .isEqualTo(RealNameVerifier.Result.MISMATCH);

    assertThat(written)
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.subject()).isEqualTo("CH20270615ABCDEFGHJKLM");
              assertThat(r.purpose()).isEqualTo(VerificationPurpose.ADMINISTRATOR);
              assertThat(r.method()).isEqualTo(VerificationMethod.MOBILE_THREE_FACTOR);
              assertThat(r.provider()).isEqualTo("sandbox");
              assertThat(r.outcome()).isEqualTo("MISMATCH");
              assertThat(r.requestId()).startsWith("sandbox-");
              assertThat(r.at()).isEqualTo(NOW);
              assertThat(r.toString()).doesNotContain("张三", ID, "13812340000");
            });
  }

  @Test
  void a_face_check_is_recorded_under_the_masked_mobile_without_photo_name_or_number() {
    FaceCheck faces = new RecordedFaceCheck(new SandboxFaceCheck(), checks);

    assertThat(
            faces.check(
                new VerificationContext("138****5678", VerificationPurpose.FACE),
                "张三",
                ID,
                new byte[] {(byte) 0xFF, (byte) 0xD8}))
        .extracting(FaceCheck.Answer::result)
        .isEqualTo(FaceCheck.Result.MATCH);

    assertThat(written)
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.subject()).isEqualTo("138****5678");
              assertThat(r.method()).isEqualTo(VerificationMethod.FACE);
              assertThat(r.outcome()).isEqualTo("MATCH");
              assertThat(r.toString()).doesNotContain("张三", ID);
            });
  }

  @Test
  void a_record_that_cannot_be_written_leaves_the_answer_standing() {
    CheckLog failing =
        new CheckLog(
            new VerificationRecords() {
              @Override
              public void add(VerificationRecord record) {
                throw new IllegalStateException("database down");
              }

              @Override
              public List<VerificationRecord> forSubject(String subject) {
                return List.of();
              }
            },
            Clock.systemUTC());

    assertThat(
            new RecordedRealNameVerifier(new SandboxRealNameVerifier(), failing)
                .checkMobile(
                    VerificationContext.enterprise("CH20270615ABCDEFGHJKLM"),
                    new MobileThreeFactor("张三", ID, "13812345678")))
        .isEqualTo(RealNameVerifier.Result.MATCH);
  }
}
