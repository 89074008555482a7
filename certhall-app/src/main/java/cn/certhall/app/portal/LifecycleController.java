package cn.certhall.app.portal;

import static cn.certhall.app.portal.FlowSteps.step;

import cn.certhall.app.material.MaterialProperties;
import cn.certhall.app.web.OrderAccess;
import cn.certhall.domain.order.HistoryNote;
import cn.certhall.domain.certificate.CertificateRules;
import cn.certhall.domain.channel.Channel;
import cn.certhall.domain.channel.ChannelDirectory;
import cn.certhall.domain.identity.BankCardNumber;
import cn.certhall.domain.identity.IdType;
import cn.certhall.domain.identity.MobileNumber;
import cn.certhall.domain.identity.UnifiedSocialCreditCode;
import cn.certhall.domain.identity.ValidationMessages;
import cn.certhall.domain.identity.ValidationResult;
import cn.certhall.domain.lifecycle.ApplicationChange;
import cn.certhall.domain.lifecycle.CertificateOptions;
import cn.certhall.domain.lifecycle.HeldCertificate;
import cn.certhall.domain.lifecycle.IdentityCheck;
import cn.certhall.domain.lifecycle.IdentityProof;
import cn.certhall.domain.lifecycle.LifecycleFlow;
import cn.certhall.domain.lifecycle.LifecycleRefusedException;
import cn.certhall.domain.lifecycle.LifecycleService;
import cn.certhall.domain.lifecycle.Refusal;
import cn.certhall.domain.lifecycle.RevocationChoice;
import cn.certhall.domain.material.ConcurrentUploadException;
import cn.certhall.domain.material.Material;
import cn.certhall.domain.material.MaterialKind;
import cn.certhall.domain.material.MaterialService;
import cn.certhall.domain.material.MaterialsNotAcceptedException;
import cn.certhall.domain.material.QualityFlag;
import cn.certhall.domain.material.UploadLimits;
import cn.certhall.domain.material.UploadMessages;
import cn.certhall.domain.material.UploadProblem;
import cn.certhall.domain.order.BusinessType;
import cn.certhall.domain.order.CodeEntry;
import cn.certhall.domain.order.EnterpriseVerificationDetails;
import cn.certhall.domain.order.Order;
import cn.certhall.domain.order.OrderService;
import cn.certhall.domain.order.OrderStatus;
import cn.certhall.domain.order.UnfinishedOrderExistsException;
import cn.certhall.domain.order.UnitApplication;
import cn.certhall.domain.orderquery.CodeRequestResult;
import cn.certhall.domain.verification.AdministratorMethod;
import cn.certhall.domain.verification.AdministratorVerification;
import cn.certhall.domain.verification.BankCardFourFactor;
import cn.certhall.domain.verification.CodeCheck;
import cn.certhall.domain.verification.CodeKey;
import cn.certhall.domain.verification.CorporateAccount;
import cn.certhall.domain.verification.EnterpriseVerification;
import cn.certhall.domain.verification.EnterpriseVerificationResult;
import cn.certhall.domain.verification.MobileThreeFactor;
import cn.certhall.domain.verification.VerificationContext;
import cn.certhall.domain.verification.Purpose;
import cn.certhall.domain.verification.SmsCodeResult;
import cn.certhall.domain.verification.SmsCodes;
import cn.certhall.domain.verification.TypedCode;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.io.InputStream;
import java.io.Serial;
import java.io.Serializable;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.unit.DataSize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.server.ResponseStatusException;

/**
 * 证书更新, 信息变更 and 证书吊销 (SPEC 3.2–3.4, manual 1.2–1.4): the entry with its identity check
 * ({@code /renewal}, {@code /change}, {@code /revocation}), the organization's certificates, and
 * each flow's own steps under {@code /lifecycle/{orderId}/…}; materials, signature, payment and
 * the waiting page are portal part 2's shared pages (URLs in {@link LifecycleSteps}).
 * Translates HTTP to {@link IdentityCheck}, {@link LifecycleService} and the verification
 * services; the rules are theirs.
 *
 * <p>The certificate list needs the session's {@link IdentityProof}; every order page checks
 * {@link OrderAccess} (an order id in a URL opens nothing by itself: 404).
 */
@Controller
public class LifecycleController {
  static final String PROOF = LifecycleController.class.getName() + ".proof";
  static final String CHANNEL = LifecycleController.class.getName() + ".channel";
  private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss");
  private static final String FLOWS = "{flow:renewal|change|revocation}";

  private final ChannelDirectory channels;
  private final OrderService orders;
  private final LifecycleService lifecycle;
  private final LifecycleFlow steps;
  private final IdentityCheck identity;
  private final AdministratorVerification realName;
  private final EnterpriseVerification enterprise;
  private final SmsCodes sms;
  private final OrderAccess access;
  private final ChannelPage channelPage;
  private final MessageSource messages;
  private final MaterialService materials;
  private final UploadLimits limits;
  private final Clock clock;

  public LifecycleController(
      ChannelDirectory channels,
      OrderService orders,
      LifecycleService lifecycle,
      LifecycleFlow steps,
      IdentityCheck identity,
      AdministratorVerification realName,
      EnterpriseVerification enterprise,
      SmsCodes sms,
      OrderAccess access,
      MessageSource messages,
      ChannelPage channelPage,
      MaterialService materials,
      MaterialProperties materialProperties,
      Clock clock) {
    this.channels = channels;
    this.materials = materials;
    this.limits = materialProperties.limits();
    this.channelPage = channelPage;
    this.orders = orders;
    this.lifecycle = lifecycle;
    this.steps = steps;
    this.identity = identity;
    this.realName = realName;
    this.enterprise = enterprise;
    this.sms = sms;
    this.access = access;
    this.messages = messages;
    this.clock = clock;
  }

