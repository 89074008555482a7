package cn.certhall.pki;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Certificates written as PEM files for the command-line tools. */
public final class PemFiles {
  private PemFiles() {}

  public static Path write(Path dir, String name, byte[]... certificates) throws IOException {
    StringBuilder sb = new StringBuilder();
    for (byte[] der : certificates) {
      sb.append(Pem.certificate(der));
    }
    Path file = dir.resolve(name);
    Files.writeString(file, sb.toString(), StandardCharsets.US_ASCII);
    return file;
  }
}
