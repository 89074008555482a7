package cn.certhall.app.orderquery;

import static cn.certhall.domain.order.OrderStatus.APPLICATION_FILLED;
import static cn.certhall.domain.order.OrderStatus.APPLICATION_SIGNED;
import static cn.certhall.domain.order.OrderStatus.AUTHORIZATION_CODE_ENTERED;
import static cn.certhall.domain.order.OrderStatus.CONFIRMED;
import static cn.certhall.domain.order.OrderStatus.MATERIALS_UPLOADED;
import static cn.certhall.domain.order.OrderStatus.REJECTED;
import static cn.certhall.domain.order.OrderStatus.VERIFIED;
import static java.util.Map.entry;

import cn.certhall.domain.order.BusinessType;
import cn.certhall.domain.order.Order;
import cn.certhall.domain.order.OrderStatus;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * 继续办理: the page where an order left off. A status names the last step done (see {@link
 * OrderStatus}), so each row is "status → the page of the step after it", per business type, in
 * this one table. The flows serve their pages at these paths; a row whose page is not served yet
 * (a flow still being built) offers no 继续办理 and the details page says the step is not open
 * online yet. Statuses without a row are the CA's turn (等待审核, 审核通过) or finished.
 */
@Component
public class ContinueSteps {
  /** The order number in a path. */
  static final String ORDER_ID = "orderId";

  /**
   * The new unit certificate flow's pages are the portal's ({@code portal.ApplicationController}):
   * the form, 确认订单, 证书授权码, and one page for what comes after the authorization code.
   */
  static final Map<BusinessType, Map<OrderStatus, String>> PAGES =
      Map.of(
          BusinessType.NEW_UNIT_CERTIFICATE,
          Map.ofEntries(
              entry(APPLICATION_FILLED, "/apply/{orderId}/form"),
              entry(VERIFIED, "/apply/{orderId}/confirm"),
              entry(CONFIRMED, "/apply/{orderId}/code"),
              entry(AUTHORIZATION_CODE_ENTERED, "/apply/{orderId}/next"),
              entry(MATERIALS_UPLOADED, "/apply/{orderId}/next"),
              entry(APPLICATION_SIGNED, "/apply/{orderId}/next"),
              entry(REJECTED, "/apply/{orderId}/next")));

  /** Where an unfinished order stands for the applicant. */
  public enum Next {
    /** 继续办理 opens {@link #url}. */
    CONTINUE,
    /** The applicant has a step to do, but its page is not online yet. */
    NOT_ONLINE_YET,
    /** The CA's turn: review, issuance. Nothing for the applicant to do. */
    WAITING,
    /** The order has finished. */
    FINISHED
  }

  /** @param url for {@link Next#CONTINUE}: the page to open; else null */
  public record Step(Next next, String url) {}

  /** Whether a page answers at a path pattern; asked when needed, once the app has started. */
  private final Supplier<Set<String>> servedPatterns;

  private volatile Set<String> served;

  @Autowired
  public ContinueSteps(
      @Qualifier("requestMappingHandlerMapping") RequestMappingHandlerMapping mappings) {
    this(
        () ->
            mappings.getHandlerMethods().keySet().stream()
                .map(RequestMappingInfo::getPatternValues)
                .flatMap(Set::stream)
                .collect(Collectors.toUnmodifiableSet()));
  }

  ContinueSteps(Supplier<Set<String>> servedPatterns) {
    this.servedPatterns = servedPatterns;
  }

  public Step of(Order order) {
    if (order.isFinished()) {
      return new Step(Next.FINISHED, null);
    }
    String pattern = PAGES.getOrDefault(order.businessType(), Map.of()).get(order.status());
    if (pattern == null) {
      return new Step(Next.WAITING, null);
    }
    if (!servedPatterns().contains(pattern)) {
      return new Step(Next.NOT_ONLINE_YET, null);
    }
    String url =
        UriComponentsBuilder.fromPath(pattern)
            .buildAndExpand(Map.of(ORDER_ID, order.id()))
            .encode()
            .toUriString();
    return new Step(Next.CONTINUE, url);
  }

  private Set<String> servedPatterns() {
    Set<String> patterns = served;
    if (patterns == null) {
      patterns = servedPatterns.get();
      served = patterns;
    }
    return patterns;
  }
}
