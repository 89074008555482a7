package cn.certhall.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** The check of issue 14's point 16 on a data directory a running app made. */
public final class OwnerOnlyTree {
  private OwnerOnlyTree() {}

  /**
   * Every directory under {@code root} is 0700 and every file 0600, except the files of the H2
   * database (made by H2 with the process's umask), which only their 0700 directory protects.
   */
  public static void assertOwnerOnly(Path root) throws IOException {
    List<String> seen = new ArrayList<>();
    try (Stream<Path> all = Files.walk(root)) {
      for (Path p : all.toList()) {
        String mode = PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
        String name = root.relativize(p).toString();
        seen.add(name);
        if (Files.isDirectory(p)) {
          assertThat(mode).as("directory %s", name).isEqualTo("rwx------");
        } else if (!name.startsWith("certhall.") || name.contains("/")) {
          assertThat(mode).as("file %s", name).isEqualTo("rw-------");
        }
      }
    }
    // the keys are in the database (software_key), the CRLs' copies in crl/
    assertThat(seen).as("the start made CRL files").anyMatch(n -> n.startsWith("crl/"));
  }
}
