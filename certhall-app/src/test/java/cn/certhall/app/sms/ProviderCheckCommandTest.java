package cn.certhall.app.sms;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The real test call is never made here: only its refusals before anything is sent. */
class ProviderCheckCommandTest {

  static String run(int expectedExit, String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int exit = ProviderCheckCommand.run(args, new PrintStream(out, true, StandardCharsets.UTF_8));
    String printed = out.toString(StandardCharsets.UTF_8);
    assertThat(exit).as(printed).isEqualTo(expectedExit);
    return printed;
  }

  @Test
  void it_is_asked_for_by_its_switch_only() {
    assertThat(ProviderCheckCommand.requested(new String[] {"--certhall.provider-check=sms"})).isTrue();
    assertThat(ProviderCheckCommand.requested(new String[] {"--server.port=0"})).isFalse();
  }

  @Test
  void without_credentials_it_refuses_naming_the_setting() {
    assertThat(
            run(2, "--certhall.provider-check=sms", "--certhall.sms.provider=aliyun",
                "--certhall.sms.test-mobile=13812345678"))
        .contains("certhall.sms.aliyun.access-key-id");
    assertThat(
            run(2, "--certhall.provider-check=sms", "--certhall.sms.provider=tencent",
                "--certhall.sms.test-mobile=13812345678"))
        .contains("certhall.sms.tencent.secret-id");
  }

  @Test
  void the_sandbox_and_other_ports_are_not_checked() {
    assertThat(run(2, "--certhall.provider-check=sms", "--certhall.sms.provider=sandbox"))
        .contains("no SMS provider");
    assertThat(run(2, "--certhall.provider-check=fax")).contains("sms");
  }
}
