/**
 * The one outbox: {@link cn.certhall.domain.outbox.Outbox} (the port: claim with a lease,
 * delivered, failed, given up), {@link cn.certhall.domain.outbox.Backoff} and {@link
 * cn.certhall.domain.outbox.OutboxWorker}, used by the notifications (SMS, email) and the channels'
 * webhooks alike.
 */
package cn.certhall.domain.outbox;
