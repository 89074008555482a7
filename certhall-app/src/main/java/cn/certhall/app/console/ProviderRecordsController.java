package cn.certhall.app.console;

import cn.certhall.app.persistence.JdbcVerificationRecords;
import cn.certhall.app.persistence.SmsMessageLog;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * 外部服务记录 (CA administrators): what the outside services answered — the text messages handed to the
 * SMS provider ({@code sms_message}: masked mobile, kind, provider, outcome, ids; never the text)
 * and the real-name and face checks ({@code verification_record}: method, outcome, provider,
 * request id; never the person's data). The checks can be narrowed to one order (or the credit code
 * of a lifecycle entry check); text messages carry no order number and are listed newest first.
 */
@Controller
public class ProviderRecordsController {
  static final int LIST_SIZE = 100;
  private static final int MAX_SUBJECT = 64;

  private final SmsMessageLog sms;
  private final JdbcVerificationRecords checks;

  public ProviderRecordsController(SmsMessageLog sms, JdbcVerificationRecords checks) {
    this.sms = sms;
    this.checks = checks;
  }

  @GetMapping("/console/admin/providers")
  public String records(@RequestParam(defaultValue = "") String orderId, Model model) {
    String subject = orderId.strip();
    if (subject.length() > MAX_SUBJECT || !subject.matches("[0-9A-Za-z]*")) {
      model.addAttribute("problem", "console.providers.badOrder");
      subject = "";
    }
    model.addAttribute("orderId", subject);
    model.addAttribute(
        "checks", subject.isEmpty() ? checks.newest(LIST_SIZE) : checks.forSubject(subject));
    model.addAttribute("messages", sms.newest(LIST_SIZE));
    return "console/providers";
  }
}
