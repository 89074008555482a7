/**
 * The audit log (审计日志): every order state change, reviewer decision and CA operation, with who did
 * it, when, what and to what, in an append-only chain. Each entry carries the SHA-256 of the
 * previous entry's hash and its own canonical encoding ({@link
 * cn.certhall.domain.audit.AuditChain}), so {@link cn.certhall.domain.audit.AuditVerification}
 * finds an edited, inserted or deleted row. Callers write through the small port {@link
 * cn.certhall.domain.audit.AuditLog}; the chain is kept by its implementation, which must serialise
 * appends so the chain never forks.
 *
 * <p>No personal data goes into an entry: orders are named by their number, organizations by their
 * credit code, certificates by CA and serial.
 */
package cn.certhall.domain.audit;
