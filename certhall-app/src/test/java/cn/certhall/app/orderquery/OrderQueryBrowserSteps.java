package cn.certhall.app.orderquery;

import cn.certhall.app.RunningApp;
import cn.certhall.app.web.Browser;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.openqa.selenium.By;

/**
 * The steps of 我的订单 as a person takes them in the browser, with a screenshot of each. Public for
 * the browser tests of other parts (e.g. a rejected order found and continued by its handler).
 */
public final class OrderQueryBrowserSteps {
  private static final Pattern CODE = Pattern.compile("验证码为(\\d{6})");

  private final RunningApp app;
  private final Browser browser;

  public OrderQueryBrowserSteps(RunningApp app, Browser browser) {
    this.app = app;
    this.browser = browser;
  }

  /** From the query form to the lists: credit code, 获取验证码, the code from the SMS, 确认. */
  public void proveUnit(String creditCode, String handlerMobile) {
    browser.open(app.url("/orders?channelId=demo"));
    browser.screenshot("query-form");
    browser.find(By.id("kind-UNIT")).click();
    browser.type("idNumber", creditCode);
    browser.clickAndWait(By.id("send-code"));
    browser.screenshot("code-requested");
    browser.type("code", codeSentTo(handlerMobile));
    browser.clickAndWait(By.id("verify"));
    browser.screenshot("my-orders");
  }

  /** The newest query code in the sandbox's outbox for the mobile, as the handler reads the SMS. */
  public String codeSentTo(String mobile) {
    try {
      HttpResponse<String> messages =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(URI.create(app.url("/sandbox/api/messages?to=" + mobile)))
                      .build(),
                  HttpResponse.BodyHandlers.ofString());
      Matcher code = CODE.matcher(messages.body());
      if (!code.find()) {
        throw new AssertionError("no query code in the sandbox for the handler");
      }
      return code.group(1);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** The card of the order in the lists. */
  public static By card(String orderId) {
    return By.cssSelector("li[data-order='" + orderId + "']");
  }
}
