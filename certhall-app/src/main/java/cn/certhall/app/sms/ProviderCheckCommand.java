package cn.certhall.app.sms;

import cn.certhall.app.payment.WechatPayCheck;
import cn.certhall.app.payment.WechatPayProperties;
import cn.certhall.app.payment.alipay.AlipayProperties;
import cn.certhall.app.payment.alipay.AlipayProviderCheck;
import cn.certhall.app.realname.FaceCheckProperties;
import cn.certhall.app.realname.IdentityProviderCheck;
import cn.certhall.app.realname.RealNameProperties;
import cn.certhall.domain.identity.Masking;
import cn.certhall.domain.verification.SmsMessage;
import cn.certhall.domain.verification.SmsSender;
import cn.certhall.domain.verification.SmsTemplate;
import java.io.PrintStream;
import java.util.Arrays;
import java.util.Optional;
import java.util.regex.Pattern;
import org.springframework.boot.Banner;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * {@code java -jar certhall-app.jar --certhall.provider-check=<port>}: one real call to the
 * configured provider of the port, and what it answered. {@code sms} sends one text message to
 * {@code certhall.sms.test-mobile} (the 我的订单 template with the code 000000): exit 0 sent, 1 not
 * sent (the provider's code says why). {@code realname} and {@code face} make one check of the test
 * person ({@link IdentityProviderCheck}): exit 0 matched, 1 answered otherwise. {@code wechatpay}
 * queries an order number never opened ({@link WechatPayCheck}): exit 0 answered. {@code alipay}
 * queries a trade that does not exist ({@link AlipayProviderCheck}): exit 0 Alipay answered so with
 * verified signatures, 1 otherwise. Exit 2: not tried (no provider or settings missing). Reads only
 * the settings: no database, no web server. Never run in CI: it costs a message or a check and
 * needs the provider's network.
 */
public final class ProviderCheckCommand {
  static final String SWITCH = "--certhall.provider-check=";
  private static final Pattern MOBILE = Pattern.compile("^1[3-9]\\d{9}$");

  private ProviderCheckCommand() {}

  public static boolean requested(String[] args) {
    return Arrays.stream(args).anyMatch(a -> a.startsWith(SWITCH));
  }

  @EnableConfigurationProperties({
    SmsProperties.class,
    RealNameProperties.class,
    FaceCheckProperties.class,
    WechatPayProperties.class,
    AlipayProperties.class
  })
  static final class SettingsOnly {}

  /** The ports {@code --certhall.provider-check} can check. */
  static final java.util.List<String> PORTS =
      java.util.List.of("sms", "realname", "face", "wechatpay", "alipay");

  public static int run(String[] args, PrintStream out) {
    String port =
        Arrays.stream(args)
            .filter(a -> a.startsWith(SWITCH))
            .findFirst()
            .orElseThrow()
            .substring(SWITCH.length());
    if (!PORTS.contains(port)) {
      out.println(
          "无法检查 cannot check '"
              + port
              + "': the ports with a real provider are: "
              + String.join(", ", PORTS));
      return 2;
    }
    try (ConfigurableApplicationContext context =
        new SpringApplicationBuilder(SettingsOnly.class)
            .web(WebApplicationType.NONE)
            .bannerMode(Banner.Mode.OFF)
            .logStartupInfo(false)
            .properties("logging.level.root=warn", "spring.flyway.enabled=false")
            .run(args)) {
      if (port.equals("realname")) {
        return IdentityProviderCheck.realName(context.getBean(RealNameProperties.class), out);
      }
      if (port.equals("wechatpay")) {
        return WechatPayCheck.run(context.getBean(WechatPayProperties.class), out);
      }
      if (port.equals("alipay")) {
        return AlipayProviderCheck.run(
            context.getBean(AlipayProperties.class),
            context.getEnvironment().getProperty("certhall.public-url"),
            out);
      }
      if (port.equals("face")) {
        return IdentityProviderCheck.face(context.getBean(FaceCheckProperties.class), out);
      }
      SmsProperties sms = context.getBean(SmsProperties.class);
      Optional<SmsProvider> provider = SmsProviders.configured(sms);
      if (provider.isEmpty()) {
        out.println(
            "未配置短信服务商 no SMS provider: set certhall.sms.provider to aliyun or tencent with its"
                + " settings (docs/providers.md)");
        return 2;
      }
      String mobile = sms.testMobile() == null ? "" : sms.testMobile().strip();
      if (!MOBILE.matcher(mobile).matches()) {
        out.println(
            "certhall.sms.test-mobile is not a mainland mobile: set the number to send the test to");
        return 2;
      }
      SmsDelivery d =
          provider
              .get()
              .deliver(mobile, SmsMessage.of(SmsTemplate.ORDER_QUERY_CODE, "000000", "1分钟"));
      out.printf(
          "%s → %s: %s (code %s, request %s, message %s)%n",
          provider.get().name(),
          Masking.mobile(mobile),
          d.result(),
          d.providerCode(),
          d.requestId(),
          d.messageId());
      return d.result() == SmsSender.Result.SENT ? 0 : 1;
    } catch (RuntimeException e) {
      out.println("无法检查 not tried: " + rootMessage(e));
      return 2;
    }
  }

  private static String rootMessage(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null) {
      t = t.getCause();
    }
    return t.getMessage();
  }
}
