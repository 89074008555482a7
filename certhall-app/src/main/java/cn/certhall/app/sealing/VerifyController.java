package cn.certhall.app.sealing;

import cn.certhall.documents.outside.PdfRefusedException;
import cn.certhall.documents.pades.SealingException;
import java.io.IOException;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.multipart.MultipartFile;

/**
 * 验章 for anyone: the page {@code /verify} (upload a sealed PDF, see who sealed it, when, whether it
 * changed afterwards, and the certificate's revocation status from this CA's database) and the same
 * as JSON at {@code POST /api/verify} (field {@code file}), for relying parties' programs.
 */
@Controller
public class VerifyController {
  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneId.of("Asia/Shanghai"));

  private final SealedPdfVerification verification;
  private final SealingProperties properties;
  private final MessageSource messages;

  public VerifyController(
      SealedPdfVerification verification, SealingProperties properties, MessageSource messages) {
    this.verification = verification;
    this.properties = properties;
    this.messages = messages;
  }

  @GetMapping("/verify")
  public String form(Model model) {
    model.addAttribute("errors", Map.of());
    return "sealapp/verify";
  }

  /** One signature as the page shows it: texts ready in the page's language. */
  public record ShownSignature(
      int number,
      String signer,
      String organization,
      String serial,
      String time,
      boolean timestamped,
      boolean valid,
      boolean trusted,
      boolean changed,
      String status,
      boolean statusGood,
      List<String> problems) {}

  @PostMapping("/verify")
  public String verify(
      @RequestParam(required = false) MultipartFile file, Locale locale, Model model)
      throws IOException {
    if (file == null || file.isEmpty()) {
      model.addAttribute("errors", Map.of("file", message("verify.empty", locale)));
      return "sealapp/verify";
    }
    if (file.getSize() > properties.maxDocumentSize().toBytes()) {
      model.addAttribute(
          "errors",
          Map.of(
              "file",
              message("verify.tooLarge", locale, properties.maxDocumentSize().toMegabytes())));
      return "sealapp/verify";
    }
    byte[] pdf = file.getBytes();
    SealedPdfVerification.Report report;
    try {
      report = verification.verify(pdf);
    } catch (SealingException e) {
      model.addAttribute("errors", Map.of("file", message("verify.notPdf", locale)));
      return "sealapp/verify";
    } catch (PdfRefusedException e) {
      model.addAttribute("errors", Map.of("file", message("verify.tooComplex", locale)));
      return "sealapp/verify";
    }
    model.addAttribute("errors", Map.of());
    model.addAttribute("fileName", file.getOriginalFilename());
    model.addAttribute("report", report);
    List<SealedPdfVerification.Signature> s = report.signatures();
    model.addAttribute(
        "signatures",
        java.util.stream.IntStream.range(0, s.size())
            .mapToObj(i -> shown(i + 1, s.get(i), locale))
            .toList());
    model.addAttribute(
        "allGood",
        report.signed()
            && report.signatures().stream().allMatch(SealedPdfVerification.Signature::good));
    return "sealapp/verify";
  }

  private ShownSignature shown(int n, SealedPdfVerification.Signature s, Locale locale) {
    String status =
        switch (s.status()) {
          case GOOD -> message("verify.status.GOOD", locale);
          case REVOKED ->
              message(
                  "verify.status.REVOKED",
                  locale,
                  TIME.format(s.revokedAt()),
                  s.revocationReason());
          case UNKNOWN -> message("verify.status.UNKNOWN", locale);
        };
    return new ShownSignature(
        n,
        s.signer(),
        s.organization(),
        s.serial(),
        s.signingTime() == null ? "" : TIME.format(s.signingTime()),
        s.timestamped(),
        s.valid(),
        s.trusted(),
        s.changedAfterSigning(),
        status,
        s.status() == SealedPdfVerification.Status.GOOD,
        s.problems());
  }

  /** The JSON answer of {@code POST /api/verify}. */
  public record VerifyResponse(
      boolean signed, boolean unchanged, List<SealedPdfVerification.Signature> signatures) {}

  public record ApiError(String error, String message) {}

  @PostMapping(path = "/api/verify", produces = MediaType.APPLICATION_JSON_VALUE)
  @ResponseBody
  public ResponseEntity<?> verifyApi(
      @RequestParam(required = false) MultipartFile file, Locale locale) throws IOException {
    if (file == null || file.isEmpty()) {
      return ResponseEntity.badRequest()
          .body(new ApiError("empty_document", message("verify.empty", locale)));
    }
    if (file.getSize() > properties.maxDocumentSize().toBytes()) {
      return ResponseEntity.status(HttpStatus.PAYLOAD_TOO_LARGE)
          .body(
              new ApiError(
                  "document_too_large",
                  message("verify.tooLarge", locale, properties.maxDocumentSize().toMegabytes())));
    }
    try {
      SealedPdfVerification.Report report = verification.verify(file.getBytes());
      return ResponseEntity.ok(
          new VerifyResponse(report.signed(), report.unchanged(), report.signatures()));
    } catch (SealingException e) {
      return ResponseEntity.badRequest()
          .body(new ApiError("not_a_pdf", message("verify.notPdf", locale)));
    } catch (PdfRefusedException e) {
      return ResponseEntity.badRequest()
          .body(new ApiError("document_too_complex", message("verify.tooComplex", locale)));
    }
  }

  private String message(String key, Locale locale, Object... args) {
    return messages.getMessage(key, args, locale);
  }
}
