package cn.certhall.app.portal;

import cn.certhall.app.material.MaterialProperties;
import cn.certhall.app.material.OrderDocuments;
import cn.certhall.app.web.Downloads;
import cn.certhall.domain.certificate.CertificateRules;
import cn.certhall.domain.material.ConcurrentUploadException;
import cn.certhall.domain.material.Material;
import cn.certhall.domain.material.MaterialKind;
import cn.certhall.domain.material.MaterialService;
import cn.certhall.domain.material.MaterialsNotAcceptedException;
import cn.certhall.domain.material.MissingMaterialsException;
import cn.certhall.domain.material.QualityFlag;
import cn.certhall.domain.material.UploadLimits;
import cn.certhall.domain.material.UploadMessages;
import cn.certhall.domain.material.UploadProblem;
import cn.certhall.domain.order.MoveNotAllowedException;
import cn.certhall.domain.order.Order;
import cn.certhall.domain.order.OrderStatus;
import cn.certhall.domain.review.RejectionReason;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.unit.DataSize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * 资料上传 (SPEC 3.1 step 6, manual 1.1 (5)): the materials the order's business needs, each its own
 * multipart form (with the CSRF field) to {@code POST /apply/{order}/materials/{KIND}}, checked by
 * {@link MaterialService} by content; a refused file gets its message beside its field and nothing
 * is stored; an accepted one replaces the one before (the history keeps it), and quality flags (too
 * small, blurred) show beside it and once more before the step completes. The templates (单位授权委托书,
 * 印章采集表) download pre-filled from the order.
 *
 * <p>The same page serves a rejected order (REJECTED): the reviewer's reason on top, re-upload what
 * was wrong, then sign again ({@code /apply/{order}/sign}); or, for a new unit certificate, 返回修改 of
 * the application form ({@code POST /apply/{order}/edit}), after which the order comes back here
 * with its files kept.
 */
@Controller
@RequestMapping("/apply/{orderId}")
public class MaterialsController {
  static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(CertificateRules.CHINA_TIME);

  /** The templates offered for download, by the material they are for. */
  static final Map<MaterialKind, String> TEMPLATES =
      Map.of(
          MaterialKind.AUTHORIZATION_LETTER, "authorization-letter",
          MaterialKind.SEAL_COLLECTION_FORM, "seal-collection-form");

  private final StepPages pages;
  private final MaterialService materials;
  private final OrderDocuments documents;
  private final UploadLimits limits;
  private final MessageSource messages;

  public MaterialsController(
      StepPages pages,
      MaterialService materials,
      OrderDocuments documents,
      MaterialProperties properties,
      MessageSource messages) {
    this.pages = pages;
    this.materials = materials;
    this.documents = documents;
    this.limits = properties.limits();
    this.messages = messages;
  }

  /**
   * One material on the page.
   *
   * @param current the current upload, or null
   * @param versions how many uploads of the kind the order has (history)
   * @param notes the quality flags of the current upload, worded
   * @param error why the last upload (or the step) was refused, or null
   * @param template the template's file name, or null
   */
  public record Row(
      String kind,
      Material current,
      String uploadedAt,
      String size,
      int versions,
      List<String> notes,
      String error,
      String template) {}

  @GetMapping("/materials")
  public String page(
      @PathVariable String orderId,
      @RequestParam(required = false) String tooLarge,
      HttpServletRequest request,
      Locale locale,
      Model model) {
    Order order = pages.open(orderId, request);
    if (!MaterialService.takesUploads(order)) {
      return pages.redirectToItsPage(order);
    }
    Map<MaterialKind, String> errors = new LinkedHashMap<>();
    // set by UploadCeilingFilter for a file too large to be read at all
    kind(tooLarge)
        .ifPresent(
            k ->
                errors.put(
                    k,
                    UploadMessages.message(
                        UploadProblem.TOO_LARGE, List.of(maxMegabytes()), locale)));
    return show(order, errors, false, locale, model);
  }

  /** A page posted to (an upload answered with its page) links back here in the other language. */
  @GetMapping({"/materials/{kind}", "/materials/complete"})
  public String back(@PathVariable String orderId) {
    return "redirect:/apply/" + orderId + "/materials";
  }

