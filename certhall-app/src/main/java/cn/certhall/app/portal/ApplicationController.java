package cn.certhall.app.portal;

import static cn.certhall.app.portal.FlowSteps.step;

import cn.certhall.app.web.OrderAccess;
import cn.certhall.domain.order.HistoryNote;
import cn.certhall.domain.certificate.CertificateRules;
import cn.certhall.domain.channel.Channel;
import cn.certhall.domain.channel.ChannelDirectory;
import cn.certhall.domain.order.ApplicationCorrection;
import cn.certhall.domain.order.BusinessType;
import cn.certhall.domain.order.CodeEntry;
import cn.certhall.domain.order.ConcurrentOrderChangeException;
import cn.certhall.domain.order.MoveNotAllowedException;
import cn.certhall.domain.order.NewApplicationFlow;
import cn.certhall.domain.order.Order;
import cn.certhall.domain.order.OrderService;
import cn.certhall.domain.order.OrderStatus;
import cn.certhall.domain.order.UnfinishedOrderExistsException;
import cn.certhall.domain.order.UnitApplication;
import cn.certhall.domain.review.RejectionReason;
import cn.certhall.domain.verification.CodeCheck;
import cn.certhall.domain.identity.Masking;
import cn.certhall.domain.verification.EnterpriseMethod;
import cn.certhall.domain.verification.TypedCode;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.time.Clock;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatus;
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
 * 单位证书新办, SPEC 3.1 steps 1–5 (manual 1.1): agreement, application form with enterprise and
 * administrator verification, 确认订单 / 返回修改, and the authorization code. The URLs are in
 * {@link ApplicationSteps}. The controller translates HTTP to the order service and the
 * verification services ({@link ApplicationVerifier}); it keeps no rule of its own beyond the
 * order of the pages.
 *
 * <p>Every page of an order checks {@link OrderAccess}: an order id in a URL opens nothing by
 * itself (404, as for an order that does not exist). An order that is at another step is sent
 * to the page of that step.
 */
@Controller
@RequestMapping("/apply")
public class ApplicationController {
  private static final DateTimeFormatter SHOWN_TIME = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm");
  private static final HistoryNote VERIFIED_NOTE = HistoryNote.of("history.application.verified");

  private final ChannelDirectory channels;
  private final OrderService orders;
  private final ApplicationVerifier verifier;
  private final ApplicationCorrection correction;
  private final NewApplicationFlow flow;
  private final OrderAccess access;
  private final MessageSource messages;
  private final Clock clock;

  public ApplicationController(
      ChannelDirectory channels,
      OrderService orders,
      ApplicationVerifier verifier,
      ApplicationCorrection correction,
      NewApplicationFlow flow,
      OrderAccess access,
      MessageSource messages,
      Clock clock) {
    this.channels = channels;
    this.orders = orders;
    this.verifier = verifier;
    this.correction = correction;
    this.flow = flow;
    this.access = access;
    this.messages = messages;
    this.clock = clock;
  }

  // ---- agreement -------------------------------------------------------------------------

  @GetMapping
  public String agreement(
      @RequestParam(required = false) String channelId, Model model, HttpServletResponse response) {
    Optional<Channel> channel = openChannel(channelId);
    if (channel.isEmpty()) {
      return channelProblem(channelId, model, response);
    }
    model.addAttribute("channelId", channel.get().id());
    return "portal/agreement";
  }

  @PostMapping
  public String acceptAgreement(
      @RequestParam(required = false) String channelId,
      @RequestParam(required = false) String agree,
      Model model,
      Locale locale,
      HttpServletRequest request,
      HttpServletResponse response) {
    Optional<Channel> channel = openChannel(channelId);
    if (channel.isEmpty()) {
      return channelProblem(channelId, model, response);
    }
    if (!"yes".equals(agree)) {
      model.addAttribute("channelId", channel.get().id());
      model.addAttribute("errors", Map.of("agree", message("agreement.error", locale)));
      return "portal/agreement";
    }
    ApplicationDraft.start(request.getSession(true), channel.get().id());
    return "redirect:/apply/form";
  }

  // ---- application form ------------------------------------------------------------------