  /** What the entry form held, given back when the page comes back (never the code). */
  public record EntryForm(String method, String creditCode, String name, String mobile) implements Serializable {
    @Serial private static final long serialVersionUID = 1L;
  }

  // ---- entry and identity check -----------------------------------------------------------

  @GetMapping({"/renewal", "/change", "/revocation"})
  public String entry(
      @RequestParam(required = false) String channelId,
      HttpServletRequest request,
      HttpServletResponse response,
      Model model) {
    String flow = flowOf(request);
    Optional<Channel> channel = openChannel(channelId);
    if (channel.isEmpty()) {
      return channelPage.show(channelId, model, response);
    }
    // the channel rides in the form (a hidden field), not in a session: an anonymous visit of the
    // entry makes no session row; the session starts with the proof
    return entryPage(flow, new EntryForm("HANDLER", "", "", ""), Map.of(), null, channel.get().id(), model);
  }

  @PostMapping({"/renewal", "/change", "/revocation"})
  public String submitEntry(
      @RequestParam(defaultValue = "HANDLER") String method,
      @RequestParam(defaultValue = "") String creditCode,
      @RequestParam(defaultValue = "") String name,
      @RequestParam(defaultValue = "") String mobile,
      @RequestParam(defaultValue = "") String code,
      @RequestParam(defaultValue = "verify") String action,
      @RequestParam(required = false) String channelId,
      HttpServletRequest request,
      HttpServletResponse response,
      Model model,
      Locale locale) {
    String flow = flowOf(request);
    channelId = openChannel(channelId).map(Channel::id).orElseGet(() -> channelOf(request));
    EntryForm form = new EntryForm(method, creditCode, name, mobile);
    Map<String, String> errors = new LinkedHashMap<>();
    IdentityCheck.Method m = Arrays.stream(IdentityCheck.Method.values())
        .filter(v -> v.name().equals(method)).findFirst().orElse(null);
    if (m == null) {
      errors.put("method", message("lifecycle.entry.error.method", locale));
    }
    ValidationResult code18 = UnifiedSocialCreditCode.validate(creditCode);
    if (!code18.isValid()) {
      errors.put("creditCode", ValidationMessages.message(code18.failure(), locale));
    }
    if (name.isBlank() || name.strip().length() > ApplicationFormCheck.MAX_NAME) {
      errors.put("name", message("lifecycle.entry.error.name", locale));
    }
    ValidationResult mobileNumber = MobileNumber.validate(mobile);
    if (!mobileNumber.isValid()) {
      errors.put("mobile", ValidationMessages.message(mobileNumber.failure(), locale));
    }
    if (!errors.isEmpty()) {
      response.setStatus(422);
      return entryPage(flow, form, errors, null, channelId, model);
    }
    IdentityCheck.Claim claim = new IdentityCheck.Claim(m, code18.value(), name, mobileNumber.value());
    if ("send".equals(action)) {
      CodeRequestResult sent = identity.requestCode(claim);
      switch (sent.status()) {
        case REQUESTED -> {
          return entryPage(flow, form, errors, message("lifecycle.entry.code.requested", locale), channelId, model);
        }
        case COOLDOWN -> errors.put("code", message("query.code.cooldown", locale, sent.retryAfterSeconds()));
        case SMS_UNAVAILABLE -> errors.put("code", message("query.code.unavailable", locale));
        case LIMIT_REACHED -> errors.put("code", message("sms.limit.reached", locale));
      }
      response.setStatus(422);
      return entryPage(flow, form, errors, null, channelId, model);
    }
    String typed = TypedCode.parse(code).digitsOrNull();
    if (typed == null) {
      errors.put("code", message("lifecycle.code.format", locale));
      response.setStatus(422);
      return entryPage(flow, form, errors, null, channelId, model);
    }
    IdentityCheck.Result result = identity.prove(claim, typed);
    if (result.proof().isEmpty()) {
      errors.put("code", codeProblem(result.check(), locale));
      response.setStatus(422);
      return entryPage(flow, form, errors, null, channelId, model);
    }
    if (request.getSession(false) != null) {
      request.changeSessionId();
    }
    request.getSession().setAttribute(PROOF, result.proof().get());
    request.getSession().setAttribute(CHANNEL, channelId);
    return "redirect:/" + flow + "/certificates";
  }

  // ---- the organization's certificates ------------------------------------------------------

  @GetMapping("/" + FLOWS + "/certificates")
  public String certificates(@PathVariable String flow, HttpServletRequest request, Model model, Locale locale) {
    Optional<IdentityProof> proof = proof(request);
    if (proof.isEmpty()) {
      return "redirect:/" + flow + "?channelId=" + channelOf(request);
    }
    BusinessType type = type(flow);
    List<CertificateRow> rows = lifecycle.certificates(proof.get()).stream()
        .map(o -> row(o, type, locale)).toList();
    model.addAttribute("flow", flow);
    model.addAttribute("rows", rows);
    model.addAttribute("channelId", channelOf(request));
    return "lifecycle/certificates";
  }

  /** One line of the list, worded. */
  /** @param applyAnew the refusal sends the organization to 单位证书新办 (expired too long to renew) */
  public record CertificateRow(
      String caName, String serial, String organizationName, String notBefore, String notAfter,
      String state, boolean allowed, String refusal, boolean applyAnew) {}

