package cn.certhall.domain.audit;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;

/**
 * The hash chain of the audit log: {@code hash(n) = SHA-256(hash(n−1) ‖ encoding(n))}, hashes as
 * lower-case hex, the first entry chained to {@link #GENESIS}.
 *
 * <p>The encoding is canonical so that the same entry always hashes the same on any database: a
 * version tag, the sequence number and the time in epoch milliseconds as 8-byte big-endian
 * integers, then the previous hash (as hex text), actor, action, subject and details, each as a
 * 4-byte big-endian length and its UTF-8 bytes. The sequence number is inside, so renumbering rows
 * breaks the chain; lengths are inside, so no two different entries share an encoding.
 */
public final class AuditChain {

  /** The "previous hash" of entry 1. */
  public static final String GENESIS = "0".repeat(64);

  private static final byte[] VERSION = "certhall-audit-1".getBytes(StandardCharsets.US_ASCII);
  private static final HexFormat HEX = HexFormat.of();

  private AuditChain() {}

  public static String hash(
      String previousHash,
      long sequence,
      Instant at,
      String actor,
      String action,
      String subject,
      String details) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(256);
    out.writeBytes(VERSION);
    out.writeBytes(ByteBuffer.allocate(16).putLong(sequence).putLong(at.toEpochMilli()).array());
    for (String field : new String[] {previousHash, actor, action, subject, details}) {
      byte[] utf8 = field.getBytes(StandardCharsets.UTF_8);
      out.writeBytes(ByteBuffer.allocate(4).putInt(utf8.length).array());
      out.writeBytes(utf8);
    }
    return HEX.formatHex(sha256().digest(out.toByteArray()));
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform has SHA-256", e);
    }
  }
}
