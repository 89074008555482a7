package cn.certhall.app.console;

import cn.certhall.app.persistence.OperatorRepository;
import cn.certhall.app.persistence.OperatorRepository.Operator;
import cn.certhall.app.persistence.OperatorRepository.Role;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Operator accounts (CA administrators only, see {@link ConsoleSecurityConfiguration}): create an
 * account with a role, reset a password (which also unlocks the account, see {@link
 * SignInThrottle}). Passwords are stored as hashes of the delegating encoder and never shown.
 */
@Controller
public class OperatorAdminController {
  static final Pattern USERNAME = Pattern.compile("[a-z0-9][a-z0-9._-]{2,63}");
  static final int MIN_PASSWORD = 12;

  private final OperatorRepository operators;
  private final PasswordEncoder passwords;
  private final SignInThrottle signIn;

  public OperatorAdminController(
      OperatorRepository operators, PasswordEncoder passwords, SignInThrottle signIn) {
    this.operators = operators;
    this.passwords = passwords;
    this.signIn = signIn;
  }

  @GetMapping("/console/admin/operators")
  public String list(Model model) {
    List<Operator> all = operators.all();
    model.addAttribute("operators", all);
    model.addAttribute(
        "locked",
        all.stream().map(Operator::username).filter(signIn::locked).collect(Collectors.toSet()));
    model.addAttribute("roles", Role.values());
    return "console/operators";
  }

  @PostMapping("/console/admin/operators")
  public String create(
      @RequestParam String username,
      @RequestParam String password,
      @RequestParam Role role,
      RedirectAttributes flash) {
    String problem = check(username, password);
    if (problem == null) {
      try {
        operators.insert(username, passwords.encode(password), role);
        flash.addFlashAttribute("message", "console.admin.created");
      } catch (DuplicateKeyException e) {
        flash.addFlashAttribute("message", "console.admin.exists");
      }
    } else {
      flash.addFlashAttribute("message", problem);
    }
    return "redirect:/console/admin/operators";
  }

  @PostMapping("/console/admin/operators/password")
  public String resetPassword(
      @RequestParam String username, @RequestParam String password, RedirectAttributes flash) {
    if (password.length() < MIN_PASSWORD) {
      flash.addFlashAttribute("message", "console.admin.weakPassword");
    } else {
      boolean changed = operators.changePassword(username, passwords.encode(password));
      if (changed) {
        signIn.unlock(username);
      }
      flash.addFlashAttribute(
          "message", changed ? "console.admin.reset" : "console.admin.noSuchUser");
    }
    return "redirect:/console/admin/operators";
  }

  private static String check(String username, String password) {
    if (!USERNAME.matcher(username).matches()) {
      return "console.admin.badUsername";
    }
    return password.length() < MIN_PASSWORD ? "console.admin.weakPassword" : null;
  }
}