  /**
   * The form of the session's draft. Without one, only a session that timed out is told that its
   * page expired; a visitor who simply came here first (a bookmark, a shared link) is sent to the
   * channel's agreement, step 1, or told where 单位证书新办 starts.
   */
  @GetMapping("/form")
  public String form(
      @RequestParam(required = false) String channelId,
      HttpServletRequest request,
      Model model,
      Locale locale,
      RedirectAttributes redirect) {
    ApplicationDraft draft = ApplicationDraft.of(request.getSession(false));
    if (draft != null) {
      return showForm(draft, Map.of(), model);
    }
    if (request.getRequestedSessionId() != null && !request.isRequestedSessionIdValid()) {
      return "portal/expired";
    }
    Optional<Channel> channel = openChannel(channelId);
    if (channel.isPresent()) {
      redirect.addFlashAttribute("notice", message("agreement.startHere", locale));
      redirect.addAttribute("channelId", channel.get().id());
      return "redirect:/apply";
    }
    model.addAttribute(
        "demoChannel",
        channels.find(HomeController.DEMO_CHANNEL).filter(Channel::enabled).isPresent()
            ? HomeController.DEMO_CHANNEL
            : null);
    return "portal/start-first";
  }

  @PostMapping("/form")
  public String submitForm(
      @RequestParam Map<String, String> parameters,
      Model model,
      Locale locale,
      HttpServletRequest request,
      HttpServletResponse response) {
    HttpSession session = request.getSession(false);
    ApplicationDraft draft = ApplicationDraft.of(session);
    if (draft == null) {
      return "portal/expired";
    }
    draft.form = ApplicationForm.of(parameters);
    draft.save(session);
    ApplicationFormCheck.Result checked = ApplicationFormCheck.check(draft.form, messages, locale, clock);
    if (!checked.passed()) {
      return showForm(draft, checked.errors(), model);
    }
    UnitApplication application = checked.application();
    if (draft.orderId == null) {
      return startOrder(draft, application, model, locale, request, response);
    }
    Order current = accessibleOrder(draft.orderId, request);
    boolean rejected = ApplicationCorrection.isCorrectable(current);
    if (current.status() != OrderStatus.APPLICATION_FILLED && !rejected) {
      return "redirect:" + ApplicationSteps.pathFor(current);
    }
    if (!current.application().creditCode().equals(application.creditCode())) {
      Map<String, String> errors = new LinkedHashMap<>();
      errors.put(ApplicationForm.CREDIT_CODE, message("form.error.creditCodeFixed", locale));
      return showForm(draft, errors, model);
    }
    if (rejected) {
      return correct(current, application, draft, model, locale, session);
    }
    Order order = orders.changeApplication(current.id(), application);
    Map<String, String> errors = verifier.verify(order.id(), order.application(), draft, locale);
    draft.save(session);
    if (!errors.isEmpty()) {
      return showForm(draft, errors, model);
    }
    step(() -> flow.verified(order.id()));
    return "redirect:" + ApplicationSteps.pathFor(order.id(), OrderStatus.VERIFIED);
  }

  /**
   * 返回修改 of a rejected order: the verifications its changes made owed are done again; only when
   * they passed is the corrected application stored and the order moved on (to 确认订单). A failed
   * verification leaves the order rejected, as it was, and the form as typed with its errors.
   */
  private String correct(
      Order current,
      UnitApplication application,
      ApplicationDraft draft,
      Model model,
      Locale locale,
      HttpSession session) {
    Set<ApplicationCorrection.Check> owed = ApplicationCorrection.owed(current.application(), application);
    Map<String, String> errors = verifier.verifyAgain(current.id(), application, owed, draft, locale);
    draft.save(session);
    if (!errors.isEmpty()) {
      return showForm(draft, errors, model);
    }
    Order corrected;
    try {
      corrected = correction.correct(current.id(), application, owed);
    } catch (MoveNotAllowedException | ConcurrentOrderChangeException e) {
      throw new ResponseStatusException(HttpStatus.CONFLICT);
    }
    return "redirect:" + ApplicationSteps.pathFor(corrected);
  }

