package cn.certhall.app.portal;

import cn.certhall.app.PaymentProperties;
import cn.certhall.app.sandbox.SandboxPaymentProvider;
import cn.certhall.app.sealing.QrCodes;
import cn.certhall.app.web.Downloads;
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
import cn.certhall.domain.payment.Invoice;
import cn.certhall.domain.payment.Payment;
import cn.certhall.domain.payment.PaymentMethod;
import cn.certhall.domain.payment.PaymentProvider;
import cn.certhall.domain.payment.PaymentProviders;
import cn.certhall.domain.payment.PaymentService;
import cn.certhall.domain.review.RejectionReason;
import cn.certhall.domain.signature.ApplicationSignature;
import cn.certhall.domain.signature.SignedForm;
import cn.certhall.domain.verification.CodeCheck;
import cn.certhall.domain.verification.SmsCodeResult;
import cn.certhall.domain.verification.TypedCode;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.springframework.beans.factory.ObjectProvider;
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
 * The steps after the materials (SPEC 3.1 steps 7–9, manual 1.1 (6) and 第二步): 证书申请签名 (an SMS code
 * to the handler confirms the application, the 申请表 is made), 支付 (the fee of the channel and
 * business, through the payment provider; a failed or abandoned payment is tried again, also later
 * from order query), and 等待审核 (with the day the decision is due). A rejected order signs again here
 * and goes back to review without paying again.
 *
 * <p>None of these pages depends on the business type: each serves an order whose workflow is at
 * its step, and sends any other order to the page it belongs on.
 */
@Controller
@RequestMapping("/apply/{orderId}")
public class SubmissionController {
  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(CertificateRules.CHINA_TIME);

  private final StepPages pages;
  private final ApplicationSignature signature;
  private final MaterialService materials;
  private final PaymentService payments;
  private final ReviewDeadline deadline;
  private final MessageSource messages;
  private final PaymentProperties paymentProperties;
  private final SandboxPaymentProvider sandbox;
  private final PaymentProviders providers;