  @PostMapping("/materials/{kind}")
  public String upload(
      @PathVariable String orderId,
      @PathVariable String kind,
      @RequestParam(name = "file", required = false) MultipartFile file,
      HttpServletRequest request,
      HttpServletResponse response,
      Locale locale,
      Model model,
      RedirectAttributes redirect)
      throws IOException {
    Order order = pages.open(orderId, request);
    MaterialKind material =
        kind(kind)
            .filter(k -> MaterialKind.requiredFor(order.businessType()).contains(k))
            .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
    if (!MaterialService.takesUploads(order)) {
      return pages.redirectToItsPage(order);
    }
    if (file == null || (file.isEmpty() && isBlank(file.getOriginalFilename()))) {
      response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
      return show(
          order, Map.of(material, message("materials.error.noFile", locale)), false, locale, model);
    }
    MaterialService.Upload upload;
    try (InputStream content = file.getInputStream()) {
      upload = materials.upload(order.id(), material, content);
    } catch (MaterialsNotAcceptedException moved) {
      return pages.redirectToItsPage(pages.open(orderId, request));
    } catch (ConcurrentUploadException raced) {
      response.setStatus(HttpServletResponse.SC_CONFLICT);
      return show(
          order,
          Map.of(material, message("materials.error.concurrent", locale)),
          false,
          locale,
          model);
    }
    if (!upload.check().isAccepted()) {
      response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
      return show(
          order,
          Map.of(material, UploadMessages.message(upload.check(), locale)),
          false,
          locale,
          model);
    }
    redirect.addFlashAttribute("uploaded", material.name());
    return "redirect:/apply/" + order.id() + "/materials#material-" + material.name();
  }

  /**
   * 下一步: every required material must be there; flagged photos are shown once more and need {@code
   * acceptFlags=yes} (仍然继续). Completes the step, or, for a rejected order, leads to signing again.
   */
  @PostMapping("/materials/complete")
  public String complete(
      @PathVariable String orderId,
      @RequestParam(required = false) String acceptFlags,
      HttpServletRequest request,
      HttpServletResponse response,
      Locale locale,
      Model model) {
    Order order = pages.open(orderId, request);
    if (!MaterialService.takesUploads(order)) {
      return pages.redirectToItsPage(order);
    }
    Set<MaterialKind> missing = materials.missing(order.id());
    if (!missing.isEmpty()) {
      return missing(order, missing, response, locale, model);
    }
    boolean flagged = materials.current(order.id()).stream().anyMatch(m -> !m.flags().isEmpty());
    if (flagged && !"yes".equals(acceptFlags)) {
      return show(order, Map.of(), true, locale, model);
    }
    if (order.workflow().allows(order.status(), OrderStatus.MATERIALS_UPLOADED)) {
      try {
        order = materials.complete(order.id());
      } catch (MissingMaterialsException e) {
        return missing(order, e.missing(), response, locale, model);
      } catch (MoveNotAllowedException raced) {
        return pages.redirectToItsPage(pages.open(orderId, request));
      }
    }
    return "redirect:/apply/" + order.id() + "/sign";
  }