  /**
   * A new application becomes an order only once both verifications passed: until then it is
   * the session's draft, and the authorization code is keyed by the number the order will take
   * (kept in the draft, so 下一步 again keeps the code's cooldown and tries). An application that
   * fails leaves nothing in the database: it holds no organization's one unfinished order and
   * shows in no order query.
   */
  private String startOrder(
      ApplicationDraft draft,
      UnitApplication application,
      Model model,
      Locale locale,
      HttpServletRequest request,
      HttpServletResponse response) {
    // no verification (paid checks, a code to the legal representative) for an application that
    // could not become an order; an order that never passed verification keeps no one out and is
    // not mentioned (startVerified replaces it)
    if (orders.blockingOrder(application.creditCode(), BusinessType.NEW_UNIT_CERTIFICATE).isPresent()) {
      return unfinishedOrder(draft.channelId, model, response);
    }
    if (draft.reservedNumber == null) {
      draft.reservedNumber = orders.newOrderNumber();
    }
    Map<String, String> errors = verifier.verify(draft.reservedNumber, application, draft, locale);
    draft.save(request.getSession());
    if (!errors.isEmpty()) {
      return showForm(draft, errors, model);
    }
    Order order;
    try {
      order =
          orders.startVerified(
              draft.reservedNumber, BusinessType.NEW_UNIT_CERTIFICATE, draft.channelId, application, VERIFIED_NOTE);
    } catch (UnfinishedOrderExistsException e) {
      return unfinishedOrder(draft.channelId, model, response);
    }
    access.allowOrder(request, order.id());
    draft.orderId = order.id();
    draft.save(request.getSession());
    return "redirect:" + ApplicationSteps.pathFor(order.id(), OrderStatus.VERIFIED);
  }

  /**
   * 继续办理 of an order on its form, or 返回修改 of a rejected one: the order's application becomes
   * this session's form.
   */
  @GetMapping("/{orderId}/form")
  public String editOrder(@PathVariable String orderId, HttpServletRequest request) {
    Order order = accessibleOrder(orderId, request);
    if (order.status() != OrderStatus.APPLICATION_FILLED && !ApplicationCorrection.isCorrectable(order)) {
      return "redirect:" + ApplicationSteps.pathFor(order);
    }
    loadIntoSession(order, request);
    return "redirect:/apply/form";
  }

  // ---- 确认订单 / 返回修改 -----------------------------------------------------------------

  @GetMapping("/{orderId}/confirm")
  public String confirmPage(@PathVariable String orderId, HttpServletRequest request, Model model) {
    Order order = accessibleOrder(orderId, request);
    if (order.status() != OrderStatus.VERIFIED) {
      return "redirect:" + ApplicationSteps.pathFor(order);
    }
    model.addAttribute("order", order);
    model.addAttribute("shown", ShownApplication.of(order.application()));
    model.addAttribute("codeSent", codeSentFor(order, request));
    addManualTransfer(order, model);
    model.addAttribute("channelId", order.channelId());
    return "portal/confirm";
  }

  @PostMapping("/{orderId}/confirm")
  public String confirm(@PathVariable String orderId, HttpServletRequest request) {
    Order order = accessibleOrder(orderId, request);
    if (order.status() != OrderStatus.VERIFIED) {
      return "redirect:" + ApplicationSteps.pathFor(order);
    }
    Order confirmed;
    try {
      // after a correction that left the enterprise verification as it was, past the code too
      confirmed = correction.confirm(orderId);
    } catch (MoveNotAllowedException | ConcurrentOrderChangeException e) {
      throw new ResponseStatusException(HttpStatus.CONFLICT);
    }
    return "redirect:" + ApplicationSteps.pathFor(confirmed);
  }

  /**
   * 返回修改: back to the form from the confirmation or the code page, or from a rejection (the
   * order stays rejected until its corrected form passed the verifications it needs).
   */
  @PostMapping("/{orderId}/edit")
  public String backToForm(@PathVariable String orderId, HttpServletRequest request) {
    Order order = accessibleOrder(orderId, request);
    if (order.status() != OrderStatus.APPLICATION_FILLED && !ApplicationCorrection.isCorrectable(order)) {
      if (!order.workflow().allows(order.status(), OrderStatus.APPLICATION_FILLED)) {
        return "redirect:" + ApplicationSteps.pathFor(order);
      }
      order = step(() -> flow.backToForm(orderId));
    }
    loadIntoSession(order, request);
    return "redirect:/apply/form";
  }

  // ---- 证书授权码 ------------------------------------------------------------------------

