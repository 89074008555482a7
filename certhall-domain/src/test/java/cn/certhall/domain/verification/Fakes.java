package cn.certhall.domain.verification;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Outside services as the tests script them, recording what they were asked. */
final class Fakes {
  static final Instant NOW = Instant.parse("2027-06-15T02:30:00Z");
  static final byte[] SECRET =
      "a test secret of at least 32 bytes, not a real one".getBytes(StandardCharsets.UTF_8);

  private Fakes() {}

  static AuthorizationCodes codes(CodeStore store, MutableClock clock, ScriptedRandom random) {
    return new AuthorizationCodes(
        store, SECRET, CodePolicy.SMS_DEFAULT, CodePolicy.TRANSFER_REMARK_DEFAULT, clock, random);
  }

  record Sms(String mobile, String text) {}

  static final class Phone implements SmsSender {
    final List<Sms> sent = new ArrayList<>();
    Result answer = Result.SENT;

    @Override
    public Result send(String mobile, SmsMessage message) {
      String text = message.text();
      if (answer == Result.SENT) {
        sent.add(new Sms(mobile, text));
      }
      return answer;
    }
  }

  static final class RealName implements RealNameVerifier {
    final List<Object> asked = new ArrayList<>();
    final List<VerificationContext> contexts = new ArrayList<>();
    Result answer = Result.MATCH;

    @Override
    public Result checkMobile(VerificationContext context, MobileThreeFactor factors) {
      contexts.add(context);
      asked.add(factors);
      return answer;
    }

    @Override
    public Result checkBankCard(VerificationContext context, BankCardFourFactor factors) {
      contexts.add(context);
      asked.add(factors);
      return answer;
    }
  }

  record Transfer(CorporateAccount account, String remark) {}

  static final class Bank implements MicroDepositTransfer {
    static final String PAYER = "certhall 测试付款账户";
    final List<Transfer> paid = new ArrayList<>();
    final List<Transfer> asked = new ArrayList<>();
    Status answer = Status.SENT;

    @Override
    public Result pay(String orderId, CorporateAccount account, String remark) {
      asked.add(new Transfer(account, remark));
      if (!answer.paid()) {
        return Result.failed(answer);
      }
      paid.add(new Transfer(account, remark));
      return answer == Status.QUEUED ? Result.queued(PAYER) : Result.sent(PAYER);
    }
  }
}
