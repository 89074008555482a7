package cn.certhall.domain.signature;

import java.time.Instant;
import java.util.Objects;

/**
 * One confirmed application form (申请表) of an order: the PDF made when the handler signed, kept in
 * the material store under its SHA-256. A resubmission after a rejection signs again and adds the
 * next version; the highest is the current one.
 *
 * @param confirmedAt when the handler's SMS code confirmed the application (printed on the form)
 */
public record SignedForm(
    String orderId, int version, String sha256, long size, Instant confirmedAt) {

  public SignedForm {
    Objects.requireNonNull(orderId, "orderId");
    Objects.requireNonNull(confirmedAt, "confirmedAt");
    if (sha256 == null || !sha256.matches("[0-9a-f]{64}")) {
      throw new IllegalArgumentException("sha256 must be 64 lower-case hex digits");
    }
    if (version < 1 || size < 1) {
      throw new IllegalArgumentException("version and size must be positive");
    }
  }
}