  private CertificateRow row(CertificateOptions o, BusinessType type, Locale locale) {
    HeldCertificate c = o.certificate();
    Optional<Refusal> refusal = o.refusal(type);
    return new CertificateRow(c.caName(), c.serialHex(), c.organizationName(), shown(c.notBefore()),
        shown(c.notAfter()), message("lifecycle.state." + o.state().name(), locale), refusal.isEmpty(),
        refusal.map(r -> refusalText(r, o, locale)).orElse(null),
        refusal.filter(r -> r == Refusal.RENEWAL_EXPIRED_TOO_LONG).isPresent());
  }

  private String refusalText(Refusal r, CertificateOptions o, Locale locale) {
    return switch (r) {
      case RENEWAL_TOO_EARLY -> message("lifecycle.refusal.RENEWAL_TOO_EARLY", locale,
          o.renewal().renewableFrom().format(DAY));
      case RENEWAL_EXPIRED_TOO_LONG -> message("lifecycle.refusal.RENEWAL_EXPIRED_TOO_LONG", locale,
          o.renewal().renewableUntil().format(DAY));
      default -> message("lifecycle.refusal." + r.name(), locale);
    };
  }

  // ---- renewal and change: the form ---------------------------------------------------------

  @GetMapping("/{flow:renewal|change}/form")
  public String form(
      @PathVariable String flow,
      @RequestParam(defaultValue = "") String ca,
      @RequestParam(defaultValue = "") String serial,
      HttpServletRequest request,
      HttpServletResponse response,
      Model model,
      Locale locale) {
    CertificateOptions options = chosen(request, ca, serial);
    BusinessType type = type(flow);
    if (!options.allows(type)) {
      return refused(flow, options, options.refusal(type).orElseThrow(), model, response, request, locale);
    }
    ApplicationForm form = ApplicationForm.of(lifecycle.currentApplication(options.certificate()));
    return formPage(flow, options.certificate(), form, Map.of("handlerMethod", "MOBILE"), Map.of(), null, model);
  }

  @PostMapping("/{flow:renewal|change}/form")
  public String submitForm(
      @PathVariable String flow,
      @RequestParam Map<String, String> parameters,
      HttpServletRequest request,
      HttpServletResponse response,
      Model model,
      Locale locale) {
    CertificateOptions options = chosen(request, parameters.getOrDefault("ca", ""),
        parameters.getOrDefault("serial", ""));
    BusinessType type = type(flow);
    // the number the order will take, so the checks are recorded for it; unused when they fail
    String number = orders.newOrderNumber();
    CheckedForm checked = checkAndVerify(number, type, options.certificate(), parameters, locale);
    if (!checked.errors().isEmpty()) {
      response.setStatus(422);
      return formPage(flow, options.certificate(), checked.form(), checked.extra(), checked.errors(), null, model);
    }
    Order order;
    try {
      order = steps.startVerified(number, type, proof(request).orElseThrow(), channelOf(request),
          options.certificate().caName(), options.certificate().serialHex(), checked.application(),
          checked.verifiedNote());
    } catch (UnfinishedOrderExistsException e) {
      return unfinished(request, response, model);
    } catch (LifecycleRefusedException e) {
      return refused(flow, e.options(), e.refusal(), model, response, request, locale);
    }
    access.allowOrder(request, order.id());
    return "redirect:/lifecycle/" + order.id() + "/confirm";
  }

  /** 返回修改 (manual 1.2 (4), 1.3 (3)): the form of an order back from its confirmation. */
  @GetMapping("/lifecycle/{orderId}/form")
  public String orderForm(@PathVariable String orderId, HttpServletRequest request, Model model) {
    Order order = accessible(orderId, request);
    if (!onItsForm(order)) {
      return "redirect:" + LifecycleSteps.pathFor(order);
    }
    return formPage(LifecycleSteps.flowName(order.businessType()), lifecycle.target(orderId).orElseThrow(),
        ApplicationForm.of(order.application()), Map.of("handlerMethod", "MOBILE"), Map.of(), orderId, model);
  }

  /**
   * The corrected form of an order: checked and verified as a new one (the handler for a renewal,
   * the administrator for a change), then the same order is verified again and confirmed anew.
   */
  @PostMapping("/lifecycle/{orderId}/form")
  public String submitOrderForm(
      @PathVariable String orderId,
      @RequestParam Map<String, String> parameters,
      HttpServletRequest request,
      HttpServletResponse response,
      Model model,
      Locale locale) {
    Order order = accessible(orderId, request);
    if (!onItsForm(order)) {
      return "redirect:" + LifecycleSteps.pathFor(order);
    }
    HeldCertificate target = lifecycle.target(orderId).orElseThrow();
    CheckedForm checked = checkAndVerify(orderId, order.businessType(), target, parameters, locale);
    if (!checked.errors().isEmpty()) {
      response.setStatus(422);
      return formPage(LifecycleSteps.flowName(order.businessType()), target, checked.form(), checked.extra(),
          checked.errors(), orderId, model);
    }
    // corrected and verified again; a rejected order goes straight back to review
    Order corrected = step(() -> steps.correct(orderId, checked.application(), checked.verifiedNote()));
    return "redirect:" + LifecycleSteps.pathFor(corrected);
  }

  /**
   * A renewal or change whose form is the next step: back from its confirmation (返回修改), or
   * rejected, when the handler corrects it and it is verified again before it returns to review.
   */
  private static boolean onItsForm(Order order) {
    return order.businessType() != BusinessType.REVOCATION
        && (order.status() == OrderStatus.APPLICATION_FILLED || order.status() == OrderStatus.REJECTED);
  }

