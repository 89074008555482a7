package cn.certhall.app.portal;

import cn.certhall.domain.calendar.ReviewDeadline;
import cn.certhall.domain.certificate.CertificateRules;
import cn.certhall.domain.material.MaterialService;
import cn.certhall.domain.material.MissingMaterialsException;
import cn.certhall.domain.order.ConcurrentOrderChangeException;
import cn.certhall.domain.order.MoveNotAllowedException;
import cn.certhall.domain.order.Order;
import cn.certhall.domain.order.OrderStatus;
import cn.certhall.domain.order.StatusChange;
import cn.certhall.domain.payment.FeeSchedule;
import cn.certhall.domain.payment.Payment;
import cn.certhall.domain.payment.PaymentProvider;
import cn.certhall.domain.payment.PaymentService;
import cn.certhall.domain.review.RejectionReason;
import cn.certhall.domain.signature.ApplicationSignature;
import cn.certhall.domain.signature.SignedForm;
import cn.certhall.domain.verification.CodeCheck;
import cn.certhall.domain.verification.SmsCodeResult;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The steps after the materials (SPEC 3.1 steps 7–9, manual 1.1 (6) and 第二步): 证书申请签名 (an SMS
 * code to the handler confirms the application, the 申请表 is made), 支付 (the fee of the channel
 * and business, through the payment provider; a failed or abandoned payment is tried again, also
 * later from order query), and 等待审核 (with the day the decision is due). A rejected order signs
 * again here and goes back to review without paying again.
 *
 * <p>None of these pages depends on the business type: each serves an order whose workflow is at
 * its step, and sends any other order to the page it belongs on.
 */
@Controller
@RequestMapping("/apply/{orderId}")
public class SubmissionController {
  private static final Pattern SIX_DIGITS = Pattern.compile("[0-9０-９]{6}");
  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(CertificateRules.CHINA_TIME);

  private final StepPages pages;
  private final ApplicationSignature signature;
  private final MaterialService materials;
  private final PaymentService payments;
  private final ReviewDeadline deadline;
  private final MessageSource messages;

  public SubmissionController(
      StepPages pages,
      ApplicationSignature signature,
      MaterialService materials,
      PaymentService payments,
      ReviewDeadline deadline,
      MessageSource messages) {
    this.pages = pages;
    this.signature = signature;
    this.materials = materials;
    this.payments = payments;
    this.deadline = deadline;
    this.messages = messages;
  }

  // ---- 证书申请签名 ------------------------------------------------------------------------

  @GetMapping("/sign")
  public String signPage(@PathVariable String orderId, HttpServletRequest request, Model model) {
    Order order = pages.open(orderId, request);
    if (!ApplicationSignature.isAtSignature(order)) {
      return pages.redirectToItsPage(order);
    }
    if (!materials.missing(order.id()).isEmpty()) {
      return "redirect:/apply/" + order.id() + "/materials";
    }
    return showSign(order, "", Map.of(), model);
  }

  /** 获取验证码: a code by SMS to the handler's mobile on the application. */
  @PostMapping("/sign/code")
  public String sendCode(
      @PathVariable String orderId,
      HttpServletRequest request,
      Locale locale,
      RedirectAttributes redirect) {
    Order order = pages.open(orderId, request);
    if (!ApplicationSignature.isAtSignature(order)) {
      return pages.redirectToItsPage(order);
    }
    SmsCodeResult sent;
    try {
      sent = signature.sendCode(order.id());
    } catch (MissingMaterialsException e) {
      return "redirect:/apply/" + order.id() + "/materials";
    }
    switch (sent.status()) {
      case SENT ->
          redirect.addFlashAttribute(
              "notice",
              message("sign.code.sent", locale, sent.maskedMobile(), TIME.format(sent.expiresAt())));
      case COOLDOWN ->
          redirect.addFlashAttribute("problem", message("sign.code.cooldown", locale, sent.retryAfterSeconds()));
      case SMS_UNAVAILABLE -> redirect.addFlashAttribute("problem", message("sign.code.unavailable", locale));
      case LIMIT_REACHED -> redirect.addFlashAttribute("problem", message("sms.limit.reached", locale));
    }
    return "redirect:/apply/" + order.id() + "/sign";
  }

