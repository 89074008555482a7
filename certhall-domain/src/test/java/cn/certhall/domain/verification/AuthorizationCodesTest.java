package cn.certhall.domain.verification;

import static cn.certhall.domain.verification.CodeCheck.Status.EXPIRED;
import static cn.certhall.domain.verification.CodeCheck.Status.LOCKED;
import static cn.certhall.domain.verification.CodeCheck.Status.NONE;
import static cn.certhall.domain.verification.CodeCheck.Status.OK;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.Set;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class AuthorizationCodesTest {
  static final CodeKey ORDER = CodeKey.enterpriseVerification("CH20270615ABCDEFGHJKLM");

  final MutableClock clock = new MutableClock(Fakes.NOW);
  final InMemoryCodeStore store = new InMemoryCodeStore();
  final ScriptedRandom random = new ScriptedRandom(123456, 654321, 111111, 222222);
  final AuthorizationCodes codes = Fakes.codes(store, clock, random);

  static CodeCheck wrong(int triesLeft) {
    return new CodeCheck(CodeCheck.Status.WRONG, triesLeft);
  }

  static CodeCheck status(CodeCheck.Status status) {
    return new CodeCheck(status, 0);
  }

  String issue(CodeChannel channel) {
    CodeIssue issue = codes.issue(ORDER, channel);
    assertThat(issue.isIssued()).as("issued").isTrue();
    return issue.code().digits();
  }

  @Nested
  class Issuing {

    @Test
    void a_code_is_six_digits_from_the_random_source_padded_with_zeros() {
      AuthorizationCodes padded = Fakes.codes(store, clock, new ScriptedRandom(42));

      assertThat(padded.issue(ORDER, CodeChannel.SMS).code().digits()).isEqualTo("000042");
    }

    @Test
    void codes_cover_all_six_digits_without_a_scripted_source() {
      Set<String> seen = new HashSet<>();
      for (int i = 0; i < 200; i++) {
        AuthorizationCodes fresh =
            Fakes.codes(new InMemoryCodeStore(), clock, new ScriptedRandom());
        String code = fresh.issue(ORDER, CodeChannel.SMS).code().digits();
        assertThat(code).matches("\\d{6}");
        seen.add(code);
      }
      assertThat(seen).hasSizeGreaterThan(190);
    }

    @Test
    void the_store_keeps_a_keyed_hash_never_the_code() throws Exception {
      CodeIssue issue = codes.issue(ORDER, CodeChannel.SMS);
      StoredCode stored = store.find(ORDER).orElseThrow();

      assertThat(stored.hash()).hasSize(64).doesNotContain("123456");
      assertThat(stored.salt()).hasSize(32);
      String unkeyed =
          HexFormat.of()
              .formatHex(
                  MessageDigest.getInstance("SHA-256")
                      .digest("123456".getBytes(StandardCharsets.US_ASCII)));
      assertThat(stored.hash()).isNotEqualTo(unkeyed);
      assertThat(stored.issuedAt()).isEqualTo(Fakes.NOW);
      assertThat(stored.expiresAt())
          .isEqualTo(issue.expiresAt())
          .isEqualTo(Fakes.NOW.plus(Duration.ofMinutes(10)));
      assertThat(stored.channel()).isEqualTo(CodeChannel.SMS);
    }

    @Test
    void without_the_secret_the_hash_checks_nothing() {
      String code = issue(CodeChannel.SMS);
      byte[] otherSecret =
          "another secret, also 32 bytes or longer".getBytes(StandardCharsets.UTF_8);
      AuthorizationCodes otherServer =
          new AuthorizationCodes(
              store,
              otherSecret,
              CodePolicy.SMS_DEFAULT,
              CodePolicy.TRANSFER_REMARK_DEFAULT,
              clock,
              random);

      assertThat(otherServer.verify(ORDER, code)).isEqualTo(wrong(4));
    }

    @Test
    void the_secret_must_have_32_bytes() {
      assertThatThrownBy(
              () ->
                  new AuthorizationCodes(
                      store,
                      new byte[31],
                      CodePolicy.SMS_DEFAULT,
                      CodePolicy.TRANSFER_REMARK_DEFAULT,
                      clock,
                      random))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("32 bytes");
    }

    @Test
    void no_text_of_the_api_shows_the_code() {
      CodeIssue issue = codes.issue(ORDER, CodeChannel.SMS);

      assertThat(issue.code().toString()).doesNotContain("123456");
      assertThat(issue.toString()).doesNotContain("123456").contains("ISSUED");
      assertThat(store.find(ORDER).orElseThrow().toString())
          .doesNotContain("123456")
          .doesNotContain(store.find(ORDER).orElseThrow().hash())
          .doesNotContain(store.find(ORDER).orElseThrow().salt())
          .doesNotContain(ORDER.subject());
    }

    @Test
    void a_cooldown_answer_has_no_code() {
      codes.issue(ORDER, CodeChannel.SMS);
      CodeIssue cooldown = codes.issue(ORDER, CodeChannel.SMS);

      assertThat(cooldown.status()).isEqualTo(CodeIssue.Status.COOLDOWN);
      assertThatThrownBy(cooldown::code).isInstanceOf(IllegalStateException.class);
    }
  }

  @Nested
  class Lifetime {

    @Test
    void an_sms_code_passes_at_exactly_ten_minutes() {
      String code = issue(CodeChannel.SMS);
      clock.advance(Duration.ofMinutes(10));

      assertThat(codes.verify(ORDER, code)).isEqualTo(status(OK));
    }

    @Test
    void an_sms_code_has_expired_one_second_after_ten_minutes() {
      String code = issue(CodeChannel.SMS);
      clock.advance(Duration.ofMinutes(10).plusSeconds(1));

      assertThat(codes.verify(ORDER, code)).isEqualTo(status(EXPIRED));
      assertThat(codes.verify(ORDER, "000000"))
          .as("an expired code spends no tries")
          .isEqualTo(status(EXPIRED));
      assertThat(store.find(ORDER).orElseThrow().wrongTries()).isZero();
    }

    @Test
    void a_remark_code_passes_at_exactly_seven_days_and_has_expired_one_second_later() {
      String code = issue(CodeChannel.TRANSFER_REMARK);
      clock.advance(Duration.ofDays(7).plusSeconds(1));
      assertThat(codes.verify(ORDER, code)).isEqualTo(status(EXPIRED));

      clock.advance(Duration.ofSeconds(60));
      String second = issue(CodeChannel.TRANSFER_REMARK);
      clock.advance(Duration.ofDays(7));
      assertThat(codes.verify(ORDER, second)).isEqualTo(status(OK));
    }

    @Test
    void the_lifetime_comes_from_the_policy() {
      AuthorizationCodes shortLived =
          new AuthorizationCodes(
              store,
              Fakes.SECRET,
              new CodePolicy(Duration.ofMinutes(2), 5, Duration.ofSeconds(60)),
              CodePolicy.TRANSFER_REMARK_DEFAULT,
              clock,
              random);
      String code = shortLived.issue(ORDER, CodeChannel.SMS).code().digits();
      clock.advance(Duration.ofMinutes(2).plusSeconds(1));

      assertThat(shortLived.verify(ORDER, code)).isEqualTo(status(EXPIRED));
    }
  }

  @Nested
  class WrongTries {

    @Test
    void an_sms_code_survives_four_wrong_tries_and_passes_on_the_fifth_try() {
      String code = issue(CodeChannel.SMS);

      assertThat(codes.verify(ORDER, "000001")).isEqualTo(wrong(4));
      assertThat(codes.verify(ORDER, "000002")).isEqualTo(wrong(3));
      assertThat(codes.verify(ORDER, "000003")).isEqualTo(wrong(2));
      assertThat(codes.verify(ORDER, "000004")).isEqualTo(wrong(1));
      assertThat(codes.verify(ORDER, code)).isEqualTo(status(OK));
    }

    @Test
    void the_fifth_wrong_sms_try_kills_the_code_and_the_sixth_try_is_locked_even_when_right() {
      String code = issue(CodeChannel.SMS);
      for (int i = 1; i <= 4; i++) {
        codes.verify(ORDER, "00000" + i);
      }

      assertThat(codes.verify(ORDER, "000005")).isEqualTo(status(LOCKED));
      assertThat(codes.verify(ORDER, code)).isEqualTo(status(LOCKED));
      assertThat(store.find(ORDER).orElseThrow().wrongTries()).isEqualTo(5);
    }

    @Test
    void a_remark_code_survives_two_wrong_tries_and_passes_on_the_third_try() {
      String code = issue(CodeChannel.TRANSFER_REMARK);

      assertThat(codes.verify(ORDER, "000001")).isEqualTo(wrong(2));
      assertThat(codes.verify(ORDER, "000002")).isEqualTo(wrong(1));
      assertThat(codes.verify(ORDER, code)).isEqualTo(status(OK));
    }

    @Test
    void the_third_wrong_remark_try_kills_the_code_and_the_fourth_is_locked_even_when_right() {
      String code = issue(CodeChannel.TRANSFER_REMARK);
      codes.verify(ORDER, "000001");
      codes.verify(ORDER, "000002");

      assertThat(codes.verify(ORDER, "000003")).isEqualTo(status(LOCKED));
      assertThat(codes.verify(ORDER, code)).isEqualTo(status(LOCKED));
    }

    @Test
    void anything_that_is_not_the_code_is_a_wrong_try() {
      issue(CodeChannel.SMS);

      assertThat(codes.verify(ORDER, null)).isEqualTo(wrong(4));
      assertThat(codes.verify(ORDER, "")).isEqualTo(wrong(3));
      assertThat(codes.verify(ORDER, "12345")).isEqualTo(wrong(2));
      assertThat(codes.verify(ORDER, "1234567")).isEqualTo(wrong(1));
    }

    @Test
    void blanks_around_the_code_and_full_width_digits_are_forgiven() {
      issue(CodeChannel.SMS);
      assertThat(codes.verify(ORDER, " １２３４５６ ")).isEqualTo(status(OK));
    }

    @Test
    void a_wrong_try_spent_by_another_request_meanwhile_counts_too() {
      issue(CodeChannel.SMS);
      for (int i = 1; i <= 3; i++) {
        codes.verify(ORDER, "00000" + i);
      }
      // another request spends the fourth try between this request's read and its write
      store.beforeNextChange(() -> store.codes.put(ORDER, store.codes.get(ORDER).withWrongTry()));

      assertThat(codes.verify(ORDER, "000009")).isEqualTo(status(LOCKED));
      assertThat(store.find(ORDER).orElseThrow().wrongTries()).isEqualTo(5);
    }
  }

  @Nested
  class OnceOnly {

    @Test
    void a_right_code_passes_once() {
      String code = issue(CodeChannel.SMS);

      assertThat(codes.verify(ORDER, code)).isEqualTo(status(OK));
      assertThat(codes.verify(ORDER, code)).isEqualTo(status(NONE));
    }

    @Test
    void a_code_used_by_another_request_meanwhile_does_not_pass_again() {
      String code = issue(CodeChannel.SMS);
      store.beforeNextChange(() -> store.codes.remove(ORDER));

      assertThat(codes.verify(ORDER, code)).isEqualTo(status(NONE));
    }

    @Test
    void nothing_issued_is_none() {
      assertThat(codes.verify(ORDER, "123456")).isEqualTo(status(NONE));
    }

    @Test
    void a_code_of_one_purpose_does_not_pass_for_another() {
      String code = issue(CodeChannel.SMS);

      assertThat(codes.verify(CodeKey.applicationSignature(ORDER.subject()), code))
          .isEqualTo(status(NONE));
      CodeKey otherOrder = CodeKey.enterpriseVerification("CH20270615OTHERORDER22");
      assertThat(codes.verify(otherOrder, code)).isEqualTo(status(NONE));
    }

    @Test
    void order_query_codes_are_keyed_by_the_id_number_in_upper_case() {
      String code =
          codes.issue(CodeKey.orderQuery(" 11010519491231002x "), CodeChannel.SMS).code().digits();

      assertThat(codes.verify(CodeKey.orderQuery("11010519491231002X"), code))
          .isEqualTo(status(OK));
    }
  }

  @Nested
  class Resend {

    @Test
    void fifty_nine_seconds_after_a_code_the_next_waits_one_second() {
      issue(CodeChannel.SMS);
      clock.advance(Duration.ofSeconds(59));

      CodeIssue again = codes.issue(ORDER, CodeChannel.SMS);
      assertThat(again.status()).isEqualTo(CodeIssue.Status.COOLDOWN);
      assertThat(again.retryAfterSeconds()).isEqualTo(1);
      assertThat(codes.secondsUntilIssue(ORDER, CodeChannel.SMS)).isEqualTo(1);
    }

    @Test
    void sixty_seconds_after_a_code_the_next_is_issued() {
      issue(CodeChannel.SMS);
      clock.advance(Duration.ofSeconds(60));

      assertThat(codes.secondsUntilIssue(ORDER, CodeChannel.SMS)).isZero();
      assertThat(codes.issue(ORDER, CodeChannel.SMS).isIssued()).isTrue();
    }

    @Test
    void part_of_a_second_to_wait_is_a_whole_second() {
      issue(CodeChannel.SMS);
      clock.advance(Duration.ofMillis(500));

      assertThat(codes.issue(ORDER, CodeChannel.SMS).retryAfterSeconds()).isEqualTo(60);
    }

    @Test
    void a_new_code_replaces_the_old_with_fresh_tries() {
      String old = issue(CodeChannel.SMS);
      codes.verify(ORDER, "000001");
      clock.advance(Duration.ofSeconds(60));
      String fresh = issue(CodeChannel.SMS);

      assertThat(fresh).isNotEqualTo(old);
      assertThat(codes.verify(ORDER, old)).isEqualTo(wrong(4));
      assertThat(codes.verify(ORDER, fresh)).isEqualTo(status(OK));
    }

    @Test
    void a_locked_code_is_replaced_by_a_new_one_that_works() {
      issue(CodeChannel.SMS);
      for (int i = 1; i <= 5; i++) {
        codes.verify(ORDER, "00000" + i);
      }
      clock.advance(Duration.ofSeconds(60));

      assertThat(codes.verify(ORDER, issue(CodeChannel.SMS))).isEqualTo(status(OK));
    }

    @Test
    void a_withdrawn_code_does_not_pass_and_holds_nothing_back() {
      CodeIssue issue = codes.issue(ORDER, CodeChannel.SMS);
      codes.withdraw(issue);

      assertThat(codes.verify(ORDER, issue.code().digits())).isEqualTo(status(NONE));
      assertThat(codes.secondsUntilIssue(ORDER, CodeChannel.SMS)).isZero();
      assertThat(codes.issue(ORDER, CodeChannel.SMS).isIssued()).isTrue();
    }

    @Test
    void withdrawing_an_old_code_leaves_a_newer_one() {
      CodeIssue old = codes.issue(ORDER, CodeChannel.SMS);
      clock.advance(Duration.ofSeconds(60));
      String fresh = issue(CodeChannel.SMS);
      codes.withdraw(old);

      assertThat(codes.verify(ORDER, fresh)).isEqualTo(status(OK));
    }

    @Test
    void without_a_cooldown_a_code_issued_by_a_request_running_alongside_holds_nothing_back() {
      CodePolicy noCooldown = new CodePolicy(Duration.ofMinutes(10), 5, Duration.ZERO);
      AuthorizationCodes quick =
          new AuthorizationCodes(
              store, Fakes.SECRET, noCooldown, CodePolicy.TRANSFER_REMARK_DEFAULT, clock, random);
      store.beforeNextFind(
          () -> {
            // the other request reads the clock a few milliseconds later and stores its code first
            clock.advance(Duration.ofMillis(5));
            assertThat(quick.issue(ORDER, CodeChannel.SMS).isIssued()).isTrue();
          });

      CodeIssue mine = quick.issue(ORDER, CodeChannel.SMS);

      assertThat(mine.status()).isEqualTo(CodeIssue.Status.ISSUED);
      assertThat(quick.verify(ORDER, mine.code().digits())).isEqualTo(status(OK));
    }

    @Test
    void of_two_requests_at_once_one_issues_and_the_other_waits() {
      store.beforeNextChange(
          () -> {
            CodeIssue first = codes.issue(ORDER, CodeChannel.SMS);
            assertThat(first.isIssued()).isTrue();
          });

      CodeIssue second = codes.issue(ORDER, CodeChannel.SMS);
      assertThat(second.status()).isEqualTo(CodeIssue.Status.COOLDOWN);
      assertThat(second.retryAfterSeconds()).isEqualTo(60);
    }
  }

  @Test
  void lifetimes_are_worded_in_their_largest_exact_unit() {
    assertThat(CodeTexts.lifetime(Duration.ofMinutes(10))).isEqualTo("10分钟");
    assertThat(CodeTexts.lifetime(Duration.ofDays(7))).isEqualTo("7天");
    assertThat(CodeTexts.lifetime(Duration.ofHours(2))).isEqualTo("2小时");
    assertThat(CodeTexts.lifetime(Duration.ofSeconds(90))).isEqualTo("90秒");
  }

  @Test
  void policies_refuse_rules_that_make_no_sense() {
    assertThatThrownBy(() -> new CodePolicy(Duration.ZERO, 5, Duration.ofSeconds(60)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new CodePolicy(Duration.ofMinutes(10), 0, Duration.ofSeconds(60)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new CodePolicy(Duration.ofMinutes(10), 5, Duration.ofSeconds(-1)))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
