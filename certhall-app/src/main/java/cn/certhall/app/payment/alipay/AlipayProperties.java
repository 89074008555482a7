package cn.certhall.app.payment.alipay;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code certhall.payment.alipay.*}: Alipay page pay (支付宝电脑网站支付) in public-key mode (公钥模式) with
 * RSA2 signatures (docs/providers.md). Holds paths to the keys, never the keys.
 *
 * @param enabled whether the Alipay adapter is built (then every setting without a default is
 *     required, and a missing one stops the start with its name)
 * @param appId the web application's APPID at the Alipay open platform (开放平台)
 * @param merchantPrivateKeyFile the application's private key (应用私钥), PKCS#8, base64 with or
 *     without PEM lines, as Alipay's key tool writes it
 * @param alipayPublicKeyFile Alipay's public key (支付宝公钥) of the application, base64 or PEM
 * @param gatewayUrl Alipay's gateway (a local stub in tests; the sandbox's {@code
 *     https://openapi-sandbox.dl.alipaydev.com/gateway.do} for a trial)
 * @param notifyUrl where Alipay posts its asynchronous notifications (异步通知); empty: {@code
 *     certhall.public-url} + {@code /api/payment/alipay/notify}
 * @param returnUrl where the payer's browser comes back after paying (同步跳转), {@code {orderId}}
 *     replaced by the order's id; empty: {@code certhall.public-url} + {@code
 *     /apply/{orderId}/pay}, which sends the payer on to the order's page once it is paid
 * @param signType RSA2 (SHA256withRSA), the only type accepted
 * @param charset UTF-8, the only charset accepted
 * @param payWithin how long the payer has at the cashier ({@code timeout_express}, whole minutes, 1
 *     minute to 15 days); after it Alipay closes the unpaid trade by itself
 * @param connectTimeout how long to wait for the gateway's connection
 * @param readTimeout how long to wait for its answer
 */
@ConfigurationProperties("certhall.payment.alipay")
public record AlipayProperties(
    boolean enabled,
    String appId,
    Path merchantPrivateKeyFile,
    Path alipayPublicKeyFile,
    @DefaultValue("https://openapi.alipay.com/gateway.do") URI gatewayUrl,
    URI notifyUrl,
    String returnUrl,
    @DefaultValue("RSA2") String signType,
    @DefaultValue("UTF-8") String charset,
    @DefaultValue("2h") Duration payWithin,
    @DefaultValue("5s") Duration connectTimeout,
    @DefaultValue("15s") Duration readTimeout) {

  static final String PREFIX = "certhall.payment.alipay.";

  /**
   * The settings an enabled adapter cannot start without, checked all at once.
   *
   * @throws IllegalStateException naming every missing or unusable setting
   */
  void requireComplete() {
    StringBuilder missing = new StringBuilder();
    if (appId == null || appId.isBlank()) {
      missing.append(" ").append(PREFIX).append("app-id (the application's APPID);");
    }
    if (merchantPrivateKeyFile == null) {
      missing.append(" ").append(PREFIX).append("merchant-private-key-file (应用私钥, PKCS#8);");
    }
    if (alipayPublicKeyFile == null) {
      missing.append(" ").append(PREFIX).append("alipay-public-key-file (支付宝公钥);");
    }
    if (!"RSA2".equals(signType)) {
      missing
          .append(" ")
          .append(PREFIX)
          .append("sign-type is '")
          .append(signType)
          .append("': only RSA2 is accepted;");
    }
    if (!"UTF-8".equalsIgnoreCase(charset)) {
      missing
          .append(" ")
          .append(PREFIX)
          .append("charset is '")
          .append(charset)
          .append("': only UTF-8 is accepted;");
    }
    if (payWithin.toMinutes() < 1 || payWithin.compareTo(Duration.ofDays(15)) > 0) {
      missing
          .append(" ")
          .append(PREFIX)
          .append("pay-within is ")
          .append(payWithin)
          .append(": 1 minute to 15 days;");
    }
    if (!missing.isEmpty()) {
      throw new IllegalStateException(
          PREFIX
              + "enabled is true but:"
              + missing.substring(0, missing.length() - 1)
              + " (docs/providers.md)");
    }
  }
}
