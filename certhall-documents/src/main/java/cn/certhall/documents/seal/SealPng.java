package cn.certhall.documents.seal;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.metadata.IIOInvalidTreeException;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.metadata.IIOMetadataNode;
import javax.imageio.stream.ImageOutputStream;
import org.w3c.dom.Node;

/**
 * PNG in and out for seal pictures. Every seal is written at 600 dpi with a pHYs chunk in pixels
 * per metre, so a PDF tool or a printer that honours it prints the seal at its real size.
 */
public final class SealPng {

  /** Print resolution of every seal picture. */
  public static final int DPI = 600;

  private static final double MM_PER_INCH = 25.4;
  private static final String PNG_FORMAT = "javax_imageio_png_1.0";

  private SealPng() {}

  /** Pixels for a length in millimetres at {@link #DPI}, rounded to the nearest pixel. */
  public static int pixels(double millimetres) {
    return (int) Math.round(millimetres / MM_PER_INCH * DPI);
  }

  /** Pixels per metre at {@link #DPI}, as the pHYs chunk holds it (23,622). */
  public static int pixelsPerMetre() {
    return (int) Math.round(DPI / MM_PER_INCH * 1000);
  }

  /** Writes an ARGB image as PNG with alpha and the pHYs chunk of {@link #DPI}. */
  public static byte[] write(BufferedImage image) {
    ImageWriter writer = ImageIO.getImageWritersByFormatName("png").next();
    try (ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ImageOutputStream out = ImageIO.createImageOutputStream(bytes)) {
      ImageWriteParam param = writer.getDefaultWriteParam();
      IIOMetadata metadata =
          writer.getDefaultImageMetadata(ImageTypeSpecifier.createFromRenderedImage(image), param);
      IIOMetadataNode phys = new IIOMetadataNode("pHYs");
      String ppm = Integer.toString(pixelsPerMetre());
      phys.setAttribute("pixelsPerUnitXAxis", ppm);
      phys.setAttribute("pixelsPerUnitYAxis", ppm);
      phys.setAttribute("unitSpecifier", "meter");
      IIOMetadataNode root = new IIOMetadataNode(PNG_FORMAT);
      root.appendChild(phys);
      metadata.mergeTree(PNG_FORMAT, root);
      writer.setOutput(out);
      writer.write(null, new IIOImage(image, null, metadata), param);
      out.flush();
      return bytes.toByteArray();
    } catch (IIOInvalidTreeException e) {
      throw new IllegalStateException("cannot set the PNG pHYs chunk", e);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      writer.dispose();
    }
  }

  /** Decodes a PNG (or any format ImageIO reads); null if the bytes are no image. */
  public static BufferedImage read(byte[] image) {
    try {
      return ImageIO.read(new ByteArrayInputStream(image));
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  /**
   * Pixels per metre in the PNG's pHYs chunk (x axis), or 0 if it has none or gives no unit. For
   * tests and for checking pictures before they are embedded.
   */
  public static int readPixelsPerMetre(byte[] png) {
    try (var in = ImageIO.createImageInputStream(new ByteArrayInputStream(png))) {
      var readers = ImageIO.getImageReaders(in);
      if (!readers.hasNext()) {
        return 0;
      }
      var reader = readers.next();
      try {
        reader.setInput(in);
        IIOMetadata metadata = reader.getImageMetadata(0);
        if (!java.util.Arrays.asList(metadata.getMetadataFormatNames()).contains(PNG_FORMAT)) {
          return 0;
        }
        for (Node n = metadata.getAsTree(PNG_FORMAT).getFirstChild();
            n != null;
            n = n.getNextSibling()) {
          if ("pHYs".equals(n.getNodeName())) {
            var attributes = n.getAttributes();
            if (!"meter".equals(attributes.getNamedItem("unitSpecifier").getNodeValue())) {
              return 0;
            }
            return Integer.parseInt(attributes.getNamedItem("pixelsPerUnitXAxis").getNodeValue());
          }
        }
        return 0;
      } finally {
        reader.dispose();
      }
    } catch (IOException e) {
      return 0;
    }
  }
}
