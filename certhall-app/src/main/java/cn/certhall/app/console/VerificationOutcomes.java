package cn.certhall.app.console;

import cn.certhall.domain.order.BusinessType;
import cn.certhall.domain.order.HistoryNote;
import cn.certhall.domain.order.Order;
import cn.certhall.domain.order.OrderStatus;
import cn.certhall.domain.order.StatusChange;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The verifications of an order as the reviewer sees them: which check, by which method, passed
 * when. No verification table links checks to orders; what is recorded is the method the
 * application chose and the order's status history, where each passed check is the move it allowed
 * (管理员实名核验 → {@code VERIFIED} of a new order, 企业认证 by the authorization code → {@code
 * AUTHORIZATION_CODE_ENTERED}, the identity check of renewal, change and revocation → {@code
 * VERIFIED}, the revocation's certificate code and signature → {@code CERTIFICATE_VERIFIED}). The
 * first pass is shown; a later pass after a rejection is in the history below it.
 *
 * @param check message key of the check
 * @param method message key of the method, or null when the history note says it
 * @param passedAt when it passed, or null while it has not
 * @param note the history note of the pass (what the step recorded), or null
 */
public record VerificationOutcomes(
    String check, String method, Instant passedAt, HistoryNote note) {

  static List<VerificationOutcomes> of(Order order) {
    List<VerificationOutcomes> outcomes = new ArrayList<>();
    var application = order.application();
    if (order.businessType() == BusinessType.NEW_UNIT_CERTIFICATE) {
      outcomes.add(
          passed(
              order,
              OrderStatus.VERIFIED,
              "console.verification.administrator",
              "method.admin." + application.administratorVerification().method()));
      outcomes.add(
          passed(
              order,
              OrderStatus.AUTHORIZATION_CODE_ENTERED,
              "console.verification.enterprise",
              "method.enterprise." + application.enterpriseVerification().method()));
    } else {
      outcomes.add(passed(order, OrderStatus.VERIFIED, "console.verification.identity", null));
      if (order.businessType() == BusinessType.REVOCATION) {
        outcomes.add(
            passed(order, OrderStatus.CERTIFICATE_VERIFIED, "console.verification.holder", null));
      }
    }
    return outcomes;
  }

  private static VerificationOutcomes passed(
      Order order, OrderStatus step, String check, String method) {
    Optional<StatusChange> pass =
        order.history().stream().filter(line -> line.to() == step).findFirst();
    return new VerificationOutcomes(
        check,
        method,
        pass.map(StatusChange::at).orElse(null),
        pass.map(StatusChange::note).orElse(null));
  }
}
