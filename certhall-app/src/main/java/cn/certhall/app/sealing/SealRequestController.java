package cn.certhall.app.sealing;

import cn.certhall.documents.PdfPreview;
import cn.certhall.documents.outside.PdfLimits;
import cn.certhall.domain.sealing.CloudSealingFlow;
import cn.certhall.domain.sealing.SealPin;
import cn.certhall.domain.sealing.SealingRefusal;
import cn.certhall.domain.sealing.SigningRequests;
import jakarta.servlet.http.HttpSession;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.springframework.context.MessageSource;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The seal app's sealing request (扫一扫 opened it, {@link SealAppController}): the document and the
 * organization to look at, then 确认用章 with the seal PIN ({@link CloudSealingFlow#seal}). Every page
 * and file checks that the signed-in administrator is the one who opened the request's link.
 */
@Controller
@RequestMapping("/seal-app/requests")
public class SealRequestController {
  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneId.of("Asia/Shanghai"));

  private final CloudSealingFlow sealing;
  private final MessageSource messages;
  private final PdfLimits pdfLimits;

  public SealRequestController(
      CloudSealingFlow sealing, MessageSource messages, PdfLimits pdfLimits) {
    this.sealing = sealing;
    this.messages = messages;
    this.pdfLimits = pdfLimits;
  }

  @GetMapping("/{id}")
  public String request(@PathVariable String id, HttpSession session, Locale locale, Model model) {
    String mobile = SealAppController.signedIn(session);
    if (mobile == null) {
      return "redirect:/seal-app/";
    }
    Optional<CloudSealingFlow.View> view = sealing.view(id, mobile);
    if (view.isEmpty()) {
      session.setAttribute(SealAppController.NOTICE, "refusal:" + SealingRefusal.LINK_USED.name());
      return "redirect:/seal-app/notice";
    }
    model.addAttribute("errors", Map.of());
    return requestPage(view.get(), null, locale, model);
  }

  private String requestPage(
      CloudSealingFlow.View view, String pinError, Locale locale, Model model) {
    model.addAttribute("request", view.request());
    model.addAttribute("placement", placement(view.placement(), locale));
    model.addAttribute("expires", TIME.format(view.request().expiresAt()));
    model.addAttribute(
        "refusal",
        view.refusal() == null
            ? null
            : SealAppController.refusal(messages, view.refusal(), 0, locale));
    model.addAttribute("errors", pinError == null ? Map.of() : Map.of("pin", pinError));
    return "sealapp/request";
  }

  @GetMapping("/{id}/preview.png")
  public ResponseEntity<byte[]> preview(@PathVariable String id, HttpSession session) {
    String mobile = SealAppController.signedIn(session);
    return Optional.ofNullable(mobile)
        .flatMap(m -> sealing.document(id, m))
        .flatMap(pdf -> PdfPreview.firstPage(pdf, 720, pdfLimits))
        .map(
            png ->
                ResponseEntity.ok()
                    .contentType(MediaType.IMAGE_PNG)
                    .header(HttpHeaders.CACHE_CONTROL, "no-store")
                    .body(png))
        .orElseGet(() -> ResponseEntity.status(HttpStatus.NOT_FOUND).build());
  }

  @GetMapping("/{id}/document.pdf")
  public ResponseEntity<byte[]> document(@PathVariable String id, HttpSession session) {
    String mobile = SealAppController.signedIn(session);
    return Optional.ofNullable(mobile)
        .flatMap(m -> sealing.document(id, m))
        .map(
            pdf ->
                ResponseEntity.ok()
                    .contentType(MediaType.APPLICATION_PDF)
                    .header(HttpHeaders.CACHE_CONTROL, "no-store")
                    .header(
                        HttpHeaders.CONTENT_DISPOSITION,
                        ContentDisposition.inline().filename(id + ".pdf").build().toString())
                    .body(pdf))
        .orElseGet(() -> ResponseEntity.status(HttpStatus.NOT_FOUND).build());
  }

  @PostMapping("/{id}/seal")
  public String seal(
      @PathVariable String id,
      @RequestParam(required = false) String pin,
      HttpSession session,
      Locale locale,
      Model model) {
    String mobile = SealAppController.signedIn(session);
    if (mobile == null) {
      return "redirect:/seal-app/";
    }
    Optional<CloudSealingFlow.View> view = sealing.view(id, mobile);
    if (view.isEmpty()) {
      session.setAttribute(SealAppController.NOTICE, "refusal:" + SealingRefusal.LINK_USED.name());
      return "redirect:/seal-app/notice";
    }
    if (view.get().refusal() == null) {
      Optional<SealPin.Problem> format = SealPin.checkFormat(pin);
      if (format.isPresent()) {
        return requestPage(
            view.get(),
            messages.getMessage(format.get().messageKey(), null, locale),
            locale,
            model);
      }
    }
    CloudSealingFlow.Outcome outcome = sealing.seal(id, mobile, pin == null ? "" : pin);
    if (outcome.sealed()) {
      model.addAttribute("organization", view.get().request().organizationName());
      model.addAttribute("request", view.get().request());
      return "sealapp/sealed";
    }
    CloudSealingFlow.View after = sealing.view(id, mobile).orElse(view.get());
    String error =
        outcome.failure() != null
            ? failure(outcome.failure(), locale)
            : SealAppController.refusal(messages, outcome.refusal(), outcome.triesLeft(), locale);
    if (outcome.refusal() == SealingRefusal.PIN_WRONG
        || outcome.refusal() == SealingRefusal.PIN_LOCKED
        || outcome.failure() != null) {
      return requestPage(
          new CloudSealingFlow.View(
              after.request(),
              outcome.refusal() == SealingRefusal.PIN_LOCKED ? SealingRefusal.PIN_LOCKED : null,
              after.placement()),
          outcome.refusal() == SealingRefusal.PIN_LOCKED ? null : error,
          locale,
          model);
    }
    return requestPage(
        new CloudSealingFlow.View(after.request(), outcome.refusal(), after.placement()),
        null,
        locale,
        model);
  }

  /** Where the seal goes: at a text of the document, or on a page at a position in millimetres. */
  private String placement(SigningRequests.Placement p, Locale locale) {
    return p.atText()
        ? messages.getMessage("sealapp.placement.text", new Object[] {p.anchor()}, locale)
        : messages.getMessage(
            "sealapp.placement.position",
            new Object[] {
              String.valueOf(p.page()),
              String.valueOf(p.xMillimetres()),
              String.valueOf(p.yMillimetres())
            },
            locale);
  }

  /** Why the PDF work failed, from its code ({@code sealapp.failure.<code>}). */
  private String failure(String code, Locale locale) {
    return messages.getMessage(
        "sealapp.failure." + code,
        null,
        messages.getMessage("sealapp.failure.failed", null, locale),
        locale);
  }
}