  @GetMapping("/sign/code")
  public String backToSign(@PathVariable String orderId) {
    return "redirect:/apply/" + orderId + "/sign";
  }

  /** 确定: the right code signs; then payment, or review when there is nothing to pay. */
  @PostMapping("/sign")
  public String sign(
      @PathVariable String orderId,
      @RequestParam(defaultValue = "") String code,
      HttpServletRequest request,
      HttpServletResponse response,
      Locale locale,
      Model model) {
    Order order = pages.open(orderId, request);
    if (!ApplicationSignature.isAtSignature(order)) {
      return pages.redirectToItsPage(order);
    }
    String typed = code.length() > 20 ? code.substring(0, 20) : code;
    if (!SIX_DIGITS.matcher(typed.strip()).matches()) {
      // a typo in the format costs no try
      response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
      return showSign(order, typed, Map.of("code", message("sign.error.format", locale)), model);
    }
    ApplicationSignature.Signed signed;
    try {
      signed = signature.confirm(order.id(), typed.strip());
    } catch (MissingMaterialsException e) {
      return "redirect:/apply/" + order.id() + "/materials";
    } catch (MoveNotAllowedException | ConcurrentOrderChangeException raced) {
      return pages.redirectToItsPage(pages.open(orderId, request));
    }
    if (!signed.isSigned()) {
      CodeCheck check = signed.check();
      String error =
          check.status() == CodeCheck.Status.WRONG
              ? message("sign.error.WRONG", locale, check.triesLeft())
              : message("sign.error." + check.status().name(), locale);
      response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
      return showSign(order, typed, Map.of("code", error), model);
    }
    return pages.redirectToItsPage(signed.order());
  }

  private String showSign(Order order, String typed, Map<String, String> errors, Model model) {
    model.addAttribute("order", order);
    model.addAttribute("shown", ShownApplication.of(order.application()));
    model.addAttribute("materials", signature.materials(order.id()));
    model.addAttribute("typed", typed);
    model.addAttribute("errors", errors);
    model.addAttribute("resendAfter", signature.secondsUntilResend(order.id()));
    model.addAttribute("resubmission", ApplicationSignature.isResubmission(order));
    model.addAttribute("rejection", RejectionReason.noteOf(order).orElse(null));
    model.addAttribute("channelId", order.channelId());
    return "portal/sign";
  }

  // ---- 支付 --------------------------------------------------------------------------------

  @GetMapping("/pay")
  public String payPage(@PathVariable String orderId, HttpServletRequest request, Model model) {
    Order order = pages.open(orderId, request);
    if (!atPayment(order)) {
      return pages.redirectToItsPage(order);
    }
    List<Payment> attempts = payments.payments(order.id());
    model.addAttribute("order", order);
    model.addAttribute("fee", FeeSchedule.yuan(payments.feeOf(order)));
    model.addAttribute("free", payments.feeOf(order) == 0);
    model.addAttribute("last", attempts.isEmpty() ? null : attempts.get(attempts.size() - 1));
    model.addAttribute("attempts", attempts.size());
    model.addAttribute("hasForm", signature.form(order.id()).isPresent());
    model.addAttribute("channelId", order.channelId());
    return "portal/pay";
  }

