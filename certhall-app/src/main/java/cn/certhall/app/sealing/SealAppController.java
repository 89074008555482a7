package cn.certhall.app.sealing;

import cn.certhall.app.material.MaterialProperties;
import cn.certhall.domain.identity.Masking;
import cn.certhall.domain.sealing.CloudSealingFlow;
import cn.certhall.domain.sealing.SealAppFlow;
import cn.certhall.domain.sealing.SealPin;
import cn.certhall.domain.sealing.SealingRefusal;
import cn.certhall.domain.verification.CodeCheck;
import cn.certhall.domain.verification.SmsCodeResult;
import cn.certhall.domain.verification.TypedCode;
import cn.certhall.pki.revocation.RevocationReason;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
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
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * 信手书, the seal app as a mobile web app at {@code /seal-app/} (manual 1.1 第四步): sign in with the
 * administrator's mobile and an SMS code, 下载个人证书 (identity and face check, then the personal
 * certificate), set the seal PIN, 扫一扫 (open a QR link, or read the QR code from a photo), see the
 * document and the organization, and seal with the PIN (the request's pages: {@link
 * SealRequestController}). Pages are Chinese first ({@code ?lang=en}), forms carry the CSRF token,
 * and every request page checks that the signed-in administrator is the one who opened its link.
 */
@Controller
@RequestMapping("/seal-app")
public class SealAppController {
  static final String MOBILE = "cn.certhall.sealapp.mobile";
  static final String SIGN_IN_MOBILE = "cn.certhall.sealapp.signInMobile";
  static final String PENDING_TOKEN = "cn.certhall.sealapp.pendingToken";
  static final String NOTICE = "cn.certhall.sealapp.notice";
  static final String RESET_UNTIL = "cn.certhall.sealapp.resetUntil";

  /** After a passed identity check, a PIN reset is allowed for this long. */
  static final Duration RESET_WINDOW = Duration.ofMinutes(10);

  private final SealAppFlow app;
  private final CloudSealingFlow sealing;
  private final MessageSource messages;
  private final Clock clock;
  private final String publicUrl;
  private final long maxPixels;

  public SealAppController(
      SealAppFlow app,
      CloudSealingFlow sealing,
      MessageSource messages,
      Clock clock,
      cn.certhall.app.CerthallProperties properties,
      MaterialProperties materials) {
    this.app = app;
    this.sealing = sealing;
    this.messages = messages;
    this.clock = clock;
    this.publicUrl = properties.publicUrl().toString().replaceAll("/+$", "");
    this.maxPixels = materials.limits().maxPixels();
  }

  // ---- sign-in ---------------------------------------------------------------------------

  @GetMapping({"", "/"})
  public String home(HttpServletRequest request, Model model) {
    // an anonymous visit makes no session: it starts with the SMS code's request
    HttpSession session = request.getSession(false);
    String mobile = signedIn(session);
    if (mobile == null) {
      model.addAttribute("mobile", session == null ? null : session.getAttribute(SIGN_IN_MOBILE));
      model.addAttribute("errors", Map.of());
      return "sealapp/signin";
    }
    SealAppFlow.Home home = app.home(mobile);
    model.addAttribute("shownMobile", Masking.mobile(mobile));
    model.addAttribute("organizations", home.organizations());
    model.addAttribute("hasCertificate", home.hasPersonalCertificate());
    model.addAttribute("pinSet", home.pinSet());
    model.addAttribute("pinLocked", home.pinLocked());
    model.addAttribute("linkPrefix", publicUrl + CloudSealingFlow.LINK_PATH);
    model.addAttribute("errors", Map.of());
    return "sealapp/home";
  }