  /** The current file of a material, for its owner to look at again. */
  @GetMapping("/materials/{kind}/file")
  public ResponseEntity<byte[]> file(
      @PathVariable String orderId, @PathVariable String kind, HttpServletRequest request)
      throws IOException {
    Order order = pages.open(orderId, request);
    MaterialKind wanted =
        kind(kind).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
    Material current =
        materials.current(order.id()).stream()
            .filter(m -> m.kind() == wanted)
            .findFirst()
            .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
    byte[] content;
    try (InputStream in =
        materials
            .open(current)
            .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND))) {
      content = in.readAllBytes();
    }
    return Downloads.attachment(
        content,
        current.contentType().mediaType(),
        wanted.chineseLabel() + "-" + order.id() + "." + current.contentType().extension());
  }

  /**
   * 单位授权委托书 / 印章采集表, pre-filled from the order, for the business that needs them or may upload them
   * (a new 印章采集表 for renewal and change).
   */
  @GetMapping("/templates/{name}.pdf")
  public ResponseEntity<byte[]> template(
      @PathVariable String orderId, @PathVariable String name, HttpServletRequest request) {
    Order order = pages.open(orderId, request);
    MaterialKind kind =
        TEMPLATES.entrySet().stream()
            .filter(e -> e.getValue().equals(name))
            .map(Map.Entry::getKey)
            .filter(
                k ->
                    MaterialKind.requiredFor(order.businessType()).contains(k)
                        || MaterialKind.optionalFor(order.businessType()).contains(k))
            .findFirst()
            .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
    byte[] pdf =
        kind == MaterialKind.AUTHORIZATION_LETTER
            ? documents.authorizationLetter(order.id())
            : documents.sealCollectionForm(order.id());
    return Downloads.attachment(
        pdf, "application/pdf", kind.chineseLabel() + "-" + order.id() + ".pdf");
  }

  private String missing(
      Order order,
      Set<MaterialKind> missing,
      HttpServletResponse response,
      Locale locale,
      Model model) {
    response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
    Map<MaterialKind, String> errors = new LinkedHashMap<>();
    for (MaterialKind kind : MaterialKind.values()) {
      if (missing.contains(kind)) {
        errors.put(
            kind,
            message(
                "materials.error.missing",
                locale,
                message("material.kind." + kind.name(), locale)));
      }
    }
    return show(order, errors, false, locale, model);
  }

  private String show(
      Order order,
      Map<MaterialKind, String> errors,
      boolean confirmFlags,
      Locale locale,
      Model model) {
    List<Material> current = materials.current(order.id());
    List<Material> history = materials.history(order.id());
    List<Row> rows = new ArrayList<>();
    for (MaterialKind kind : MaterialKind.values()) {
      if (!MaterialKind.requiredFor(order.businessType()).contains(kind)) {
        continue;
      }
      Material now = current.stream().filter(m -> m.kind() == kind).findFirst().orElse(null);
      List<String> notes = new ArrayList<>();
      if (now != null) {
        for (QualityFlag flag : now.flags()) {
          notes.add(UploadMessages.message(flag, limits, locale));
        }
      }
      rows.add(
          new Row(
              kind.name(),
              now,
              now == null ? null : TIME.format(now.uploadedAt()),
              now == null ? null : size(now.size()),
              (int) history.stream().filter(m -> m.kind() == kind).count(),
              notes,
              errors.get(kind),
              TEMPLATES.get(kind)));
    }
    model.addAttribute("order", order);
    model.addAttribute("rows", rows);
    model.addAttribute("hasErrors", !errors.isEmpty());
    model.addAttribute("confirmFlags", confirmFlags);
    model.addAttribute("rejection", RejectionReason.noteOf(order).orElse(null));
    model.addAttribute("rejected", order.status() == OrderStatus.REJECTED);
    // a corrected application (返回修改 after a rejection) keeps its files: the handler checks them
    model.addAttribute(
        "corrected",
        order.status() != OrderStatus.REJECTED
            && order.history().stream()
                .anyMatch(
                    line ->
                        line.from() == OrderStatus.REJECTED
                            && line.to() != OrderStatus.APPLICATION_SIGNED));
    model.addAttribute("maxMegabytes", maxMegabytes());
    model.addAttribute("channelId", order.channelId());
    return "portal/materials";
  }

  private long maxMegabytes() {
    return DataSize.ofBytes(limits.maxBytes()).toMegabytes();
  }

  static String size(long bytes) {
    return bytes >= 1024 * 1024
        ? String.format(Locale.ROOT, "%.1f MB", bytes / 1048576.0)
        : String.format(Locale.ROOT, "%d KB", Math.max(1, bytes / 1024));
  }

  static Optional<MaterialKind> kind(String name) {
    if (name == null) {
      return Optional.empty();
    }
    for (MaterialKind kind : MaterialKind.values()) {
      if (kind.name().equals(name)) {
        return Optional.of(kind);
      }
    }
    return Optional.empty();
  }

  private static boolean isBlank(String s) {
    return s == null || s.isBlank();
  }

  private String message(String key, Locale locale, Object... args) {
    return messages.getMessage(key, args, locale);
  }
}
