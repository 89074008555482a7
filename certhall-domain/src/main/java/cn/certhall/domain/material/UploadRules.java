package cn.certhall.domain.material;

import java.util.EnumSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Whether an uploaded file is accepted as a material (SPEC 3.1 step 6: JPG, PNG or PDF, size and
 * resolution limits, the real type checked, not the name). The checks run cheapest first, so a file
 * is refused for the first problem found: empty, too large, a program, not one of the three
 * signatures, then the decode ({@link ContentInspector}: pixel limit from the header, truncation,
 * PDF structure and encryption). An accepted photo may carry {@link QualityFlag}s.
 */
public final class UploadRules {
  private static final double MEGA = 1_000_000.0;

  private final ContentInspector inspector;
  private final UploadLimits limits;

  public UploadRules(ContentInspector inspector, UploadLimits limits) {
    this.inspector = Objects.requireNonNull(inspector, "inspector");
    this.limits = Objects.requireNonNull(limits, "limits");
  }

  public UploadLimits limits() {
    return limits;
  }

  public UploadCheck check(byte[] content) {
    if (content.length == 0) {
      return UploadCheck.refused(UploadProblem.EMPTY);
    }
    if (content.length > limits.maxBytes()) {
      return UploadCheck.refused(UploadProblem.TOO_LARGE, megabytes(limits.maxBytes()));
    }
    if (ContentType.isExecutable(content)) {
      return UploadCheck.refused(UploadProblem.EXECUTABLE);
    }
    Optional<ContentType> type = ContentType.sniff(content);
    if (type.isEmpty()) {
      return UploadCheck.refused(UploadProblem.UNSUPPORTED_TYPE);
    }
    ContentInspector.Inspection inspection = inspector.inspect(content, type.get(), limits);
    if (inspection.problem() != null) {
      return switch (inspection.problem()) {
        case TOO_MANY_PIXELS ->
            UploadCheck.refused(
                UploadProblem.TOO_MANY_PIXELS, Math.round(limits.maxPixels() / MEGA));
        case PDF_TOO_MANY_PAGES ->
            UploadCheck.refused(UploadProblem.PDF_TOO_MANY_PAGES, limits.maxPdfPages());
        default -> UploadCheck.refused(inspection.problem());
      };
    }
    ContentInspector.Measured measured = inspection.measured();
    if (measured.type() != type.get()) {
      throw new IllegalStateException(
          "the inspector measured " + measured.type() + " for " + type.get());
    }
    return UploadCheck.accepted(measured, flags(measured));
  }

  private Set<QualityFlag> flags(ContentInspector.Measured measured) {
    Set<QualityFlag> flags = EnumSet.noneOf(QualityFlag.class);
    if (measured.type() == ContentType.PDF) {
      return flags;
    }
    if (Math.min(measured.width(), measured.height()) < limits.minShortSidePixels()) {
      flags.add(QualityFlag.TOO_SMALL);
    }
    if (measured.sharpness() < limits.minSharpness()) {
      flags.add(QualityFlag.BLURRY);
    }
    return flags;
  }

  /** Whole MB (2^20 bytes) as people read file sizes, for the messages. */
  private static long megabytes(double bytes) {
    return Math.round(bytes / (1024 * 1024));
  }
}
