package cn.certhall.app.payment.alipay;

import cn.certhall.domain.payment.PaymentMethod;
import cn.certhall.domain.payment.PaymentNotification;
import cn.certhall.domain.payment.PaymentProvider;
import java.io.PrintStream;
import java.net.URI;
import java.time.Clock;
import java.util.Optional;

/**
 * The real test call of {@code --certhall.provider-check=alipay}: one {@code alipay.trade.query} of
 * a trade number no payment has. Alipay answering ACQ.TRADE_NOT_EXIST proves the APPID, the
 * application's private key (Alipay accepted the request's signature), Alipay's public key (the
 * answer's signature verified) and the gateway; it costs nothing and moves no money. Exit 0
 * answered so, 1 answered otherwise (the code says why), 2 not tried.
 */
public final class AlipayProviderCheck {
  /** Never a payment id: those are {@code PY} + 20 characters without 0, 1, I or O. */
  static final String NO_SUCH_TRADE = "CERTHALL-PROVIDER-CHECK-0";

  private AlipayProviderCheck() {}

  public static int run(AlipayProperties settings, String publicUrl, PrintStream out) {
    if (!settings.enabled()) {
      out.println(
          "未启用支付宝 Alipay is off: set certhall.payment.alipay.enabled=true with its settings"
              + " (docs/providers.md)");
      return 2;
    }
    AlipayPaymentProvider alipay =
        AlipayPaymentProvider.create(
            settings,
            publicUrl == null || publicUrl.isBlank() ? null : URI.create(publicUrl),
            Clock.systemUTC());
    try {
      Optional<PaymentNotification> outcome =
          alipay.query(
              new PaymentProvider.PaymentReference(NO_SUCH_TRADE, null, 1, PaymentMethod.ALIPAY));
      if (outcome.isPresent()) {
        out.println(
            "支付宝 " + settings.gatewayUrl() + ": a trade " + NO_SUCH_TRADE + " exists and is paid?");
        return 1;
      }
      out.println(
          "支付宝 "
              + settings.gatewayUrl()
              + " app "
              + settings.appId()
              + ": answered, signatures verified both ways (ACQ.TRADE_NOT_EXIST as expected)");
      return 0;
    } catch (PaymentProvider.ProviderUnavailableException e) {
      out.println(
          "支付宝 " + settings.gatewayUrl() + " app " + settings.appId() + ": " + e.getMessage());
      return 1;
    }
  }
}
