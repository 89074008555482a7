/**
 * 我的订单 (order query, SPEC 3.5, manual 2.1): a person proves control of an ID number with an SMS
 * code sent to the handler's mobile on file, then sees, continues and cancels that number's orders.
 *
 * <p>The rules, in {@link cn.certhall.domain.orderquery.OrderQuery}:
 *
 * <ul>
 *   <li><b>No enumeration</b>: asking for a code answers the same whether or not the number has
 *       orders, including the resend cooldown and the wrong-try lock, because a code is issued
 *       either way and only delivered when there is a handler to deliver it to.
 *   <li><b>The proof</b> is an {@link cn.certhall.domain.orderquery.OrderQueryAccess}: which ID
 *       numbers a browser session proved, each until when. It lives in the session, never in a URL.
 *   <li><b>Every order page and action asks again</b>: an order whose ID number the access does not
 *       hold is answered exactly as an order that does not exist.
 * </ul>
 */
package cn.certhall.domain.orderquery;
