package cn.certhall.app.console;

import cn.certhall.domain.audit.AuditVerification;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * The audit log's verification as a page for CA administrators: the same check as {@code
 * --certhall.audit.verify}, run on request.
 */
@Controller
public class AuditController {
  private final AuditVerification verification;

  public AuditController(AuditVerification verification) {
    this.verification = verification;
  }

  @GetMapping("/console/admin/audit")
  public String verify(Model model) {
    model.addAttribute("result", verification.verify());
    return "console/audit";
  }
}
