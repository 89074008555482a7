package cn.certhall.domain.verification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.certhall.domain.limit.InMemoryLimitCounters;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The rules of {@link ManualTransfer}: a queued transfer's code passes only once finance made it.
 */
class ManualTransferTest {
  static final String ORDER = EnterpriseVerificationTest.ORDER;
  static final CorporateAccount ACCOUNT = EnterpriseVerificationTest.ACCOUNT;

  /** Tasks in a list, queued by the bank below as the manual adapter does. */
  static final class Tasks implements TransferTasks {
    final List<TransferTask> all = new ArrayList<>();

    void queue(String orderId, CorporateAccount account, String remark, Instant at) {
      all.replaceAll(
          t ->
              t.orderId().equals(orderId) && t.isOpen()
                  ? with(t, TransferTask.Status.REPLACED, null, null, at)
                  : t);
      all.add(
          new TransferTask(
              all.size() + 1,
              orderId,
              MicroDepositTransfer.AMOUNT,
              account,
              remark,
              TransferTask.Status.QUEUED,
              null,
              null,
              at,
              null,
              0));
    }

    @Override
    public Optional<TransferTask> latest(String orderId) {
      return all.stream().filter(t -> t.orderId().equals(orderId)).reduce((a, b) -> b);
    }

    @Override
    public Optional<TransferTask> find(long id) {
      return all.stream().filter(t -> t.id() == id).findFirst();
    }

    @Override
    public boolean mark(
        TransferTask current, TransferTask.Status to, String operator, String answer, Instant at) {
      int i = all.indexOf(current);
      if (i < 0 || !current.isOpen()) {
        return false;
      }
      all.set(i, with(current, to, operator, answer, at));
      return true;
    }

    static TransferTask with(
        TransferTask t, TransferTask.Status to, String operator, String answer, Instant at) {
      return new TransferTask(
          t.id(),
          t.orderId(),
          t.amount(),
          t.account(),
          t.remark(),
          to,
          operator,
          answer,
          t.queuedAt(),
          at,
          t.version() + 1);
    }
  }

  final MutableClock clock = new MutableClock(Fakes.NOW);
  final Tasks tasks = new Tasks();
  final AuthorizationCodes codes =
      Fakes.codes(new InMemoryCodeStore(), clock, new ScriptedRandom(100001, 200002));
  final MicroDepositTransfer manualBank =
      (orderId, account, remark) -> {
        tasks.queue(orderId, account, remark, clock.instant());
        return MicroDepositTransfer.Result.queued("certhall 付款账户");
      };
  final EnterpriseVerification verification =
      new EnterpriseVerification(
          codes,
          new SmsCodes(codes, new Fakes.Phone(), InMemoryLimitCounters.generousSmsCaps(clock)),
          new Fakes.RealName(),
          manualBank,
          tasks);
  final ManualTransfer manual = new ManualTransfer(tasks, codes, clock);

  String queue() {
    EnterpriseVerificationResult result = verification.byCorporateTransfer(ORDER, ACCOUNT);
    assertThat(result.isCodeSent()).isTrue();
    assertThat(result.delivery().awaitingTransfer()).isTrue();
    return EnterpriseVerificationTest.codeIn(tasks.latest(ORDER).orElseThrow().remark());
  }

  @Test
  void a_queued_transfers_code_is_withheld_without_spending_a_try_until_it_is_marked_made() {
    String code = queue();

    for (int i = 0; i < 5; i++) {
      assertThat(verification.verifyCode(ORDER, "000000").status())
          .isEqualTo(CodeCheck.Status.TRANSFER_PENDING);
    }
    assertThat(verification.verifyCode(ORDER, code).status())
        .isEqualTo(CodeCheck.Status.TRANSFER_PENDING);

    clock.advance(Duration.ofDays(10));
    assertThat(manual.made(1, "finance-1")).isEqualTo(ManualTransfer.Marked.DONE);
    assertThat(tasks.latest(ORDER).orElseThrow().status()).isEqualTo(TransferTask.Status.MADE);

    clock.advance(Duration.ofDays(7));
    assertThat(verification.verifyCode(ORDER, "000000"))
        .as("ten days queued, then seven days valid with all three tries")
        .isEqualTo(new CodeCheck(CodeCheck.Status.WRONG, 2));
    assertThat(verification.verifyCode(ORDER, code).isOk()).isTrue();
  }

  @Test
  void the_lifetime_counts_from_the_mark() {
    String code = queue();
    clock.advance(Duration.ofDays(1));
    manual.made(1, "finance-1");

    clock.advance(Duration.ofDays(7).plusMillis(1));
    assertThat(verification.verifyCode(ORDER, code).status()).isEqualTo(CodeCheck.Status.EXPIRED);
  }

  @Test
  void a_failed_transfer_withdraws_the_code_and_keeps_the_banks_answer() {
    String code = queue();

    assertThat(manual.failed(1, "finance-1", "  户名不符  ")).isEqualTo(ManualTransfer.Marked.DONE);

    TransferTask failed = tasks.latest(ORDER).orElseThrow();
    assertThat(failed.bankAnswer()).isEqualTo("户名不符");
    assertThat(failed.operator()).isEqualTo("finance-1");
    assertThat(verification.verifyCode(ORDER, code).status())
        .isEqualTo(CodeCheck.Status.TRANSFER_FAILED);
    assertThat(manual.made(1, "finance-2"))
        .as("marked once")
        .isEqualTo(ManualTransfer.Marked.NOT_OPEN);
    assertThatThrownBy(() -> manual.failed(1, "finance-1", " "))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void asking_again_replaces_the_queued_task_whose_code_is_dead() {
    String first = queue();
    clock.advance(Duration.ofMinutes(2));
    String second = queue();

    assertThat(tasks.find(1).orElseThrow().status()).isEqualTo(TransferTask.Status.REPLACED);
    assertThat(manual.made(1, "finance-1")).isEqualTo(ManualTransfer.Marked.NOT_OPEN);
    assertThat(manual.made(2, "finance-1")).isEqualTo(ManualTransfer.Marked.DONE);
    assertThat(verification.verifyCode(ORDER, first).status()).isEqualTo(CodeCheck.Status.WRONG);
    assertThat(verification.verifyCode(ORDER, second).isOk()).isTrue();
  }
}
