package cn.certhall.domain.verification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.certhall.domain.limit.InMemoryLimitCounters;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class SmsCodesTest {
  static final CodeKey QUERY = CodeKey.orderQuery("11010519491231002X");

  final MutableClock clock = new MutableClock(Fakes.NOW);
  final Fakes.Phone phone = new Fakes.Phone();
  final AuthorizationCodes codes =
      Fakes.codes(new InMemoryCodeStore(), clock, new ScriptedRandom(7, 8));
  final SmsCodes sms = new SmsCodes(codes, phone, InMemoryLimitCounters.generousSmsCaps(clock));

  @Test
  void sends_the_code_in_the_wording_of_its_purpose_to_the_mobile_without_its_prefix() {
    SmsCodeResult result = sms.send(QUERY, "+86 138 1234 5678", QUERY.subject());

    assertThat(result)
        .isEqualTo(
            new SmsCodeResult(
                SmsCodeResult.Status.SENT,
                "138****5678",
                Fakes.NOW.plus(Duration.ofMinutes(10)),
                0));
    assertThat(phone.sent)
        .containsExactly(new Fakes.Sms("13812345678", "您正在查询证书订单，验证码为000007，10分钟内有效。请勿告诉他人。"));
    assertThat(sms.verify(QUERY, "000007").isOk()).isTrue();
  }

  @Test
  void the_signature_code_names_the_signature() {
    sms.send(
        CodeKey.applicationSignature("CH20270615ABCDEFGHJKLM"),
        "13812345678",
        "91350100MA2Y0B3X4K");

    assertThat(phone.sent.get(0).text()).contains("签名验证码为000007");
  }

  @Test
  void waits_out_the_cooldown_without_sending() {
    sms.send(QUERY, "13812345678", QUERY.subject());
    clock.advance(Duration.ofSeconds(59));

    assertThat(sms.send(QUERY, "13812345678", QUERY.subject()))
        .isEqualTo(new SmsCodeResult(SmsCodeResult.Status.COOLDOWN, null, null, 1));
    assertThat(sms.secondsUntilSend(QUERY)).isEqualTo(1);
    assertThat(phone.sent).hasSize(1);
  }

  @Test
  void a_failed_gateway_leaves_no_code_and_no_wait() {
    phone.answer = SmsSender.Result.UNAVAILABLE;

    assertThat(sms.send(QUERY, "13812345678", QUERY.subject()).status())
        .isEqualTo(SmsCodeResult.Status.SMS_UNAVAILABLE);
    assertThat(sms.verify(QUERY, "000007").status()).isEqualTo(CodeCheck.Status.NONE);
    assertThat(sms.secondsUntilSend(QUERY)).isZero();
  }

  @Test
  void refuses_a_number_that_is_not_a_mainland_mobile_without_quoting_it() {
    assertThatThrownBy(() -> sms.send(QUERY, "12812345678", QUERY.subject()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("mobile is not a mainland mobile number");
    assertThat(phone.sent).isEmpty();
  }

  @Test
  void a_daily_cap_per_mobile_holds_across_keys_and_gives_back_what_a_failed_gateway_took() {
    MutableClock day = new MutableClock(Fakes.NOW);
    java.util.List<String> address = new java.util.ArrayList<>(java.util.List.of("192.0.2.7"));
    SmsCaps caps =
        new SmsCaps(
            new cn.certhall.domain.limit.RateLimiter(new InMemoryLimitCounters(), day),
            2,
            100,
            100,
            () -> java.util.Optional.of(address.get(0)));
    SmsCodes capped =
        new SmsCodes(
            Fakes.codes(new InMemoryCodeStore(), day, new ScriptedRandom(1, 2, 3, 4)), phone, caps);
    phone.answer = SmsSender.Result.UNAVAILABLE;
    assertThat(capped.send(CodeKey.orderQuery("A1"), "13812345678", "A1").status())
        .isEqualTo(SmsCodeResult.Status.SMS_UNAVAILABLE);
    phone.answer = SmsSender.Result.SENT;

    assertThat(capped.send(CodeKey.orderQuery("A1"), "13812345678", "A1").status())
        .isEqualTo(SmsCodeResult.Status.SENT);
    assertThat(capped.send(CodeKey.orderQuery("A2"), "13812345678", "A2").status())
        .isEqualTo(SmsCodeResult.Status.SENT);
    assertThat(capped.send(CodeKey.orderQuery("A3"), "13812345678", "A3").status())
        .isEqualTo(SmsCodeResult.Status.LIMIT_REACHED);
    assertThat(capped.withhold(CodeKey.orderQuery("A4"), "13812345678", "A4").status())
        .isEqualTo(SmsCodeResult.Status.LIMIT_REACHED);
    assertThat(phone.sent).hasSize(2);

    day.advance(Duration.ofDays(1));
    assertThat(capped.send(CodeKey.orderQuery("A3"), "13812345678", "A3").status())
        .isEqualTo(SmsCodeResult.Status.SENT);
  }

  @Test
  void a_withheld_code_answers_like_a_sent_one_but_no_entry_passes() {
    SmsCodeResult withheld = sms.withhold(QUERY, "13812345678", QUERY.subject());

    assertThat(withheld)
        .isEqualTo(
            new SmsCodeResult(
                SmsCodeResult.Status.SENT,
                "138****5678",
                Fakes.NOW.plus(Duration.ofMinutes(10)),
                0));
    assertThat(phone.sent).isEmpty();
    assertThat(sms.verify(QUERY, "000007")).isEqualTo(CodeCheck.wrong(4));
    assertThat(sms.send(QUERY, "13812345678", QUERY.subject()).status())
        .isEqualTo(SmsCodeResult.Status.COOLDOWN);
  }
}
