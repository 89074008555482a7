/**
 * Review (审核, SPEC 3.1 step 9): a reviewer claims an order waiting for review, then approves it or
 * rejects it with a reason from {@link cn.certhall.domain.review.RejectionReason} and free text. A
 * claim is a row in the database, so two reviewers never decide one order at once; a decision moves
 * the order, writes the audit entry and queues the handler's notifications in one transaction. An
 * approval then has the certificate issued.
 */
package cn.certhall.domain.review;
