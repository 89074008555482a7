package cn.certhall.app.console;

import cn.certhall.domain.certificate.CertificateRules;
import cn.certhall.domain.review.ReviewDashboard;
import cn.certhall.domain.review.ReviewDashboard.Decision;
import jakarta.servlet.http.HttpServletRequest;
import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.time.Duration;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.springframework.context.MessageSource;
import org.springframework.http.CacheControl;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * The reviewers' dashboard (审核看板) for reviewers and CA administrators: the figures of {@link
 * ReviewDashboard}, and the CSV of the period's decisions (each download audited by the domain).
 * Times to decision are shown in hours of elapsed time.
 */
@Controller
public class DashboardController {
  static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(CertificateRules.CHINA_TIME);
  private static final DateTimeFormatter DAY =
      DateTimeFormatter.ofPattern("yyyy-MM-dd").withZone(CertificateRules.CHINA_TIME);

  private final ReviewDashboard dashboard;
  private final MessageSource messages;

  public DashboardController(ReviewDashboard dashboard, MessageSource messages) {
    this.dashboard = dashboard;
    this.messages = messages;
  }

  @GetMapping("/console/dashboard")
  public String dashboard(Model model, Principal operator, HttpServletRequest request) {
    ReviewDashboard.Figures figures = dashboard.figures();
    model.addAttribute("figures", figures);
    model.addAttribute("median", figures.median().map(d -> hours(d, 1)).orElse(null));
    model.addAttribute("p90", figures.p90().map(d -> hours(d, 1)).orElse(null));
    model.addAttribute("periodStart", TIME.format(figures.periodStart()));
    model.addAttribute("periodEnd", TIME.format(figures.at()));
    model.addAttribute("admin", request.isUserInRole("CA_ADMIN"));
    model.addAttribute("operator", operator.getName());
    return "console/dashboard";
  }

  @GetMapping("/console/dashboard/decisions.csv")
  public ResponseEntity<byte[]> decisions(Principal operator, Locale locale) {
    ReviewDashboard.Export export = dashboard.export(operator.getName());
    List<List<String>> rows = new ArrayList<>();
    rows.add(
        List.of(
            text("console.dashboard.csv.order", locale),
            text("console.dashboard.csv.business", locale),
            text("console.dashboard.csv.submitted", locale),
            text("console.dashboard.csv.decided", locale),
            text("console.dashboard.csv.decision", locale),
            text("console.dashboard.csv.reviewer", locale),
            text("console.dashboard.csv.hours", locale)));
    for (Decision d : export.decisions()) {
      rows.add(
          List.of(
              d.orderId(),
              text("console.business." + d.businessType(), locale),
              TIME.format(d.submittedAt()),
              TIME.format(d.decidedAt()),
              text("console.dashboard.outcome." + d.outcome(), locale),
              d.reviewer(),
              hours(d.timeToDecision(), 2)));
    }
    String name =
        "review-decisions-"
            + DAY.format(export.periodStart())
            + "-"
            + DAY.format(export.periodEnd())
            + ".csv";
    return ResponseEntity.ok()
        .contentType(new MediaType("text", "csv", StandardCharsets.UTF_8))
        .header(
            HttpHeaders.CONTENT_DISPOSITION,
            ContentDisposition.attachment().filename(name).build().toString())
        .cacheControl(CacheControl.noStore())
        .body(Csv.write(rows));
  }

  /** Hours with {@code decimals} places, as Excel would show the CSV's column. */
  static String hours(Duration duration, int decimals) {
    return String.format(Locale.ROOT, "%." + decimals + "f", duration.toMillis() / 3_600_000.0);
  }

  private String text(String key, Locale locale) {
    return messages.getMessage(key, null, locale);
  }
}
