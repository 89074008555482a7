/**
 * Notifications (通知) of review results to the handler (经办人), by SMS and email, in Chinese. They are
 * written to an outbox in the transaction of the decision, so a decision never loses its message,
 * and sent from there by {@link cn.certhall.domain.notification.NotificationDispatcher}, which
 * retries with growing pauses while a provider is down. Ports: the verification package's {@link
 * cn.certhall.domain.verification.SmsSender} and {@link
 * cn.certhall.domain.notification.EmailSender}.
 */
package cn.certhall.domain.notification;
