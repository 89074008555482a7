package cn.certhall.app;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Review, issuance on approval and the handler's notifications.
 *
 * @param claimTime how long a reviewer holds an order taken from the queue
 * @param issuingCa the CA that issues organization certificates; empty: the issuing CA of the first
 *     configured hierarchy ({@code sm2-issuing} by default)
 * @param secondIssuingCa the CA that issues each new organization, with its certificate from {@code
 *     issuingCa}, a second one of another algorithm family (双证书: e.g. {@code ecdsa-issuing}, for
 *     relying parties that cannot check SM2); empty: one certificate
 * @param mailFrom the sender of the notification emails
 * @param notificationFirstRetry the pause after a provider's first failure, doubled after each
 * @param notificationMaxRetry the longest pause between two attempts
 * @param notificationPoll how often each node looks for notifications due
 * @param notificationGiveUpAfter failures in a row after which a notification is given up (a dead
 *     letter on the console's outbox page, where a CA administrator can send it again)
 */
@ConfigurationProperties("certhall.review")
public record ReviewProperties(
    Duration claimTime,
    String issuingCa,
    String secondIssuingCa,
    String mailFrom,
    Duration notificationFirstRetry,
    Duration notificationMaxRetry,
    Duration notificationPoll,
    int notificationGiveUpAfter) {}
