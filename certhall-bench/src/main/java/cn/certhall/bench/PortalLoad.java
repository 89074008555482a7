package cn.certhall.bench;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import javax.imageio.ImageIO;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;

/**
 * Load test of the applicant portal (see {@code certhall-bench/scripts/portal-bench.sh}): {@code
 * --applicants} simulated applicants, {@code --concurrency} of them at a time, each walking 单位证书新办
 * as a browser does, with its own cookies (the {@code SESSION} cookie) and the CSRF token of the
 * last page it read:
 *
 * <ol>
 *   <li>the channel's home ({@code /?channelId=demo}), the agreement ({@code /apply}) and its POST;
 *   <li>the application form, and its POST (both verifications in the sandbox; the authorization
 *       code goes by SMS to the legal representative's mobile);
 *   <li>确认订单 and its POST; the code page; the code read from the sandbox's message API (the sandbox
 *       shows what it "sent"); the code entered;
 *   <li>the materials page, the five required materials uploaded (JPEG photos and one PDF), 下一步.
 * </ol>
 *
 * <p>Every applicant is a different organization (a unified social credit code with its check
 * character, random per run) with its own mobiles and ID numbers, so neither the rule of one
 * unfinished order per organization nor the per-mobile SMS caps refuse it; the per-address cap
 * (every applicant comes from this host) must be raised on the server. An answer other than the
 * expected one (status, redirect target, page content) is an error: the applicant stops there, and
 * the first few errors are printed. The answer times are printed per page: count, errors, p50, p99,
 * max in ms; the figures of {@code --warmup} applicants run first are left out.
 *
 * <pre>
 * java -cp certhall-bench/target/benchmarks.jar cn.certhall.bench.PortalLoad \
 *   --url http://127.0.0.1:18580 --applicants 300 --concurrency 20 [--warmup 40] [--channel demo]
 * </pre>
 */
public final class PortalLoad {
  private static final Pattern CSRF = Pattern.compile("name=\"_csrf\"\\s+value=\"([^\"]+)\"");
  private static final Pattern AUTHORIZATION_CODE = Pattern.compile("证书授权码为?(\\d{6})");
  private static final Pattern CONFIRM = Pattern.compile("/apply/(\\w+)/confirm");
  private static final String CHARS = "0123456789ABCDEFGHJKLMNPQRTUWXY";
  private static final int[] CREDIT_WEIGHTS = {
    1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28
  };
  private static final int[] ID_WEIGHTS = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
  private static final String[] MATERIALS = {
    "BUSINESS_LICENSE",
    "HANDLER_ID_FRONT",
    "HANDLER_ID_BACK",
    "AUTHORIZATION_LETTER",
    "SEAL_COLLECTION_FORM"
  };
  private static final int ERRORS_SHOWN = 5;

  /** The pages in the order an applicant meets them, as the report lists them. */
  static final List<String> PAGES =
      List.of(
          "GET home",
          "GET /apply",
          "POST /apply",
          "GET /apply/form",
          "POST /apply/form",
          "GET confirm",
          "POST confirm",
          "GET code",
          "sandbox SMS",
          "POST code",
          "GET materials",
          "POST upload",
          "POST complete");

  private final URI base;
  private final String channel;
  private final HttpClient http;
  private final byte[] photo;
  private final byte[] pdf;

