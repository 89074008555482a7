package cn.certhall.app.payment;

import cn.certhall.domain.payment.PaymentMethod;
import cn.certhall.domain.payment.PaymentProvider;
import java.io.PrintStream;
import java.time.Clock;
import java.util.List;

/**
 * {@code --certhall.provider-check=wechatpay}: one real, harmless call to WeChat Pay with the
 * configured merchant: a query of an order number that was never opened. WeChat Pay answering
 * "ORDER_NOT_EXIST", signed with its key, shows that the merchant's signature, the API certificate
 * serial, the WeChat Pay public key and the network all work; nothing is paid or opened.
 */
public final class WechatPayCheck {
  private WechatPayCheck() {}

  /**
   * @return 0 answered, 1 refused or not answered (the reason printed), 2 not configured
   */
  public static int run(WechatPayProperties settings, PrintStream out) {
    List<String> missing = settings.missing();
    if (!settings.enabled() || !missing.isEmpty()) {
      out.println(
          "未配置微信支付 WeChat Pay is not configured: set certhall.payment.wechat.enabled=true"
              + (missing.isEmpty() ? "" : " and " + String.join(", ", missing))
              + " (docs/providers.md, Payment)");
      return 2;
    }
    String probe = "CHECK" + System.currentTimeMillis();
    try {
      new WechatPayProvider(settings, Clock.systemUTC())
          .query(new PaymentProvider.PaymentReference(probe, null, 1, PaymentMethod.WECHAT));
      out.println(
          "微信支付 WeChat Pay answered the query of "
              + probe
              + " (merchant "
              + settings.mchId()
              + "): signatures, keys and network work");
      return 0;
    } catch (PaymentProvider.ProviderUnavailableException e) {
      out.println("微信支付 WeChat Pay: " + e.getMessage());
      return 1;
    }
  }
}
