/**
 * Rate limits (限流): how often something may happen per fixed window — sign-in tries per address and
 * per account, text messages per mobile, subject and address per day. One limiter ({@link
 * cn.certhall.domain.limit.RateLimiter}) over one port ({@link
 * cn.certhall.domain.limit.LimitCounters}), kept in the database so that every node of the service
 * counts against the same caps.
 */
package cn.certhall.domain.limit;