  @GetMapping("/{orderId}/code")
  public String codePage(@PathVariable String orderId, HttpServletRequest request, Model model) {
    Order order = accessibleOrder(orderId, request);
    if (order.status() != OrderStatus.CONFIRMED) {
      return "redirect:" + ApplicationSteps.pathFor(order);
    }
    return showCodePage(order, "", Map.of(), model, request);
  }

  @PostMapping("/{orderId}/code")
  public String enterCode(
      @PathVariable String orderId,
      @RequestParam(defaultValue = "") String code,
      HttpServletRequest request,
      Locale locale,
      Model model) {
    Order order = accessibleOrder(orderId, request);
    if (order.status() != OrderStatus.CONFIRMED) {
      return "redirect:" + ApplicationSteps.pathFor(order);
    }
    String typed = code.length() > TypedCode.MAX_READ ? code.substring(0, TypedCode.MAX_READ) : code;
    String digits = TypedCode.parse(code).digitsOrNull();
    if (digits == null) {
      // a typo in the format costs no try
      return showCodePage(order, typed, Map.of("code", message("code.error.format", locale)), model, request);
    }
    CodeEntry entry = step(() -> flow.enterAuthorizationCode(orderId, digits));
    if (entry instanceof CodeEntry.Refused refused) {
      CodeCheck check = refused.check();
      String error =
          check.status() == CodeCheck.Status.WRONG
              ? message("code.error.WRONG", locale, check.triesLeft())
              : message("code.error." + check.status().name(), locale);
      return showCodePage(order, typed, Map.of("code", error), model, request);
    }
    ApplicationDraft draft = ApplicationDraft.of(request.getSession(false));
    if (draft != null && orderId.equals(draft.orderId)) {
      // the code is used up: walking the form again (返回修改) needs a new one
      draft.codeSent = null;
      draft.save(request.getSession());
    }
    return "redirect:" + ApplicationSteps.pathFor(orderId, OrderStatus.AUTHORIZATION_CODE_ENTERED);
  }

  /** 重新获取: the enterprise verification again, which sends a new code once the cooldown is over. */
  @PostMapping("/{orderId}/code/resend")
  public String resendCode(
      @PathVariable String orderId,
      HttpServletRequest request,
      Locale locale,
      RedirectAttributes redirect) {
    Order order = accessibleOrder(orderId, request);
    if (order.status() != OrderStatus.CONFIRMED) {
      return "redirect:" + ApplicationSteps.pathFor(order);
    }
    ApplicationDraft draft = draftFor(order, request);
    ApplicationVerifier.Resend resend = verifier.resend(order, draft, locale);
    draft.save(request.getSession());
    redirect.addFlashAttribute(resend.sent() ? "notice" : "problem", resend.message());
    return "redirect:" + ApplicationSteps.pathFor(order);
  }

  // ---- helpers ---------------------------------------------------------------------------

  private String showForm(ApplicationDraft draft, Map<String, String> errors, Model model) {
    model.addAttribute("form", draft.form);
    model.addAttribute("errors", errors);
    model.addAttribute("channelId", draft.channelId);
    model.addAttribute("orderId", draft.orderId);
    model.addAttribute("idTypes", ApplicationForm.personalIdTypes());
    model.addAttribute("banks", ApplicationForm.BANKS);
    model.addAttribute("enterpriseMethods", ApplicationForm.enterpriseMethods());
    model.addAttribute("adminMethods", ApplicationForm.administratorMethods());
    Optional<Order> rejected =
        draft.orderId == null
            ? Optional.empty()
            : orders.find(draft.orderId).filter(ApplicationCorrection::isCorrectable);
    model.addAttribute("correcting", rejected.isPresent());
    model.addAttribute("rejection", rejected.flatMap(RejectionReason::noteOf).orElse(null));
    return "portal/form";
  }

  private String showCodePage(
      Order order, String typed, Map<String, String> errors, Model model, HttpServletRequest request) {
    model.addAttribute("order", order);
    ApplicationDraft.CodeSent codeSent = codeSentFor(order, request);
    model.addAttribute("codeSent", codeSent);
    if (codeSent != null) {
      model.addAttribute("codeExpires", SHOWN_TIME.format(codeSent.expiresAt().atZone(CertificateRules.CHINA_TIME)));
    }
    addManualTransfer(order, model);
    model.addAttribute("method", order.application().enterpriseVerification().method().name());
    model.addAttribute("typed", typed);
    model.addAttribute("errors", errors);
    model.addAttribute("channelId", order.channelId());
    model.addAttribute("resendAfter", verifier.secondsUntilResend(order));
    return "portal/code";
  }

