package cn.certhall.app.payment;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code certhall.payment.wechat.*}: WeChat Pay API v3 (微信支付, Native 扫码支付) for the cashier's WECHAT
 * method, in the 微信支付公钥 mode (docs/providers.md, Payment). Secrets are never in {@link #toString}.
 *
 * @param enabled whether WeChat Pay serves WECHAT; then every setting below without a default must
 *     be set
 * @param mchId the merchant id (商户号)
 * @param appId the AppID bound to the merchant (公众号, 小程序 or 网站应用)
 * @param merchantSerialNumber the serial number of the merchant's API certificate (商户API证书序列号)
 * @param privateKeyPath the PEM file of the merchant's API private key (apiclient_key.pem)
 * @param apiV3Key the APIv3 key (32 characters) that decrypts notifications
 * @param publicKeyId the WeChat Pay public key's id (微信支付公钥ID, PUB_KEY_ID_…)
 * @param publicKeyPath the PEM file of the WeChat Pay public key (pub_key.pem)
 * @param notifyUrl the payment notification's URL: https://…/api/payment/wechat/notify
 * @param refundNotifyUrl the refund notification's URL (…/api/payment/wechat/refund-notify); empty:
 *     no refund notification (refunds are polled)
 * @param endpoint the API's base URL; another one only for a local stub
 */
@ConfigurationProperties("certhall.payment.wechat")
public record WechatPayProperties(
    @DefaultValue("false") boolean enabled,
    String mchId,
    String appId,
    String merchantSerialNumber,
    String privateKeyPath,
    String apiV3Key,
    String publicKeyId,
    String publicKeyPath,
    String notifyUrl,
    String refundNotifyUrl,
    @DefaultValue("https://api.mch.weixin.qq.com") String endpoint,
    @DefaultValue("5s") Duration connectTimeout,
    @DefaultValue("10s") Duration readTimeout) {

  /** The settings that are missing, by their names; empty when WeChat Pay can start. */
  public List<String> missing() {
    List<String> missing = new ArrayList<>();
    check(missing, mchId, "mch-id");
    check(missing, appId, "app-id");
    check(missing, merchantSerialNumber, "merchant-serial-number");
    check(missing, privateKeyPath, "private-key-path");
    check(missing, apiV3Key, "api-v3-key");
    check(missing, publicKeyId, "public-key-id");
    check(missing, publicKeyPath, "public-key-path");
    check(missing, notifyUrl, "notify-url");
    return missing;
  }

  private static void check(List<String> missing, String value, String name) {
    if (value == null || value.isBlank()) {
      missing.add("certhall.payment.wechat." + name);
    }
  }

  @Override
  public String toString() {
    return "WechatPay[enabled="
        + enabled
        + ", mchId="
        + mchId
        + ", appId="
        + appId
        + ", endpoint="
        + endpoint
        + ", notifyUrl="
        + notifyUrl
        + "]";
  }
}