  /** A submitted renewal or change form: its errors, or the application and why it is verified. */
  private record CheckedForm(
      ApplicationForm form,
      Map<String, String> extra,
      Map<String, String> errors,
      UnitApplication application,
      HistoryNote verifiedNote) {}

  /** @param orderId the order the checks are recorded for: its number, or the one it will take */
  private CheckedForm checkAndVerify(
      String orderId, BusinessType type, HeldCertificate certificate, Map<String, String> parameters,
      Locale locale) {
    UnitApplication current = lifecycle.currentApplication(certificate);
    Map<String, String> merged = new LinkedHashMap<>();
    ApplicationForm before = ApplicationForm.of(current);
    merged.putAll(before.getValues());
    for (String field : EDITABLE) {
      if (parameters.containsKey(field)) {
        merged.put(field, parameters.get(field));
      }
    }
    if (type == BusinessType.INFORMATION_CHANGE) {
      for (String field : List.of(ApplicationForm.ADMIN_METHOD, ApplicationForm.ADMIN_CARD_NUMBER,
          ApplicationForm.ADMIN_CARD_MOBILE)) {
        merged.put(field, parameters.getOrDefault(field, ""));
      }
    }
    ApplicationForm form = ApplicationForm.of(merged);
    Map<String, String> extra = handlerVerificationFields(parameters);
    ApplicationFormCheck.Result checked = ApplicationFormCheck.check(form, messages, locale, clock);
    Map<String, String> errors = new LinkedHashMap<>(checked.errors());
    if (!"yes".equals(parameters.get("agree"))) {
      errors.put("agree", message("agreement.error", locale));
    }
    if (type == BusinessType.RENEWAL) {
      errors.putAll(checkHandlerFields(extra, locale));
    }
    if (!errors.isEmpty()) {
      return new CheckedForm(form, extra, errors, null, null);
    }
    UnitApplication application = checked.application();
    if (type == BusinessType.RENEWAL) {
      AdministratorVerification.Result handler = verifyHandler(orderId, application, extra);
      if (!handler.isVerified()) {
        errors.put("handlerMethod", message("lifecycle.verify.handler." + handler.outcome().name(), locale));
        return new CheckedForm(form, extra, errors, null, null);
      }
      return new CheckedForm(form, extra, errors, application,
          HistoryNote.of("history.lifecycle.handlerVerified." + handler.method().name()));
    }
    AdministratorVerification.Result admin = verifyAdministrator(orderId, application);
    if (!admin.isVerified()) {
      errors.put(ApplicationForm.ADMIN_METHOD, message("verify.admin." + admin.outcome().name(), locale));
      return new CheckedForm(form, extra, errors, null, null);
    }
    return new CheckedForm(form, extra, errors, application,
        HistoryNote.of("history.lifecycle.administratorVerified"));
  }

  /** The fields the renewal and change forms may change: everything but the credit code. */
  static final List<String> EDITABLE = List.of(
      ApplicationForm.ORGANIZATION_NAME, ApplicationForm.LEGAL_REP_NAME, ApplicationForm.LEGAL_REP_ID_NUMBER,
      ApplicationForm.HANDLER_NAME, ApplicationForm.HANDLER_ID_TYPE, ApplicationForm.HANDLER_ID_NUMBER,
      ApplicationForm.HANDLER_MOBILE, ApplicationForm.HANDLER_EMAIL, ApplicationForm.ADMIN_NAME,
      ApplicationForm.ADMIN_ID_TYPE, ApplicationForm.ADMIN_ID_NUMBER, ApplicationForm.ADMIN_MOBILE);

  // ---- renewal and change: confirm, submit --------------------------------------------------

  @GetMapping("/lifecycle/{orderId}/confirm")
  public String confirm(
      @PathVariable String orderId,
      @RequestParam(required = false) String tooLarge,
      HttpServletRequest request,
      Model model,
      Locale locale) {
    Order order = accessible(orderId, request);
    if (order.businessType() == BusinessType.REVOCATION) {
      return "redirect:" + LifecycleSteps.pathFor(order);
    }
    // set by UploadCeiling for a file too large to be read at all
    String error = MaterialKind.SEAL_COLLECTION_FORM.name().equals(tooLarge)
        ? UploadMessages.message(UploadProblem.TOO_LARGE, List.of(maxMegabytes()), locale)
        : null;
    return confirmPage(order, error, model, locale);
  }

  /**
   * 上传新的印章采集表（可选）on the confirmation of a renewal or change: checked by content as
   * 资料上传's files ({@link MaterialService}); a refused file gets its message beside the field and
   * nothing is stored; an accepted one replaces the one before (the history keeps it). The seal of
   * the new certificate is then made from its impression.
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
    Order order = accessible(orderId, request);
    if (!MaterialService.takesOptionalUpload(order, MaterialKind.SEAL_COLLECTION_FORM)) {
      return "redirect:" + LifecycleSteps.pathFor(order);
    }
    if (file == null || (file.isEmpty() && (file.getOriginalFilename() == null || file.getOriginalFilename().isBlank()))) {
      response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
      return confirmPage(order, message("materials.error.noFile", locale), model, locale);
    }
    MaterialService.Upload upload;
    try (InputStream content = file.getInputStream()) {
      upload = materials.upload(orderId, MaterialKind.SEAL_COLLECTION_FORM, content);
    } catch (MaterialsNotAcceptedException moved) {
      return "redirect:" + LifecycleSteps.pathFor(accessible(orderId, request));
    } catch (ConcurrentUploadException raced) {
      response.setStatus(HttpServletResponse.SC_CONFLICT);
      return confirmPage(order, message("materials.error.concurrent", locale), model, locale);
    }
    if (!upload.check().isAccepted()) {
      response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
      return confirmPage(order, UploadMessages.message(upload.check(), locale), model, locale);
    }
    return "redirect:/lifecycle/" + orderId + "/confirm?sealForm=uploaded#seal-form";
  }

  /** A page posted to (an upload answered with its page) links back here in the other language. */
  @GetMapping("/lifecycle/{orderId}/seal-form")
  public String backToConfirm(@PathVariable String orderId) {
    return "redirect:/lifecycle/" + orderId + "/confirm";
  }

