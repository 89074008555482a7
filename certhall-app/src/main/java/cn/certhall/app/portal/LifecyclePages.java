package cn.certhall.app.portal;

import cn.certhall.app.material.MaterialProperties;
import cn.certhall.app.web.OrderAccess;
import cn.certhall.domain.certificate.CertificateRules;
import cn.certhall.domain.identity.Masking;
import cn.certhall.domain.lifecycle.ApplicationChange;
import cn.certhall.domain.lifecycle.CertificateOptions;
import cn.certhall.domain.lifecycle.HeldCertificate;
import cn.certhall.domain.lifecycle.IdentityProof;
import cn.certhall.domain.lifecycle.LifecycleFlow;
import cn.certhall.domain.lifecycle.LifecycleFlow.Submission;
import cn.certhall.domain.lifecycle.LifecycleService;
import cn.certhall.domain.lifecycle.Refusal;
import cn.certhall.domain.lifecycle.RevocationChoice;
import cn.certhall.domain.material.Material;
import cn.certhall.domain.material.MaterialKind;
import cn.certhall.domain.material.MaterialService;
import cn.certhall.domain.material.QualityFlag;
import cn.certhall.domain.material.UploadLimits;
import cn.certhall.domain.material.UploadMessages;
import cn.certhall.domain.order.BusinessType;
import cn.certhall.domain.order.Order;
import cn.certhall.domain.order.OrderService;
import cn.certhall.domain.orderquery.CodeRequestResult;
import cn.certhall.domain.verification.CodeCheck;
import cn.certhall.domain.verification.EnterpriseMethod;
import cn.certhall.domain.verification.EnterpriseVerificationResult;
import cn.certhall.domain.verification.SmsCodeResult;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.ui.Model;
import org.springframework.util.unit.DataSize;
import org.springframework.web.server.ResponseStatusException;

/**
 * What the pages of 证书更新, 信息变更 and 证书吊销 share: the session's proof and channel, the chosen
 * certificate, the order a URL names (404 unless this session may open it), each page's model, and
 * the wording of the flows' results (bundle keys; the rules are the domain's).
 */
@Component
class LifecyclePages {
  // the session attributes keep their names from before the controller was split
  static final String PROOF = LifecycleController.class.getName() + ".proof";
  static final String CHANNEL = LifecycleController.class.getName() + ".channel";
  private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss");

  private final OrderService orders;
  private final LifecycleService lifecycle;
  private final OrderAccess access;
  private final MessageSource messages;
  private final MaterialService materials;
  private final UploadLimits limits;
  private final Clock clock;

  LifecyclePages(
      OrderService orders,
      LifecycleService lifecycle,
      OrderAccess access,
      MessageSource messages,
      MaterialService materials,
      MaterialProperties materialProperties,
      Clock clock) {
    this.orders = orders;
    this.lifecycle = lifecycle;
    this.access = access;
    this.messages = messages;
    this.materials = materials;
    this.limits = materialProperties.limits();
    this.clock = clock;
  }

  // ---- the session and the URL --------------------------------------------------------------

  Optional<IdentityProof> proof(HttpServletRequest request) {
    HttpSession session = request.getSession(false);
    if (session == null || !(session.getAttribute(PROOF) instanceof IdentityProof proof)) {
      return Optional.empty();
    }
    return proof.holds(clock.instant()) ? Optional.of(proof) : Optional.empty();
  }

  static String channelOf(HttpServletRequest request) {
    HttpSession session = request.getSession(false);
    Object channel = session == null ? null : session.getAttribute(CHANNEL);
    return channel instanceof String s ? s : HomeController.DEMO_CHANNEL;
  }

  /** The proven organization's certificate named by the form; 404 otherwise. */
  CertificateOptions chosen(HttpServletRequest request, String ca, String serial) {
    IdentityProof proof =
        proof(request).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
    return lifecycle
        .certificate(proof, ca, serial)
        .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
  }

  /** A renewal, change or revocation this session may open; 404 otherwise. */
  Order accessible(String orderId, HttpServletRequest request) {
    Order order =
        orders.find(orderId).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
    if (order.businessType() == BusinessType.NEW_UNIT_CERTIFICATE
        || !access.mayOpen(request, order)) {
      throw new ResponseStatusException(HttpStatus.NOT_FOUND);
    }
    return order;
  }