  /**
   * The order's corporate transfer finance makes by hand, if there is one: on its way (打款处理中),
   * made (the code valid until …) or failed (the bank's answer). It, not the session, says where
   * the transfer stands.
   */
  private void addManualTransfer(Order order, Model model) {
    if (order.application().enterpriseVerification().method() != EnterpriseMethod.CORPORATE_TRANSFER) {
      return;
    }
    verifier
        .manualTransfer(order.id())
        .ifPresent(
            task -> {
              model.addAttribute("transfer", task);
              model.addAttribute("transferAccount", Masking.lastFour(task.account().accountNumber()));
              if (task.markedAt() != null) {
                model.addAttribute("transferMarked", SHOWN_TIME.format(task.markedAt().atZone(CertificateRules.CHINA_TIME)));
                model.addAttribute(
                    "transferValidUntil",
                    SHOWN_TIME.format(
                        task.markedAt().plus(verifier.transferCodeLifetime()).atZone(CertificateRules.CHINA_TIME)));
              }
            });
  }

  private ApplicationDraft.CodeSent codeSentFor(Order order, HttpServletRequest request) {
    ApplicationDraft draft = ApplicationDraft.of(request.getSession(false));
    return draft != null && order.id().equals(draft.orderId) ? draft.codeSent : null;
  }

  /** The session's draft of this order; a session that continues the order gets one made. */
  private ApplicationDraft draftFor(Order order, HttpServletRequest request) {
    ApplicationDraft draft = ApplicationDraft.of(request.getSession(false));
    if (draft != null && order.id().equals(draft.orderId)) {
      return draft;
    }
    return loadIntoSession(order, request);
  }

  private ApplicationDraft loadIntoSession(Order order, HttpServletRequest request) {
    HttpSession session = request.getSession(true);
    ApplicationDraft existing = ApplicationDraft.of(session);
    ApplicationDraft draft = ApplicationDraft.start(session, order.channelId());
    draft.orderId = order.id();
    draft.form = ApplicationForm.of(order.application());
    if (existing != null && order.id().equals(existing.orderId)) {
      draft.codeSent = existing.codeSent;
    }
    draft.save(session);
    return draft;
  }

  private Order accessibleOrder(String orderId, HttpServletRequest request) {
    Order order =
        orders.find(orderId).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
    if (order.businessType() != BusinessType.NEW_UNIT_CERTIFICATE || !access.mayOpen(request, order)) {
      throw new ResponseStatusException(HttpStatus.NOT_FOUND);
    }
    return order;
  }

  /**
   * 存在未完成订单: that an unfinished order exists, never which one or whose: anyone can type a
   * credit code. Its handler continues or cancels it in 订单查询.
   */
  private String unfinishedOrder(String channelId, Model model, HttpServletResponse response) {
    response.setStatus(HttpServletResponse.SC_CONFLICT);
    model.addAttribute("channelId", channelId);
    model.addAttribute("openOrderLink", "/orders");
    return "portal/unfinished-order";
  }

  private Optional<Channel> openChannel(String channelId) {
    return channelId == null ? Optional.empty() : channels.find(channelId.strip()).filter(Channel::enabled);
  }

  private String channelProblem(String channelId, Model model, HttpServletResponse response) {
    boolean missing = channelId == null || channelId.isBlank();
    response.setStatus(missing ? HttpServletResponse.SC_BAD_REQUEST : HttpServletResponse.SC_NOT_FOUND);
    Optional<Channel> known = missing ? Optional.empty() : channels.find(channelId.strip());
    model.addAttribute("problem", missing ? "missing" : known.isPresent() ? "disabled" : "unknown");
    model.addAttribute(
        "demoChannel",
        channels.find(HomeController.DEMO_CHANNEL).filter(Channel::enabled).isPresent()
            ? HomeController.DEMO_CHANNEL
            : null);
    return "portal/channel-problem";
  }

  private String message(String key, Locale locale, Object... args) {
    return messages.getMessage(key, args, locale);
  }
}
