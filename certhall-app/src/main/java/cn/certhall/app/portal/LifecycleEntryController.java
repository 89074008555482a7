package cn.certhall.app.portal;

import cn.certhall.domain.channel.Channel;
import cn.certhall.domain.lifecycle.IdentityCheck;
import cn.certhall.domain.lifecycle.IdentityProof;
import cn.certhall.domain.lifecycle.LifecycleService;
import cn.certhall.domain.order.BusinessType;
import cn.certhall.domain.orderquery.CodeRequestResult;
import cn.certhall.domain.verification.TypedCode;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The entry of 证书更新, 信息变更 and 证书吊销 (SPEC 3.2–3.4, manual 1.2 (2)): the identity check ({@code
 * /renewal}, {@code /change}, {@code /revocation}) through {@link IdentityCheck}, whose proof the
 * session keeps, and the organization's certificates with what each allows. The flows' own steps
 * are {@link LifecycleController} and {@link RevocationController}.
 */
@Controller
public class LifecycleEntryController {
  private static final String FLOWS = "{flow:renewal|change|revocation}";

  private final LifecycleService lifecycle;
  private final IdentityCheck identity;
  private final ChannelPage channelPage;
  private final LifecycleForms forms;
  private final LifecyclePages pages;

  LifecycleEntryController(
      LifecycleService lifecycle,
      IdentityCheck identity,
      ChannelPage channelPage,
      LifecycleForms forms,
      LifecyclePages pages) {
    this.lifecycle = lifecycle;
    this.identity = identity;
    this.channelPage = channelPage;
    this.forms = forms;
    this.pages = pages;
  }

  @GetMapping({"/renewal", "/change", "/revocation"})
  public String entry(
      @RequestParam(required = false) String channelId,
      HttpServletRequest request,
      HttpServletResponse response,
      Model model) {
    Optional<Channel> channel = channelPage.open(channelId);
    if (channel.isEmpty()) {
      return channelPage.show(channelId, model, response);
    }
    // the channel rides in the form (a hidden field), not in a session: an anonymous visit of the
    // entry makes no session row; the session starts with the proof
    return pages.entryPage(
        flowOf(request),
        new LifecycleForms.EntryForm("HANDLER", "", "", ""),
        Map.of(),
        null,
        channel.get().id(),
        model);
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
    String channel =
        channelPage
            .open(channelId)
            .map(Channel::id)
            .orElseGet(() -> LifecyclePages.channelOf(request));
    LifecycleForms.Entry entry = forms.entry(method, creditCode, name, mobile, locale);
    Map<String, String> errors = entry.errors();
    if (errors.isEmpty() && "send".equals(action)) {
      CodeRequestResult sent = identity.requestCode(entry.claim());
      if (sent.status() == CodeRequestResult.Status.REQUESTED) {
        return pages.entryPage(
            flow,
            entry.form(),
            errors,
            pages.message("lifecycle.entry.code.requested", locale),
            channel,
            model);
      }
      errors.put("code", pages.codeRequestProblem(sent, locale));
    } else if (errors.isEmpty()) {
      String typed = TypedCode.parse(code).digitsOrNull();
      IdentityCheck.Result result = typed == null ? null : identity.prove(entry.claim(), typed);
      if (typed == null) {
        errors.put("code", pages.message("lifecycle.code.format", locale));
      } else if (result.proof().isEmpty()) {
        errors.put("code", pages.codeProblem(result.check(), locale));
      } else {
        if (request.getSession(false) != null) {
          request.changeSessionId();
        }
        request.getSession().setAttribute(LifecyclePages.PROOF, result.proof().get());
        request.getSession().setAttribute(LifecyclePages.CHANNEL, channel);
        return "redirect:/" + flow + "/certificates";
      }
    }
    response.setStatus(422);
    return pages.entryPage(flow, entry.form(), errors, null, channel, model);
  }

  @GetMapping("/" + FLOWS + "/certificates")
  public String certificates(
      @PathVariable String flow, HttpServletRequest request, Model model, Locale locale) {
    Optional<IdentityProof> proof = pages.proof(request);
    if (proof.isEmpty()) {
      return "redirect:/" + flow + "?channelId=" + LifecyclePages.channelOf(request);
    }
    BusinessType type = LifecyclePages.type(flow);
    List<LifecyclePages.CertificateRow> rows =
        lifecycle.certificates(proof.get()).stream().map(o -> pages.row(o, type, locale)).toList();
    model.addAttribute("flow", flow);
    model.addAttribute("rows", rows);
    model.addAttribute("channelId", LifecyclePages.channelOf(request));
    return "lifecycle/certificates";
  }

  /** The entry paths are fixed ({@link PortalEntries}): the flow is the path itself. */
  private static String flowOf(HttpServletRequest request) {
    String flow = request.getServletPath().substring(1);
    LifecyclePages.type(flow);
    return flow;
  }
}
