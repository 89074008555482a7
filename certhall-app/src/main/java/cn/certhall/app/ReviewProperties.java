package cn.certhall.app;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Review, issuance on approval and the handler's notifications.
 *
 * @param claimTime how long a reviewer holds an order taken from the queue
 * @param issuingCa the CA that issues organization certificates; empty: the issuing CA of the
 *     first configured hierarchy ({@code sm2-issuing} by default)
 * @param mailFrom the sender of the notification emails
 * @param notificationFirstRetry the pause after a provider's first failure, doubled after each
 * @param notificationMaxRetry the longest pause between two attempts
 * @param holidays public holidays (法定节假日) on weekdays, not counted as working days
 * @param makeUpWorkdays weekend days worked instead (调休), counted as working days
 */
@ConfigurationProperties("certhall.review")
public record ReviewProperties(
    Duration claimTime,
    String issuingCa,
    String mailFrom,
    Duration notificationFirstRetry,
    Duration notificationMaxRetry,
    List<LocalDate> holidays,
    List<LocalDate> makeUpWorkdays) {

  public ReviewProperties {
    holidays = holidays == null ? List.of() : holidays;
    makeUpWorkdays = makeUpWorkdays == null ? List.of() : makeUpWorkdays;
  }
}
