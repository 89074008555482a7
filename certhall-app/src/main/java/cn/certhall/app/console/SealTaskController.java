package cn.certhall.app.console;

import cn.certhall.app.sealmaking.SealTasks;
import cn.certhall.documents.seal.SealException;
import java.io.IOException;
import java.math.BigInteger;
import java.security.Principal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * 待处理印章 (CA administrators only, under {@code /console/admin/}): certificates issued without their
 * seal, with why, and an upload of a new impression that makes it. Translates HTTP to {@link
 * SealTasks}.
 */
@Controller
public class SealTaskController {
  /** An impression scan is a few megabytes; anything bigger is not one. */
  static final long MAX_IMPRESSION_BYTES = 10L * 1024 * 1024;

  private final SealTasks tasks;

  public SealTaskController(SealTasks tasks) {
    this.tasks = tasks;
  }

  @GetMapping("/console/admin/seals")
  public String list(Model model) {
    model.addAttribute("tasks", tasks.open());
    return "console/seals";
  }

  @PostMapping("/console/admin/seals/{caName}/{serial}")
  public String make(
      @PathVariable String caName,
      @PathVariable String serial,
      @RequestParam(name = "file", required = false) MultipartFile impression,
      Principal operator,
      RedirectAttributes flash)
      throws IOException {
    if (!serial.matches("[0-9a-f]{1,40}")) {
      flash.addFlashAttribute("message", "console.seals.noTask");
      return "redirect:/console/admin/seals";
    }
    if (impression == null || impression.isEmpty() || impression.getSize() > MAX_IMPRESSION_BYTES) {
      flash.addFlashAttribute("message", "console.seals.chooseFile");
      return "redirect:/console/admin/seals";
    }
    try {
      tasks.make(caName, new BigInteger(serial, 16), impression.getBytes(), operator.getName());
      flash.addFlashAttribute("message", "console.seals.made");
    } catch (SealException e) {
      flash.addFlashAttribute("message", "console.seals.unusable");
      flash.addFlashAttribute("detail", e.getMessage());
    } catch (SealTasks.NoOpenTask e) {
      flash.addFlashAttribute("message", "console.seals.noTask");
    }
    return "redirect:/console/admin/seals";
  }
}
