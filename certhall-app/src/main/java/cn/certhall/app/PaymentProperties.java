package cn.certhall.app;

import cn.certhall.domain.order.BusinessType;
import cn.certhall.domain.payment.FeeSchedule;
import java.math.BigDecimal;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The certificate fees (证书费用), in yuan, per channel platform and business type; the channel
 * {@code default} applies to every channel without its own entry and must name every business.
 */
@ConfigurationProperties("certhall.payment")
public record PaymentProperties(Map<String, Map<BusinessType, BigDecimal>> fees) {

  public FeeSchedule schedule() {
    Map<String, Map<BusinessType, Long>> fen = new HashMap<>();
    (fees == null ? Map.<String, Map<BusinessType, BigDecimal>>of() : fees)
        .forEach(
            (channel, perType) -> {
              Map<BusinessType, Long> types = new EnumMap<>(BusinessType.class);
              perType.forEach((type, yuan) -> types.put(type, FeeSchedule.fen(yuan)));
              fen.put(channel, types);
            });
    return new FeeSchedule(fen);
  }
}
