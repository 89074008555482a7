package cn.certhall.documents.seal;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * A seal picture as it is stored, embedded in a GB/T 38540 seal and printed: a transparent PNG at
 * {@link SealPng#DPI} whose pHYs chunk makes it print at {@code widthMm} × {@code heightMm}.
 *
 * @param png the PNG bytes
 * @param widthMm printed width in millimetres (the SESeal picture's width)
 * @param heightMm printed height in millimetres
 */
public record SealImage(byte[] png, int widthPx, int heightPx, int widthMm, int heightMm) {

  /** SHA-256 of the PNG bytes, lower-case hex: what the seal record keeps to find changes. */
  public String sha256() {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(png));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public String toString() {
    return "SealImage[" + widthPx + "x" + heightPx + " px, " + widthMm + "x" + heightMm + " mm]";
  }
}
