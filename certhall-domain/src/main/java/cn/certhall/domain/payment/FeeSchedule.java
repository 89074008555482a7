package cn.certhall.domain.payment;

import cn.certhall.domain.order.BusinessType;
import java.math.BigDecimal;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The certificate fee (证书费用) per channel platform and business type (SPEC 3.1 step 8),
 * in fen (分, 0.01 CNY) so sums are exact. A channel without its own entry for a business pays the
 * {@link #DEFAULT_CHANNEL}'s fee; a business that is not configured there either is a mistake in
 * the configuration and refused when the schedule is made. A fee of 0 means nothing to pay.
 */
public final class FeeSchedule {
    /** The key of the fees every channel pays unless it has its own. */
    public static final String DEFAULT_CHANNEL = "default";

    private final Map<String, Map<BusinessType, Long>> fees;

    /**
     * @param fees channel id (or {@link #DEFAULT_CHANNEL}) → business type → fee in fen
     * @throws IllegalArgumentException if the default lacks a business type, or a fee is negative
     */
    public FeeSchedule(Map<String, Map<BusinessType, Long>> fees) {
        Map<String, Map<BusinessType, Long>> copy = new HashMap<>();
        fees.forEach((channel, perType) -> {
            Map<BusinessType, Long> types = new EnumMap<>(BusinessType.class);
            perType.forEach((type, fen) -> {
                if (fen == null || fen < 0) {
                    throw new IllegalArgumentException("fee of " + channel + "/" + type + " must be 0 or more");
                }
                types.put(type, fen);
            });
            copy.put(channel, Map.copyOf(types));
        });
        Map<BusinessType, Long> defaults = copy.getOrDefault(DEFAULT_CHANNEL, Map.of());
        for (BusinessType type : BusinessType.values()) {
            if (!defaults.containsKey(type)) {
                throw new IllegalArgumentException("no default fee for " + type);
            }
        }
        this.fees = Map.copyOf(copy);
    }

    /** The fee in fen an order of {@code type} from {@code channelId} pays. */
    public long feeFor(String channelId, BusinessType type) {
        Objects.requireNonNull(type, "type");
        Map<BusinessType, Long> channel = fees.get(channelId);
        if (channel != null && channel.containsKey(type)) {
            return channel.get(type);
        }
        return fees.get(DEFAULT_CHANNEL).get(type);
    }

    /** Yuan as configured ({@code 300}, {@code 0.01}) in fen; more than two decimals are refused. */
    public static long fen(BigDecimal yuan) {
        return yuan.movePointRight(2).longValueExact();
    }

    /** Fen as yuan with two decimals, as a cashier shows it: 30000 → "300.00". */
    public static String yuan(long fen) {
        return BigDecimal.valueOf(fen, 2).toPlainString();
    }
}
