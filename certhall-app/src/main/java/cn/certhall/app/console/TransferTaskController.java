package cn.certhall.app.console;

import cn.certhall.app.transfer.FinanceTransfers;
import cn.certhall.domain.verification.ManualTransfer;
import cn.certhall.domain.verification.TransferTask;
import java.security.Principal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * 财务打款任务 (finance operators only): the corporate transfers waiting to be made by hand, oldest
 * first, with 已打款 and 打款失败 (the bank's answer required). Translates HTTP to {@link
 * FinanceTransfers}.
 */
@Controller
public class TransferTaskController {
  private static final String LIST = "redirect:/console/transfers";

  private final FinanceTransfers transfers;

  public TransferTaskController(FinanceTransfers transfers) {
    this.transfers = transfers;
  }

  @GetMapping("/console/transfers")
  public String list(Model model) {
    model.addAttribute("tasks", transfers.open());
    model.addAttribute("maxAnswer", TransferTask.MAX_BANK_ANSWER);
    return "console/transfers";
  }

  @PostMapping("/console/transfers/{id}/made")
  public String made(@PathVariable long id, Principal operator, RedirectAttributes flash) {
    flash.addFlashAttribute(
        "message",
        transfers.made(id, operator.getName()) == ManualTransfer.Marked.DONE
            ? "console.transfers.markedMade"
            : "console.transfers.notOpen");
    return LIST;
  }

  @PostMapping("/console/transfers/{id}/failed")
  public String failed(
      @PathVariable long id,
      @RequestParam(defaultValue = "") String bankAnswer,
      Principal operator,
      RedirectAttributes flash) {
    String answer = bankAnswer.strip();
    if (answer.isEmpty() || answer.length() > TransferTask.MAX_BANK_ANSWER) {
      flash.addFlashAttribute("message", "console.transfers.answerRequired");
      flash.addFlashAttribute("failedTask", id);
      return LIST;
    }
    flash.addFlashAttribute(
        "message",
        transfers.failed(id, operator.getName(), answer) == ManualTransfer.Marked.DONE
            ? "console.transfers.markedFailed"
            : "console.transfers.notOpen");
    return LIST;
  }
}