  /**
   * The confirmation with its optional 印章采集表: the current upload with its quality notes, the
   * template, and, when the name changes, the suggestion to upload one (the old impression shows
   * the old name, so without a new form the seal is drawn from the new name).
   *
   * @param sealFormError why the last upload was refused, or null
   */
  private String confirmPage(Order order, String sealFormError, Model model, Locale locale) {
    String orderId = order.id();
    List<ApplicationChange> changes = lifecycle.changes(orderId);
    Material sealForm = materials.current(orderId).stream()
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
    model.addAttribute("takesSealForm", MaterialService.takesOptionalUpload(order, MaterialKind.SEAL_COLLECTION_FORM));
    model.addAttribute("sealForm", sealForm);
    model.addAttribute("sealFormUploadedAt", sealForm == null ? null : MaterialsController.TIME.format(sealForm.uploadedAt()));
    model.addAttribute("sealFormSize", sealForm == null ? null : MaterialsController.size(sealForm.size()));
    model.addAttribute("sealFormNotes", notes);
    model.addAttribute("sealFormError", sealFormError);
    model.addAttribute("nameChanged", changes.stream().anyMatch(c -> c.field().equals("organizationName")));
    model.addAttribute("maxMegabytes", maxMegabytes());
    return "lifecycle/confirm";
  }

  private long maxMegabytes() {
    return DataSize.ofBytes(limits.maxBytes()).toMegabytes();
  }

  /** 确认订单. A rejected order is not confirmed here: its form is walked and verified again first. */
  @PostMapping("/lifecycle/{orderId}/confirm")
  public String submitConfirm(@PathVariable String orderId, HttpServletRequest request) {
    Order order = accessible(orderId, request);
    if (order.status() == OrderStatus.VERIFIED) {
      order = step(() -> steps.confirm(orderId));
    }
    return "redirect:" + LifecycleSteps.pathFor(order);
  }

  /** 返回修改 on the confirmation: the order back to its form (the workflow's VERIFIED → APPLICATION_FILLED). */
  @PostMapping("/lifecycle/{orderId}/edit")
  public String backToForm(@PathVariable String orderId, HttpServletRequest request) {
    Order order = accessible(orderId, request);
    if (order.businessType() != BusinessType.REVOCATION && order.status() == OrderStatus.VERIFIED) {
      order = step(() -> steps.backToForm(orderId));
    }
    return "redirect:" + LifecycleSteps.pathFor(order);
  }

  // ---- revocation ---------------------------------------------------------------------------

  @GetMapping("/revocation/start")
  public String revocation(
      @RequestParam(defaultValue = "") String ca,
      @RequestParam(defaultValue = "") String serial,
      HttpServletRequest request,
      HttpServletResponse response,
      Model model,
      Locale locale) {
    CertificateOptions options = chosen(request, ca, serial);
    if (!options.allows(BusinessType.REVOCATION)) {
      return refused("revocation", options, options.revokeRefusal().orElseThrow(), model, response, request, locale);
    }
    return revocationPage(options, ApplicationForm.of(lifecycle.currentApplication(options.certificate())),
        Map.of("handlerMethod", "MOBILE"), Map.of(), model);
  }

  @PostMapping("/revocation/start")
  public String startRevocation(
      @RequestParam Map<String, String> parameters,
      HttpServletRequest request,
      HttpServletResponse response,
      Model model,
      Locale locale) {
    CertificateOptions options = chosen(request, parameters.getOrDefault("ca", ""),
        parameters.getOrDefault("serial", ""));
    UnitApplication current = lifecycle.currentApplication(options.certificate());
    Map<String, String> merged = new LinkedHashMap<>(ApplicationForm.of(current).getValues());
    for (String field : ENTERPRISE_FIELDS) {
      if (parameters.containsKey(field)) {
        merged.put(field, parameters.get(field));
      }
    }
    ApplicationForm form = ApplicationForm.of(merged);
    Map<String, String> fields = handlerVerificationFields(parameters);
    fields.put("reason", parameters.getOrDefault("reason", ""));
    ApplicationFormCheck.Result checked = ApplicationFormCheck.check(form, messages, locale, clock);
    Map<String, String> errors = new LinkedHashMap<>(checked.errors());
    errors.putAll(checkHandlerFields(fields, locale));
    Optional<RevocationChoice> reason = Arrays.stream(RevocationChoice.values())
        .filter(r -> r.name().equals(fields.get("reason"))).findFirst();
    if (reason.isEmpty()) {
      errors.put("reason", message("lifecycle.revoke.error.reason", locale));
    }
    if (!errors.isEmpty()) {
      response.setStatus(422);
      return revocationPage(options, form, fields, errors, model);
    }
    String number = orders.newOrderNumber();
    AdministratorVerification.Result handler = verifyHandler(number, current, fields);
    if (!handler.isVerified()) {
      errors.put("handlerMethod", message("lifecycle.verify.handler." + handler.outcome().name(), locale));
      response.setStatus(422);
      return revocationPage(options, form, fields, errors, model);
    }
    Order order;
    try {
      order = lifecycle.startRevocation(number, proof(request).orElseThrow(), channelOf(request),
          options.certificate().caName(), options.certificate().serialHex(), reason.get(),
          checked.application().enterpriseVerification());
    } catch (UnfinishedOrderExistsException e) {
      return unfinished(request, response, model);
    } catch (LifecycleRefusedException e) {
      return refused("revocation", e.options(), e.refusal(), model, response, request, locale);
    }
    EnterpriseVerificationResult sent = sendAuthorizationCode(order);
    if (!sent.isCodeSent()) {
      // nothing to continue: the order goes, so the organization may try again at once
      steps.verificationFailed(order.id());
      errors.put(enterpriseField(sent), enterpriseProblem(sent, locale));
      response.setStatus(422);
      return revocationPage(options, form, fields, errors, model);
    }
    access.allowOrder(request, order.id());
    return "redirect:/lifecycle/" + order.id() + "/authorization";
  }

