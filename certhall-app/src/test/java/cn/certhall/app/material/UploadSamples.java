package cn.certhall.app.material;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.awt.image.ConvolveOp;
import java.awt.image.Kernel;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import javax.imageio.ImageIO;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.encryption.AccessPermission;
import org.apache.pdfbox.pdmodel.encryption.StandardProtectionPolicy;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;

/** Files to upload, good and bad, made in memory. */
public final class UploadSamples {
  private UploadSamples() {}

  /** A "document" photo: lines of text and a frame, sharp. */
  public static BufferedImage document(int width, int height) {
    BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = image.createGraphics();
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, width, height);
    g.setColor(Color.BLACK);
    g.setStroke(new BasicStroke(Math.max(1, width / 400f)));
    g.drawRect(width / 20, height / 20, width * 9 / 10, height * 9 / 10);
    g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, Math.max(8, height / 30)));
    g.setRenderingHint(
        RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_OFF);
    for (int line = 0; line < 20; line++) {
      g.drawString(
          "Business licence 91350100M000100Y43 line " + line,
          width / 10,
          height / 8 + line * height / 26);
    }
    g.dispose();
    return image;
  }

  /** The same document out of focus: a Gaussian blur of {@code sigma} pixels. */
  public static BufferedImage blurred(int width, int height, float sigma) {
    int radius = (int) Math.ceil(3 * sigma);
    float[] weights = new float[2 * radius + 1];
    float total = 0;
    for (int i = -radius; i <= radius; i++) {
      weights[i + radius] = (float) Math.exp(-(i * i) / (2.0 * sigma * sigma));
      total += weights[i + radius];
    }
    for (int i = 0; i < weights.length; i++) {
      weights[i] /= total;
    }
    BufferedImage horizontal =
        new ConvolveOp(new Kernel(weights.length, 1, weights), ConvolveOp.EDGE_NO_OP, null)
            .filter(document(width, height), null);
    return new ConvolveOp(new Kernel(1, weights.length, weights), ConvolveOp.EDGE_NO_OP, null)
        .filter(horizontal, null);
  }

  public static byte[] jpeg(BufferedImage image) {
    return write(image, "jpeg");
  }

  public static byte[] png(BufferedImage image) {
    return write(image, "png");
  }

  /** A JPEG cut off after {@code fraction} of its bytes, as an interrupted transfer leaves it. */
  public static byte[] truncated(byte[] jpeg, double fraction) {
    return Arrays.copyOf(jpeg, (int) (jpeg.length * fraction));
  }

  /**
   * A PNG of a few hundred bytes whose header declares {@code width} × {@code height} grey pixels
   * (a decompression bomb: its zeros would inflate to width × height bytes).
   */
  public static byte[] pngBomb(int width, int height) {
    try {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      out.write(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'});
      ByteArrayOutputStream ihdr = new ByteArrayOutputStream();
      DataOutputStream header = new DataOutputStream(ihdr);
      header.writeInt(width);
      header.writeInt(height);
      header.write(new byte[] {8, 0, 0, 0, 0});
      chunk(out, "IHDR", ihdr.toByteArray());
      ByteArrayOutputStream idat = new ByteArrayOutputStream();
      try (DeflaterOutputStream deflate =
          new DeflaterOutputStream(idat, new Deflater(Deflater.BEST_COMPRESSION))) {
        deflate.write(new byte[1 << 20]);
      }
      chunk(out, "IDAT", idat.toByteArray());
      chunk(out, "IEND", new byte[0]);
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A Windows program's first bytes, as a file renamed from .exe to .jpg starts. */
  public static byte[] windowsProgram() {
    byte[] program = new byte[4096];
    byte[] dos =
        "MZ\u0090\u0000\u0003\u0000\u0000\u0000This program cannot be run in DOS mode."
            .getBytes(StandardCharsets.ISO_8859_1);
    System.arraycopy(dos, 0, program, 0, dos.length);
    return program;
  }

  /** A one-page PDF with {@code text} (Latin) on it. */
  public static byte[] pdf(String text) {
    try (PDDocument document = new PDDocument()) {
      PDPage page = new PDPage();
      document.addPage(page);
      try (PDPageContentStream content = new PDPageContentStream(document, page)) {
        content.beginText();
        content.setFont(new PDType1Font(Standard14Fonts.FontName.HELVETICA), 12);
        content.newLineAtOffset(72, 700);
        content.showText(text);
        content.endText();
      }
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      document.save(out);
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The PDF of {@link #pdf} with a user password. */
  public static byte[] encryptedPdf() {
    try (PDDocument document = org.apache.pdfbox.Loader.loadPDF(pdf("secret"))) {
      StandardProtectionPolicy policy =
          new StandardProtectionPolicy("owner-pass", "user-pass", new AccessPermission());
      policy.setEncryptionKeyLength(128);
      document.protect(policy);
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      document.save(out);
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static byte[] write(BufferedImage image, String format) {
    try {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      if (!ImageIO.write(image, format, out)) {
        throw new IllegalStateException("no writer for " + format);
      }
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void chunk(ByteArrayOutputStream out, String type, byte[] data)
      throws IOException {
    DataOutputStream chunk = new DataOutputStream(out);
    chunk.writeInt(data.length);
    byte[] name = type.getBytes(StandardCharsets.US_ASCII);
    chunk.write(name);
    chunk.write(data);
    CRC32 crc = new CRC32();
    crc.update(name);
    crc.update(data);
    chunk.writeInt((int) crc.getValue());
  }
}
