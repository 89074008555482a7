package cn.certhall.domain.audit;

import java.util.Objects;

/**
 * What a caller hands to the {@link AuditLog}; the log adds the time, the sequence number and the
 * hashes.
 *
 * @param subject what it happened to: an order number, "ca/serial", a CA name
 * @param details the rest, as short text ("WAITING_FOR_REVIEW → APPROVED"); never personal data or
 *     secrets; cut to {@link #MAX_DETAILS} characters
 */
public record AuditEvent(Actor actor, AuditAction action, String subject, String details) {
  public static final int MAX_SUBJECT = 200;
  public static final int MAX_DETAILS = 2000;

  public AuditEvent {
    Objects.requireNonNull(actor, "actor");
    Objects.requireNonNull(action, "action");
    Objects.requireNonNull(subject, "subject");
    if (subject.isBlank() || subject.length() > MAX_SUBJECT) {
      throw new IllegalArgumentException(
          "audit subject must be 1 to " + MAX_SUBJECT + " characters");
    }
    details = details == null ? "" : details;
    if (details.length() > MAX_DETAILS) {
      details = details.substring(0, MAX_DETAILS - 1) + "…";
    }
  }
}
