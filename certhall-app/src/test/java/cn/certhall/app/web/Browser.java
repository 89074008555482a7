package cn.certhall.app.web;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's headless Chromium driven by Selenium, for the browser tests of the portal. Start one per
 * test class ({@code @BeforeAll}) and call {@link #beginTest} in each test: a browser start costs a
 * second or two, a fresh set of cookies nothing.
 *
 * <p>Where Chromium or its driver is missing the test is skipped, except under CI (environment
 * {@code CI} set, as {@code .ci/run} does, which installs {@code chromium chromium-driver}): there
 * it fails, so CI never passes by skipping.
 *
 * <p>{@link #screenshot} saves the whole page as {@code target/screenshots/<test>/NN-step.png},
 * numbered in the order taken, for a person to look through.
 */
public final class Browser implements AutoCloseable {
  static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
  static final Path SCREENSHOTS = Path.of("target", "screenshots");

  private final ChromeDriver driver;
  private final Path userDataDir;
  private Path shots = SCREENSHOTS.resolve("unnamed");
  private int step;

  private Browser(ChromeDriver driver, Path userDataDir) {
    this.driver = driver;
    this.userDataDir = userDataDir;
  }

  /** A new browser with a profile of its own, phone-sized unless {@code width} says otherwise. */
  public static Browser start(int width, int height) {
    return start(width, height, List.of());
  }

  /** The same with more Chromium flags (a fake camera, for one). */
  public static Browser start(int width, int height, List<String> moreArguments) {
    requireInstalled();
    try {
      Path profile = Files.createTempDirectory("certhall-chromium-");
      ChromeOptions options = new ChromeOptions();
      options.setBinary(CHROMIUM.toFile());
      options.addArguments(
          "--headless=new",
          "--no-sandbox",
          "--disable-gpu",
          "--disable-dev-shm-usage",
          "--disable-quic",
          "--no-first-run",
          "--disable-background-networking",
          "--disable-component-update",
          "--disable-sync",
          "--lang=zh-CN",
          "--window-size=" + width + "," + height,
          "--user-data-dir=" + profile);
      options.addArguments(moreArguments);
      ChromeDriverService service =
          new ChromeDriverService.Builder()
              .usingDriverExecutable(CHROMEDRIVER.toFile())
              .usingAnyFreePort()
              // when the tests' JVM runs under faketime (the date sweeps, docs/decisions.md "Test
              // clocks"), the browser keeps the real time: only the server's dates are under test,
              // and Chromium under libfaketime starves a two-core machine
              .withEnvironment(Map.of("LD_PRELOAD", ""))
              .build();
      ChromeDriver driver = new ChromeDriver(service, options);
      driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
      return new Browser(driver, profile);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A phone-sized browser (the portal is mobile first). */
  public static Browser start() {
    return start(412, 900);
  }

  static void requireInstalled() {
    boolean present = Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
    if (!present && System.getenv("CI") != null) {
      throw new AssertionError(
          CHROMIUM
              + " or "
              + CHROMEDRIVER
              + " is missing; .ci/run must install chromium chromium-driver");
    }
    assumeTrue(present, "chromium or chromedriver is not installed; skipping the browser test");
  }

  /** Forgets the last test's cookies and sends screenshots to {@code target/screenshots/<name>}. */
  public void beginTest(String name) {
    driver.manage().deleteAllCookies();
    shots = SCREENSHOTS.resolve(name.replaceAll("[^A-Za-z0-9_.-]", "_"));
    step = 0;
    try {
      if (Files.isDirectory(shots)) {
        try (Stream<Path> old = Files.list(shots)) {
          for (Path p : old.toList()) {
            Files.delete(p);
          }
        }
      }
      Files.createDirectories(shots);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public ChromeDriver driver() {
    return driver;
  }

  public void open(String url) {
    driver.get(url);
  }

  public WebElement find(By by) {
    return driver.findElement(by);
  }

  public List<WebElement> findAll(By by) {
    return driver.findElements(by);
  }

  public WebElement byId(String id) {
    return driver.findElement(By.id(id));
  }

  /** Replaces the text of the field with this id. */
  public void type(String id, String text) {
    WebElement field = byId(id);
    field.clear();
    field.sendKeys(text);
  }

  public void select(String id, String value) {
    new Select(byId(id)).selectByValue(value);
  }

  /**
   * Clicks and waits for the next page to load (a click that submits a form or follows a link). The
   * old page is marked in its window object; the next page is there once the mark is gone and the
   * document is complete. Errors while the page changes under the driver count as "not yet".
   */
  public void clickAndWait(By by) {
    driver.executeScript("window.__certhallOldPage = true");
    driver.findElement(by).click();
    new WebDriverWait(driver, Duration.ofSeconds(30))
        .until(
            d -> {
              try {
                return Boolean.TRUE.equals(
                    driver.executeScript(
                        "return window.__certhallOldPage === undefined"
                            + " && document.readyState === 'complete'"));
              } catch (WebDriverException e) {
                return false;
              }
            });
  }

  /**
   * Clicks a link to a file the browser saves (an attachment) and waits until the download is
   * complete in {@code dir}: the file as the user gets it.
   */
  public Path download(By link, Path dir) {
    driver.executeCdpCommand(
        "Browser.setDownloadBehavior",
        Map.of("behavior", "allow", "downloadPath", dir.toAbsolutePath().toString()));
    find(link).click();
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (System.nanoTime() < deadline) {
      try (Stream<Path> files = Files.list(dir)) {
        List<Path> done =
            files.filter(f -> !f.getFileName().toString().endsWith(".crdownload")).toList();
        boolean partial;
        try (Stream<Path> again = Files.list(dir)) {
          partial = again.anyMatch(f -> f.getFileName().toString().endsWith(".crdownload"));
        }
        if (!done.isEmpty() && !partial) {
          return done.get(0);
        }
        Thread.sleep(100);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
    throw new AssertionError("no download in " + dir + " within 30 s");
  }

  public String text() {
    return driver.findElement(By.tagName("body")).getText();
  }

  /** The whole page, beyond the window, as the next numbered screenshot. */
  public Path screenshot(String stepName) {
    step++;
    Path file = shots.resolve(String.format("%02d-%s.png", step, stepName));
    Map<String, Object> shot =
        driver.executeCdpCommand(
            "Page.captureScreenshot", Map.of("format", "png", "captureBeyondViewport", true));
    try {
      Files.write(file, Base64.getDecoder().decode((String) shot.get("data")));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return file;
  }

  @Override
  public void close() {
    try {
      driver.quit();
    } finally {
      try (Stream<Path> files = Files.walk(userDataDir)) {
        files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      } catch (IOException e) {
        // a leftover temporary profile does no harm
      }
    }
  }
}
