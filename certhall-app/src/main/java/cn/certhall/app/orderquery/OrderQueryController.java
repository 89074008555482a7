package cn.certhall.app.orderquery;

import cn.certhall.app.portal.ContinueSteps;
import cn.certhall.app.portal.PaymentReceipts;
import cn.certhall.app.portal.SubmissionController;
import cn.certhall.app.web.Downloads;
import cn.certhall.app.web.OrderAccess;
import cn.certhall.app.web.OrderQuerySession;
import cn.certhall.domain.calendar.ReviewDeadline;
import cn.certhall.domain.identity.Field;
import cn.certhall.domain.identity.IdType;
import cn.certhall.domain.identity.ValidationMessages;
import cn.certhall.domain.identity.ValidationResult;
import cn.certhall.domain.order.ConcurrentOrderChangeException;
import cn.certhall.domain.order.MoveNotAllowedException;
import cn.certhall.domain.order.Order;
import cn.certhall.domain.orderquery.CodeRequestResult;
import cn.certhall.domain.orderquery.OrderQuery;
import cn.certhall.domain.orderquery.OrderQueryAccess;
import cn.certhall.domain.orderquery.ProofResult;
import cn.certhall.domain.orderquery.QueryKind;
import cn.certhall.domain.payment.Payment;
import cn.certhall.domain.payment.PaymentService;
import cn.certhall.domain.review.RejectionReason;
import cn.certhall.domain.signature.ApplicationSignature;
import cn.certhall.domain.verification.CodeCheck;
import cn.certhall.domain.verification.TypedCode;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Clock;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * 我的订单 (SPEC 3.5, manual 2.1): the query form ({@code /orders}), the lists of the ID numbers this
 * session proved, the details of an order ({@code /orders/{id}}), 继续办理 and 取消订单.
 *
 * <p>Every order page and action reads the session's {@link OrderQueryAccess} again and asks {@link
 * OrderQuery}; an order it may not see gets the same 404 page as one that does not exist, which
 * says how to get access without saying whether the order exists.
 */
@Controller
public class OrderQueryController {

  private static final Logger log = LoggerFactory.getLogger(OrderQueryController.class);

  private final OrderQuery query;
  private final ContinueSteps steps;
  private final OrderAccess orderAccess;
  private final MessageSource messages;
  private final Clock clock;
  private final ApplicationSignature signature;
  private final ReviewDeadline deadline;
  private final IssuedCertificates certificates;
  private final PaymentReceipts receipts;
  private final PaymentService payments;

  public OrderQueryController(
      OrderQuery query,
      ContinueSteps steps,
      OrderAccess orderAccess,
      MessageSource messages,
      Clock clock,
      ApplicationSignature signature,
      ReviewDeadline deadline,
      IssuedCertificates certificates,
      PaymentReceipts receipts,
      PaymentService payments) {
    this.payments = payments;
    this.query = query;
    this.steps = steps;
    this.orderAccess = orderAccess;
    this.messages = messages;
    this.clock = clock;
    this.signature = signature;
    this.deadline = deadline;
    this.certificates = certificates;
    this.receipts = receipts;
  }

  /** What was typed into the query form, given back when the page comes back (never the code). */
  public record Form(QueryKind kind, IdType idType, String idNumber) {
    static Form empty() {
      return new Form(QueryKind.UNIT, IdType.RESIDENT_ID_CARD, "");
    }
  }

  @GetMapping("/orders")
  public String page(
      @RequestParam(required = false) String channelId, HttpServletRequest request, Model model) {
    return form(Form.empty(), channelId, request, model);
  }

