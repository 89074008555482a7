package cn.certhall.app.portal;

import static cn.certhall.app.portal.FlowSteps.step;

import cn.certhall.app.web.OrderAccess;
import cn.certhall.domain.lifecycle.CertificateOptions;
import cn.certhall.domain.lifecycle.LifecycleFlow;
import cn.certhall.domain.lifecycle.LifecycleFlow.HolderProof;
import cn.certhall.domain.lifecycle.LifecycleFlow.Submission;
import cn.certhall.domain.lifecycle.LifecycleService;
import cn.certhall.domain.order.BusinessType;
import cn.certhall.domain.order.CodeEntry;
import cn.certhall.domain.order.Order;
import cn.certhall.domain.order.OrderStatus;
import cn.certhall.domain.verification.EnterpriseVerificationResult;
import cn.certhall.domain.verification.TypedCode;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * 证书吊销 (SPEC 3.4, manual 1.4) after the entry: the reason with the enterprise method and the
 * handler's verification ({@code /revocation/start}), the 证书授权码 and the certificate's own code with
 * the holder's signature ({@code /lifecycle/{orderId}/authorization|certificate-code}); the
 * materials, signature and waiting page are portal part 2's. Translates HTTP to {@link
 * LifecycleFlow}'s steps; every order page checks {@link OrderAccess}.
 */
@Controller
public class RevocationController {
  private final LifecycleService lifecycle;
  private final LifecycleFlow steps;
  private final OrderAccess access;
  private final LifecycleForms forms;
  private final LifecyclePages pages;

  RevocationController(
      LifecycleService lifecycle,
      LifecycleFlow steps,
      OrderAccess access,
      LifecycleForms forms,
      LifecyclePages pages) {
    this.lifecycle = lifecycle;
    this.steps = steps;
    this.access = access;
    this.forms = forms;
    this.pages = pages;
  }

  @GetMapping("/revocation/start")
  public String revocation(
      @RequestParam(defaultValue = "") String ca,
      @RequestParam(defaultValue = "") String serial,
      HttpServletRequest request,
      HttpServletResponse response,
      Model model,
      Locale locale) {
    CertificateOptions options = pages.chosen(request, ca, serial);
    if (!options.allows(BusinessType.REVOCATION)) {
      return pages.refused(
          "revocation",
          options,
          options.revokeRefusal().orElseThrow(),
          model,
          response,
          request,
          locale);
    }
    return pages.revocationPage(
        options, LifecycleForms.shown(lifecycle.currentApplication(options.certificate())), model);
  }

  @PostMapping("/revocation/start")
  public String startRevocation(
      @RequestParam Map<String, String> parameters,
      HttpServletRequest request,
      HttpServletResponse response,
      Model model,
      Locale locale) {
    CertificateOptions options =
        pages.chosen(
            request, parameters.getOrDefault("ca", ""), parameters.getOrDefault("serial", ""));
    LifecycleForms.Checked checked =
        forms.revocation(lifecycle.currentApplication(options.certificate()), parameters, locale);
    if (!checked.passed()) {
      response.setStatus(422);
      return pages.revocationPage(options, checked, model);
    }
    Submission result =
        steps.startRevocation(
            pages.proof(request).orElseThrow(),
            LifecyclePages.channelOf(request),
            options.certificate(),
            checked.reason(),
            checked.application().enterpriseVerification(),
            checked.handler());
    if (result instanceof Submission.Submitted started) {
      access.allowOrder(request, started.order().id());
      return "redirect:/lifecycle/" + started.order().id() + "/authorization";
    }
    String page = pages.notStarted("revocation", result, model, response, request, locale);
    if (page != null) {
      return page;
    }
    response.setStatus(422);
    return pages.revocationPage(
        options, LifecycleForms.withErrors(checked, pages.errorOf(result, locale)), model);
  }

