package cn.certhall.app.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import cn.certhall.app.TestDatabases;
import cn.certhall.app.TestDatabases.Kind;
import cn.certhall.app.persistence.SandboxMessageRepository;
import cn.certhall.app.persistence.SandboxMessageRepository.Message;
import cn.certhall.domain.identity.IdType;
import cn.certhall.domain.verification.BankCardFourFactor;
import cn.certhall.domain.verification.CorporateAccount;
import cn.certhall.domain.verification.MicroDepositTransfer;
import cn.certhall.domain.verification.MobileThreeFactor;
import cn.certhall.domain.verification.RealNameVerifier;
import cn.certhall.domain.verification.SmsMessage;
import cn.certhall.domain.verification.SmsSender;
import cn.certhall.domain.verification.SmsTemplate;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The sandbox's rules, as docs/sandbox.md states them, and its outbox on both databases. */
class SandboxAdaptersTest {
  static final Instant NOW = Instant.parse("2027-06-15T02:30:00Z");
  static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
  static final String ID = "11010519491231002X";

  final SandboxRealNameVerifier realName = new SandboxRealNameVerifier();

  static SandboxMessageRepository outbox(Kind kind) {
    return new SandboxMessageRepository(JdbcClient.create(TestDatabases.fresh(kind).migrated()));
  }

  static BankCardFourFactor card(String name, String id, String card, String mobile) {
    return new BankCardFourFactor(name, IdType.RESIDENT_ID_CARD, id, card, mobile);
  }

  @Test
  void real_names_match_unless_a_rule_says_otherwise() {
    assertThat(realName.checkMobile(new MobileThreeFactor("张三", ID, "13812345678")).result())
        .isEqualTo(RealNameVerifier.Result.MATCH);
    assertThat(realName.checkBankCard(card("张三", ID, "6222020200112233", "13812345678")).result())
        .isEqualTo(RealNameVerifier.Result.MATCH);
  }

  @Test
  void each_answer_has_a_request_id_of_its_own_for_the_record() {
    var first = realName.checkMobile(new MobileThreeFactor("张三", ID, "13812345678"));
    var second = realName.checkMobile(new MobileThreeFactor("张三", ID, "13812345678"));
    assertThat(realName.name()).isEqualTo("sandbox");
    assertThat(first.requestId()).startsWith("sandbox-").isNotEqualTo(second.requestId());
    assertThat(first.providerCode()).isEqualTo("MATCH");
  }

  @Test
  void a_name_with_jia_or_a_number_ending_in_0000_is_a_mismatch() {
    assertThat(realName.checkMobile(new MobileThreeFactor("假张三", ID, "13812345678")).result())
        .isEqualTo(RealNameVerifier.Result.MISMATCH);
    assertThat(realName.checkMobile(new MobileThreeFactor("张三", ID, "13812340000")).result())
        .isEqualTo(RealNameVerifier.Result.MISMATCH);
    assertThat(
            realName
                .checkMobile(new MobileThreeFactor("张三", "110105198001070000", "13812345678"))
                .result())
        .isEqualTo(RealNameVerifier.Result.MISMATCH);
    assertThat(realName.checkBankCard(card("张三", ID, "6222020200110000", "13812345678")).result())
        .isEqualTo(RealNameVerifier.Result.MISMATCH);
    assertThat(realName.checkBankCard(card("张三", ID, "6222020200112233", "13812340000")).result())
        .isEqualTo(RealNameVerifier.Result.MISMATCH);
  }