  public SubmissionController(
      StepPages pages,
      ApplicationSignature signature,
      MaterialService materials,
      PaymentService payments,
      ReviewDeadline deadline,
      MessageSource messages,
      PaymentProperties paymentProperties,
      PaymentProviders providers,
      ObjectProvider<SandboxPaymentProvider> sandbox) {
    this.pages = pages;
    this.providers = providers;
    this.paymentProperties = paymentProperties;
    this.sandbox = sandbox.getIfAvailable();
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
              message(
                  "sign.code.sent", locale, sent.maskedMobile(), TIME.format(sent.expiresAt())));
      case COOLDOWN ->
          redirect.addFlashAttribute(
              "problem", message("sign.code.cooldown", locale, sent.retryAfterSeconds()));
      case SMS_UNAVAILABLE ->
          redirect.addFlashAttribute("problem", message("sign.code.unavailable", locale));
      case SMS_INVALID_NUMBER ->
          redirect.addFlashAttribute("problem", message("sms.invalid-number", locale));
      case SMS_RATE_LIMITED ->
          redirect.addFlashAttribute("problem", message("sms.rate-limited", locale));
      case LIMIT_REACHED ->
          redirect.addFlashAttribute("problem", message("sms.limit.reached", locale));
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
    String typed =
        code.length() > TypedCode.MAX_READ ? code.substring(0, TypedCode.MAX_READ) : code;
    String digits = TypedCode.parse(code).digitsOrNull();
    if (digits == null) {
      // a typo in the format costs no try
      response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
      return showSign(order, typed, Map.of("code", message("sign.error.format", locale)), model);
    }
    ApplicationSignature.Signed signed;
    try {
      signed = signature.confirm(order.id(), digits);
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

  /** 开票信息 and the method as typed at the cashier, for the page to show again. */
  public record Cashier(
      String method, String invoiceTitle, String taxNumber, String invoiceEmail) {}

  @GetMapping("/pay")
  public String payPage(@PathVariable String orderId, HttpServletRequest request, Model model) {
    Order opened = pages.open(orderId, request);
    if (!atPayment(opened)) {
      return pages.redirectToItsPage(opened);
    }
    // back from the cashier (or a reload while the QR code is shown): ask the provider about a
    // payment it has not notified yet; a paid order goes on to its page
    if (payments.payments(opened.id()).stream().anyMatch(p -> p.status() == Payment.Status.PENDING)
        && !payments.refresh(opened.id()).isEmpty()) {
      opened = pages.open(orderId, request);
      if (!atPayment(opened)) {
        return pages.redirectToItsPage(opened);
      }
    }
    Order order = opened;
    // an earlier attempt's 开票信息 comes back; else the organization's
    Invoice invoice =
        payments.invoice(order.id()).orElseGet(() -> Invoice.defaultFor(order.application()));
    return showPay(
        order,
        new Cashier(null, invoice.title(), invoice.taxNumber(), invoice.email()),
        Map.of(),
        model);
  }

  private String showPay(Order order, Cashier typed, Map<String, String> errors, Model model) {
    List<Payment> attempts = payments.payments(order.id());
    model.addAttribute("order", order);
    model.addAttribute("fee", FeeSchedule.yuan(payments.feeOf(order)));
    model.addAttribute("free", payments.feeOf(order) == 0);
    model.addAttribute("last", attempts.isEmpty() ? null : attempts.get(attempts.size() - 1));
    model.addAttribute("attempts", attempts.size());
    model.addAttribute("hasForm", signature.form(order.id()).isPresent());
    model.addAttribute("channelId", order.channelId());
    List<PaymentMethod> offered = offered();
    model.addAttribute("methods", offered);
    model.addAttribute(
        "typed",
        typed.method() == null
            ? new Cashier(
                offered.isEmpty() ? "" : offered.get(0).name(),
                typed.invoiceTitle(),
                typed.taxNumber(),
                typed.invoiceEmail())
            : typed);
    model.addAttribute("errors", errors);
    model.addAttribute(
        "sandbox",
        sandbox != null
            && offered.stream().anyMatch(m -> providers.forMethod(m).orElse(null) == sandbox));
    Object qrCode = model.getAttribute("qrCode");
    if (qrCode instanceof String content && !content.isBlank()) {
      model.addAttribute(
          "qrCodeImage",
          "data:image/png;base64," + Base64.getEncoder().encodeToString(QrCodes.png(content, 240)));
    }
    return "portal/pay";
  }

  /** The cashier's methods that a provider serves, in the cashier's order. */
  private List<PaymentMethod> offered() {
    return paymentProperties.methods().stream().filter(providers.methods()::contains).toList();
  }

  /**
   * 立即支付: checks the method and the 开票信息, then a new attempt at the provider (or, with nothing to
   * pay, straight to review). In the sandbox the tester's choice of outcome goes to the sandbox
   * cashier first.
   */
  @PostMapping("/pay")
  public String pay(
      @PathVariable String orderId,
      @RequestParam(defaultValue = "") String method,
      @RequestParam(defaultValue = "") String invoiceTitle,
      @RequestParam(defaultValue = "") String taxNumber,
      @RequestParam(defaultValue = "") String invoiceEmail,
      @RequestParam(defaultValue = "") String sandboxOutcome,
      HttpServletRequest request,
      HttpServletResponse response,
      Locale locale,
      Model model,
      RedirectAttributes redirect) {
    Order order = pages.open(orderId, request);
    if (!atPayment(order)) {
      return pages.redirectToItsPage(order);
    }
    Invoice invoice =
        Invoice.typed(clip(invoiceTitle, 200), clip(taxNumber, 40), clip(invoiceEmail, 300));
    Cashier typed =
        new Cashier(clip(method, 20), invoice.title(), invoice.taxNumber(), invoice.email());
    Map<String, String> errors = new LinkedHashMap<>();
    Optional<PaymentMethod> chosen =
        offered().stream().filter(m -> m.name().equals(typed.method())).findFirst();
    if (chosen.isEmpty()) {
      errors.put("method", message("pay.error.method", locale));
    }
    for (Invoice.Problem problem : invoice.problems()) {
      errors.put(problem.field(), message(problem.messageKey(), locale, Invoice.TITLE_MAX));
    }
    boolean free = payments.feeOf(order) == 0;
    if (!free && !errors.isEmpty()) {
      response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
      return showPay(order, typed, errors, model);
    }
    if (sandbox != null && !sandboxOutcome.isEmpty()) {
      try {
        sandbox.choose(order.id(), SandboxPaymentProvider.Choice.valueOf(sandboxOutcome));
      } catch (IllegalArgumentException unknown) {
        // not one of the sandbox's choices: the name rules decide, as without a choice
      }
    }
    PaymentService.Started started;
    try {
      started =
          free
              ? payments.pay(order.id(), null, null)
              : payments.pay(order.id(), chosen.get(), invoice);
    } catch (MoveNotAllowedException | ConcurrentOrderChangeException raced) {
      return pages.redirectToItsPage(pages.open(orderId, request));
    } catch (IllegalStateException | PaymentProvider.ProviderUnavailableException unavailable) {
      redirect.addFlashAttribute("outcome", "UNAVAILABLE");
      return "redirect:/apply/" + order.id() + "/pay";
    }
    Optional<String> qrCode = started.checkout().map(PaymentProvider.Checkout::qrCodeContent);
    if (qrCode.isPresent()) {
      // WeChat Pay Native: the payer scans the code with a phone; the notification follows, and
      // coming back to this page asks WeChat Pay meanwhile
      redirect.addFlashAttribute("qrCode", qrCode.get());
      redirect.addFlashAttribute("qrMethod", chosen.map(Enum::name).orElse(""));
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

  private static String clip(String value, int max) {
    return value.length() > max ? value.substring(0, max) : value;
  }

  /**
   * At the payment step: the workflow lets the order be paid from where it is (after the signature
   * for a new certificate; after the confirmation for a renewal or a change).
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
  public ResponseEntity<byte[]> applicationForm(
      @PathVariable String orderId, HttpServletRequest request) throws IOException {
    Order order = pages.open(orderId, request);
    return applicationFormOf(signature, order);
  }

  /** The order's signed 申请表 as a download; 404 before it is signed. */
  public static ResponseEntity<byte[]> applicationFormOf(
      ApplicationSignature signature, Order order) throws IOException {
    SignedForm form =
        signature
            .form(order.id())
            .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
    try (InputStream in =
        signature.open(form).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND))) {
      return Downloads.attachment(
          in.readAllBytes(), "application/pdf", "申请表-" + order.id() + ".pdf");
    }
  }

  private String message(String key, Locale locale, Object... args) {
    return messages.getMessage(key, args, locale);
  }
}