  @PostMapping("/sign-in")
  public String signIn(
      @RequestParam(required = false) String mobile,
      @RequestParam(required = false) String code,
      @RequestParam(required = false) String action,
      HttpServletRequest request,
      Locale locale,
      Model model) {
    HttpSession session = request.getSession();
    Map<String, String> errors = new LinkedHashMap<>();
    String m = mobile == null ? "" : mobile.strip();
    model.addAttribute("mobile", m);
    String normalized = null;
    if (m.isEmpty()) {
      errors.put("mobile", message("sealapp.mobile.empty", locale));
    } else {
      try {
        normalized = SealAppFlow.normalizedMobile(m);
      } catch (IllegalArgumentException e) {
        errors.put("mobile", message("sealapp.mobile.invalid", locale));
      }
    }
    if (normalized == null) {
      model.addAttribute("errors", errors);
      return "sealapp/signin";
    }
    session.setAttribute(SIGN_IN_MOBILE, normalized);
    if ("send".equals(action)) {
      SmsCodeResult sent = app.sendSignInCode(normalized);
      switch (sent.status()) {
        case SENT -> model.addAttribute("notice", message("sealapp.code.sent", locale));
        case COOLDOWN ->
            errors.put("code", message("sealapp.code.cooldown", locale, sent.retryAfterSeconds()));
        // one answer for every failure, as a stranger's mobile gets: why would tell it is on file
        case SMS_UNAVAILABLE, SMS_INVALID_NUMBER, SMS_RATE_LIMITED ->
            errors.put("code", message("sealapp.code.unavailable", locale));
        case LIMIT_REACHED -> errors.put("code", message("sms.limit.reached", locale));
      }
      model.addAttribute("errors", errors);
      return "sealapp/signin";
    }
    TypedCode typed = TypedCode.parse(code);
    String c = typed.digitsOrNull();
    if (typed instanceof TypedCode.Empty) {
      errors.put("code", message("sealapp.code.empty", locale));
    } else if (c == null) {
      errors.put("code", message("sealapp.code.format", locale));
    }
    if (errors.isEmpty()) {
      CodeCheck check = app.signIn(normalized, c);
      if (!check.isOk()) {
        errors.put(
            "code",
            switch (check.status()) {
              case WRONG -> message("sealapp.code.wrong", locale, check.triesLeft());
              case EXPIRED -> message("sealapp.code.expired", locale);
              case LOCKED -> message("sealapp.code.locked", locale);
              default -> message("sealapp.code.none", locale);
            });
      }
    }
    if (!errors.isEmpty()) {
      model.addAttribute("errors", errors);
      return "sealapp/signin";
    }
    request.changeSessionId();
    session.setAttribute(MOBILE, normalized);
    session.removeAttribute(SIGN_IN_MOBILE);
    Object pending = session.getAttribute(PENDING_TOKEN);
    if (pending instanceof String token) {
      session.removeAttribute(PENDING_TOKEN);
      return openLink(token, session, null);
    }
    return "redirect:/seal-app/";
  }

  @PostMapping("/sign-out")
  public String signOut(HttpSession session) {
    session.invalidate();
    return "redirect:/seal-app/";
  }

  // ---- 下载个人证书 and the PIN ------------------------------------------------------------

  @GetMapping("/certificate")
  public String identityForm(
      @RequestParam(required = false) String reset, HttpSession session, Model model) {
    if (signedIn(session) == null) {
      return "redirect:/seal-app/";
    }
    model.addAttribute("reset", reset != null);
    model.addAttribute("name", "");
    model.addAttribute("errors", Map.of());
    return "sealapp/identity";
  }

  @PostMapping("/certificate")
  public String identity(
      @RequestParam(required = false) String name,
      @RequestParam(required = false) String idNumber,
      @RequestParam(required = false) MultipartFile photo,
      @RequestParam(required = false) String reset,
      HttpSession session,
      Locale locale,
      Model model,
      RedirectAttributes redirect)
      throws IOException {
    String mobile = signedIn(session);
    if (mobile == null) {
      return "redirect:/seal-app/";
    }
    Map<String, String> errors = new LinkedHashMap<>();
    String n = name == null ? "" : name.strip();
    String id = idNumber == null ? "" : idNumber.strip();
    if (n.isEmpty()) {
      errors.put("name", message("sealapp.name.empty", locale));
    }
    if (id.isEmpty()) {
      errors.put("idNumber", message("sealapp.idNumber.empty", locale));
    }
    byte[] picture = photo == null || photo.isEmpty() ? null : photo.getBytes();
    if (picture == null) {
      errors.put("photo", message("sealapp.identity.BAD_PHOTO", locale));
    }
    if (errors.isEmpty()) {
      SealAppFlow.IdentityResult result = app.checkIdentity(mobile, n, id, picture);
      if (result.passed()) {
        boolean resetting = reset != null || app.pinSet(mobile);
        if (resetting) {
          session.setAttribute(RESET_UNTIL, clock.instant().plus(RESET_WINDOW));
        }
        redirect.addFlashAttribute("notice", message("sealapp.identity.done", locale));
        return "redirect:/seal-app/pin";
      }
      String field =
          switch (result) {
            case NOT_THE_ADMINISTRATOR -> "idNumber";
            default -> "photo";
          };
      errors.put(field, message("sealapp.identity." + result.name(), locale));
    }
    model.addAttribute("reset", reset != null);
    model.addAttribute("name", n);
    model.addAttribute("errors", errors);
    return "sealapp/identity";
  }

