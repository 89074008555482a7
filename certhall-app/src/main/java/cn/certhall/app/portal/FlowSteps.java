package cn.certhall.app.portal;

import cn.certhall.domain.order.ConcurrentOrderChangeException;
import cn.certhall.domain.order.MoveNotAllowedException;
import java.util.function.Supplier;
import org.springframework.http.HttpStatus;
import org.springframework.web.server.ResponseStatusException;

/** How the portal's controllers call a step of a domain flow. */
final class FlowSteps {
  private FlowSteps() {}

  /**
   * Runs the step; an order a second tab or a double click moved first answers 409 (the order's own
   * page says where it is).
   */
  static <T> T step(Supplier<T> step) {
    try {
      return step.get();
    } catch (MoveNotAllowedException | ConcurrentOrderChangeException e) {
      throw new ResponseStatusException(HttpStatus.CONFLICT);
    }
  }
}
