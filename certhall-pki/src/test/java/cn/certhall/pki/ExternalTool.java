package cn.certhall.pki;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs the command-line tools relying parties use (openssl, softhsm2-util). On a developer machine
 * without them the test is skipped; under CI (environment CI set, as .ci/run does) a missing tool
 * fails the test, so CI can never pass by skipping.
 */
public final class ExternalTool {
  private ExternalTool() {}

  public record Result(int exitCode, String output) {}

  public static void require(String command) {
    boolean present = onPath(command);
    if (!present && System.getenv("CI") != null) {
      throw new AssertionError(command + " is not installed; .ci/run must install it");
    }
    assumeTrue(present, command + " is not installed; skipping");
  }

  public static boolean onPath(String command) {
    for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
      if (Files.isExecutable(Path.of(dir, command))) {
        return true;
      }
    }
    return false;
  }

  public static Result run(Map<String, String> env, String... command) {
    List<String> cmd = new ArrayList<>(List.of(command));
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
    pb.environment().putAll(env);
    try {
      Process p = pb.start();
      byte[] out = p.getInputStream().readAllBytes();
      if (!p.waitFor(60, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new AssertionError("timed out: " + cmd);
      }
      return new Result(p.exitValue(), new String(out, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new AssertionError("cannot run " + cmd + ": " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted: " + cmd, e);
    }
  }

  public static Result run(String... command) {
    return run(Map.of(), command);
  }
}
