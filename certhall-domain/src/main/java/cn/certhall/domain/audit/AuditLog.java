package cn.certhall.domain.audit;

/**
 * Port: the append-only audit log. An implementation appends the event as the next entry of the
 * chain, in the caller's transaction when there is one (so a change and its entry are stored
 * together or not at all), and serialises appends so that two entries never follow the same one.
 */
public interface AuditLog {

  void record(AuditEvent event);

  default void record(Actor actor, AuditAction action, String subject, String details) {
    record(new AuditEvent(actor, action, subject, details));
  }
}