  /** The flow of a path ({@code renewal}, {@code change}, {@code revocation}); 404 for another. */
  static BusinessType type(String flow) {
    return switch (flow) {
      case "renewal" -> BusinessType.RENEWAL;
      case "change" -> BusinessType.INFORMATION_CHANGE;
      case "revocation" -> BusinessType.REVOCATION;
      default -> throw new ResponseStatusException(HttpStatus.NOT_FOUND);
    };
  }

  // ---- pages ----------------------------------------------------------------------------------

  String entryPage(
      String flow,
      LifecycleForms.EntryForm form,
      Map<String, String> errors,
      String notice,
      String channelId,
      Model model) {
    model.addAttribute("flow", flow);
    model.addAttribute("form", form);
    model.addAttribute("errors", errors);
    model.addAttribute("notice", notice);
    model.addAttribute("channelId", channelId);
    return "lifecycle/entry";
  }

  /**
   * One line of the certificate list, worded.
   *
   * @param applyAnew the refusal sends the organization to 单位证书新办 (expired too long to renew)
   */
  public record CertificateRow(
      String caName,
      String serial,
      String organizationName,
      String notBefore,
      String notAfter,
      String state,
      boolean allowed,
      String refusal,
      boolean applyAnew) {}

  CertificateRow row(CertificateOptions o, BusinessType type, Locale locale) {
    HeldCertificate c = o.certificate();
    Optional<Refusal> refusal = o.refusal(type);
    return new CertificateRow(
        c.caName(),
        c.serialHex(),
        c.organizationName(),
        shown(c.notBefore()),
        shown(c.notAfter()),
        message("lifecycle.state." + o.state().name(), locale),
        refusal.isEmpty(),
        refusal.map(r -> refusalText(r, o, locale)).orElse(null),
        refusal.filter(r -> r == Refusal.RENEWAL_EXPIRED_TOO_LONG).isPresent());
  }

  /**
   * @param orderId the order whose form this is (返回修改), or null for a new one
   */
  String formPage(
      String flow,
      HeldCertificate certificate,
      LifecycleForms.Checked form,
      String orderId,
      Model model) {
    model.addAttribute("flow", flow);
    model.addAttribute("certificate", certificate);
    model.addAttribute("orderId", orderId);
    model.addAttribute("form", form.form());
    model.addAttribute("extra", form.extra());
    model.addAttribute("errors", form.errors());
    model.addAttribute("idTypes", ApplicationForm.personalIdTypes());
    return "lifecycle/form";
  }

  /** The form again with the failed verification's error beside its field (422). */
  String formError(
      String flow,
      HeldCertificate certificate,
      LifecycleForms.Checked checked,
      Submission result,
      String orderId,
      HttpServletResponse response,
      Model model,
      Locale locale) {
    response.setStatus(422);
    return formPage(
        flow,
        certificate,
        LifecycleForms.withErrors(checked, errorOf(result, locale)),
        orderId,
        model);
  }

  String revocationPage(CertificateOptions options, LifecycleForms.Checked form, Model model) {
    model.addAttribute("flow", "revocation");
    model.addAttribute("certificate", options.certificate());
    model.addAttribute("form", form.form());
    model.addAttribute("extra", form.extra());
    model.addAttribute("errors", form.errors());
    model.addAttribute("reasons", RevocationChoice.values());
    model.addAttribute("enterpriseMethods", ApplicationForm.enterpriseMethods());
    model.addAttribute("banks", ApplicationForm.BANKS);
    return "lifecycle/revoke";
  }

  String authorizationPage(Order order, Map<String, String> errors, String notice, Model model) {
    model.addAttribute("order", order);
    model.addAttribute("method", order.application().enterpriseVerification().method().name());
    model.addAttribute("errors", errors);
    model.addAttribute("notice", notice);
    model.addAttribute("channelId", order.channelId());
    return "lifecycle/authorization";
  }