  /** The enterprise verification fields of the new-unit form, asked again for a revocation. */
  static final List<String> ENTERPRISE_FIELDS = List.of(
      ApplicationForm.ENTERPRISE_METHOD, ApplicationForm.ACCOUNT_NAME, ApplicationForm.ACCOUNT_NUMBER,
      ApplicationForm.BANK, ApplicationForm.BANK_OTHER, ApplicationForm.LEGAL_REP_MOBILE,
      ApplicationForm.LEGAL_REP_CARD_NUMBER, ApplicationForm.LEGAL_REP_CARD_MOBILE);

  /** 证书授权码 of the revocation's enterprise verification. */
  @GetMapping("/lifecycle/{orderId}/authorization")
  public String authorization(@PathVariable String orderId, HttpServletRequest request, Model model) {
    Order order = accessible(orderId, request);
    if (order.businessType() != BusinessType.REVOCATION || order.status() != OrderStatus.APPLICATION_FILLED) {
      return "redirect:" + LifecycleSteps.pathFor(order);
    }
    return authorizationPage(order, Map.of(), null, model);
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
    Order order = accessible(orderId, request);
    if (order.businessType() != BusinessType.REVOCATION || order.status() != OrderStatus.APPLICATION_FILLED) {
      return "redirect:" + LifecycleSteps.pathFor(order);
    }
    if ("send".equals(action)) {
      EnterpriseVerificationResult sent = sendAuthorizationCode(order);
      return sent.isCodeSent()
          ? authorizationPage(order, Map.of(), message("code.resent", locale), model)
          : authorizationPage(order, Map.of("code", enterpriseProblem(sent, locale)), null, model);
    }
    String typed = TypedCode.parse(code).digitsOrNull();
    if (typed == null) {
      response.setStatus(422);
      return authorizationPage(order, Map.of("code", message("lifecycle.code.format", locale)), null, model);
    }
    if (step(() -> steps.enterRevocationCode(orderId, typed)) instanceof CodeEntry.Refused refused) {
      response.setStatus(422);
      return authorizationPage(order, Map.of("code", codeProblem(refused.check(), locale)), null, model);
    }
    return "redirect:/lifecycle/" + orderId + "/certificate-code";
  }

  @GetMapping("/lifecycle/{orderId}/certificate-code")
  public String certificateCode(@PathVariable String orderId, HttpServletRequest request, Model model) {
    Order order = accessible(orderId, request);
    if (order.status() != OrderStatus.VERIFIED) {
      return "redirect:" + LifecycleSteps.pathFor(order);
    }
    return certificateCodePage(order, Map.of(), null, model);
  }

  @PostMapping("/lifecycle/{orderId}/certificate-code")
  public String submitCertificateCode(
      @PathVariable String orderId,
      @RequestParam(defaultValue = "") String code,
      @RequestParam(defaultValue = "verify") String action,
      HttpServletRequest request,
      HttpServletResponse response,
      Model model,
      Locale locale) {
    Order order = accessible(orderId, request);
    if (order.status() != OrderStatus.VERIFIED) {
      return "redirect:" + LifecycleSteps.pathFor(order);
    }
    CodeKey key = new CodeKey(Purpose.CERTIFICATE_VERIFICATION, orderId);
    if ("send".equals(action)) {
      SmsCodeResult sent =
          sms.send(key, order.application().administrator().mobile(), order.application().creditCode());
      return switch (sent.status()) {
        case SENT -> certificateCodePage(order, Map.of(), message("lifecycle.certcode.sent", locale,
            cn.certhall.domain.identity.Masking.mobile(order.application().administrator().mobile())), model);
        case COOLDOWN -> certificateCodePage(order,
            Map.of("code", message("query.code.cooldown", locale, sent.retryAfterSeconds())), null, model);
        case SMS_UNAVAILABLE -> certificateCodePage(order,
            Map.of("code", message("query.code.unavailable", locale)), null, model);
        case SMS_INVALID_NUMBER -> certificateCodePage(order,
            Map.of("code", message("sms.invalid-number", locale)), null, model);
        case SMS_RATE_LIMITED -> certificateCodePage(order,
            Map.of("code", message("sms.rate-limited", locale)), null, model);
        case LIMIT_REACHED -> certificateCodePage(order,
            Map.of("code", message("sms.limit.reached", locale)), null, model);
      };
    }
    String typed = TypedCode.parse(code).digitsOrNull();
    if (typed == null) {
      response.setStatus(422);
      return certificateCodePage(order, Map.of("code", message("lifecycle.code.format", locale)), null, model);
    }
    CodeCheck check = sms.verify(key, typed);
    if (!check.isOk()) {
      response.setStatus(422);
      return certificateCodePage(order, Map.of("code", codeProblem(check, locale)), null, model);
    }
    try {
      lifecycle.proveHolder(orderId);
    } catch (IllegalStateException e) {
      response.setStatus(422);
      return certificateCodePage(order, Map.of("code", message("lifecycle.certcode.signature", locale)), null, model);
    }
    return "redirect:/apply/" + orderId + "/materials";
  }

