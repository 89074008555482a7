package cn.certhall.domain.payment;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Which provider serves each payment method (WeChat Pay serves WECHAT, Alipay ALIPAY, the sandbox
 * every method in demo mode). A method without one is not offered at the cashier.
 */
public final class PaymentProviders {
  private final Map<PaymentMethod, PaymentProvider> byMethod;

  public PaymentProviders(Map<PaymentMethod, PaymentProvider> byMethod) {
    Map<PaymentMethod, PaymentProvider> copy = new EnumMap<>(PaymentMethod.class);
    byMethod.forEach((m, p) -> copy.put(Objects.requireNonNull(m), Objects.requireNonNull(p)));
    this.byMethod = Collections.unmodifiableMap(copy);
  }

  /** One provider for every method (the sandbox). */
  public static PaymentProviders all(PaymentProvider provider) {
    Map<PaymentMethod, PaymentProvider> map = new EnumMap<>(PaymentMethod.class);
    for (PaymentMethod m : PaymentMethod.values()) {
      map.put(m, provider);
    }
    return new PaymentProviders(map);
  }

  public Optional<PaymentProvider> forMethod(PaymentMethod method) {
    return Optional.ofNullable(method == null ? null : byMethod.get(method));
  }

  /**
   * The provider holding {@code method}'s payments.
   *
   * @throws PaymentProvider.ProviderUnavailableException when none serves it (any more)
   */
  public PaymentProvider of(PaymentMethod method) {
    return forMethod(method)
        .orElseThrow(
            () ->
                new PaymentProvider.ProviderUnavailableException(
                    "no payment provider serves " + method));
  }

  /** The methods that have a provider. */
  public Set<PaymentMethod> methods() {
    return byMethod.keySet();
  }
}
