package cn.certhall.app.console;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * A CSV file for Excel: UTF-8 with a byte order mark (without it Excel reads Chinese as the
 * system's legacy code page), CRLF lines, fields quoted when they hold a comma, a quote or a line
 * break (RFC 4180). A field that a spreadsheet would take for a formula, starting with = + - @ or a
 * tab or carriage return, is neutralised with a leading apostrophe (CSV injection; OWASP).
 */
final class Csv {
  static final byte[] BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

  private Csv() {}

  static byte[] write(List<List<String>> rows) {
    StringBuilder text = new StringBuilder();
    for (List<String> row : rows) {
      for (int i = 0; i < row.size(); i++) {
        if (i > 0) {
          text.append(',');
        }
        text.append(field(row.get(i)));
      }
      text.append("\r\n");
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(BOM);
    out.writeBytes(text.toString().getBytes(StandardCharsets.UTF_8));
    return out.toByteArray();
  }

  static String field(String value) {
    String v = value == null ? "" : value;
    if (!v.isEmpty() && "=+-@\t\r".indexOf(v.charAt(0)) >= 0) {
      v = "'" + v;
    }
    if (v.contains(",") || v.contains("\"") || v.contains("\n") || v.contains("\r")) {
      v = "\"" + v.replace("\"", "\"\"") + "\"";
    }
    return v;
  }
}