  // ---- pages --------------------------------------------------------------------------------

  private String entryPage(String flow, EntryForm form, Map<String, String> errors, String notice, String channelId,
      Model model) {
    model.addAttribute("flow", flow);
    model.addAttribute("form", form);
    model.addAttribute("errors", errors);
    model.addAttribute("notice", notice);
    model.addAttribute("channelId", channelId);
    return "lifecycle/entry";
  }

  /** @param orderId the order whose form this is (返回修改), or null for a new one */
  private String formPage(String flow, HeldCertificate certificate, ApplicationForm form, Map<String, String> extra,
      Map<String, String> errors, String orderId, Model model) {
    model.addAttribute("flow", flow);
    model.addAttribute("certificate", certificate);
    model.addAttribute("orderId", orderId);
    model.addAttribute("form", form);
    model.addAttribute("extra", extra);
    model.addAttribute("errors", errors);
    model.addAttribute("idTypes", ApplicationForm.personalIdTypes());
    return "lifecycle/form";
  }

  private String revocationPage(CertificateOptions options, ApplicationForm form, Map<String, String> fields,
      Map<String, String> errors, Model model) {
    model.addAttribute("flow", "revocation");
    model.addAttribute("certificate", options.certificate());
    model.addAttribute("form", form);
    model.addAttribute("extra", fields);
    model.addAttribute("errors", errors);
    model.addAttribute("reasons", RevocationChoice.values());
    model.addAttribute("enterpriseMethods", ApplicationForm.enterpriseMethods());
    model.addAttribute("banks", ApplicationForm.BANKS);
    return "lifecycle/revoke";
  }

  private String authorizationPage(Order order, Map<String, String> errors, String notice, Model model) {
    model.addAttribute("order", order);
    model.addAttribute("method", order.application().enterpriseVerification().method().name());
    model.addAttribute("errors", errors);
    model.addAttribute("notice", notice);
    model.addAttribute("channelId", order.channelId());
    return "lifecycle/authorization";
  }

  private String certificateCodePage(Order order, Map<String, String> errors, String notice, Model model) {
    model.addAttribute("order", order);
    model.addAttribute("target", lifecycle.target(order.id()).orElseThrow());
    model.addAttribute("errors", errors);
    model.addAttribute("notice", notice);
    model.addAttribute("channelId", order.channelId());
    return "lifecycle/certificate-code";
  }

  private String refused(String flow, CertificateOptions options, Refusal refusal, Model model,
      HttpServletResponse response, HttpServletRequest request, Locale locale) {
    response.setStatus(HttpServletResponse.SC_CONFLICT);
    model.addAttribute("flow", flow);
    model.addAttribute("certificate", options.certificate());
    model.addAttribute("refusal", refusalText(refusal, options, locale));
    model.addAttribute("offerNew", refusal == Refusal.RENEWAL_EXPIRED_TOO_LONG || refusal == Refusal.REVOKED);
    model.addAttribute("channelId", channelOf(request));
    return "lifecycle/refused";
  }

  /** As 单位证书新办's: that an unfinished order exists, not which; 订单查询 is where to go. */
  private String unfinished(HttpServletRequest request, HttpServletResponse response, Model model) {
    response.setStatus(HttpServletResponse.SC_CONFLICT);
    model.addAttribute("channelId", channelOf(request));
    model.addAttribute("openOrderLink", "/orders");
    return "portal/unfinished-order";
  }

  // ---- helpers ------------------------------------------------------------------------------

  private static Map<String, String> handlerVerificationFields(Map<String, String> parameters) {
    Map<String, String> fields = new LinkedHashMap<>();
    fields.put("handlerMethod", parameters.getOrDefault("handlerMethod", ""));
    fields.put("handlerCardNumber", parameters.getOrDefault("handlerCardNumber", ""));
    fields.put("handlerCardMobile", parameters.getOrDefault("handlerCardMobile", ""));
    return fields;
  }

  private Map<String, String> checkHandlerFields(Map<String, String> fields, Locale locale) {
    Map<String, String> errors = new LinkedHashMap<>();
    String method = fields.get("handlerMethod");
    if ("BANK_CARD".equals(method)) {
      ValidationResult card = BankCardNumber.validate(fields.get("handlerCardNumber"));
      if (!card.isValid()) {
        errors.put("handlerCardNumber", ValidationMessages.message(card.failure(), locale));
      } else {
        fields.put("handlerCardNumber", card.value());
      }
      ValidationResult mobile = MobileNumber.validate(fields.get("handlerCardMobile"));
      if (!mobile.isValid()) {
        errors.put("handlerCardMobile", ValidationMessages.message(mobile.failure(), locale));
      } else {
        fields.put("handlerCardMobile", mobile.value());
      }
    } else if (!"MOBILE".equals(method)) {
      errors.put("handlerMethod", message("lifecycle.verify.handler.choose", locale));
    }
    return errors;
  }

