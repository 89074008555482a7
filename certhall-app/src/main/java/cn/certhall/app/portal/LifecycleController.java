package cn.certhall.app.portal;

import static cn.certhall.app.portal.FlowSteps.step;

import cn.certhall.app.web.OrderAccess;
import cn.certhall.domain.lifecycle.CertificateOptions;
import cn.certhall.domain.lifecycle.HeldCertificate;
import cn.certhall.domain.lifecycle.LifecycleFlow;
import cn.certhall.domain.lifecycle.LifecycleFlow.Submission;
import cn.certhall.domain.lifecycle.LifecycleService;
import cn.certhall.domain.material.ConcurrentUploadException;
import cn.certhall.domain.material.MaterialKind;
import cn.certhall.domain.material.MaterialService;
import cn.certhall.domain.material.MaterialsNotAcceptedException;
import cn.certhall.domain.material.UploadMessages;
import cn.certhall.domain.material.UploadProblem;
import cn.certhall.domain.order.BusinessType;
import cn.certhall.domain.order.Order;
import cn.certhall.domain.order.OrderStatus;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;

/**
 * 证书更新 and 信息变更 (SPEC 3.2–3.3, manual 1.2–1.3) after the entry: the form of the chosen certificate,
 * 返回修改, and 确认订单 with its optional 印章采集表, under {@code /renewal|change/form} and {@code
 * /lifecycle/{orderId}/…}; payment and the waiting page are portal part 2's shared pages (URLs in
 * {@link LifecycleSteps}). Translates HTTP to {@link LifecycleFlow}'s steps; the rules (who is
 * verified, when an order may start) are theirs. Every order page checks {@link OrderAccess}.
 */
@Controller
public class LifecycleController {
  private final LifecycleService lifecycle;
  private final LifecycleFlow steps;
  private final OrderAccess access;
  private final MaterialService materials;
  private final LifecycleForms forms;
  private final LifecyclePages pages;

  LifecycleController(
      LifecycleService lifecycle,
      LifecycleFlow steps,
      OrderAccess access,
      MaterialService materials,
      LifecycleForms forms,
      LifecyclePages pages) {
    this.lifecycle = lifecycle;
    this.steps = steps;
    this.access = access;
    this.materials = materials;
    this.forms = forms;
    this.pages = pages;
  }

  @GetMapping("/{flow:renewal|change}/form")
  public String form(
      @PathVariable String flow,
      @RequestParam(defaultValue = "") String ca,
      @RequestParam(defaultValue = "") String serial,
      HttpServletRequest request,
      HttpServletResponse response,
      Model model,
      Locale locale) {
    CertificateOptions options = pages.chosen(request, ca, serial);
    BusinessType type = LifecyclePages.type(flow);
    if (!options.allows(type)) {
      return pages.refused(
          flow, options, options.refusal(type).orElseThrow(), model, response, request, locale);
    }
    LifecycleForms.Checked form =
        LifecycleForms.shown(lifecycle.currentApplication(options.certificate()));
    return pages.formPage(flow, options.certificate(), form, null, model);
  }

  @PostMapping("/{flow:renewal|change}/form")
  public String submitForm(
      @PathVariable String flow,
      @RequestParam Map<String, String> parameters,
      HttpServletRequest request,
      HttpServletResponse response,
      Model model,
      Locale locale) {
    CertificateOptions options =
        pages.chosen(
            request, parameters.getOrDefault("ca", ""), parameters.getOrDefault("serial", ""));
    HeldCertificate certificate = options.certificate();
    BusinessType type = LifecyclePages.type(flow);
    LifecycleForms.Checked checked =
        forms.change(type, lifecycle.currentApplication(certificate), parameters, locale);
    if (!checked.passed()) {
      response.setStatus(422);
      return pages.formPage(flow, certificate, checked, null, model);
    }
    Submission result =
        steps.submitForm(
            type,
            pages.proof(request).orElseThrow(),
            LifecyclePages.channelOf(request),
            certificate,
            checked.application(),
            checked.handler());
    if (result instanceof Submission.Submitted submitted) {
      access.allowOrder(request, submitted.order().id());
      return "redirect:/lifecycle/" + submitted.order().id() + "/confirm";
    }
    String page = pages.notStarted(flow, result, model, response, request, locale);
    return page != null
        ? page
        : pages.formError(flow, certificate, checked, result, null, response, model, locale);
  }

  /** 返回修改 (manual 1.2 (4), 1.3 (3)): the form of an order back from its confirmation. */
  @GetMapping("/lifecycle/{orderId}/form")
  public String orderForm(@PathVariable String orderId, HttpServletRequest request, Model model) {
    Order order = pages.accessible(orderId, request);
    if (!onItsForm(order)) {
      return "redirect:" + LifecycleSteps.pathFor(order);
    }
    return pages.formPage(
        LifecycleSteps.flowName(order.businessType()),
        lifecycle.target(orderId).orElseThrow(),
        LifecycleForms.shown(order.application()),
        orderId,
        model);
  }

