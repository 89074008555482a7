package cn.certhall.app.portal;

import cn.certhall.app.web.OrderAccess;
import cn.certhall.domain.certificate.CertificateRules;
import cn.certhall.domain.channel.Channel;
import cn.certhall.domain.channel.ChannelDirectory;
import cn.certhall.domain.identity.Masking;
import cn.certhall.domain.order.ApplicationCorrection;
import cn.certhall.domain.order.BusinessType;
import cn.certhall.domain.order.Order;
import cn.certhall.domain.order.OrderService;
import cn.certhall.domain.review.RejectionReason;
import cn.certhall.domain.verification.EnterpriseMethod;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.Optional;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.ui.Model;
import org.springframework.web.server.ResponseStatusException;

/**
 * What the pages of 单位证书新办 ({@link ApplicationController}) share: the order a URL names (404 unless
 * this session may open it), the session's draft of an order, each page's model, the channel's
 * problem and the unfinished order's page.
 */
@Component
class ApplicationPages {
  private static final DateTimeFormatter SHOWN_TIME =
      DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm");

  private final ChannelDirectory channels;
  private final OrderService orders;
  private final OrderAccess access;
  private final ApplicationVerifier verifier;

  ApplicationPages(
      ChannelDirectory channels,
      OrderService orders,
      OrderAccess access,
      ApplicationVerifier verifier) {
    this.channels = channels;
    this.orders = orders;
    this.access = access;
    this.verifier = verifier;
  }

  /**
   * An order of 单位证书新办 this session may open: an order id in a URL opens nothing by itself (404, as
   * for an order that does not exist).
   */
  Order accessible(String orderId, HttpServletRequest request) {
    Order order =
        orders.find(orderId).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
    if (order.businessType() != BusinessType.NEW_UNIT_CERTIFICATE
        || !access.mayOpen(request, order)) {
      throw new ResponseStatusException(HttpStatus.NOT_FOUND);
    }
    return order;
  }

  Optional<Channel> openChannel(String channelId) {
    return channelId == null
        ? Optional.empty()
        : channels.find(channelId.strip()).filter(Channel::enabled);
  }

  String demoChannel() {
    return channels.find(HomeController.DEMO_CHANNEL).filter(Channel::enabled).isPresent()
        ? HomeController.DEMO_CHANNEL
        : null;
  }

  String channelProblem(String channelId, Model model, HttpServletResponse response) {
    boolean missing = channelId == null || channelId.isBlank();
    response.setStatus(
        missing ? HttpServletResponse.SC_BAD_REQUEST : HttpServletResponse.SC_NOT_FOUND);
    Optional<Channel> known = missing ? Optional.empty() : channels.find(channelId.strip());
    model.addAttribute("problem", missing ? "missing" : known.isPresent() ? "disabled" : "unknown");
    model.addAttribute("demoChannel", demoChannel());
    return "portal/channel-problem";
  }

  /**
   * 存在未完成订单: that an unfinished order exists, never which one or whose: anyone can type a credit
   * code. Its handler continues or cancels it in 订单查询.
   */
  String unfinishedOrder(String channelId, Model model, HttpServletResponse response) {
    response.setStatus(HttpServletResponse.SC_CONFLICT);
    model.addAttribute("channelId", channelId);
    model.addAttribute("openOrderLink", "/orders");
    return "portal/unfinished-order";
  }

  String form(ApplicationDraft draft, Map<String, String> errors, Model model) {
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

  String confirm(Order order, Model model, HttpServletRequest request) {
    model.addAttribute("order", order);
    model.addAttribute("shown", ShownApplication.of(order.application()));
    model.addAttribute("codeSent", codeSentFor(order, request));
    addManualTransfer(order, model);
    model.addAttribute("channelId", order.channelId());
    return "portal/confirm";
  }

  String code(
      Order order,
      String typed,
      Map<String, String> errors,
      Model model,
      HttpServletRequest request) {
    model.addAttribute("order", order);
    ApplicationDraft.CodeSent codeSent = codeSentFor(order, request);
    model.addAttribute("codeSent", codeSent);
    if (codeSent != null) {
      model.addAttribute(
          "codeExpires",
          SHOWN_TIME.format(codeSent.expiresAt().atZone(CertificateRules.CHINA_TIME)));
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
   * The order's corporate transfer finance makes by hand, if there is one: on its way (打款处理中), made
   * (the code valid until …) or failed (the bank's answer). It, not the session, says where the
   * transfer stands.
   */
  private void addManualTransfer(Order order, Model model) {
    if (order.application().enterpriseVerification().method()
        != EnterpriseMethod.CORPORATE_TRANSFER) {
      return;
    }
    verifier
        .manualTransfer(order.id())
        .ifPresent(
            task -> {
              model.addAttribute("transfer", task);
              model.addAttribute(
                  "transferAccount", Masking.lastFour(task.account().accountNumber()));
              if (task.markedAt() != null) {
                model.addAttribute(
                    "transferMarked",
                    SHOWN_TIME.format(task.markedAt().atZone(CertificateRules.CHINA_TIME)));
                model.addAttribute(
                    "transferValidUntil",
                    SHOWN_TIME.format(
                        task.markedAt()
                            .plus(verifier.transferCodeLifetime())
                            .atZone(CertificateRules.CHINA_TIME)));
              }
            });
  }

  private static ApplicationDraft.CodeSent codeSentFor(Order order, HttpServletRequest request) {
    ApplicationDraft draft = ApplicationDraft.of(request.getSession(false));
    return draft != null && order.id().equals(draft.orderId) ? draft.codeSent : null;
  }

  /** The session's draft of this order; a session that continues the order gets one made. */
  ApplicationDraft draftFor(Order order, HttpServletRequest request) {
    ApplicationDraft draft = ApplicationDraft.of(request.getSession(false));
    if (draft != null && order.id().equals(draft.orderId)) {
      return draft;
    }
    return loadIntoSession(order, request);
  }

  /** The order's application becomes this session's form (继续办理, 返回修改). */
  ApplicationDraft loadIntoSession(Order order, HttpServletRequest request) {
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
}