  /** 经办人核验: 手机三要素 with the handler on the form, or the handler's bank card. */
  private AdministratorVerification.Result verifyHandler(
      String orderId, UnitApplication application, Map<String, String> fields) {
    UnitApplication.Handler h = application.handler();
    VerificationContext context = VerificationContext.lifecycle(orderId);
    if ("BANK_CARD".equals(fields.get("handlerMethod"))) {
      return realName.byBankCard(context, new BankCardFourFactor(h.name(), h.idType(), h.idNumber(),
          fields.get("handlerCardNumber"), fields.get("handlerCardMobile")));
    }
    return realName.byMobile(context, new MobileThreeFactor(h.name(), h.idNumber(), h.mobile()));
  }

  /** 证书授权码 by the enterprise method on the order (transfer remark or SMS to the legal representative). */
  private EnterpriseVerificationResult sendAuthorizationCode(Order order) {
    UnitApplication application = order.application();
    EnterpriseVerificationDetails details = application.enterpriseVerification();
    UnitApplication.LegalRepresentative legalRep = application.legalRepresentative();
    return switch (details.method()) {
      case CORPORATE_TRANSFER -> enterprise.byCorporateTransfer(order.id(),
          new CorporateAccount(details.accountName(), details.accountNumber(), details.bank()));
      case LEGAL_REP_MOBILE -> enterprise.byLegalRepMobile(order.id(),
          new MobileThreeFactor(legalRep.name(), legalRep.idNumber(), details.mobile()));
      case LEGAL_REP_BANK_CARD -> enterprise.byLegalRepBankCard(order.id(),
          new BankCardFourFactor(legalRep.name(), IdType.RESIDENT_ID_CARD, legalRep.idNumber(),
              details.cardNumber(), details.mobile()));
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
  private String enterpriseProblem(EnterpriseVerificationResult result, Locale locale) {
    String text = result.outcome() == EnterpriseVerificationResult.Outcome.COOLDOWN
        ? message("verify.enterprise.COOLDOWN", locale, result.retryAfterSeconds())
        : message("verify.enterprise." + result.outcome().name(), locale);
    if (result.suggestedMethod() == cn.certhall.domain.verification.EnterpriseMethod.CORPORATE_TRANSFER) {
      text = text + " " + message("verify.enterprise.suggestTransfer", locale);
    }
    return text;
  }

  private AdministratorVerification.Result verifyAdministrator(String orderId, UnitApplication application) {
    UnitApplication.Administrator a = application.administrator();
    VerificationContext context = VerificationContext.administrator(orderId);
    return switch (application.administratorVerification().method()) {
      case MOBILE -> realName.byMobile(context, new MobileThreeFactor(a.name(), a.idNumber(), a.mobile()));
      case BANK_CARD -> realName.byBankCard(context, new BankCardFourFactor(a.name(), a.idType(), a.idNumber(),
          application.administratorVerification().cardNumber(),
          application.administratorVerification().reservedMobile()));
    };
  }

  private CertificateOptions chosen(HttpServletRequest request, String ca, String serial) {
    IdentityProof proof = proof(request).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
    return lifecycle.certificate(proof, ca, serial)
        .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
  }

  private Order accessible(String orderId, HttpServletRequest request) {
    Order order = orders.find(orderId).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
    if (order.businessType() == BusinessType.NEW_UNIT_CERTIFICATE || !access.mayOpen(request, order)) {
      throw new ResponseStatusException(HttpStatus.NOT_FOUND);
    }
    return order;
  }

  private Optional<IdentityProof> proof(HttpServletRequest request) {
    HttpSession session = request.getSession(false);
    if (session == null || !(session.getAttribute(PROOF) instanceof IdentityProof proof)) {
      return Optional.empty();
    }
    return proof.holds(clock.instant()) ? Optional.of(proof) : Optional.empty();
  }

  private static String channelOf(HttpServletRequest request) {
    HttpSession session = request.getSession(false);
    Object channel = session == null ? null : session.getAttribute(CHANNEL);
    return channel instanceof String s ? s : HomeController.DEMO_CHANNEL;
  }

  private Optional<Channel> openChannel(String channelId) {
    return channelId == null ? Optional.empty() : channels.find(channelId.strip()).filter(Channel::enabled);
  }

  /** The entry paths are fixed ({@link PortalEntries}): the flow is the path itself. */
  private static String flowOf(HttpServletRequest request) {
    String path = request.getServletPath();
    type(path.substring(1));
    return path.substring(1);
  }

  private static BusinessType type(String flow) {
    return switch (flow) {
      case "renewal" -> BusinessType.RENEWAL;
      case "change" -> BusinessType.INFORMATION_CHANGE;
      case "revocation" -> BusinessType.REVOCATION;
      default -> throw new ResponseStatusException(HttpStatus.NOT_FOUND);
    };
  }

  private String codeProblem(CodeCheck check, Locale locale) {
    return switch (check.status()) {
      case WRONG -> message("lifecycle.code.WRONG", locale, check.triesLeft());
      default -> message("lifecycle.code." + check.status().name(), locale);
    };
  }

  private static String shown(Instant instant) {
    return instant.atZone(CertificateRules.CHINA_TIME).format(DAY);
  }

  private String message(String key, Locale locale, Object... args) {
    return messages.getMessage(key, args, locale);
  }
}
