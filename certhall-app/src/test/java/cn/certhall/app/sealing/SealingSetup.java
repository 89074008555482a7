package cn.certhall.app.sealing;

import cn.certhall.app.Pdfsig;
import cn.certhall.app.RunningApp;
import cn.certhall.app.ca.CaRegistry;
import cn.certhall.app.channel.ChannelAdministration;
import cn.certhall.app.issuance.CaHostedCertificateIssuer;
import cn.certhall.app.persistence.JdbcOrderCertificates;
import cn.certhall.app.persistence.SandboxMessageRepository;
import cn.certhall.app.sealmaking.SealService;
import cn.certhall.domain.audit.Actor;
import cn.certhall.domain.identity.IdType;
import cn.certhall.domain.issuance.IssuanceService;
import cn.certhall.domain.order.AdministratorVerificationDetails;
import cn.certhall.domain.order.BusinessType;
import cn.certhall.domain.order.EnterpriseVerificationDetails;
import cn.certhall.domain.order.HistoryNote;
import cn.certhall.domain.order.Order;
import cn.certhall.domain.order.OrderService;
import cn.certhall.domain.order.OrderStatus;
import cn.certhall.domain.order.UnitApplication;
import cn.certhall.pki.issuance.CertificateAuthority;
import cn.certhall.pki.issuance.CertificateRef;
import cn.certhall.pki.issuance.Validity;
import cn.certhall.pki.keystore.SigningKeyStore;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import javax.imageio.ImageIO;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What the sealing tests share: the app (ECDSA, so pdfsig can check the signatures; sandbox on; the
 * CA's own TSA on), organizations with an issued certificate and a seal made through the services
 * the approval uses, the channel API over HTTP with multipart uploads, and one seal app session
 * over plain HTTP (its own cookies, the CSRF token of the last page, redirects not followed).
 */
final class SealingSetup {
  static final JsonMapper JSON = JsonMapper.builder().build();
  static final Pattern CSRF = Pattern.compile("name=\"_csrf\"\\s+value=\"([^\"]+)\"");
  static final Pattern SMS_CODE = Pattern.compile("验证码为(\\d{6})");

  private SealingSetup() {}

  static RunningApp start(Path dataDir) {
    return RunningApp.start(
        RunningApp.h2File(dataDir),
        dataDir,
        Map.of("certhall.ca.hierarchies", "ECDSA", "certhall.sandbox.enabled", "true"));
  }

  /** An organization whose order was approved and issued, with its seal. */
  record Organization(
      String orderId, String creditCode, String name, String caName, BigInteger serial) {}

  /** A seal administrator as the application names them. */
  record Admin(String name, IdType idType, String idNumber, String mobile) {}

  static UnitApplication application(String name, String creditCode, Admin admin) {
    return new UnitApplication(
        name,
        creditCode,
        new UnitApplication.LegalRepresentative("张法人", "11010519491231002X"),
        new UnitApplication.Handler(
            "李经办", IdType.RESIDENT_ID_CARD, "110101199003071234", "13800138001", "jb@example.cn"),
        new UnitApplication.Administrator(
            admin.name(), admin.idType(), admin.idNumber(), admin.mobile()),
        EnterpriseVerificationDetails.corporateTransfer(name, "35001234567890", "其他：福州农商银行"),
        AdministratorVerificationDetails.mobile());
  }

  /** An order walked to approval, then issued by the issuance service, then its seal made. */
  static Organization issued(RunningApp app, String name, String creditCode, Admin admin) {
    Order order = approved(app, name, creditCode, admin);
    CertificateRef ref = app.bean(IssuanceService.class).issue(order.id());
    BigInteger serial = new BigInteger(ref.serialHex(), 16);
    app.bean(SealService.class).createFor(new SealService.NewSeal(ref.caName(), serial, null));
    return new Organization(order.id(), creditCode, name, ref.caName(), serial);
  }

  /**
   * An organization whose certificate ran out yesterday: issued by the same CA and hosted-key path
   * with a validity in the past (the engine takes the caller's dates), linked to its order.
   */
  static Organization expired(RunningApp app, String name, String creditCode, Admin admin) {
    Order order = approved(app, name, creditCode, admin);
    CertificateAuthority ca = app.bean(CaRegistry.class).find("ecdsa-issuing").orElseThrow();
    CaHostedCertificateIssuer issuer =
        new CaHostedCertificateIssuer(
            app.bean(SigningKeyStore.class),
            ca,
            CaHostedCertificateIssuer.chainOf(ca, app.bean(CaRegistry.class).all()),
            app.bean(cn.certhall.app.persistence.CertificateRepository.class));
    String alias = IssuanceService.hostedKeyAlias(order.id());
    issuer.ensureHostedKey(alias);
    // as far back as the CA goes, ending a second ago (the CA itself is only as old as the app)
    Instant caStart = ca.certificate().getNotBefore().toInstant().truncatedTo(ChronoUnit.SECONDS);
    Instant end = Instant.now().truncatedTo(ChronoUnit.SECONDS).minusSeconds(1);
    if (!end.isAfter(caStart)) {
      end = caStart.plusSeconds(1);
    }
    CertificateRef ref =
        issuer.issueOrganizationCertificate(alias, name, creditCode, new Validity(caStart, end));
    while (!Instant.now().isAfter(end.plusSeconds(1))) {
      try {
        Thread.sleep(200);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
    new JdbcOrderCertificates(app.bean(JdbcClient.class), java.time.Clock.systemUTC())
        .link(order.id(), ref);
    BigInteger serial = new BigInteger(ref.serialHex(), 16);
    app.bean(SealService.class).createFor(new SealService.NewSeal(ref.caName(), serial, null));
    return new Organization(order.id(), creditCode, name, ref.caName(), serial);
  }

  private static Order approved(RunningApp app, String name, String creditCode, Admin admin) {
    OrderService orders = app.bean(OrderService.class);
    Order order =
        orders.start(
            BusinessType.NEW_UNIT_CERTIFICATE, "demo", application(name, creditCode, admin));
    for (OrderStatus to :
        List.of(
            OrderStatus.VERIFIED,
            OrderStatus.CONFIRMED,
            OrderStatus.AUTHORIZATION_CODE_ENTERED,
            OrderStatus.MATERIALS_UPLOADED,
            OrderStatus.APPLICATION_SIGNED,
            OrderStatus.PAID,
            OrderStatus.WAITING_FOR_REVIEW)) {
      orders.move(order.id(), to, HistoryNote.text("test set-up"));
    }
    orders.move(
        order.id(), OrderStatus.APPROVED, HistoryNote.text("审核通过"), Actor.operator("reviewer"));
    return order;
  }

  static String apiKey(RunningApp app, String channelId) {
    return app.bean(ChannelAdministration.class).newApiKey(channelId);
  }

  /** A one-page A4 PDF with a line of text (and the anchor text, when given). */
  static byte[] onePagePdf(String line) {
    try (PDDocument doc = new PDDocument()) {
      PDPage page = new PDPage(PDRectangle.A4);
      doc.addPage(page);
      try (PDPageContentStream cs = new PDPageContentStream(doc, page)) {
        cs.beginText();
        cs.setFont(new PDType1Font(Standard14Fonts.FontName.HELVETICA), 14);
        cs.newLineAtOffset(72, 700);
        cs.showText("Contract between the parties. " + line.replaceAll("[^\\x20-\\x7e]", ""));
        cs.endText();
        cs.beginText();
        cs.setFont(new PDType1Font(Standard14Fonts.FontName.HELVETICA), 12);
        cs.newLineAtOffset(360, 200);
        cs.showText("Seal here");
        cs.endText();
      }
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      doc.save(out);
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * A small PNG, as a phone camera's face photo would be sent (the sandbox does not look at it).
   */
  static byte[] photo() {
    BufferedImage image = new BufferedImage(64, 64, BufferedImage.TYPE_INT_RGB);
    for (int y = 0; y < 64; y++) {
      for (int x = 0; x < 64; x++) {
        image.setRGB(x, y, (x * 4) << 16 | (y * 4) << 8 | 0x80);
      }
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      ImageIO.write(image, "png", out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  /** The last SMS code the sandbox sent to the mobile. */
  static String smsCode(RunningApp app, String mobile) {
    for (SandboxMessageRepository.Message m :
        app.bean(SandboxMessageRepository.class).newest(mobile, 5)) {
      Matcher code = SMS_CODE.matcher(m.body());
      if (code.find()) {
        return code.group(1);
      }
    }
    throw new AssertionError("no SMS code in the sandbox for the mobile");
  }

  // ---- multipart -------------------------------------------------------------------------

  /** A multipart/form-data body: text fields, and files as (name, filename, type, bytes). */
  static final class Multipart {
    final String boundary = "----certhall" + UUID.randomUUID().toString().replace("-", "");
    final ByteArrayOutputStream body = new ByteArrayOutputStream();

    Multipart field(String name, String value) {
      write("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + name + "\"\r\n\r\n");
      write(value);
      write("\r\n");
      return this;
    }

    Multipart file(String name, String filename, String type, byte[] bytes) {
      write(
          "--"
              + boundary
              + "\r\nContent-Disposition: form-data; name=\""
              + name
              + "\"; filename=\""
              + filename
              + "\"\r\nContent-Type: "
              + type
              + "\r\n\r\n");
      body.writeBytes(bytes);
      write("\r\n");
      return this;
    }

    HttpRequest.BodyPublisher publisher() {
      write("--" + boundary + "--\r\n");
      return HttpRequest.BodyPublishers.ofByteArray(body.toByteArray());
    }

    String contentType() {
      return "multipart/form-data; boundary=" + boundary;
    }

    private void write(String s) {
      body.writeBytes(s.getBytes(StandardCharsets.UTF_8));
    }
  }

  // ---- the channel API -------------------------------------------------------------------

  static final HttpClient API = HttpClient.newHttpClient();

  static HttpResponse<String> createRequest(
      RunningApp app, String apiKey, String creditCode, byte[] pdf, Map<String, String> placement) {
    Multipart body = new Multipart();
    if (creditCode != null) {
      body.field("creditCode", creditCode);
    }
    placement.forEach(body::field);
    if (pdf != null) {
      body.file("file", "合同.pdf", "application/pdf", pdf);
    }
    return send(
        HttpRequest.newBuilder(URI.create(app.url("/api/channel/v1/signing-requests")))
            .header("X-Api-Key", apiKey)
            .header("Content-Type", body.contentType())
            .POST(body.publisher()),
        HttpResponse.BodyHandlers.ofString());
  }

  static JsonNode json(HttpResponse<String> response) {
    return JSON.readTree(response.body());
  }

  static HttpResponse<String> apiGet(RunningApp app, String apiKey, String path) {
    return send(
        HttpRequest.newBuilder(URI.create(app.url(path))).header("X-Api-Key", apiKey).GET(),
        HttpResponse.BodyHandlers.ofString());
  }

  static HttpResponse<byte[]> apiGetBytes(RunningApp app, String apiKey, String path) {
    return send(
        HttpRequest.newBuilder(URI.create(app.url(path))).header("X-Api-Key", apiKey).GET(),
        HttpResponse.BodyHandlers.ofByteArray());
  }

  static <T> HttpResponse<T> send(
      HttpRequest.Builder request, HttpResponse.BodyHandler<T> handler) {
    return send(API, request, handler);
  }

  static <T> HttpResponse<T> send(
      HttpClient client, HttpRequest.Builder request, HttpResponse.BodyHandler<T> handler) {
    try {
      return client.send(request.build(), handler);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** What {@code POST /api/verify} answers about the PDF (200 asserted). */
  static JsonNode verifyApi(RunningApp app, byte[] pdf) {
    Multipart body = new Multipart().file("file", "x.pdf", "application/pdf", pdf);
    HttpResponse<String> r =
        send(
            HttpRequest.newBuilder(URI.create(app.url("/api/verify")))
                .header("Content-Type", body.contentType())
                .POST(body.publisher()),
            HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() != 200) {
      throw new AssertionError("/api/verify answered " + r.statusCode() + ": " + r.body());
    }
    return JSON.readTree(r.body());
  }

  // ---- pdfsig ----------------------------------------------------------------------------

  /** An NSS database trusting the app's ECDSA root, for pdfsig. */
  static Path nss(RunningApp app, Path dir) throws IOException {
    return Pdfsig.nss(app, dir);
  }

  static String pdfsig(Path nss, Path pdf) {
    return Pdfsig.check(nss, pdf);
  }

  // ---- one seal app session --------------------------------------------------------------

  static final class SealAppSession {
    final RunningApp app;
    final HttpClient http =
        HttpClient.newBuilder()
            .cookieHandler(new CookieManager())
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
    String csrf;

    SealAppSession(RunningApp app) {
      this.app = app;
    }

    HttpResponse<String> get(String path) {
      HttpResponse<String> page =
          send(
              http,
              HttpRequest.newBuilder(URI.create(app.url(path))).header("Accept", "text/html").GET(),
              HttpResponse.BodyHandlers.ofString());
      Matcher token = CSRF.matcher(page.body());
      if (token.find()) {
        csrf = token.group(1);
      }
      return page;
    }

    HttpResponse<byte[]> getBytes(String path) {
      return send(
          http,
          HttpRequest.newBuilder(URI.create(app.url(path))).GET(),
          HttpResponse.BodyHandlers.ofByteArray());
    }

    /** Follows redirects within the app (GET), as a browser would, and reads the last page. */
    HttpResponse<String> follow(HttpResponse<String> response) {
      HttpResponse<String> r = response;
      for (int i = 0; i < 5 && r.statusCode() == 302; i++) {
        String location = r.headers().firstValue("Location").orElseThrow();
        r = get(location.replaceFirst("^https?://[^/]+", ""));
      }
      return r;
    }

    HttpResponse<String> post(String path, Map<String, String> fields) {
      Map<String, String> all = new LinkedHashMap<>(fields);
      if (csrf != null) {
        all.put("_csrf", csrf);
      }
      String body =
          all.entrySet().stream()
              .map(
                  e ->
                      URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8)
                          + "="
                          + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
              .collect(Collectors.joining("&"));
      return send(
          http,
          HttpRequest.newBuilder(URI.create(app.url(path)))
              .header("Content-Type", "application/x-www-form-urlencoded")
              .header("Accept", "text/html")
              .POST(HttpRequest.BodyPublishers.ofString(body)),
          HttpResponse.BodyHandlers.ofString());
    }

    /** Posts a multipart form with the CSRF token as one of its fields, as the page's form does. */
    HttpResponse<String> postMultipart(String path, Multipart body) {
      if (csrf != null) {
        body.field("_csrf", csrf);
      }
      return send(
          http,
          HttpRequest.newBuilder(URI.create(app.url(path)))
              .header("Content-Type", body.contentType())
              .header("Accept", "text/html")
              .POST(body.publisher()),
          HttpResponse.BodyHandlers.ofString());
    }

    /** 注册/登录 with the SMS code from the sandbox. */
    HttpResponse<String> signIn(String mobile) {
      get("/seal-app/");
      post("/seal-app/sign-in", Map.of("mobile", mobile, "action", "send"));
      return post(
          "/seal-app/sign-in",
          Map.of("mobile", mobile, "code", smsCode(app, mobile), "action", "verify"));
    }

    /** 下载个人证书: name, ID number and the face photo. */
    HttpResponse<String> identity(String name, String idNumber, boolean reset) {
      get(reset ? "/seal-app/certificate?reset" : "/seal-app/certificate");
      Multipart body =
          new Multipart()
              .field("name", name)
              .field("idNumber", idNumber)
              .file("photo", "face.png", "image/png", photo());
      if (reset) {
        body.field("reset", "1");
      }
      return postMultipart("/seal-app/certificate", body);
    }

    HttpResponse<String> setPin(String pin) {
      get("/seal-app/pin");
      return post("/seal-app/pin", Map.of("pin", pin, "pinRepeat", pin));
    }

    /** Signs in, downloads the personal certificate and sets the PIN. */
    void ready(Admin admin, String pin) {
      expectRedirect(signIn(admin.mobile()));
      expectRedirect(identity(admin.name(), admin.idNumber(), false));
      expectRedirect(setPin(pin));
    }

    /** Opens a QR link and follows it to the page it leads to. */
    HttpResponse<String> open(String link) {
      return follow(get(link.replaceFirst("^https?://[^/]+", "")));
    }

    HttpResponse<String> seal(String requestId, String pin) {
      get("/seal-app/requests/" + requestId);
      return post("/seal-app/requests/" + requestId + "/seal", Map.of("pin", pin));
    }
  }

  static void expectRedirect(HttpResponse<String> response) {
    if (response.statusCode() != 302) {
      throw new AssertionError(
          "expected a redirect, got " + response.statusCode() + ": " + response.body());
    }
  }
}
