package cn.certhall.app.console;

import cn.certhall.app.persistence.SealTaskRepository;
import cn.certhall.app.persistence.SealTaskRepository.SealTask;
import cn.certhall.domain.issuance.OrderCertificates;
import cn.certhall.domain.lifecycle.LifecycleService;
import cn.certhall.domain.material.ContentType;
import cn.certhall.domain.material.Material;
import cn.certhall.domain.material.MaterialKind;
import cn.certhall.domain.material.MaterialService;
import cn.certhall.domain.order.BusinessType;
import cn.certhall.domain.order.ConcurrentOrderChangeException;
import cn.certhall.domain.order.MoveNotAllowedException;
import cn.certhall.domain.order.Order;
import cn.certhall.domain.order.OrderNotFoundException;
import cn.certhall.domain.order.OrderService;
import cn.certhall.domain.payment.PaymentService;
import cn.certhall.domain.review.ClaimNotHeldException;
import cn.certhall.domain.review.RejectionReason;
import cn.certhall.domain.review.ReviewClaims.Claim;
import cn.certhall.domain.review.ReviewQueue;
import cn.certhall.domain.review.ReviewService;
import jakarta.servlet.http.HttpServletRequest;
import java.math.BigInteger;
import java.security.Principal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The review console (审核控制台): sign-in page, the queue oldest first with deadlines, an order's data
 * with claim, approve and reject (reason from the list plus free text). Translates HTTP to {@link
 * ReviewService} calls and their refusals to messages; decides nothing itself.
 */
@Controller
public class ConsoleController {
  static final String FORBIDDEN = "/console/forbidden";
  static final int QUEUE_SIZE = 200;

  private final ReviewQueue queue;
  private final ReviewService review;
  private final OrderService orders;
  private final MaterialService materials;
  private final OrderCertificates certificates;
  private final LifecycleService lifecycle;
  private final SealTaskRepository sealTasks;
  private final PaymentService payments;

  public ConsoleController(
      ReviewQueue queue,
      ReviewService review,
      OrderService orders,
      MaterialService materials,
      OrderCertificates certificates,
      LifecycleService lifecycle,
      SealTaskRepository sealTasks,
      PaymentService payments) {
    this.lifecycle = lifecycle;
    this.sealTasks = sealTasks;
    this.payments = payments;
    this.queue = queue;
    this.review = review;
    this.orders = orders;
    this.materials = materials;
    this.certificates = certificates;
  }

  /**
   * One uploaded material on the order page: the current version, shown inline, and the ones it
   * replaced, newest first.
   */
  public record MaterialView(MaterialKind kind, Material current, List<Material> earlier) {
    public boolean image() {
      return current.contentType() != ContentType.PDF;
    }
  }

  static List<MaterialView> materialViews(List<Material> history) {
    Map<MaterialKind, List<Material>> byKind = new EnumMap<>(MaterialKind.class);
    for (Material m : history) {
      byKind.computeIfAbsent(m.kind(), k -> new ArrayList<>()).add(m);
    }
    List<MaterialView> views = new ArrayList<>();
    byKind.forEach(
        (kind, versions) -> {
          List<Material> newestFirst = new ArrayList<>(versions);
          newestFirst.sort(Comparator.comparingInt(Material::version).reversed());
          views.add(
              new MaterialView(
                  kind, newestFirst.get(0), newestFirst.subList(1, newestFirst.size())));
        });
    return views;
  }

  @GetMapping("/console/login")
  public String login() {
    return "console/login";
  }

  /**
   * Where a signed-in operator lacking a page's role is forwarded (any method: the denied request
   * may be a POST); the status stays 403.
   */
  @RequestMapping(FORBIDDEN)
  public String forbidden() {
    return "console/forbidden";
  }

  @GetMapping("/console/")
  public String queue(Model model, Principal operator, HttpServletRequest request) {
    model.addAttribute("items", queue.items(QUEUE_SIZE));
    model.addAttribute("admin", request.isUserInRole("CA_ADMIN"));
    model.addAttribute("operator", operator.getName());
    return "console/queue";
  }

