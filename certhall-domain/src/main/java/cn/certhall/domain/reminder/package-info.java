/**
 * Renewal reminders (证书到期提醒): before an organization certificate ends, its handler (经办人) and its
 * seal administrator (证书及印章管理员) are told by SMS, the handler also by email, with the link to 证书更新;
 * once per certificate and reminder, through the notification outbox.
 */
package cn.certhall.domain.reminder;