  /** 证书授权码 of the revocation's enterprise verification. */
  @GetMapping("/lifecycle/{orderId}/authorization")
  public String authorization(
      @PathVariable String orderId, HttpServletRequest request, Model model) {
    Order order = pages.accessible(orderId, request);
    if (!atAuthorization(order)) {
      return "redirect:" + LifecycleSteps.pathFor(order);
    }
    return pages.authorizationPage(order, Map.of(), null, model);
  }

  @PostMapping("/lifecycle/{orderId}/authorization")
  public String submitAuthorization(
      @PathVariable String orderId,
      @RequestParam(defaultValue = "") String code,
      @RequestParam(defaultValue = "verify") String action,
      HttpServletRequest request,
      HttpServletResponse response,
      Model model,
      Locale locale) {
    Order order = pages.accessible(orderId, request);
    if (!atAuthorization(order)) {
      return "redirect:" + LifecycleSteps.pathFor(order);
    }
    if ("send".equals(action)) {
      EnterpriseVerificationResult sent = steps.resendRevocationCode(orderId);
      return sent.isCodeSent()
          ? pages.authorizationPage(order, Map.of(), pages.message("code.resent", locale), model)
          : pages.authorizationPage(
              order, Map.of("code", pages.enterpriseProblem(sent, locale)), null, model);
    }
    String typed = TypedCode.parse(code).digitsOrNull();
    if (typed == null) {
      response.setStatus(422);
      return pages.authorizationPage(
          order, Map.of("code", pages.message("lifecycle.code.format", locale)), null, model);
    }
    if (step(() -> steps.enterRevocationCode(orderId, typed))
        instanceof CodeEntry.Refused refused) {
      response.setStatus(422);
      return pages.authorizationPage(
          order, Map.of("code", pages.codeProblem(refused.check(), locale)), null, model);
    }
    return "redirect:/lifecycle/" + orderId + "/certificate-code";
  }

  private static boolean atAuthorization(Order order) {
    return order.businessType() == BusinessType.REVOCATION
        && order.status() == OrderStatus.APPLICATION_FILLED;
  }

  @GetMapping("/lifecycle/{orderId}/certificate-code")
  public String certificateCode(
      @PathVariable String orderId, HttpServletRequest request, Model model) {
    Order order = pages.accessible(orderId, request);
    if (order.status() != OrderStatus.VERIFIED) {
      return "redirect:" + LifecycleSteps.pathFor(order);
    }
    return pages.certificateCodePage(order, Map.of(), null, model);
  }

  /** 证书验证码 (SMS to the administrator) and 签名验证 with the certificate's hosted key. */
  @PostMapping("/lifecycle/{orderId}/certificate-code")
  public String submitCertificateCode(
      @PathVariable String orderId,
      @RequestParam(defaultValue = "") String code,
      @RequestParam(defaultValue = "verify") String action,
      HttpServletRequest request,
      HttpServletResponse response,
      Model model,
      Locale locale) {
    Order order = pages.accessible(orderId, request);
    if (order.status() != OrderStatus.VERIFIED) {
      return "redirect:" + LifecycleSteps.pathFor(order);
    }
    Map<String, String> errors = new LinkedHashMap<>();
    if ("send".equals(action)) {
      String notice =
          pages.certificateCodeSent(steps.sendCertificateCode(orderId), order, errors, locale);
      return pages.certificateCodePage(order, errors, notice, model);
    }
    String typed = TypedCode.parse(code).digitsOrNull();
    HolderProof proof = typed == null ? null : steps.enterCertificateCode(orderId, typed);
    if (proof instanceof HolderProof.Proved) {
      return "redirect:/apply/" + orderId + "/materials";
    }
    errors.put(
        "code",
        proof instanceof HolderProof.CodeRefused refused
            ? pages.codeProblem(refused.check(), locale)
            : pages.message(
                proof == null ? "lifecycle.code.format" : "lifecycle.certcode.signature", locale));
    response.setStatus(422);
    return pages.certificateCodePage(order, errors, null, model);
  }
}