  @GetMapping("/console/orders/{id}")
  public String order(
      @PathVariable String id, Model model, Principal operator, HttpServletRequest request) {
    Order order =
        orders.find(id).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
    model.addAttribute("order", order);
    model.addAttribute("materials", materialViews(materials.history(id)));
    model.addAttribute("certificate", certificates.find(id).orElse(null));
    model.addAttribute("secondCertificate", certificates.findSecond(id).orElse(null));
    model.addAttribute("admin", request.isUserInRole("CA_ADMIN"));
    model.addAttribute("reasons", List.of(RejectionReason.values()));
    model.addAttribute("operator", operator.getName());
    // renewal, change, revocation: the certificate it is about, what changed, reason, signature
    model.addAttribute("lifecycle", lifecycle.request(id).orElse(null));
    model.addAttribute("target", lifecycle.target(id).orElse(null));
    model.addAttribute("changes", lifecycle.changes(id));
    model.addAttribute("verifications", VerificationOutcomes.of(order));
    model.addAttribute("invoice", payments.invoice(id).orElse(null));
    model.addAttribute("refunds", payments.refundsOf(id));
    return "console/order";
  }

  @PostMapping("/console/orders/{id}/claim")
  public String claim(@PathVariable String id, Principal operator, RedirectAttributes flash) {
    try {
      Claim claim = review.claim(id, operator.getName());
      flash.addFlashAttribute(
          "message",
          claim.reviewer().equals(operator.getName()) ? "console.claimed" : "console.heldByOther");
      flash.addFlashAttribute("holder", claim.reviewer());
    } catch (MoveNotAllowedException | OrderNotFoundException e) {
      flash.addFlashAttribute("message", "console.notWaiting");
    }
    return "redirect:/console/orders/" + id;
  }

  @PostMapping("/console/orders/{id}/approve")
  public String approve(@PathVariable String id, Principal operator, RedirectAttributes flash) {
    try {
      ReviewService.Approval approval = review.approve(id, operator.getName());
      Optional<SealTask> sealTask =
          approval
              .certificate()
              .flatMap(c -> sealTasks.find(c.caName(), new BigInteger(c.serialHex(), 16)));
      if (sealTask.isPresent()) {
        // issued without its seal: the reviewer learns it, the administrator has the task
        flash.addFlashAttribute("message", "console.approvedIssuedSealPending");
        flash.addFlashAttribute("holder", sealTask.get().reason());
        return "redirect:/console/";
      }
      flash.addFlashAttribute(
          "message",
          approval.certificate().isPresent()
              ? "console.approvedIssued"
              : approval.order().businessType() == BusinessType.REVOCATION
                      && approval.issuanceProblem() == null
                  ? "console.approvedRevoked"
                  : "console.approvedPending");
      return "redirect:/console/";
    } catch (ClaimNotHeldException e) {
      flash.addFlashAttribute("message", "console.claimFirst");
    } catch (MoveNotAllowedException | ConcurrentOrderChangeException e) {
      flash.addFlashAttribute("message", "console.notWaiting");
    }
    return "redirect:/console/orders/" + id;
  }

  @PostMapping("/console/orders/{id}/reject")
  public String reject(
      @PathVariable String id,
      @RequestParam(required = false) RejectionReason reason,
      @RequestParam(required = false, defaultValue = "") String text,
      Principal operator,
      RedirectAttributes flash) {
    if (reason == null) {
      flash.addFlashAttribute("message", "console.reasonRequired");
      return "redirect:/console/orders/" + id;
    }
    if (text.strip().length() > ReviewService.MAX_REASON_TEXT
        || (reason == RejectionReason.OTHER && text.isBlank())) {
      flash.addFlashAttribute("message", "console.reasonText");
      return "redirect:/console/orders/" + id;
    }
    try {
      review.reject(id, operator.getName(), reason, text);
      flash.addFlashAttribute("message", "console.rejected");
      return "redirect:/console/";
    } catch (ClaimNotHeldException e) {
      flash.addFlashAttribute("message", "console.claimFirst");
    } catch (MoveNotAllowedException | ConcurrentOrderChangeException e) {
      flash.addFlashAttribute("message", "console.notWaiting");
    }
    return "redirect:/console/orders/" + id;
  }
}
