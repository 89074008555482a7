package cn.certhall.app.sealing;

import cn.certhall.documents.outside.HeaderFirstImage;
import com.google.zxing.BarcodeFormat;
import com.google.zxing.BinaryBitmap;
import com.google.zxing.DecodeHintType;
import com.google.zxing.EncodeHintType;
import com.google.zxing.RGBLuminanceSource;
import com.google.zxing.ReaderException;
import com.google.zxing.WriterException;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import com.google.zxing.qrcode.QRCodeWriter;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.imageio.ImageIO;

/**
 * QR codes (ZXing): written as PNG, black on white, a quiet zone of 4 modules, error correction M;
 * read back from a photo or a picture of the code (the seal app's 扫一扫).
 */
public final class QrCodes {
  /** A photo is read subsampled to at most this many pixels a side. */
  private static final int READ_SIDE = 2000;

  private QrCodes() {}

  /** A square PNG of about {@code size} pixels encoding {@code text}. */
  public static byte[] png(String text, int size) {
    BitMatrix matrix;
    try {
      matrix =
          new QRCodeWriter()
              .encode(
                  text,
                  BarcodeFormat.QR_CODE,
                  size,
                  size,
                  Map.of(
                      EncodeHintType.ERROR_CORRECTION,
                      ErrorCorrectionLevel.M,
                      EncodeHintType.MARGIN,
                      4,
                      EncodeHintType.CHARACTER_SET,
                      "UTF-8"));
    } catch (WriterException e) {
      throw new IllegalArgumentException(
          "cannot encode a QR code of " + text.length() + " characters", e);
    }
    BufferedImage image =
        new BufferedImage(matrix.getWidth(), matrix.getHeight(), BufferedImage.TYPE_BYTE_BINARY);
    for (int y = 0; y < matrix.getHeight(); y++) {
      for (int x = 0; x < matrix.getWidth(); x++) {
        image.setRGB(x, y, matrix.get(x, y) ? 0xFF000000 : 0xFFFFFFFF);
      }
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      ImageIO.write(image, "png", out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  /**
   * The QR code's text. The photo's header is read first and a picture declaring more than {@code
   * maxPixels} is not decoded at all; a large photo is decoded subsampled to at most {@value
   * #READ_SIDE} pixels a side, plenty for a QR code filling part of it.
   */
  public static Optional<String> read(byte[] image, long maxPixels) {
    HeaderFirstImage.Result read = HeaderFirstImage.read(image, null, maxPixels, READ_SIDE);
    if (!read.ok() || read.image() == null) {
      return Optional.empty();
    }
    BufferedImage img = read.image();
    int[] pixels = img.getRGB(0, 0, img.getWidth(), img.getHeight(), null, 0, img.getWidth());
    RGBLuminanceSource source = new RGBLuminanceSource(img.getWidth(), img.getHeight(), pixels);
    // a photo first; then the same as a clean picture of the code alone (a screenshot, the PNG
    // the channel API hands out), where the detector alone misses about one code in a hundred
    // whose data happens to look like a finder pattern
    for (Map<DecodeHintType, Object> hints :
        List.<Map<DecodeHintType, Object>>of(
            Map.of(DecodeHintType.TRY_HARDER, Boolean.TRUE),
            Map.of(
                DecodeHintType.TRY_HARDER,
                Boolean.TRUE,
                DecodeHintType.PURE_BARCODE,
                Boolean.TRUE))) {
      try {
        return Optional.of(
            new QRCodeReader()
                .decode(new BinaryBitmap(new HybridBinarizer(source)), hints)
                .getText());
      } catch (ReaderException | RuntimeException e) {
        // the next way of reading, or none
      }
    }
    return Optional.empty();
  }
}