  PortalLoad(URI base, String channel) {
    this.base = base;
    this.channel = channel;
    this.http =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(10))
            .build();
    this.photo = jpeg(1200, 900);
    this.pdf = pdf("Authorization letter, signed and stamped");
  }

  public static void main(String[] args) throws Exception {
    Map<String, String> options = options(args);
    URI base = URI.create(options.getOrDefault("url", "http://127.0.0.1:18580"));
    int applicants = Integer.parseInt(options.getOrDefault("applicants", "300"));
    int concurrency = Integer.parseInt(options.getOrDefault("concurrency", "20"));
    int warmup = Integer.parseInt(options.getOrDefault("warmup", "0"));
    long seed = Long.parseLong(options.getOrDefault("seed", String.valueOf(System.nanoTime())));
    PortalLoad load = new PortalLoad(base, options.getOrDefault("channel", "demo"));
    Identities identities = new Identities(new Random(seed));

    if (warmup > 0) {
      Run warm = load.run(identities, warmup, concurrency);
      System.out.printf(
          "warm-up: %d applicants in %.1f s, %d errors%n",
          warmup, warm.seconds, warm.stats.errors());
    }
    Run run = load.run(identities, applicants, concurrency);
    System.out.printf(
        "%d applicants, %d at a time, against %s: %d finished in %.1f s (%.2f applicants/s, %.1f requests/s)%n",
        applicants,
        concurrency,
        base,
        run.finished,
        run.seconds,
        run.finished / run.seconds,
        run.stats.count() / run.seconds);
    run.stats.print();
    if (run.stats.errors() > 0) {
      System.out.println("first errors:");
      run.stats.firstErrors().forEach(e -> System.out.println("  " + e));
      System.exit(1);
    }
  }

  record Run(Stats stats, int finished, double seconds) {}

  Run run(Identities identities, int applicants, int concurrency) throws InterruptedException {
    Stats stats = new Stats();
    AtomicInteger finished = new AtomicInteger();
    List<Identity> who = new ArrayList<>();
    for (int i = 0; i < applicants; i++) {
      who.add(identities.next());
    }
    ExecutorService pool = Executors.newFixedThreadPool(concurrency);
    long start = System.nanoTime();
    for (Identity identity : who) {
      pool.execute(
          () -> {
            try {
              new Applicant(identity, stats).walk();
              finished.incrementAndGet();
            } catch (StepFailed e) {
              // recorded by the step
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            } catch (RuntimeException e) {
              stats.error("applicant " + identity.creditCode, e.toString());
            }
          });
    }
    pool.shutdown();
    if (!pool.awaitTermination(1, TimeUnit.HOURS)) {
      throw new IllegalStateException("the applicants did not finish within an hour");
    }
    return new Run(stats, finished.get(), (System.nanoTime() - start) / 1e9);
  }

  /** One applicant's browser: its cookies and the CSRF token of the last page read. */
  final class Applicant {
    private final Identity identity;
    private final Stats stats;
    private final Map<String, String> cookies = new LinkedHashMap<>();
    private String csrf;

    Applicant(Identity identity, Stats stats) {
      this.identity = identity;
      this.stats = stats;
    }

    void walk() throws InterruptedException {
      page("GET home", get("/?channelId=" + channel), 200, "单位证书新办");
      page("GET /apply", get("/apply?channelId=" + channel), 200, "name=\"_csrf\"");
      redirect(
          "POST /apply",
          post("/apply", Map.of("channelId", channel, "agree", "yes")),
          "/apply/form");
      page("GET /apply/form", get("/apply/form"), 200, "name=\"creditCode\"");
      String confirm =
          redirect("POST /apply/form", post("/apply/form", identity.form()), "/confirm");
      Matcher order = CONFIRM.matcher(confirm);
      if (!order.matches()) {
        throw fail("POST /apply/form", "redirected to " + confirm + ", not to an order's 确认订单");
      }
      String orderPath = "/apply/" + order.group(1);
      page("GET confirm", get(confirm), 200, "确认订单");
      redirect("POST confirm", post(confirm, Map.of()), orderPath + "/code");
      page("GET code", get(orderPath + "/code"), 200, "证书授权码");
      String code = sandboxCode(identity.legalRepMobile);
      redirect(
          "POST code", post(orderPath + "/code", Map.of("code", code)), orderPath + "/materials");
      page("GET materials", get(orderPath + "/materials"), 200, "BUSINESS_LICENSE");
      for (String kind : MATERIALS) {
        boolean asPdf = kind.equals("AUTHORIZATION_LETTER");
        redirect(
            "POST upload",
            upload(
                orderPath + "/materials/" + kind,
                asPdf ? "letter.pdf" : "photo.jpg",
                asPdf ? pdf : photo),
            orderPath + "/materials");
        if (kind.equals("BUSINESS_LICENSE")) {
          // the page again after the first upload, as the browser follows the redirect
          page("GET materials", get(orderPath + "/materials"), 200, "BUSINESS_LICENSE");
        }
      }
      page("GET materials", get(orderPath + "/materials"), 200, "SEAL_COLLECTION_FORM");
      redirect(
          "POST complete", post(orderPath + "/materials/complete", Map.of()), orderPath + "/sign");
    }

    /** The authorization code the sandbox "sent": polled, as the SMS may still be on its way. */
    private String sandboxCode(String mobile) throws InterruptedException {
      long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
      while (true) {
        Timed<String> messages =
            send(
                HttpRequest.newBuilder(base.resolve("/sandbox/api/messages?to=" + mobile)).GET(),
                HttpResponse.BodyHandlers.ofString(),
                false);
        stats.time("sandbox SMS", messages.nanos);
        if (messages.response.statusCode() != 200) {
          throw fail("sandbox SMS", "status " + messages.response.statusCode());
        }
        Matcher m = AUTHORIZATION_CODE.matcher(messages.response.body());
        if (m.find()) {
          return m.group(1);
        }
        if (System.nanoTime() > deadline) {
          throw fail("sandbox SMS", "no authorization code to " + mobile + " within 10 s");
        }
        Thread.sleep(100);
      }
    }

    private void page(String name, Timed<String> answer, int status, String contains) {
      stats.time(name, answer.nanos);
      HttpResponse<String> r = answer.response;
      if (r.statusCode() != status || !r.body().contains(contains)) {
        throw fail(
            name,
            "status "
                + r.statusCode()
                + (r.statusCode() == status ? " without \"" + contains + "\"" : "")
                + ": "
                + excerpt(r));
      }
      Matcher token = CSRF.matcher(r.body());
      if (token.find()) {
        csrf = token.group(1);
      }
    }

    /** Checks a redirect and returns its target's path. */
    private String redirect(String name, Timed<String> answer, String endsWith) {
      stats.time(name, answer.nanos);
      HttpResponse<String> r = answer.response;
      String location =
          r.headers().firstValue("Location").map(l -> URI.create(l).getPath()).orElse(null);
      if (r.statusCode() != 302 || location == null || !location.endsWith(endsWith)) {
        throw fail(
            name,
            "status "
                + r.statusCode()
                + ", Location "
                + location
                + " (expected …"
                + endsWith
                + "): "
                + excerpt(r));
      }
      return location;
    }

    private StepFailed fail(String page, String what) {
      stats.error(page, "applicant " + identity.creditCode + ": " + what);
      return new StepFailed();
    }

    private Timed<String> get(String path) {
      return send(
          HttpRequest.newBuilder(base.resolve(path)).header("Accept", "text/html").GET(),
          HttpResponse.BodyHandlers.ofString(),
          true);
    }

    private Timed<String> post(String path, Map<String, String> fields) {
      Map<String, String> withToken = new LinkedHashMap<>(fields);
      if (csrf != null) {
        withToken.put("_csrf", csrf);
      }
      String body =
          withToken.entrySet().stream()
              .map(e -> encode(e.getKey()) + "=" + encode(e.getValue()))
              .collect(Collectors.joining("&"));
      return send(
          HttpRequest.newBuilder(base.resolve(path))
              .header("Content-Type", "application/x-www-form-urlencoded")
              .header("Accept", "text/html")
              .POST(HttpRequest.BodyPublishers.ofString(body)),
          HttpResponse.BodyHandlers.ofString(),
          true);
    }

    /** A file as the materials page's form sends it: multipart, the CSRF field first. */
    private Timed<String> upload(String path, String fileName, byte[] content) {
      String boundary = "----certhall" + UUID.randomUUID().toString().replace("-", "");
      ByteArrayOutputStream body = new ByteArrayOutputStream();
      write(
          body,
          "--"
              + boundary
              + "\r\nContent-Disposition: form-data; name=\"_csrf\"\r\n\r\n"
              + csrf
              + "\r\n");
      write(
          body,
          "--"
              + boundary
              + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\""
              + fileName
              + "\"\r\nContent-Type: "
              + (fileName.endsWith(".pdf") ? "application/pdf" : "image/jpeg")
              + "\r\n\r\n");
      body.writeBytes(content);
      write(body, "\r\n--" + boundary + "--\r\n");
      return send(
          HttpRequest.newBuilder(base.resolve(path))
              .header("Content-Type", "multipart/form-data; boundary=" + boundary)
              .header("Accept", "text/html")
              .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())),
          HttpResponse.BodyHandlers.ofString(),
          true);
    }

    private <T> Timed<T> send(
        HttpRequest.Builder request, HttpResponse.BodyHandler<T> handler, boolean withCookies) {
      request.timeout(Duration.ofSeconds(60));
      if (withCookies && !cookies.isEmpty()) {
        request.header(
            "Cookie",
            cookies.entrySet().stream()
                .map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining("; ")));
      }
      long start = System.nanoTime();
      HttpResponse<T> response;
      try {
        response = http.send(request.build(), handler);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
      long nanos = System.nanoTime() - start;
      if (withCookies) {
        for (String set : response.headers().allValues("Set-Cookie")) {
          String pair = set.split(";", 2)[0];
          int eq = pair.indexOf('=');
          if (eq <= 0) {
            continue;
          }
          String name = pair.substring(0, eq).strip();
          String value = pair.substring(eq + 1).strip();
          if (value.isEmpty() || set.toLowerCase().contains("max-age=0")) {
            cookies.remove(name);
          } else {
            cookies.put(name, value);
          }
        }
      }
      return new Timed<>(response, nanos);
    }
  }

  record Timed<T>(HttpResponse<T> response, long nanos) {}

  /** Thrown to stop an applicant whose step was answered otherwise than expected. */
  static final class StepFailed extends RuntimeException {
    StepFailed() {
      super(null, null, false, false);
    }
  }

  /** Answer times and errors per page. */
  static final class Stats {
    private final Map<String, List<Long>> times = new LinkedHashMap<>();
    private final Map<String, Integer> errors = new LinkedHashMap<>();
    private final List<String> first = new ArrayList<>();

    synchronized void time(String page, long nanos) {
      times.computeIfAbsent(page, p -> new ArrayList<>()).add(nanos);
    }

    synchronized void error(String page, String what) {
      errors.merge(page, 1, Integer::sum);
      if (first.size() < ERRORS_SHOWN) {
        first.add(page + ": " + what);
      }
    }

    synchronized int errors() {
      return errors.values().stream().mapToInt(Integer::intValue).sum();
    }

    synchronized long count() {
      return times.values().stream().mapToLong(List::size).sum();
    }

    synchronized List<String> firstErrors() {
      return List.copyOf(first);
    }

    synchronized void print() {
      System.out.printf(
          "%-18s %7s %7s %9s %9s %9s%n", "page", "count", "errors", "p50 ms", "p99 ms", "max ms");
      List<String> pages = new ArrayList<>(PAGES);
      times.keySet().stream().filter(p -> !pages.contains(p)).forEach(pages::add);
      errors.keySet().stream().filter(p -> !pages.contains(p)).forEach(pages::add);
      List<Long> all = new ArrayList<>();
      for (String page : pages) {
        List<Long> t = new ArrayList<>(times.getOrDefault(page, List.of()));
        if (!page.equals("sandbox SMS")) {
          all.addAll(t);
        }
        row(page, t, errors.getOrDefault(page, 0));
      }
      row("all portal pages", all, errors());
    }

    private static void row(String page, List<Long> t, int errors) {
      Collections.sort(t);
      System.out.printf(
          "%-18s %7d %7d %9.1f %9.1f %9.1f%n",
          page,
          t.size(),
          errors,
          percentile(t, 50),
          percentile(t, 99),
          t.isEmpty() ? 0 : t.get(t.size() - 1) / 1e6);
    }

    /** Nearest rank, in ms. */
    static double percentile(List<Long> sorted, double p) {
      if (sorted.isEmpty()) {
        return 0;
      }
      int rank = (int) Math.ceil(p / 100 * sorted.size());
      return sorted.get(Math.max(0, rank - 1)) / 1e6;
    }
  }

  /** What one applicant types into the form: numbers with their check characters. */
  record Identity(
      String creditCode,
      String legalRepId,
      String handlerId,
      String handlerMobile,
      String legalRepMobile) {
    Map<String, String> form() {
      Map<String, String> f = new LinkedHashMap<>();
      f.put("organizationName", "福州压测科技有限公司");
      f.put("creditCode", creditCode);
      f.put("legalRepName", "张法人");
      f.put("legalRepIdNumber", legalRepId);
      f.put("handlerName", "李经办");
      f.put("handlerIdType", "RESIDENT_ID_CARD");
      f.put("handlerIdNumber", handlerId);
      f.put("handlerMobile", handlerMobile);
      f.put("handlerEmail", "jb@example.cn");
      f.put("adminName", "李经办");
      f.put("adminIdType", "RESIDENT_ID_CARD");
      f.put("adminIdNumber", handlerId);
      f.put("adminMobile", handlerMobile);
      f.put("enterpriseMethod", "LEGAL_REP_MOBILE");
      f.put("legalRepMobile", legalRepMobile);
      f.put("adminMethod", "MOBILE");
      return f;
    }
  }

  /**
   * Distinct organizations, people and mobiles: random per run (so that a second run on the same
   * database meets no unfinished order of the first), none of them ending as the sandbox's failing
   * numbers do (0000, 8888, 9999: docs/sandbox.md).
   */
  static final class Identities {
    private final Random random;
    private final Set<String> used = new HashSet<>();

    Identities(Random random) {
      this.random = random;
    }

    synchronized Identity next() {
      return new Identity(
          unique(() -> creditCode("91350100M" + randomChars(8))),
          unique(() -> residentId("110105" + birthDate() + (100 + random.nextInt(800)))),
          unique(() -> residentId("350102" + birthDate() + (100 + random.nextInt(800)))),
          unique(() -> "139" + String.format("%08d", random.nextInt(100_000_000))),
          unique(() -> "137" + String.format("%08d", random.nextInt(100_000_000))));
    }

    private String unique(java.util.function.Supplier<String> make) {
      while (true) {
        String value = make.get();
        boolean sandboxFails =
            value.endsWith("0000") || value.endsWith("8888") || value.endsWith("9999");
        if (!sandboxFails && used.add(value)) {
          return value;
        }
      }
    }

    private String randomChars(int n) {
      StringBuilder s = new StringBuilder();
      for (int i = 0; i < n; i++) {
        s.append(CHARS.charAt(random.nextInt(CHARS.length())));
      }
      return s.toString();
    }

    /** A birth date between 1960 and 1995 (the applicants are adults). */
    private String birthDate() {
      return LocalDate.of(1960, 1, 1)
          .plusDays(random.nextInt(35 * 365))
          .toString()
          .replace("-", "");
    }
  }

  /** A unified social credit code (GB 32100) from its first 17 characters. */
  static String creditCode(String first17) {
    int sum = 0;
    for (int i = 0; i < 17; i++) {
      sum += CHARS.indexOf(first17.charAt(i)) * CREDIT_WEIGHTS[i];
    }
    return first17 + CHARS.charAt((31 - sum % 31) % 31);
  }

  /** A resident ID number (GB 11643) from its first 17 digits. */
  static String residentId(String first17) {
    int sum = 0;
    for (int i = 0; i < 17; i++) {
      sum += (first17.charAt(i) - '0') * ID_WEIGHTS[i];
    }
    return first17 + "10X98765432".charAt(sum % 11);
  }

  /** A sharp "document" photo: a frame and lines of text, as the material checks accept it. */
  static byte[] jpeg(int width, int height) {
    BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = image.createGraphics();
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, width, height);
    g.setColor(Color.BLACK);
    g.setStroke(new BasicStroke(Math.max(1, width / 400f)));
    g.drawRect(width / 20, height / 20, width * 9 / 10, height * 9 / 10);
    g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, Math.max(8, height / 30)));
    g.setRenderingHint(
        RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_OFF);
    for (int line = 0; line < 20; line++) {
      g.drawString(
          "Business licence 91350100M000100Y43 line " + line,
          width / 10,
          height / 8 + line * height / 26);
    }
    g.dispose();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      ImageIO.write(image, "jpeg", out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  /** A one-page PDF with a line of (Latin) text. */
  static byte[] pdf(String text) {
    try (PDDocument document = new PDDocument()) {
      PDPage page = new PDPage();
      document.addPage(page);
      try (PDPageContentStream content = new PDPageContentStream(document, page)) {
        content.beginText();
        content.setFont(new PDType1Font(Standard14Fonts.FontName.HELVETICA), 12);
        content.newLineAtOffset(72, 700);
        content.showText(text);
        content.endText();
      }
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      document.save(out);
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String excerpt(HttpResponse<String> r) {
    String body = r.body() == null ? "" : r.body();
    Matcher error = Pattern.compile("class=\"[^\"]*error[^\"]*\"[^>]*>([^<]{1,200})").matcher(body);
    if (error.find()) {
      return error.group(1).strip();
    }
    Matcher h1 = Pattern.compile("<h1[^>]*>([^<]{1,200})").matcher(body);
    return h1.find()
        ? h1.group(1).strip()
        : body.substring(0, Math.min(200, body.length())).replaceAll("\\s+", " ");
  }

  private static void write(ByteArrayOutputStream out, String text) {
    out.writeBytes(text.getBytes(StandardCharsets.UTF_8));
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }

  private static Map<String, String> options(String[] args) {
    Map<String, String> options = new LinkedHashMap<>();
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      if (!arg.startsWith("--")) {
        throw new IllegalArgumentException("unexpected argument " + arg);
      }
      int eq = arg.indexOf('=');
      if (eq > 0) {
        options.put(arg.substring(2, eq), arg.substring(eq + 1));
      } else if (i + 1 < args.length) {
        options.put(arg.substring(2), args[++i]);
      } else {
        throw new IllegalArgumentException("no value for " + arg);
      }
    }
    return options;
  }
}
