package cn.certhall.domain.sealing;

import java.math.BigInteger;
import java.time.Instant;
import java.util.Optional;

/** Port: where signing requests, their PDF and the sealed PDF are kept (用章请求). */
public interface SigningRequests {

  /**
   * Where the seal goes: {@code page}, {@code x}, {@code y} in points from the lower-left corner,
   * or {@code anchor}; {@code width} in points.
   */
  record Placement(Integer page, Double x, Double y, String anchor, double width) {
    private static final double POINTS_PER_MM = 72 / 25.4;

    /** Placed at a text of the document rather than at a position on a page. */
    public boolean atText() {
      return anchor != null;
    }

    /** The position's distance from the page's left edge in whole millimetres. */
    public long xMillimetres() {
      return Math.round(x / POINTS_PER_MM);
    }

    /** The position's distance from the page's bottom edge in whole millimetres. */
    public long yMillimetres() {
      return Math.round(y / POINTS_PER_MM);
    }
  }

  /** A new request as stored. */
  record NewRequest(
      String id,
      String channelId,
      String creditCode,
      String organizationName,
      String fileName,
      byte[] document,
      String documentSha256,
      Placement placement,
      String tokenHash,
      Instant createdAt,
      Instant expiresAt,
      String algorithm) {}

  void insert(NewRequest request);

  Optional<SigningRequest> find(String id);

  /** The request of a channel; another channel's is "not found". */
  Optional<SigningRequest> find(String channelId, String id);

  Optional<SigningRequest> findByTokenHash(String tokenHash);

  byte[] document(String id);

  String documentSha256(String id);

  /** The algorithm family the request seals with; empty for a request that named none. */
  Optional<String> algorithm(String id);

  Placement placement(String id);

  /** The signed PDF of a sealed request of the channel. */
  Optional<byte[]> signedDocument(String channelId, String id);

  /** Claims the request for the administrator; true if it is now (or was already) theirs. */
  boolean claim(String id, String mobile, Instant now);

  /** Stores the sealed PDF once; false if another sealing of the request got there first. */
  boolean sealed(
      String id,
      String mobile,
      byte[] signed,
      byte[] authorization,
      String caName,
      BigInteger serial,
      Instant now);
}
