package cn.certhall.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Where the code secret comes from. */
class VerificationConfigurationTest {
  static final String CONFIGURED = "a configured secret of 32 bytes or more!";

  @TempDir Path dataDir;

  CerthallProperties properties(boolean demo) {
    return new CerthallProperties(
        null,
        dataDir,
        null,
        null,
        null,
        new CerthallProperties.Demo(demo, "reviewer", "x", "admin", "y"),
        CerthallProperties.Mode.DEMO);
  }

  static VerificationProperties secret(String secret) {
    return new VerificationProperties(secret, null, null, null);
  }

  @Test
  void a_configured_secret_is_used_as_is_and_nothing_is_written() {
    byte[] secret = VerificationConfiguration.codeSecret(secret(CONFIGURED), properties(true));

    assertThat(secret).isEqualTo(CONFIGURED.getBytes(StandardCharsets.UTF_8));
    assertThat(dataDir.resolve(VerificationConfiguration.DEMO_SECRET_FILE)).doesNotExist();
  }

  @Test
  void a_short_configured_secret_stops_the_start() {
    assertThatThrownBy(
            () -> VerificationConfiguration.codeSecret(secret("too short"), properties(true)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("at least 32 bytes")
        .hasMessageNotContaining("too short");
  }

  @Test
  void demo_mode_generates_a_secret_once_readable_by_the_owner_only() throws Exception {
    byte[] first = VerificationConfiguration.codeSecret(secret(""), properties(true));
    byte[] second = VerificationConfiguration.codeSecret(secret(null), properties(true));

    Path file = dataDir.resolve(VerificationConfiguration.DEMO_SECRET_FILE);
    assertThat(first).hasSizeGreaterThanOrEqualTo(32).isEqualTo(second);
    assertThat(Files.readString(file).getBytes(StandardCharsets.US_ASCII)).isEqualTo(first);
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
        .isEqualTo("rw-------");
  }

  @Test
  void without_demo_mode_a_missing_secret_stops_the_start() {
    assertThatThrownBy(() -> VerificationConfiguration.codeSecret(secret(" "), properties(false)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("CERTHALL_VERIFICATION_CODE_SECRET");
    assertThat(dataDir.resolve(VerificationConfiguration.DEMO_SECRET_FILE)).doesNotExist();
  }
}
