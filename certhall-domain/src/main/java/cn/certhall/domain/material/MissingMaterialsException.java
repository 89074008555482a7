package cn.certhall.domain.material;

import cn.certhall.domain.order.OrderException;
import java.util.Set;

/** The materials step cannot be completed: these required materials have not been uploaded. */
public class MissingMaterialsException extends OrderException {
  private final Set<MaterialKind> missing;

  public MissingMaterialsException(String orderId, Set<MaterialKind> missing) {
    super("order " + orderId + " lacks " + missing);
    this.missing = Set.copyOf(missing);
  }

  public Set<MaterialKind> missing() {
    return missing;
  }
}
