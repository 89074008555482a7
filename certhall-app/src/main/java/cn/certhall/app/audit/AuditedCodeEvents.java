package cn.certhall.app.audit;

import cn.certhall.domain.audit.Actor;
import cn.certhall.domain.audit.AuditAction;
import cn.certhall.domain.audit.AuditLog;
import cn.certhall.domain.verification.CodeChannel;
import cn.certhall.domain.verification.CodeCheck;
import cn.certhall.domain.verification.CodeEvents;
import cn.certhall.domain.verification.CodeKey;
import cn.certhall.domain.verification.Purpose;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Set;

/**
 * The codes of an order in the audit log, for its evidence report: each code issued (purpose,
 * channel, until when), withdrawn (not delivered) and entered (the outcome), under the order's
 * number. Codes keyed by an ID number or a mobile (order query, lifecycle entry, seal app sign-in)
 * are not recorded: their subject is personal data. Never the code.
 */
public final class AuditedCodeEvents implements CodeEvents {
  /** The purposes whose codes are keyed by an order number. */
  static final Set<Purpose> ORDER_KEYED =
      EnumSet.of(
          Purpose.ENTERPRISE_VERIFICATION,
          Purpose.APPLICATION_SIGNATURE,
          Purpose.CERTIFICATE_VERIFICATION);

  private final AuditLog audit;

  public AuditedCodeEvents(AuditLog audit) {
    this.audit = audit;
  }

  @Override
  public void issued(CodeKey key, CodeChannel channel, Instant expiresAt) {
    if (ORDER_KEYED.contains(key.purpose())) {
      audit.record(
          Actor.SYSTEM,
          AuditAction.CODE_ISSUED,
          key.subject(),
          key.purpose() + " by " + channel + ", valid until " + expiresAt);
    }
  }

  @Override
  public void withdrawn(CodeKey key) {
    if (ORDER_KEYED.contains(key.purpose())) {
      audit.record(
          Actor.SYSTEM,
          AuditAction.CODE_WITHDRAWN,
          key.subject(),
          key.purpose() + " not delivered");
    }
  }

  @Override
  public void entered(CodeKey key, CodeCheck check) {
    if (ORDER_KEYED.contains(key.purpose())) {
      audit.record(
          Actor.APPLICANT,
          AuditAction.CODE_ENTERED,
          key.subject(),
          key.purpose()
              + " "
              + check.status()
              + (check.status() == CodeCheck.Status.WRONG
                  ? ", " + check.triesLeft() + " tries left"
                  : ""));
    }
  }
}
