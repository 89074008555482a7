package cn.certhall.domain.material;

import java.time.Instant;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * One uploaded file of an order (资料): which material it is, the file's SHA-256 (its name in the
 * {@link MaterialStore}, and the hash printed on the application form), what it is, and when it
 * came. Re-uploading a kind adds a version; the highest is the current one, the others are its
 * history. Holds no file name: the applicant's name for a file says nothing the content does not.
 *
 * @param version 1 for the first upload of the kind, one more for each replacement
 * @param width pixels, 0 for a PDF
 * @param height pixels, 0 for a PDF
 */
public record Material(
    String orderId,
    MaterialKind kind,
    int version,
    String sha256,
    long size,
    ContentType contentType,
    int width,
    int height,
    int pages,
    Set<QualityFlag> flags,
    Instant uploadedAt) {

  public Material {
    Objects.requireNonNull(orderId, "orderId");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(contentType, "contentType");
    Objects.requireNonNull(uploadedAt, "uploadedAt");
    if (sha256 == null || !sha256.matches("[0-9a-f]{64}")) {
      throw new IllegalArgumentException("sha256 must be 64 lower-case hex digits");
    }
    if (version < 1 || size < 1 || pages < 1 || width < 0 || height < 0) {
      throw new IllegalArgumentException("version, size and pages must be positive");
    }
    flags = flags.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(flags));
  }
}
