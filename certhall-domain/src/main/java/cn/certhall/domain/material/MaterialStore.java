package cn.certhall.domain.material;

import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;

/**
 * Where the files of materials are kept, each under its SHA-256 (content-addressed): the same bytes
 * are stored once however often they are uploaded, a stored file never changes, and its name proves
 * its content. The app keeps them in the database (every node reads them) or in a directory; an
 * S3-compatible store would use the hash as the object key.
 */
public interface MaterialStore {

  /**
   * Stores {@code content} (durably, before returning) unless a file with its hash is there.
   *
   * @return the lower-case hex SHA-256 of {@code content}
   */
  String put(byte[] content);

  /** The file stored under {@code sha256}; the caller closes the stream. */
  Optional<InputStream> open(String sha256);

  /** The lower-case hex SHA-256 of {@code content}, as {@link #put} names files. */
  static String sha256(byte[] content) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }
}