  /** 支付: a new attempt at the provider (or, with nothing to pay, straight to review). */
  @PostMapping("/pay")
  public String pay(
      @PathVariable String orderId,
      HttpServletRequest request,
      RedirectAttributes redirect) {
    Order order = pages.open(orderId, request);
    if (!atPayment(order)) {
      return pages.redirectToItsPage(order);
    }
    PaymentService.Started started;
    try {
      started = payments.pay(order.id());
    } catch (MoveNotAllowedException | ConcurrentOrderChangeException raced) {
      return pages.redirectToItsPage(pages.open(orderId, request));
    } catch (IllegalStateException unavailable) {
      redirect.addFlashAttribute("outcome", "UNAVAILABLE");
      return "redirect:/apply/" + order.id() + "/pay";
    }
    Optional<String> cashier = started.checkout().map(PaymentProvider.Checkout::cashierUrl);
    if (cashier.isPresent()) {
      // a provider with a cashier page of its own: the payer pays there, its notification follows
      return "redirect:" + cashier.get();
    }
    if (started.order().status() != order.status()) {
      return pages.redirectToItsPage(started.order());
    }
    Payment.Status outcome =
        payments.payments(order.id()).stream()
            .filter(p -> started.payment().map(Payment::id).orElse("").equals(p.id()))
            .map(Payment::status)
            .findFirst()
            .orElse(Payment.Status.PENDING);
    redirect.addFlashAttribute("outcome", outcome.name());
    return "redirect:/apply/" + order.id() + "/pay";
  }

  /**
   * At the payment step: the workflow lets the order be paid from where it is (after the
   * signature for a new certificate; after the confirmation for a renewal or a change).
   */
  private static boolean atPayment(Order order) {
    return order.workflow().allows(order.status(), OrderStatus.PAID);
  }

  // ---- 等待审核 ------------------------------------------------------------------------------

  @GetMapping("/waiting")
  public String waiting(
      @PathVariable String orderId, HttpServletRequest request, Locale locale, Model model) {
    Order order = pages.open(orderId, request);
    String path = "/apply/" + order.id() + "/waiting";
    if (!path.equals(pages.pageOf(order))) {
      return pages.redirectToItsPage(order);
    }
    model.addAttribute("order", order);
    model.addAttribute("status", order.status().name());
    Optional<LocalDate> due = deadline.decisionDue(order);
    model.addAttribute("due", due.map(d -> shownDate(d, locale)).orElse(null));
    model.addAttribute("submittedAt", submittedAt(order).map(TIME::format).orElse(null));
    model.addAttribute("hasForm", signature.form(order.id()).isPresent());
    model.addAttribute("channelId", order.channelId());
    return "portal/waiting";
  }

  /** A date as the page's language writes it (2026年12月2日, 2026-12-02). */
  String shownDate(LocalDate date, Locale locale) {
    return DateTimeFormatter.ofPattern(message("date.format", locale), locale).format(date);
  }

  /** When the order last went to review. */
  static Optional<Instant> submittedAt(Order order) {
    List<StatusChange> history = order.history();
    for (int i = history.size() - 1; i >= 0; i--) {
      if (history.get(i).to() == OrderStatus.WAITING_FOR_REVIEW) {
        return Optional.of(history.get(i).at());
      }
    }
    return Optional.empty();
  }

  // ---- 申请表 --------------------------------------------------------------------------------

  @GetMapping("/application-form.pdf")
  public ResponseEntity<byte[]> applicationForm(@PathVariable String orderId, HttpServletRequest request)
      throws IOException {
    Order order = pages.open(orderId, request);
    return applicationFormOf(signature, order);
  }

  /** The order's signed 申请表 as a download; 404 before it is signed. */
  public static ResponseEntity<byte[]> applicationFormOf(ApplicationSignature signature, Order order)
      throws IOException {
    SignedForm form =
        signature.form(order.id()).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
    try (InputStream in =
        signature.open(form).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND))) {
      return Downloads.attachment(in.readAllBytes(), "application/pdf", "申请表-" + order.id() + ".pdf");
    }
  }

  private String message(String key, Locale locale, Object... args) {
    return messages.getMessage(key, args, locale);
  }
}