  /**
   * The corrected form of an order: checked and verified as a new one, then the same order is
   * verified again and confirmed anew (a rejected one goes straight back to review).
   */
  @PostMapping("/lifecycle/{orderId}/form")
  public String submitOrderForm(
      @PathVariable String orderId,
      @RequestParam Map<String, String> parameters,
      HttpServletRequest request,
      HttpServletResponse response,
      Model model,
      Locale locale) {
    Order order = pages.accessible(orderId, request);
    if (!onItsForm(order)) {
      return "redirect:" + LifecycleSteps.pathFor(order);
    }
    HeldCertificate target = lifecycle.target(orderId).orElseThrow();
    String flow = LifecycleSteps.flowName(order.businessType());
    LifecycleForms.Checked checked =
        forms.change(
            order.businessType(), lifecycle.currentApplication(target), parameters, locale);
    if (!checked.passed()) {
      response.setStatus(422);
      return pages.formPage(flow, target, checked, orderId, model);
    }
    Submission result =
        step(() -> steps.resubmitForm(orderId, checked.application(), checked.handler()));
    if (result instanceof Submission.Submitted corrected) {
      return "redirect:" + LifecycleSteps.pathFor(corrected.order());
    }
    return pages.formError(flow, target, checked, result, orderId, response, model, locale);
  }

  /** A renewal or change whose form is the next step: back from its confirmation, or rejected. */
  private static boolean onItsForm(Order order) {
    return order.businessType() != BusinessType.REVOCATION
        && (order.status() == OrderStatus.APPLICATION_FILLED
            || order.status() == OrderStatus.REJECTED);
  }

  // ---- confirm, 印章采集表 --------------------------------------------------------------------

  @GetMapping("/lifecycle/{orderId}/confirm")
  public String confirm(
      @PathVariable String orderId,
      @RequestParam(required = false) String tooLarge,
      HttpServletRequest request,
      Model model,
      Locale locale) {
    Order order = pages.accessible(orderId, request);
    if (order.businessType() == BusinessType.REVOCATION) {
      return "redirect:" + LifecycleSteps.pathFor(order);
    }
    // set by UploadCeiling for a file too large to be read at all
    String error =
        MaterialKind.SEAL_COLLECTION_FORM.name().equals(tooLarge)
            ? UploadMessages.message(UploadProblem.TOO_LARGE, List.of(pages.maxMegabytes()), locale)
            : null;
    return pages.confirmPage(order, error, model, locale);
  }

  /**
   * 上传新的印章采集表（可选）on the confirmation of a renewal or change: checked by content as 资料上传's files
   * ({@link MaterialService}); a refused file gets its message beside the field and nothing is
   * stored; an accepted one replaces the one before (the history keeps it). The seal of the new
   * certificate is then made from its impression.
   */
  @PostMapping("/lifecycle/{orderId}/seal-form")
  public String uploadSealForm(
      @PathVariable String orderId,
      @RequestParam(name = "file", required = false) MultipartFile file,
      HttpServletRequest request,
      HttpServletResponse response,
      Model model,
      Locale locale)
      throws IOException {
    Order order = pages.accessible(orderId, request);
    if (!MaterialService.takesOptionalUpload(order, MaterialKind.SEAL_COLLECTION_FORM)) {
      return "redirect:" + LifecycleSteps.pathFor(order);
    }
    if (file == null
        || (file.isEmpty()
            && (file.getOriginalFilename() == null || file.getOriginalFilename().isBlank()))) {
      response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
      return pages.confirmPage(
          order, pages.message("materials.error.noFile", locale), model, locale);
    }
    MaterialService.Upload upload;
    try (InputStream content = file.getInputStream()) {
      upload = materials.upload(orderId, MaterialKind.SEAL_COLLECTION_FORM, content);
    } catch (MaterialsNotAcceptedException moved) {
      return "redirect:" + LifecycleSteps.pathFor(pages.accessible(orderId, request));
    } catch (ConcurrentUploadException raced) {
      response.setStatus(HttpServletResponse.SC_CONFLICT);
      return pages.confirmPage(
          order, pages.message("materials.error.concurrent", locale), model, locale);
    }
    if (!upload.check().isAccepted()) {
      response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
      return pages.confirmPage(
          order, UploadMessages.message(upload.check(), locale), model, locale);
    }
    return "redirect:/lifecycle/" + orderId + "/confirm?sealForm=uploaded#seal-form";
  }

  /** A page posted to (an upload answered with its page) links back here in the other language. */
  @GetMapping("/lifecycle/{orderId}/seal-form")
  public String backToConfirm(@PathVariable String orderId) {
    return "redirect:/lifecycle/" + orderId + "/confirm";
  }

  /** 确认订单. A rejected order is not confirmed here: its form is walked and verified again first. */
  @PostMapping("/lifecycle/{orderId}/confirm")
  public String submitConfirm(@PathVariable String orderId, HttpServletRequest request) {
    Order order = pages.accessible(orderId, request);
    if (order.status() == OrderStatus.VERIFIED) {
      order = step(() -> steps.confirm(orderId));
    }
    return "redirect:" + LifecycleSteps.pathFor(order);
  }

  /**
   * 返回修改 on the confirmation: the order back to its form (the workflow's VERIFIED →
   * APPLICATION_FILLED).
   */
  @PostMapping("/lifecycle/{orderId}/edit")
  public String backToForm(@PathVariable String orderId, HttpServletRequest request) {
    Order order = pages.accessible(orderId, request);
    if (order.businessType() != BusinessType.REVOCATION && order.status() == OrderStatus.VERIFIED) {
      order = step(() -> steps.backToForm(orderId));
    }
    return "redirect:" + LifecycleSteps.pathFor(order);
  }
}