  @GetMapping("/pin")
  public String pinForm(HttpSession session, Locale locale, Model model) {
    String mobile = signedIn(session);
    if (mobile == null) {
      return "redirect:/seal-app/";
    }
    if (app.pinSet(mobile) && !resetAllowed(session)) {
      return "redirect:/seal-app/certificate?reset";
    }
    model.addAttribute("errors", Map.of());
    return "sealapp/pin";
  }

  @PostMapping("/pin")
  public String setPin(
      @RequestParam(required = false) String pin,
      @RequestParam(required = false) String pinRepeat,
      HttpSession session,
      Locale locale,
      Model model,
      RedirectAttributes redirect) {
    String mobile = signedIn(session);
    if (mobile == null) {
      return "redirect:/seal-app/";
    }
    boolean reset = app.pinSet(mobile);
    if (reset && !resetAllowed(session)) {
      redirect.addFlashAttribute("notice", message("sealapp.pin.needIdentity", locale));
      return "redirect:/seal-app/certificate?reset";
    }
    SealAppFlow.PinChange change =
        reset ? app.resetPin(mobile, pin, pinRepeat) : app.setFirstPin(mobile, pin, pinRepeat);
    if (change instanceof SealAppFlow.PinChange.Refused refused) {
      SealPin.Problem problem = refused.problem();
      model.addAttribute(
          "errors",
          Map.of(
              problem == SealPin.Problem.MISMATCH ? "pinRepeat" : "pin",
              message(problem.messageKey(), locale)));
      return "sealapp/pin";
    }
    if (change instanceof SealAppFlow.PinChange.AlreadySet) {
      // set meanwhile (another tab): changing it needs the identity check
      redirect.addFlashAttribute("notice", message("sealapp.pin.needIdentity", locale));
      return "redirect:/seal-app/certificate?reset";
    }
    if (reset) {
      session.removeAttribute(RESET_UNTIL);
    }
    redirect.addFlashAttribute("notice", message("sealapp.pin.done", locale));
    return "redirect:/seal-app/";
  }

  // ---- 吊销个人证书 ----------------------------------------------------------------------------

  @GetMapping("/certificate/revoke")
  public String revokeForm(HttpSession session, Model model) {
    String mobile = signedIn(session);
    if (mobile == null) {
      return "redirect:/seal-app/";
    }
    if (!app.home(mobile).hasPersonalCertificate()) {
      return "redirect:/seal-app/";
    }
    return revokePage(null, model);
  }

  /** Revokes after the reason and the ticked confirmation; the PIN goes with the certificate. */
  @PostMapping("/certificate/revoke")
  public String revoke(
      @RequestParam(required = false) String reason,
      @RequestParam(required = false) String confirm,
      HttpSession session,
      Locale locale,
      Model model,
      RedirectAttributes redirect) {
    String mobile = signedIn(session);
    if (mobile == null) {
      return "redirect:/seal-app/";
    }
    Optional<RevocationReason> chosen =
        RevocationReason.SUBSCRIBER_REASONS.stream()
            .filter(r -> r.name().equals(reason))
            .findFirst();
    if (chosen.isEmpty() || !"yes".equals(confirm)) {
      return revokePage(
          message(
              chosen.isEmpty() ? "sealapp.revoke.chooseReason" : "sealapp.revoke.notConfirmed",
              locale),
          model);
    }
    if (app.revokePersonalCertificate(mobile, chosen.get())
        == SealAppFlow.Revocation.NO_CERTIFICATE) {
      // revoked already (another tab): the home page shows what is left to do
      return "redirect:/seal-app/";
    }
    session.removeAttribute(RESET_UNTIL);
    redirect.addFlashAttribute("notice", message("sealapp.revoke.done", locale));
    return "redirect:/seal-app/";
  }

