package cn.certhall.app.portal;

import static cn.certhall.app.portal.FlowSteps.step;

import cn.certhall.app.web.OrderAccess;
import cn.certhall.domain.channel.Channel;
import cn.certhall.domain.order.ApplicationCorrection;
import cn.certhall.domain.order.CodeEntry;
import cn.certhall.domain.order.NewApplicationFlow;
import cn.certhall.domain.order.NewApplicationFlow.Submission;
import cn.certhall.domain.order.Order;
import cn.certhall.domain.order.OrderService;
import cn.certhall.domain.order.OrderStatus;
import cn.certhall.domain.order.UnitApplication;
import cn.certhall.domain.verification.TypedCode;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.time.Clock;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * 单位证书新办, SPEC 3.1 steps 1–5 (manual 1.1): agreement, application form with enterprise and
 * administrator verification, 确认订单 / 返回修改, and the authorization code. The URLs are in {@link
 * ApplicationSteps}. The controller translates HTTP to {@link NewApplicationFlow}'s steps and their
 * results to pages; it keeps no rule of its own beyond the order of the pages.
 *
 * <p>Every page of an order checks {@link OrderAccess} ({@link ApplicationPages#accessible}). An
 * order that is at another step is sent to the page of that step.
 */
@Controller
@RequestMapping("/apply")
public class ApplicationController {
  private final OrderService orders;
  private final ApplicationVerifier verifier;
  private final NewApplicationFlow flow;
  private final OrderAccess access;
  private final ApplicationPages pages;
  private final MessageSource messages;
  private final Clock clock;

  public ApplicationController(
      OrderService orders,
      ApplicationVerifier verifier,
      NewApplicationFlow flow,
      OrderAccess access,
      ApplicationPages pages,
      MessageSource messages,
      Clock clock) {
    this.orders = orders;
    this.verifier = verifier;
    this.flow = flow;
    this.access = access;
    this.pages = pages;
    this.messages = messages;
    this.clock = clock;
  }

  @GetMapping
  public String agreement(
      @RequestParam(required = false) String channelId, Model model, HttpServletResponse response) {
    Optional<Channel> channel = pages.openChannel(channelId);
    if (channel.isEmpty()) {
      return pages.channelProblem(channelId, model, response);
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
    Optional<Channel> channel = pages.openChannel(channelId);
    if (channel.isEmpty()) {
      return pages.channelProblem(channelId, model, response);
    }
    if (!"yes".equals(agree)) {
      model.addAttribute("channelId", channel.get().id());
      model.addAttribute("errors", Map.of("agree", message("agreement.error", locale)));
      return "portal/agreement";
    }
    ApplicationDraft.start(request.getSession(true), channel.get().id());
    return "redirect:/apply/form";
  }

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
      return pages.form(draft, Map.of(), model);
    }
    if (request.getRequestedSessionId() != null && !request.isRequestedSessionIdValid()) {
      return "portal/expired";
    }
    Optional<Channel> channel = pages.openChannel(channelId);
    if (channel.isPresent()) {
      redirect.addFlashAttribute("notice", message("agreement.startHere", locale));
      redirect.addAttribute("channelId", channel.get().id());
      return "redirect:/apply";
    }
    model.addAttribute("demoChannel", pages.demoChannel());
    return "portal/start-first";
  }

  /**
   * 下一步: the form checked, then verified and stored by {@link NewApplicationFlow} (a new
   * application becomes an order only once both verifications passed; until then it is the
   * session's draft, its code keyed by the number the order will take, kept in the draft so 下一步
   * again keeps the code's cooldown and tries).
   */
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
    ApplicationFormCheck.Result checked =
        ApplicationFormCheck.check(draft.form, messages, locale, clock);
    if (!checked.passed()) {
      return pages.form(draft, checked.errors(), model);
    }
    UnitApplication application = checked.application();
    boolean codeStands = ApplicationVerifier.codeStands(draft, application);
    Submission result;
    if (draft.orderId == null) {
      if (draft.reservedNumber == null) {
        draft.reservedNumber = orders.newOrderNumber();
      }
      result = flow.submitForm(draft.reservedNumber, draft.channelId, application, codeStands);
    } else {
      Order current = pages.accessible(draft.orderId, request);
      if (current.status() != OrderStatus.APPLICATION_FILLED
          && !ApplicationCorrection.isCorrectable(current)) {
        return "redirect:" + ApplicationSteps.pathFor(current);
      }
      result = step(() -> flow.resubmitForm(current.id(), application, codeStands));
    }
    Map<String, String> errors = verifier.record(result, application, draft, locale);
    draft.save(session);
    if (result instanceof Submission.Unfinished) {
      return pages.unfinishedOrder(draft.channelId, model, response);
    }
    if (!(result instanceof Submission.Submitted submitted)) {
      return pages.form(draft, errors, model);
    }
    if (draft.orderId == null) {
      access.allowOrder(request, submitted.order().id());
      draft.orderId = submitted.order().id();
      draft.save(session);
    }
    return "redirect:" + ApplicationSteps.pathFor(submitted.order());
  }

  /**
   * 继续办理 of an order on its form, or 返回修改 of a rejected one: the order's application becomes this
   * session's form.
   */
  @GetMapping("/{orderId}/form")
  public String editOrder(@PathVariable String orderId, HttpServletRequest request) {
    Order order = pages.accessible(orderId, request);
    if (order.status() != OrderStatus.APPLICATION_FILLED
        && !ApplicationCorrection.isCorrectable(order)) {
      return "redirect:" + ApplicationSteps.pathFor(order);
    }
    pages.loadIntoSession(order, request);
    return "redirect:/apply/form";
  }

  @GetMapping("/{orderId}/confirm")
  public String confirmPage(@PathVariable String orderId, HttpServletRequest request, Model model) {
    Order order = pages.accessible(orderId, request);
    if (order.status() != OrderStatus.VERIFIED) {
      return "redirect:" + ApplicationSteps.pathFor(order);
    }
    return pages.confirm(order, model, request);
  }

  @PostMapping("/{orderId}/confirm")
  public String confirm(@PathVariable String orderId, HttpServletRequest request) {
    Order order = pages.accessible(orderId, request);
    if (order.status() != OrderStatus.VERIFIED) {
      return "redirect:" + ApplicationSteps.pathFor(order);
    }
    // after a correction that left the enterprise verification as it was, past the code too
    return "redirect:" + ApplicationSteps.pathFor(step(() -> flow.confirm(orderId)));
  }

  /**
   * 返回修改: back to the form from the confirmation or the code page, or from a rejection (the order
   * stays rejected until its corrected form passed the verifications it needs).
   */
  @PostMapping("/{orderId}/edit")
  public String backToForm(@PathVariable String orderId, HttpServletRequest request) {
    Order order = pages.accessible(orderId, request);
    if (order.status() != OrderStatus.APPLICATION_FILLED
        && !ApplicationCorrection.isCorrectable(order)) {
      if (!order.workflow().allows(order.status(), OrderStatus.APPLICATION_FILLED)) {
        return "redirect:" + ApplicationSteps.pathFor(order);
      }
      order = step(() -> flow.backToForm(orderId));
    }
    pages.loadIntoSession(order, request);
    return "redirect:/apply/form";
  }

  @GetMapping("/{orderId}/code")
  public String codePage(@PathVariable String orderId, HttpServletRequest request, Model model) {
    Order order = pages.accessible(orderId, request);
    if (order.status() != OrderStatus.CONFIRMED) {
      return "redirect:" + ApplicationSteps.pathFor(order);
    }
    return pages.code(order, "", Map.of(), model, request);
  }

  @PostMapping("/{orderId}/code")
  public String enterCode(
      @PathVariable String orderId,
      @RequestParam(defaultValue = "") String code,
      HttpServletRequest request,
      Locale locale,
      Model model) {
    Order order = pages.accessible(orderId, request);
    if (order.status() != OrderStatus.CONFIRMED) {
      return "redirect:" + ApplicationSteps.pathFor(order);
    }
    String typed =
        code.length() > TypedCode.MAX_READ ? code.substring(0, TypedCode.MAX_READ) : code;
    String digits = TypedCode.parse(code).digitsOrNull();
    if (digits == null) {
      // a typo in the format costs no try
      return pages.code(
          order, typed, Map.of("code", message("code.error.format", locale)), model, request);
    }
    if (step(() -> flow.enterAuthorizationCode(orderId, digits))
        instanceof CodeEntry.Refused refused) {
      return pages.code(
          order,
          typed,
          Map.of("code", verifier.codeProblem(refused.check(), locale)),
          model,
          request);
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
    Order order = pages.accessible(orderId, request);
    if (order.status() != OrderStatus.CONFIRMED) {
      return "redirect:" + ApplicationSteps.pathFor(order);
    }
    ApplicationDraft draft = pages.draftFor(order, request);
    ApplicationVerifier.Resend resend = verifier.resend(order, draft, locale);
    draft.save(request.getSession());
    redirect.addFlashAttribute(resend.sent() ? "notice" : "problem", resend.message());
    return "redirect:" + ApplicationSteps.pathFor(order);
  }

  private String message(String key, Locale locale, Object... args) {
    return messages.getMessage(key, args, locale);
  }
}
