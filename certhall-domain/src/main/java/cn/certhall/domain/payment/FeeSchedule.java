package cn.certhall.domain.payment;

import cn.certhall.domain.order.BusinessType;
import java.math.BigDecimal;

/**
 * The certificate fee (证书费用) per channel platform and business type (SPEC 3.1 step 8), in fen (分,
 * 0.01 CNY) so sums are exact; 0 means nothing to pay. The app reads it from the channel
 * administration's {@code channel_fee} table.
 */
@FunctionalInterface
public interface FeeSchedule {

  /** The fee in fen an order of {@code type} from {@code channelId} pays; 0 when free. */
  long feeFor(String channelId, BusinessType type);

  /** Fen as yuan with two decimals, as a cashier shows it: 30000 → "300.00". */
  static String yuan(long fen) {
    return BigDecimal.valueOf(fen, 2).toPlainString();
  }
}