  String certificateCodePage(Order order, Map<String, String> errors, String notice, Model model) {
    model.addAttribute("order", order);
    model.addAttribute("target", lifecycle.target(order.id()).orElseThrow());
    model.addAttribute("errors", errors);
    model.addAttribute("notice", notice);
    model.addAttribute("channelId", order.channelId());
    return "lifecycle/certificate-code";
  }

  /**
   * The confirmation with its optional 印章采集表: the current upload with its quality notes, the
   * template, and, when the name changes, the suggestion to upload one (the old impression shows
   * the old name, so without a new form the seal is drawn from the new name).
   *
   * @param sealFormError why the last upload was refused, or null
   */
  String confirmPage(Order order, String sealFormError, Model model, Locale locale) {
    String orderId = order.id();
    List<ApplicationChange> changes = lifecycle.changes(orderId);
    Material sealForm =
        materials.current(orderId).stream()
            .filter(m -> m.kind() == MaterialKind.SEAL_COLLECTION_FORM)
            .findFirst()
            .orElse(null);
    List<String> notes = new ArrayList<>();
    if (sealForm != null) {
      for (QualityFlag flag : sealForm.flags()) {
        notes.add(UploadMessages.message(flag, limits, locale));
      }
    }
    model.addAttribute("order", order);
    model.addAttribute("shown", ShownApplication.of(order.application()));
    model.addAttribute("changes", changes);
    model.addAttribute("target", lifecycle.target(orderId).orElseThrow());
    model.addAttribute("flow", LifecycleSteps.flowName(order.businessType()));
    model.addAttribute("channelId", order.channelId());
    model.addAttribute(
        "takesSealForm",
        MaterialService.takesOptionalUpload(order, MaterialKind.SEAL_COLLECTION_FORM));
    model.addAttribute("sealForm", sealForm);
    model.addAttribute(
        "sealFormUploadedAt",
        sealForm == null ? null : MaterialsController.TIME.format(sealForm.uploadedAt()));
    model.addAttribute(
        "sealFormSize", sealForm == null ? null : MaterialsController.size(sealForm.size()));
    model.addAttribute("sealFormNotes", notes);
    model.addAttribute("sealFormError", sealFormError);
    model.addAttribute(
        "nameChanged", changes.stream().anyMatch(c -> c.field().equals("organizationName")));
    model.addAttribute("maxMegabytes", maxMegabytes());
    return "lifecycle/confirm";
  }

  long maxMegabytes() {
    return DataSize.ofBytes(limits.maxBytes()).toMegabytes();
  }

  String refused(
      String flow,
      CertificateOptions options,
      Refusal refusal,
      Model model,
      HttpServletResponse response,
      HttpServletRequest request,
      Locale locale) {
    response.setStatus(HttpServletResponse.SC_CONFLICT);
    model.addAttribute("flow", flow);
    model.addAttribute("certificate", options.certificate());
    model.addAttribute("refusal", refusalText(refusal, options, locale));
    model.addAttribute(
        "offerNew", refusal == Refusal.RENEWAL_EXPIRED_TOO_LONG || refusal == Refusal.REVOKED);
    model.addAttribute("channelId", channelOf(request));
    return "lifecycle/refused";
  }

  /**
   * The page of a form's submission that started nothing because of the organization or the
   * certificate (as 单位证书新办's: that an unfinished order exists, not which; 订单查询 is where to go), or
   * null when the submission is one of the form's own errors.
   */
  String notStarted(
      String flow,
      Submission result,
      Model model,
      HttpServletResponse response,
      HttpServletRequest request,
      Locale locale) {
    if (result instanceof Submission.Refused r) {
      return refused(flow, r.options(), r.refusal(), model, response, request, locale);
    }
    if (result instanceof Submission.Unfinished) {
      response.setStatus(HttpServletResponse.SC_CONFLICT);
      model.addAttribute("channelId", channelOf(request));
      model.addAttribute("openOrderLink", "/orders");
      return "portal/unfinished-order";
    }
    return null;
  }

  // ---- wording --------------------------------------------------------------------------------