  /**
   * One form, two buttons: {@code action=send} (获取验证码) and {@code action=verify} (确认). A right code
   * widens the session's access and leads to the lists (post, redirect, get).
   */
  @PostMapping("/orders")
  public String submit(
      @RequestParam(required = false) String channelId,
      @RequestParam(defaultValue = "UNIT") String kind,
      @RequestParam(required = false) String idType,
      @RequestParam(defaultValue = "") String idNumber,
      @RequestParam(defaultValue = "") String code,
      @RequestParam(defaultValue = "verify") String action,
      HttpServletRequest request,
      HttpServletResponse response,
      Model model,
      Locale locale) {
    QueryKind queryKind = parse(QueryKind.class, kind).orElse(QueryKind.UNIT);
    IdType type = parse(IdType.class, idType).filter(IdType::isPersonal).orElse(null);
    Form form = new Form(queryKind, type == null ? IdType.RESIDENT_ID_CARD : type, idNumber);
    Map<String, String> errors = new LinkedHashMap<>();
    ValidationResult number = queryKind.validate(type, idNumber, clock);
    if (!number.isValid()) {
      errors.put(
          number.failure().field() == Field.ID_TYPE ? "idType" : "idNumber",
          ValidationMessages.message(number.failure(), locale));
      return invalid(form, errors, channelId, request, response, model);
    }
    if ("send".equals(action)) {
      CodeRequestResult sent = query.requestCode(number.value());
      switch (sent.status()) {
        case REQUESTED -> model.addAttribute("notice", message("query.code.requested", locale));
        case COOLDOWN ->
            errors.put("code", message("query.code.cooldown", locale, sent.retryAfterSeconds()));
        case SMS_UNAVAILABLE -> errors.put("code", message("query.code.unavailable", locale));
        case LIMIT_REACHED -> errors.put("code", message("sms.limit.reached", locale));
      }
      if (!errors.isEmpty()) {
        return invalid(form, errors, channelId, request, response, model);
      }
      return form(form, channelId, request, model);
    }
    TypedCode typed = TypedCode.parse(code);
    if (!(typed instanceof TypedCode.Six six)) {
      errors.put(
          "code",
          message(
              typed instanceof TypedCode.Empty ? "query.code.empty" : "query.code.format", locale));
      return invalid(form, errors, channelId, request, response, model);
    }
    ProofResult proof =
        query.prove(OrderQuerySession.access(request), number.value(), six.digits());
    if (!proof.isProven()) {
      errors.put("code", codeProblem(proof.check(), locale));
      return invalid(form, errors, channelId, request, response, model);
    }
    OrderQuerySession.widen(request, proof.access());
    return "redirect:" + withChannel("/orders", channelId);
  }

  @GetMapping("/orders/{orderId}")
  public String details(
      @PathVariable String orderId,
      HttpServletRequest request,
      HttpServletResponse response,
      Model model,
      Locale locale) {
    Optional<Order> order = query.open(OrderQuerySession.access(request), orderId);
    if (order.isEmpty()) {
      return notFound(response);
    }
    // a payer back from the cashier: ask the provider about a payment it has not notified yet
    List<Payment> attempts = payments.payments(order.get().id());
    if (attempts.stream().anyMatch(p -> p.status() == Payment.Status.PENDING)
        && !payments.refresh(order.get().id()).isEmpty()) {
      order = query.open(OrderQuerySession.access(request), orderId);
      attempts = payments.payments(orderId);
    }
    model.addAttribute("payments", OrderViews.payments(attempts, payments.refundsOf(orderId)));
    model.addAttribute("order", OrderViews.details(order.get(), steps));
    model.addAttribute("channelId", order.get().channelId());
    model.addAttribute("rejection", RejectionReason.noteOf(order.get()).orElse(null));
    model.addAttribute(
        "decisionDue",
        deadline
            .decisionDue(order.get())
            .map(d -> DateTimeFormatter.ofPattern(message("date.format", locale), locale).format(d))
            .orElse(null));
    model.addAttribute("applicationForm", signature.form(order.get().id()).isPresent());
    model.addAttribute("certificate", certificates.of(order.get()).orElse(null));
    model.addAttribute(
        "secondCertificate",
        certificates.of(order.get(), IssuedCertificates.Which.SECOND).orElse(null));
    model.addAttribute("receipt", receipts.hasReceipt(order.get()));
    return "query/details";
  }

  /** 申请表下载: the signed application form, for a session that may see the order. */
  @GetMapping("/orders/{orderId}/application-form.pdf")
  public ResponseEntity<byte[]> applicationForm(
      @PathVariable String orderId, HttpServletRequest request) throws IOException {
    Order order =
        query
            .open(OrderQuerySession.access(request), orderId)
            .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
    return SubmissionController.applicationFormOf(signature, order);
  }

  /** 支付凭证: the receipt of the paid order, for a session that may see the order; 404 unpaid. */
  @GetMapping("/orders/{orderId}/receipt.pdf")
  public ResponseEntity<byte[]> receipt(@PathVariable String orderId, HttpServletRequest request) {
    Order order =
        query
            .open(OrderQuerySession.access(request), orderId)
            .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
    byte[] pdf =
        receipts
            .receipt(order)
            .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
    return Downloads.attachment(pdf, "application/pdf", "支付凭证-" + order.id() + ".pdf");
  }

  /**
   * 继续办理: the page of the step after the last one done, or back to the details. The flow's pages
   * then let this session on with the order ({@link OrderAccess#allowOrder}), also after the
   * query's proof has run out: the person chose to carry on with it.
   */
  @PostMapping("/orders/{orderId}/continue")
  public String continueOrder(
      @PathVariable String orderId, HttpServletRequest request, HttpServletResponse response) {
    Optional<Order> order = query.open(OrderQuerySession.access(request), orderId);
    if (order.isEmpty()) {
      return notFound(response);
    }
    ContinueSteps.Step step = steps.of(order.get());
    if (step.next() != ContinueSteps.Next.CONTINUE) {
      return "redirect:/orders/" + order.get().id();
    }
    orderAccess.allowOrder(request, order.get().id());
    return "redirect:" + step.url();
  }

