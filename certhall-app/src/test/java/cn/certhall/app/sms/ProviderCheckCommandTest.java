package cn.certhall.app.sms;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The real test call is never made here: only its refusals before anything is sent. */
public class ProviderCheckCommandTest {

  public static String run(int expectedExit, String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int exit = ProviderCheckCommand.run(args, new PrintStream(out, true, StandardCharsets.UTF_8));
    String printed = out.toString(StandardCharsets.UTF_8);
    assertThat(exit).as(printed).isEqualTo(expectedExit);
    return printed;
  }

  @Test
  void it_is_asked_for_by_its_switch_only() {
    assertThat(ProviderCheckCommand.requested(new String[] {"--certhall.provider-check=sms"}))
        .isTrue();
    assertThat(ProviderCheckCommand.requested(new String[] {"--server.port=0"})).isFalse();
  }

  @Test
  void without_credentials_it_refuses_naming_the_setting() {
    assertThat(
            run(
                2,
                "--certhall.provider-check=sms",
                "--certhall.sms.provider=aliyun",
                "--certhall.sms.test-mobile=13812345678"))
        .contains("certhall.sms.aliyun.access-key-id");
    assertThat(
            run(
                2,
                "--certhall.provider-check=sms",
                "--certhall.sms.provider=tencent",
                "--certhall.sms.test-mobile=13812345678"))
        .contains("certhall.sms.tencent.secret-id");
  }

  @Test
  void the_sandbox_and_other_ports_are_not_checked() {
    assertThat(run(2, "--certhall.provider-check=sms", "--certhall.sms.provider=sandbox"))
        .contains("no SMS provider");
    assertThat(run(2, "--certhall.provider-check=fax")).contains("sms", "realname", "face");
  }

  @Test
  void the_real_name_and_face_checks_refuse_without_a_provider_credentials_or_a_test_person() {
    assertThat(run(2, "--certhall.provider-check=realname")).contains("no real-name provider");
    assertThat(run(2, "--certhall.provider-check=face")).contains("no face-check provider");
    assertThat(run(2, "--certhall.provider-check=realname", "--certhall.realname.provider=tencent"))
        .contains("certhall.realname.tencent.secret-id");
    assertThat(run(2, "--certhall.provider-check=face", "--certhall.face-check.provider=tencent"))
        .contains("certhall.face-check.tencent.secret-id");
    assertThat(
            run(
                2,
                "--certhall.provider-check=realname",
                "--certhall.realname.provider=tencent",
                "--certhall.realname.tencent.secret-id=AKIDx",
                "--certhall.realname.tencent.secret-key=k"))
        .contains("certhall.realname.test.name");
  }
}
