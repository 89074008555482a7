package cn.certhall.app;

import cn.certhall.app.ca.CaRegistry;
import cn.certhall.pki.ExternalTool;
import cn.certhall.pki.PemFiles;
import cn.certhall.pki.issuance.CertificateAuthority;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** poppler's pdfsig, the relying party's check of a signed PDF, trusting the app's ECDSA root. */
public final class Pdfsig {
  private Pdfsig() {}

  /** An NSS database in {@code dir} trusting the app's ECDSA root, for pdfsig. */
  public static Path nss(RunningApp app, Path dir) throws IOException {
    ExternalTool.require("certutil");
    ExternalTool.require("pdfsig");
    Path db = Files.createDirectories(dir.resolve("nss"));
    if (!Files.exists(db.resolve("cert9.db"))) {
      CertificateAuthority root = app.bean(CaRegistry.class).find("ecdsa-root").orElseThrow();
      Path pem = PemFiles.write(dir, "ecdsa-root.pem", root.certificateDer());
      run("certutil", "-N", "-d", "sql:" + db, "--empty-password");
      run("certutil", "-A", "-n", "root", "-t", "CT,C,C", "-i", pem.toString(), "-d", "sql:" + db);
    }
    return db;
  }

  /** What pdfsig says of the PDF's signatures. */
  public static String check(Path nss, Path pdf) {
    return ExternalTool.run(Map.of(), "pdfsig", "-nssdir", "sql:" + nss, pdf.toString()).output();
  }

  private static void run(String... command) {
    ExternalTool.Result r = ExternalTool.run(command);
    if (r.exitCode() != 0) {
      throw new AssertionError(String.join(" ", command) + ": " + r.output());
    }
  }
}