  /** 取消订单, first step: are you sure? */
  @GetMapping("/orders/{orderId}/cancel")
  public String confirmCancel(
      @PathVariable String orderId,
      HttpServletRequest request,
      HttpServletResponse response,
      Model model) {
    Optional<Order> order = query.open(OrderQuerySession.access(request), orderId);
    if (order.isEmpty()) {
      return notFound(response);
    }
    if (order.get().isFinished()) {
      return "redirect:/orders/" + order.get().id();
    }
    model.addAttribute("order", OrderViews.row(order.get(), steps));
    model.addAttribute("channelId", order.get().channelId());
    return "query/cancel";
  }

  /** 取消订单: frees the ID number for a new order of the type. */
  @PostMapping("/orders/{orderId}/cancel")
  public String cancel(
      @PathVariable String orderId,
      HttpServletRequest request,
      HttpServletResponse response,
      RedirectAttributes redirect) {
    OrderQueryAccess access = OrderQuerySession.access(request);
    Optional<Order> order = query.open(access, orderId);
    if (order.isEmpty()) {
      return notFound(response);
    }
    String notice;
    try {
      query.cancel(access, order.get().id());
      notice = "query.cancel.done";
      // close its unpaid attempts, refund it if it was paid; what fails is left to the job
      try {
        payments.cancelled(order.get().id());
      } catch (RuntimeException e) {
        log.warn(
            "order {}: payments not settled after the cancellation yet: {}",
            order.get().id(),
            e.toString());
      }
    } catch (MoveNotAllowedException finished) {
      notice = "query.cancel.finished";
    } catch (ConcurrentOrderChangeException changed) {
      notice = "query.cancel.changed";
    }
    redirect.addFlashAttribute("notice", notice);
    return "redirect:/orders/" + order.get().id();
  }

  private String form(Form form, String channelId, HttpServletRequest request, Model model) {
    OrderQueryAccess access = OrderQuerySession.access(request);
    List<OrderViews.Group> groups =
        access.provenIdNumbers(clock.instant()).stream()
            .flatMap(
                number ->
                    query
                        .list(access, number)
                        .map(
                            list ->
                                OrderViews.group(number, access.provenUntil(number), list, steps))
                        .stream())
            .toList();
    model.addAttribute("form", form);
    model.addAttribute("groups", groups);
    model.addAttribute("kinds", QueryKind.values());
    model.addAttribute("idTypes", IdType.personalTypes());
    model.addAttribute("channelId", channelId);
    model.addAttribute("actionUrl", withChannel("/orders", channelId));
    if (!model.containsAttribute("errors")) {
      model.addAttribute("errors", Map.of());
    }
    return "query/orders";
  }

  private String invalid(
      Form form,
      Map<String, String> errors,
      String channelId,
      HttpServletRequest request,
      HttpServletResponse response,
      Model model) {
    response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
    model.addAttribute("errors", errors);
    return form(form, channelId, request, model);
  }

  /**
   * The one answer for an order that does not exist and for one this session has not proved: 404,
   * with the way to prove it.
   */
  private static String notFound(HttpServletResponse response) {
    response.setStatus(HttpServletResponse.SC_NOT_FOUND);
    return "query/not-found";
  }

  private String codeProblem(CodeCheck check, Locale locale) {
    return switch (check.status()) {
      case WRONG -> message("query.code.wrong", locale, check.triesLeft());
      case EXPIRED -> message("query.code.expired", locale);
      case LOCKED -> message("query.code.locked", locale);
      case NONE -> message("query.code.none", locale);
      case OK -> throw new IllegalArgumentException("a right code is no problem");
      case TRANSFER_PENDING, TRANSFER_FAILED ->
          throw new IllegalArgumentException(
              "an order query code is sent by SMS, never by transfer");
    };
  }

  private String message(String key, Locale locale, Object... args) {
    return messages.getMessage(key, args, locale);
  }

  private static String withChannel(String path, String channelId) {
    UriComponentsBuilder uri = UriComponentsBuilder.fromPath(path);
    if (channelId != null && !channelId.isBlank()) {
      uri.queryParam("channelId", channelId.strip());
    }
    return uri.encode().toUriString();
  }

  private static <E extends Enum<E>> Optional<E> parse(Class<E> type, String name) {
    if (name == null || name.isBlank()) {
      return Optional.empty();
    }
    try {
      return Optional.of(Enum.valueOf(type, name.strip()));
    } catch (IllegalArgumentException unknown) {
      return Optional.empty();
    }
  }
}