  /** The error a failed verification of a form puts next to its field. */
  Map<String, String> errorOf(Submission result, Locale locale) {
    if (result instanceof Submission.NotVerified n && n.person() == LifecycleFlow.Person.HANDLER) {
      return Map.of(
          "handlerMethod", message("lifecycle.verify.handler." + n.outcome().name(), locale));
    } else if (result instanceof Submission.NotVerified n) {
      return Map.of(
          ApplicationForm.ADMIN_METHOD, message("verify.admin." + n.outcome().name(), locale));
    } else if (result instanceof Submission.EnterpriseNotVerified e) {
      return Map.of(enterpriseField(e.result()), enterpriseProblem(e.result(), locale));
    }
    throw new IllegalArgumentException("not a form error: " + result);
  }

  /** Why 发送验证码 of the entry sent nothing. */
  String codeRequestProblem(CodeRequestResult sent, Locale locale) {
    return switch (sent.status()) {
      case COOLDOWN -> message("query.code.cooldown", locale, sent.retryAfterSeconds());
      case SMS_UNAVAILABLE -> message("query.code.unavailable", locale);
      case LIMIT_REACHED -> message("sms.limit.reached", locale);
      case REQUESTED -> throw new IllegalArgumentException("the code was requested");
    };
  }

  private static String enterpriseField(EnterpriseVerificationResult result) {
    return switch (result.outcome()) {
      case ACCOUNT_NAME_MISMATCH -> ApplicationForm.ACCOUNT_NAME;
      case ACCOUNT_INVALID -> ApplicationForm.ACCOUNT_NUMBER;
      default -> ApplicationForm.ENTERPRISE_METHOD;
    };
  }

  /** Worded as the new-unit form words it (bundle keys {@code verify.enterprise.*}). */
  String enterpriseProblem(EnterpriseVerificationResult result, Locale locale) {
    String text =
        result.outcome() == EnterpriseVerificationResult.Outcome.COOLDOWN
            ? message("verify.enterprise.COOLDOWN", locale, result.retryAfterSeconds())
            : message("verify.enterprise." + result.outcome().name(), locale);
    if (result.suggestedMethod() == EnterpriseMethod.CORPORATE_TRANSFER) {
      text = text + " " + message("verify.enterprise.suggestTransfer", locale);
    }
    return text;
  }

  /** The answer to 发送验证码 of the certificate code: the notice when sent, or the error. */
  String certificateCodeSent(
      SmsCodeResult sent, Order order, Map<String, String> errors, Locale locale) {
    switch (sent.status()) {
      case SENT -> {
        return message(
            "lifecycle.certcode.sent",
            locale,
            Masking.mobile(order.application().administrator().mobile()));
      }
      case COOLDOWN ->
          errors.put("code", message("query.code.cooldown", locale, sent.retryAfterSeconds()));
      case SMS_UNAVAILABLE -> errors.put("code", message("query.code.unavailable", locale));
      case SMS_INVALID_NUMBER -> errors.put("code", message("sms.invalid-number", locale));
      case SMS_RATE_LIMITED -> errors.put("code", message("sms.rate-limited", locale));
      case LIMIT_REACHED -> errors.put("code", message("sms.limit.reached", locale));
    }
    return null;
  }

  String codeProblem(CodeCheck check, Locale locale) {
    return switch (check.status()) {
      case WRONG -> message("lifecycle.code.WRONG", locale, check.triesLeft());
      default -> message("lifecycle.code." + check.status().name(), locale);
    };
  }

  String refusalText(Refusal r, CertificateOptions o, Locale locale) {
    return switch (r) {
      case RENEWAL_TOO_EARLY ->
          message(
              "lifecycle.refusal.RENEWAL_TOO_EARLY",
              locale,
              o.renewal().renewableFrom().format(DAY));
      case RENEWAL_EXPIRED_TOO_LONG ->
          message(
              "lifecycle.refusal.RENEWAL_EXPIRED_TOO_LONG",
              locale,
              o.renewal().renewableUntil().format(DAY));
      default -> message("lifecycle.refusal." + r.name(), locale);
    };
  }

  static String shown(Instant instant) {
    return instant.atZone(CertificateRules.CHINA_TIME).format(DAY);
  }

  String message(String key, Locale locale, Object... args) {
    return messages.getMessage(key, args, locale);
  }
}
