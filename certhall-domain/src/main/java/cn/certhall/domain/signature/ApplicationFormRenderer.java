package cn.certhall.domain.signature;

import cn.certhall.domain.material.Material;
import cn.certhall.domain.order.Order;
import java.time.Instant;
import java.util.List;

/**
 * Makes the 申请表 PDF: the order's data, the hashes of its current materials, the time of
 * confirmation.
 */
@FunctionalInterface
public interface ApplicationFormRenderer {

  byte[] render(Order order, List<Material> materials, Instant confirmedAt);
}
