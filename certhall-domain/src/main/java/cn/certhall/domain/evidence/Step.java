package cn.certhall.domain.evidence;

import cn.certhall.domain.order.HistoryNote;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One line of an evidence report's timeline.
 *
 * @param actor who did it as the audit log names them ({@code applicant}, {@code operator:alice},
 *     {@code channel:demo}, {@code seal-admin:138****0000}, {@code system}), or "" where the record
 *     does not say
 */
public record Step(
    Instant at, StepKind kind, String actor, List<String> arguments, HistoryNote note) {
  public Step {
    Objects.requireNonNull(at, "at");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(actor, "actor");
    arguments = List.copyOf(arguments);
  }

  /** A step with no history note. */
  public Step(Instant at, StepKind kind, String actor, List<String> arguments) {
    this(at, kind, actor, arguments, null);
  }
}
