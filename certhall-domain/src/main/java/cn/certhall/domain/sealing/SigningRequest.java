package cn.certhall.domain.sealing;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * A channel platform's request to seal one PDF for one organization (用章请求). It is made by the
 * channel API and answered with a QR code whose link holds a random token; the token's hash is
 * stored, never the token. The link works once: the first signed-in administrator who opens it
 * claims the request ({@code claimedBy}), and nobody else can open it afterwards.
 *
 * @param claimedBy the administrator (registered mobile) who opened the link, or null
 */
public record SigningRequest(
    String id,
    String channelId,
    String creditCode,
    String organizationName,
    String fileName,
    Status status,
    Instant createdAt,
    Instant expiresAt,
    String claimedBy,
    Instant sealedAt) {

  /** The default lifetime of a request and its link: 10 minutes. */
  public static final Duration DEFAULT_LIFETIME = Duration.ofMinutes(10);

  public enum Status {
    /** Waiting for the administrator to scan and confirm. */
    WAITING,
    /** Sealed: the signed PDF can be downloaded. */
    SEALED,
    /** Not sealed within its lifetime (derived from the time, never stored). */
    EXPIRED
  }

  public SigningRequest {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(expiresAt, "expiresAt");
  }

  /** The status as of {@code now}: a waiting request past its expiry is {@code EXPIRED}. */
  public Status statusAt(Instant now) {
    return status == Status.WAITING && !now.isBefore(expiresAt) ? Status.EXPIRED : status;
  }
}
