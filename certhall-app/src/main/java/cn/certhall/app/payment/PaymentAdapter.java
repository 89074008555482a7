package cn.certhall.app.payment;

import cn.certhall.domain.payment.PaymentMethod;
import cn.certhall.domain.payment.PaymentProvider;

/**
 * A real payment provider as a Spring bean, with the method it serves: every such bean takes its
 * method from the sandbox ({@code PaymentConfiguration#paymentProviders}). WeChat Pay serves WECHAT
 * ({@link WechatPayProvider}); an Alipay adapter serves ALIPAY by declaring a bean of this type
 * when its settings enable it.
 */
public interface PaymentAdapter extends PaymentProvider {

  /** The cashier's method this provider collects. */
  PaymentMethod method();
}