  @Test
  void a_number_ending_in_9999_finds_the_service_down_whatever_else() {
    assertThat(realName.checkMobile(new MobileThreeFactor("假张三", ID, "13812349999")).result())
        .isEqualTo(RealNameVerifier.Result.UNAVAILABLE);
    assertThat(realName.checkBankCard(card("张三", ID, "6222020200119999", "13812345678")).result())
        .isEqualTo(RealNameVerifier.Result.UNAVAILABLE);
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void a_text_is_recorded_with_the_gateways_signature_unless_the_mobile_ends_in_8888(Kind kind) {
    SandboxMessageRepository outbox = outbox(kind);
    SmsSender sms = new SandboxSmsSender(outbox, CLOCK);

    assertThat(
            sms.send(
                "13812345678",
                SmsMessage.of(SmsTemplate.ENTERPRISE_VERIFICATION_CODE, "123456", "10分钟")))
        .isEqualTo(SmsSender.Result.SENT);
    assertThat(
            sms.send(
                "13812348888",
                SmsMessage.of(SmsTemplate.ENTERPRISE_VERIFICATION_CODE, "654321", "10分钟")))
        .isEqualTo(SmsSender.Result.UNAVAILABLE);

    List<Message> messages = outbox.newest(null, 10);
    assertThat(messages).hasSize(1);
    Message text = messages.get(0);
    assertThat(text.kind()).isEqualTo(SandboxMessageRepository.Kind.SMS);
    assertThat(text.recipient()).isEqualTo("13812345678");
    assertThat(text.body())
        .isEqualTo("【certhall】您正在为单位办理数字证书，证书授权码为123456，10分钟内有效。请勿告诉他人，如非本人操作请忽略。");
    assertThat(text.sentAt()).isEqualTo(NOW);
    assertThat(text.toString()).doesNotContain("123456");
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void a_transfer_is_recorded_under_the_account_number_with_its_remark(Kind kind) {
    SandboxMessageRepository outbox = outbox(kind);
    MicroDepositTransfer bank = new SandboxMicroDepositTransfer(outbox, "certhall 沙箱付款账户", CLOCK);

    MicroDepositTransfer.Result result =
        bank.pay(
            "CH0000",
            new CorporateAccount("示例科技有限公司", "1234567890123456", "中国工商银行"),
            "证书授权码123456");

    assertThat(result).isEqualTo(MicroDepositTransfer.Result.sent("certhall 沙箱付款账户"));
    Message transfer = outbox.newest("1234567890123456", 10).get(0);
    assertThat(transfer.kind()).isEqualTo(SandboxMessageRepository.Kind.TRANSFER);
    assertThat(transfer.recipientName()).isEqualTo("示例科技有限公司");
    assertThat(transfer.subject()).isEqualTo("0.01 元 · 中国工商银行 · 付款户名 certhall 沙箱付款账户");
    assertThat(transfer.body()).isEqualTo("证书授权码123456");
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void refused_transfers_leave_no_remark(Kind kind) {
    SandboxMessageRepository outbox = outbox(kind);
    MicroDepositTransfer bank = new SandboxMicroDepositTransfer(outbox, "payer", CLOCK);

    assertThat(
            bank.pay("CH0000", new CorporateAccount("假示例科技有限公司", "1234567890123456", "银行"), "r")
                .status())
        .isEqualTo(MicroDepositTransfer.Status.ACCOUNT_NAME_MISMATCH);
    assertThat(
            bank.pay("CH0000", new CorporateAccount("示例科技有限公司", "1234567890120000", "银行"), "r")
                .status())
        .isEqualTo(MicroDepositTransfer.Status.ACCOUNT_INVALID);
    assertThat(
            bank.pay("CH0000", new CorporateAccount("假示例科技有限公司", "1234567890129999", "银行"), "r")
                .status())
        .isEqualTo(MicroDepositTransfer.Status.UNAVAILABLE);
    assertThat(outbox.newest(null, 10)).isEmpty();
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void the_outbox_lists_newest_first_filtered_and_limited(Kind kind) {
    SandboxMessageRepository outbox = outbox(kind);
    for (int i = 0; i < 5; i++) {
      outbox.insert(
          SandboxMessageRepository.Kind.SMS,
          i % 2 == 0 ? "13800000001" : "13800000002",
          null,
          null,
          "text " + i,
          NOW.plusSeconds(i));
    }
    outbox.insert(SandboxMessageRepository.Kind.EMAIL, "a@example.com", null, "审核结果", "body", NOW);

    assertThat(outbox.newest(null, 10))
        .extracting(Message::body)
        .containsExactly("body", "text 4", "text 3", "text 2", "text 1", "text 0");
    assertThat(outbox.newest("13800000001", 10))
        .extracting(Message::body)
        .containsExactly("text 4", "text 2", "text 0");
    assertThat(outbox.newest("a@example.com", 10))
        .extracting(Message::subject)
        .containsExactly("审核结果");
    assertThat(outbox.newest(null, 2)).hasSize(2);
    assertThat(outbox.newest(null, 0)).as("at least one").hasSize(1);
  }
}
