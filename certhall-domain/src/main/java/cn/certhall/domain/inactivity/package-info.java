/**
 * Unfinished orders left without activity (SPEC decision, docs/decisions.md "Security (issue 14):
 * who may see an organization"): the handler is told some days before, and the order is cancelled
 * after the idle time, which frees the organization's one unfinished order of the type. Safe on
 * several nodes sharing one database: a notice is a unique row, a cancellation a versioned update.
 */
package cn.certhall.domain.inactivity;
