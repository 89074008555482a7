package cn.certhall.app.realname;

import cn.certhall.domain.verification.VerificationContext;
import cn.certhall.domain.verification.VerificationMethod;
import cn.certhall.domain.verification.VerificationRecord;
import cn.certhall.domain.verification.VerificationRecords;
import java.time.Clock;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place a real-name or face check's answer is logged and recorded: what it was for (the
 * order number, credit code or masked mobile), how, by whom, the outcome, the provider's code and
 * request id. A refusal only the operator can mend (credentials, the service not opened, arrears)
 * is logged as an error. A record that cannot be written is logged; the check's answer stands.
 */
public final class CheckLog {
  private static final Logger log = LoggerFactory.getLogger(CheckLog.class);

  private final VerificationRecords records;
  private final Clock clock;

  public CheckLog(VerificationRecords records, Clock clock) {
    this.records = records;
    this.clock = clock;
  }

  void record(
      VerificationContext context,
      VerificationMethod method,
      String provider,
      ProviderAnswer<?> answer,
      long startedNanos) {
    long millis = Duration.ofNanos(System.nanoTime() - startedNanos).toMillis();
    if (TencentResults.needsOperator(answer.providerCode())) {
      log.error(
          "{} check for {} {} refused by {} ({}, request {}): the provider's settings or account need"
              + " the operator (docs/providers.md)",
          method,
          context.purpose(),
          context.subject(),
          provider,
          answer.providerCode(),
          answer.requestId());
    } else {
      log.info(
          "{} check for {} {} via {}: {} ({}, request {}, {} ms)",
          method,
          context.purpose(),
          context.subject(),
          provider,
          answer.result(),
          answer.providerCode(),
          answer.requestId(),
          millis);
    }
    try {
      records.add(
          new VerificationRecord(
              context.subject(),
              context.purpose(),
              method,
              provider,
              answer.result().name(),
              answer.providerCode(),
              answer.requestId(),
              clock.instant()));
    } catch (RuntimeException e) {
      log.warn(
          "{} check for {} {} not recorded: {}",
          method,
          context.purpose(),
          context.subject(),
          e.toString());
    }
  }
}
