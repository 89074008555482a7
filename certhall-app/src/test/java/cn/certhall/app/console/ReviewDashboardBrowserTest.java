package cn.certhall.app.console;

import static org.assertj.core.api.Assertions.assertThat;

import cn.certhall.app.RunningApp;
import cn.certhall.app.web.Browser;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;

/**
 * The reviewers' dashboard in the browser: the demo reviewer signs in, sees the overdue orders
 * marked in the queue, opens 审核看板 from its link and reads the figures of {@link DashboardScenario}.
 * Screenshots in {@code certhall-app/target/screenshots/ReviewDashboardBrowserTest.*}.
 */
class ReviewDashboardBrowserTest {
  @TempDir static Path dataDir;
  static DashboardScenario scenario;
  static Browser browser;

  @BeforeAll
  static void start() {
    browser = Browser.start(1280, 1000);
    scenario = new DashboardScenario(RunningApp.h2File(dataDir), dataDir).play();
  }

  @AfterAll
  static void stop() {
    if (browser != null) {
      browser.close();
    }
    if (scenario != null) {
      scenario.close();
    }
  }

  @Test
  void theReviewerOpensTheDashboardFromTheQueue() {
    browser.beginTest("ReviewDashboardBrowserTest.queueAndDashboard");
    browser.open(scenario.app.url("/console/login"));
    browser.type("username", "reviewer");
    browser.type("password", "certhall-demo");
    browser.clickAndWait(By.cssSelector("form button[type='submit']"));

    assertThat(browser.find(By.id("overdue-summary")).getText()).contains("有 2 个订单已超过审核期限");
    assertThat(
            browser
                .find(By.cssSelector("tr[data-order='" + scenario.overdueRevocation.id() + "']"))
                .getText())
        .contains("⚠ 已超期 2 个工作日");
    assertThat(
            browser
                .find(By.cssSelector("tr[data-order='" + scenario.dueToday.id() + "']"))
                .getText())
        .contains("今日到期");
    browser.screenshot("queue-with-overdue-orders");

    browser.clickAndWait(By.id("dashboard-link"));
    assertThat(browser.find(By.tagName("h1")).getText()).isEqualTo("审核看板");
    assertThat(browser.byId("waiting").getText()).isEqualTo("4");
    assertThat(browser.byId("due-today").getText()).isEqualTo("1");
    assertThat(browser.byId("overdue").getText()).isEqualTo("2");
    assertThat(browser.byId("median").getText()).isEqualTo("5.0 小时");
    assertThat(browser.byId("p90").getText()).isEqualTo("20.2 小时");
    assertThat(browser.byId("per-reviewer").getText()).contains("reviewer", "zhang.wei");
    assertThat(browser.byId("export").getText()).isEqualTo("导出近 30 天审核记录（CSV）");
    browser.screenshot("dashboard");
  }
}
