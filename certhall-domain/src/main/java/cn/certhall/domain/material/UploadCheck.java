package cn.certhall.domain.material;

import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The verdict on an uploaded file: accepted with what it is and its quality flags, or refused with
 * the problem and the arguments of its message (the limit that was exceeded).
 */
public record UploadCheck(
    ContentInspector.Measured measured,
    Set<QualityFlag> flags,
    UploadProblem problem,
    List<Object> messageArguments) {

  public UploadCheck {
    flags = Set.copyOf(flags);
    messageArguments = List.copyOf(messageArguments);
    if ((measured == null) == (problem == null)) {
      throw new IllegalArgumentException("a check accepts or refuses");
    }
  }

  static UploadCheck accepted(ContentInspector.Measured measured, Set<QualityFlag> flags) {
    return new UploadCheck(Objects.requireNonNull(measured), flags, null, List.of());
  }

  static UploadCheck refused(UploadProblem problem, Object... arguments) {
    return new UploadCheck(null, Set.of(), Objects.requireNonNull(problem), List.of(arguments));
  }

  public boolean isAccepted() {
    return problem == null;
  }
}
