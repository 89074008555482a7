package cn.certhall.app;

import cn.certhall.domain.payment.PaymentMethod;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The cashier (收银台).
 *
 * @param methods the payment methods the cashier offers, in its order; the first is preselected
 */
@ConfigurationProperties("certhall.payment")
public record PaymentProperties(
    @DefaultValue({"WECHAT", "ALIPAY", "BANK_TRANSFER"}) List<PaymentMethod> methods) {

  public PaymentProperties {
    if (methods == null || methods.isEmpty()) {
      throw new IllegalArgumentException("certhall.payment.methods must name at least one method");
    }
    methods = List.copyOf(methods);
  }
}