  private String revokePage(String error, Model model) {
    model.addAttribute(
        "reasons", RevocationReason.SUBSCRIBER_REASONS.stream().map(Enum::name).sorted().toList());
    model.addAttribute("error", error);
    return "sealapp/revoke";
  }

  private boolean resetAllowed(HttpSession session) {
    return session.getAttribute(RESET_UNTIL) instanceof Instant until
        && clock.instant().isBefore(until);
  }

  // ---- 扫一扫 ------------------------------------------------------------------------------

  /**
   * The QR code's link. Its token never stays in the address bar: the answer is always a redirect
   * (to the request's page, the sign-in, or a notice).
   */
  @GetMapping("/s/{token}")
  public String link(
      @PathVariable String token, HttpSession session, Locale locale, RedirectAttributes redirect) {
    if (signedIn(session) == null) {
      session.setAttribute(PENDING_TOKEN, token);
      redirect.addFlashAttribute("notice", message("sealapp.signin.needed", locale));
      return "redirect:/seal-app/";
    }
    return openLink(token, session, redirect);
  }

  private String openLink(String token, HttpSession session, RedirectAttributes redirect) {
    Optional<CloudSealingFlow.Opened> opened = sealing.open(token, signedIn(session));
    if (opened.isEmpty()) {
      session.setAttribute(NOTICE, "sealapp.link.unknown");
      return "redirect:/seal-app/notice";
    }
    if (opened.get().refusal() != null) {
      session.setAttribute(NOTICE, "refusal:" + opened.get().refusal().name());
      return "redirect:/seal-app/notice";
    }
    return "redirect:/seal-app/requests/" + opened.get().request().id();
  }

  @GetMapping("/notice")
  public String notice(HttpSession session, Locale locale, Model model) {
    Object key = session.getAttribute(NOTICE);
    String text;
    if (key instanceof String k && k.startsWith("refusal:")) {
      text = refusal(messages, SealingRefusal.valueOf(k.substring("refusal:".length())), 0, locale);
    } else {
      text = message(key instanceof String k ? k : "sealapp.link.unknown", locale);
    }
    model.addAttribute("text", text);
    return "sealapp/notice";
  }

  /** 扫一扫 from a photo of the QR code: read it (ZXing) and follow its link if it is ours. */
  @PostMapping("/scan")
  public String scan(
      @RequestParam(required = false) MultipartFile picture,
      HttpSession session,
      Locale locale,
      Model model,
      RedirectAttributes redirect)
      throws IOException {
    if (signedIn(session) == null) {
      return "redirect:/seal-app/";
    }
    if (picture == null || picture.isEmpty()) {
      redirect.addFlashAttribute("scanError", message("sealapp.scan.empty", locale));
      return "redirect:/seal-app/";
    }
    Optional<String> text = QrCodes.read(picture.getBytes(), maxPixels);
    String prefix = publicUrl + CloudSealingFlow.LINK_PATH;
    if (text.isEmpty() || !text.get().startsWith(prefix)) {
      redirect.addFlashAttribute("scanError", message("sealapp.scan.notFound", locale));
      return "redirect:/seal-app/";
    }
    return openLink(text.get().substring(prefix.length()), session, redirect);
  }

  // ---- helpers ---------------------------------------------------------------------------

  static String signedIn(HttpSession session) {
    return session == null ? null : (String) session.getAttribute(MOBILE);
  }

  /** A refusal in the reader's language; only PIN_WRONG takes an argument (the tries left). */
  static String refusal(
      MessageSource messages, SealingRefusal refusal, int triesLeft, Locale locale) {
    return refusal == SealingRefusal.PIN_WRONG
        ? messages.getMessage(refusal.messageKey(), new Object[] {triesLeft}, locale)
        : messages.getMessage(refusal.messageKey(), null, locale);
  }

  private String message(String key, Locale locale, Object... args) {
    return messages.getMessage(key, args, locale);
  }
}
