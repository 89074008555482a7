package cn.certhall.domain.evidence;

import java.time.Instant;
import java.util.Objects;

/**
 * A file a report's subject involved, by the SHA-256 (lower-case hex) of its stored bytes.
 *
 * @param name for a material its kind's name; otherwise its file name
 */
public record EvidenceFile(
    Kind kind, String name, int version, String sha256, long size, Instant at) {

  /** What the file is. */
  public enum Kind {
    SIGNED_APPLICATION_FORM,
    MATERIAL,
    CERTIFICATE,
    /** The PDF the channel sent to be sealed. */
    DOCUMENT,
    /** The sealed PDF handed back. */
    SEALED_DOCUMENT,
    /** The administrator's signature over the request, the document's hash and the time. */
    AUTHORIZATION_SIGNATURE
  }

  public EvidenceFile {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(name, "name");
    if (sha256 == null || !sha256.matches("[0-9a-f]{64}")) {
      throw new IllegalArgumentException("sha256 must be 64 lower-case hex digits");
    }
    Objects.requireNonNull(at, "at");
  }
}
