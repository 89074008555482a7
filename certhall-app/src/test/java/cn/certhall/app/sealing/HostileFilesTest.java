package cn.certhall.app.sealing;

import static org.assertj.core.api.Assertions.assertThat;

import cn.certhall.app.RunningApp;
import cn.certhall.app.ca.CaRegistry;
import cn.certhall.app.portal.PortalHttp;
import cn.certhall.app.sealing.SealingSetup.Admin;
import cn.certhall.app.sealing.SealingSetup.Multipart;
import cn.certhall.app.sealing.SealingSetup.Organization;
import cn.certhall.app.sealing.SealingSetup.SealAppSession;
import cn.certhall.domain.identity.IdType;
import cn.certhall.domain.material.ContentType;
import cn.certhall.domain.material.Material;
import cn.certhall.domain.material.MaterialKind;
import cn.certhall.domain.material.MaterialRepository;
import cn.certhall.domain.material.MaterialStore;
import cn.certhall.domain.order.BusinessType;
import cn.certhall.domain.order.HistoryNote;
import cn.certhall.domain.order.Order;
import cn.certhall.domain.order.OrderService;
import cn.certhall.domain.order.OrderStatus;
import cn.certhall.pki.issuance.CertificateAuthority;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.ocsp.BasicOCSPResp;
import org.bouncycastle.cert.ocsp.CertificateID;
import org.bouncycastle.cert.ocsp.OCSPReqBuilder;
import org.bouncycastle.cert.ocsp.OCSPResp;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Hostile files and heavy anonymous endpoints (docs/security.md), attacked over HTTP as an attacker
 * would: a 1.5 MB PDF inflating to 1.5 GB sent to 验章 (API and page), as a material and as a
 * channel's document to seal, ten at once while OCSP must keep answering; a 25000×25000 PNG as the
 * seal app's QR photo; a PDF material that runs JavaScript when opened; broken multipart bodies;
 * and one address calling the heavy endpoints too often. The app runs in this JVM, so its heap is
 * this JVM's: growth is the peak of the used heap while the attack runs, over what was used after a
 * collection just before.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class HostileFilesTest {
  static final long MIB = 1 << 20;
  static final long INFLATED = 1_500_000_000L;

  @TempDir static Path dataDir;
  static RunningApp app;
  static String apiKey;
  static byte[] bomb;
  static Organization org;
  static Admin admin;
  static final HttpClient HTTP = HttpClient.newHttpClient();

  @BeforeAll
  static void start() {
    app =
        RunningApp.start(
            RunningApp.h2File(dataDir),
            dataDir,
            Map.of(
                "certhall.ca.hierarchies", "ECDSA",
                "certhall.sandbox.enabled", "true",
                // the test's own requests all come from one address: room for them, then the limit
                "certhall.heavy-requests.per-client-per-minute", "40"));
    apiKey = SealingSetup.apiKey(app, "demo");
    admin = new Admin("赵印管", IdType.PASSPORT, "E70000001", "13970000001");
    org = SealingSetup.issued(app, "炸弹测试有限公司", CloudSealingTest.creditCode(), admin);
    bomb = HostileFiles.decompressionBomb(INFLATED);
    assertThat(bomb.length).as("the bomb is small").isLessThan(3 * (int) MIB);
  }

  @AfterAll
  static void stop() {
    if (app != null) {
      app.close();
    }
  }

  // ---- decompression bombs ----------------------------------------------------------------

  @Test
  @org.junit.jupiter.api.Order(1)
  void aDecompressionBombSentToTheVerificationApiIsRefusedInSecondsWithLittleHeap() {
    Measured<HttpResponse<String>> r = measured(() -> verifyApi(bomb));
    assertThat(r.value().statusCode()).as(r.value().body()).isEqualTo(400);
    assertThat(r.value().body()).contains("document_too_complex", "解压后过大");
    assertThat(r.elapsed()).isLessThan(Duration.ofSeconds(10));
    assertThat(r.heapGrowth()).as("heap growth, MiB").isLessThan(256 * MIB);
  }

  @Test
  @org.junit.jupiter.api.Order(2)
  void theVerificationPageSaysWhyTheBombIsRefused() {
    SealAppSession visitor = new SealAppSession(app);
    visitor.get("/verify");
    HttpResponse<String> page =
        visitor.postMultipart(
            "/verify", new Multipart().file("file", "bomb.pdf", "application/pdf", bomb));
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.body()).contains("PDF 文件内容解压后过大或结构过于复杂，无法验证");
  }

  @Test
  @org.junit.jupiter.api.Order(3)
  void aDecompressionBombUploadedAsAMaterialIsRefusedWithItsMessage() {
    Order order = orderAtMaterials("炸弹资料有限公司", 1);
    PortalHttp s = owner(order);
    s.get("/apply/" + order.id() + "/materials");
    Measured<HttpResponse<String>> r =
        measured(
            () ->
                s.upload(
                    "/apply/" + order.id() + "/materials/BUSINESS_LICENSE", "licence.pdf", bomb));
    assertThat(r.value().statusCode()).isEqualTo(400);
    assertThat(r.value().body()).contains("PDF 文件内容解压后过大或结构过于复杂，无法处理");
    assertThat(r.elapsed()).isLessThan(Duration.ofSeconds(10));
    assertThat(r.heapGrowth()).as("heap growth, MiB").isLessThan(256 * MIB);
    assertThat(materialRows(order)).isZero();
  }

  @Test
  @org.junit.jupiter.api.Order(4)
  void aDecompressionBombSentToBeSealedIsRefused() {
    Measured<HttpResponse<String>> r =
        measured(
            () ->
                SealingSetup.createRequest(
                    app,
                    apiKey,
                    org.creditCode(),
                    bomb,
                    Map.of("page", "1", "x", "100", "y", "100")));
    assertThat(r.value().statusCode()).as(r.value().body()).isBetween(400, 499);
    assertThat(r.value().body()).contains("document_too_complex", "解压后过大");
    assertThat(r.elapsed()).isLessThan(Duration.ofSeconds(10));
    assertThat(r.heapGrowth()).as("heap growth, MiB").isLessThan(256 * MIB);
  }

  @Test
  @org.junit.jupiter.api.Order(4)
  void aDocumentToSealShowingAnImageOf25000By25000PixelsIsRefusedBeforeAnyPreview() {
    byte[] pdf = HostileFiles.pdfWithImageBomb(25_000);
    HttpResponse<String> r =
        SealingSetup.createRequest(
            app, apiKey, org.creditCode(), pdf, Map.of("page", "1", "x", "100", "y", "100"));
    assertThat(r.statusCode()).as(r.body()).isBetween(400, 499);
    assertThat(r.body()).contains("document_too_complex");
  }

  @Test
  @org.junit.jupiter.api.Order(5)
  void tenBombsAtOnceLeaveOcspAnswering() throws Exception {
    var pool = Executors.newFixedThreadPool(10);
    try {
      List<CompletableFuture<HttpResponse<String>>> attack = new ArrayList<>();
      for (int i = 0; i < 10; i++) {
        attack.add(CompletableFuture.supplyAsync(() -> verifyApi(bomb), pool));
      }
      CompletableFuture<Void> all =
          CompletableFuture.allOf(attack.toArray(CompletableFuture[]::new));
      int answered = 0;
      do {
        long start = System.nanoTime();
        assertThat(ocspSaysGood()).as("OCSP answers good during the attack").isTrue();
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
        answered++;
      } while (!all.isDone());
      all.get(60, TimeUnit.SECONDS);
      assertThat(answered).isPositive();
      for (CompletableFuture<HttpResponse<String>> a : attack) {
        assertThat(a.get().statusCode()).as(a.get().body()).isIn(400, 429);
      }
      assertThat(ocspSaysGood()).as("and after it").isTrue();
    } finally {
      pool.shutdownNow();
    }
  }

  // ---- image bomb --------------------------------------------------------------------------

  @Test
  @org.junit.jupiter.api.Order(6)
  void aQrPhotoDeclaring25000By25000PixelsIsNotDecoded() {
    SealAppSession phone = new SealAppSession(app);
    phone.ready(admin, "204816");
    phone.get("/seal-app/");
    byte[] png = HostileFiles.pngBomb(25_000);
    assertThat(png.length).isLessThan(64 * 1024);
    Measured<HttpResponse<String>> r =
        measured(
            () ->
                phone.postMultipart(
                    "/seal-app/scan", new Multipart().file("picture", "qr.png", "image/png", png)));
    assertThat(r.value().statusCode()).isEqualTo(302);
    assertThat(phone.follow(r.value()).body()).contains("图片中未识别到本系统的用章二维码");
    assertThat(r.heapGrowth()).as("heap growth, MiB").isLessThan(256 * MIB);
  }

  // ---- active content ----------------------------------------------------------------------

  @Test
  @org.junit.jupiter.api.Order(7)
  void aPdfMaterialThatRunsJavaScriptIsRefused() {
    Order order = orderAtMaterials("脚本资料有限公司", 2);
    PortalHttp s = owner(order);
    s.get("/apply/" + order.id() + "/materials");
    HttpResponse<String> r =
        s.upload(
            "/apply/" + order.id() + "/materials/BUSINESS_LICENSE",
            "licence.pdf",
            HostileFiles.javascriptPdf());
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(r.body()).contains("PDF 文件含有脚本、附件、启动程序等动态内容，不能上传");
    assertThat(materialRows(order)).isZero();
  }

  @Test
  @org.junit.jupiter.api.Order(8)
  void aDocumentToSealThatRunsJavaScriptIsRefused() {
    HttpResponse<String> r =
        SealingSetup.createRequest(
            app,
            apiKey,
            org.creditCode(),
            HostileFiles.javascriptPdf(),
            Map.of("page", "1", "x", "100", "y", "100"));
    assertThat(r.statusCode()).as(r.body()).isBetween(400, 499);
    assertThat(r.body()).contains("active_content", "动态内容");
  }

  @Test
  @org.junit.jupiter.api.Order(10)
  void aPdfWithJavaScriptStoredBeforeTheCheckReachesReviewersOnlyAsAnAttachment() throws Exception {
    Order order = orderAtMaterials("旧资料有限公司", 3);
    // stored as the upload check stored it before it knew of active content
    byte[] js = HostileFiles.javascriptPdf();
    String sha = app.bean(MaterialStore.class).put(js);
    app.bean(MaterialRepository.class)
        .insert(
            new Material(
                order.id(),
                MaterialKind.AUTHORIZATION_LETTER,
                1,
                sha,
                js.length,
                ContentType.PDF,
                0,
                0,
                1,
                Set.of(),
                Instant.now()));
    HttpClient reviewer =
        HttpClient.newBuilder()
            .cookieHandler(new CookieManager())
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
    String login =
        SealingSetup.send(
                reviewer,
                HttpRequest.newBuilder(URI.create(app.url("/console/login"))).GET(),
                HttpResponse.BodyHandlers.ofString())
            .body();
    java.util.regex.Matcher token = SealingSetup.CSRF.matcher(login);
    assertThat(token.find()).isTrue();
    HttpResponse<String> signedIn =
        SealingSetup.send(
            reviewer,
            HttpRequest.newBuilder(URI.create(app.url("/console/login")))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(
                    HttpRequest.BodyPublishers.ofString(
                        "username=reviewer&password=certhall-demo&_csrf="
                            + java.net.URLEncoder.encode(token.group(1), StandardCharsets.UTF_8))),
            HttpResponse.BodyHandlers.ofString());
    assertThat(signedIn.headers().firstValue("Location").orElse("")).doesNotContain("error");

    HttpResponse<byte[]> served =
        SealingSetup.send(
            reviewer,
            HttpRequest.newBuilder(
                    URI.create(
                        app.url(
                            "/console/orders/" + order.id() + "/materials/AUTHORIZATION_LETTER/1")))
                .GET(),
            HttpResponse.BodyHandlers.ofByteArray());
    assertThat(served.statusCode()).isEqualTo(200);
    assertThat(served.headers().firstValue("Content-Disposition").orElseThrow())
        .startsWith("attachment");
    assertThat(served.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
  }

  // ---- broken multipart bodies -------------------------------------------------------------

  static final String BROKEN_BOUNDARY = "----certhallbroken";
  static final byte[] BROKEN_BODY =
      ("--"
              + BROKEN_BOUNDARY
              + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.pdf\"\r\n"
              + "Content-Type: application/pdf\r\n\r\n%PDF-1.7 cut off here")
          .getBytes(StandardCharsets.US_ASCII);

  static HttpRequest.Builder broken(String path) {
    return HttpRequest.newBuilder(URI.create(app.url(path)))
        .header("Content-Type", "multipart/form-data; boundary=" + BROKEN_BOUNDARY)
        .POST(HttpRequest.BodyPublishers.ofByteArray(BROKEN_BODY));
  }

  @Test
  @org.junit.jupiter.api.Order(9)
  void aMalformedMultipartBodyIsA400WithAMessage() {
    HttpResponse<String> api =
        SealingSetup.send(
            broken("/api/verify").header("Accept", "application/json"),
            HttpResponse.BodyHandlers.ofString());
    assertThat(api.statusCode()).as(api.body()).isEqualTo(400);
    assertThat(api.headers().firstValue("Content-Type").orElse("")).startsWith("application/json");
    assertThat(api.body()).contains("malformed_request", "上传的内容不完整或格式不正确");

    SealAppSession visitor = new SealAppSession(app);
    visitor.get("/verify");
    HttpResponse<String> page =
        SealingSetup.send(
            visitor.http,
            broken("/verify").header("X-CSRF-TOKEN", visitor.csrf).header("Accept", "text/html"),
            HttpResponse.BodyHandlers.ofString());
    assertThat(page.statusCode()).as(page.body()).isEqualTo(400);
    assertThat(page.body()).contains("上传的内容不完整或格式不正确", "验证电子签章");

    SealAppSession phone = new SealAppSession(app);
    SealingSetup.expectRedirect(phone.signIn(admin.mobile()));
    phone.get("/seal-app/");
    HttpResponse<String> scan =
        SealingSetup.send(
            phone.http,
            broken("/seal-app/scan")
                .header("X-CSRF-TOKEN", phone.csrf)
                .header("Accept", "text/html"),
            HttpResponse.BodyHandlers.ofString());
    assertThat(scan.statusCode()).as(scan.body()).isEqualTo(400);
    assertThat(scan.body()).contains("请求有误");

    HttpResponse<String> channel =
        SealingSetup.send(
            broken("/api/channel/v1/signing-requests").header("X-Api-Key", apiKey),
            HttpResponse.BodyHandlers.ofString());
    assertThat(channel.statusCode()).as(channel.body()).isEqualTo(400);
    assertThat(channel.body()).contains("malformed_request");
  }

  // ---- rate limit --------------------------------------------------------------------------

  @Test
  @org.junit.jupiter.api.Order(100)
  void oneAddressCallingTheHeavyEndpointsTooOftenGets429WithRetryAfter() {
    // the bucket refills greedily (40 a minute, one every 1.5 s): on a slow machine more than 40
    // calls pass before it is empty, but any address calling faster than the refill meets 429
    HttpResponse<String> last = null;
    for (int i = 0; i < 400 && (last == null || last.statusCode() != 429); i++) {
      last = verifyApi("%PDF-1.7 not really".getBytes(StandardCharsets.US_ASCII));
    }
    assertThat(last.statusCode()).isEqualTo(429);
    assertThat(Long.parseLong(last.headers().firstValue("Retry-After").orElseThrow())).isPositive();
    assertThat(last.body()).contains("too_many_requests", "请求过多");
    // OCSP is not one of them
    assertThat(ocspSaysGood()).isTrue();
  }

  // ---- helpers -----------------------------------------------------------------------------

  static HttpResponse<String> verifyApi(byte[] pdf) {
    Multipart body = new Multipart().file("file", "doc.pdf", "application/pdf", pdf);
    return SealingSetup.send(
        HTTP,
        HttpRequest.newBuilder(URI.create(app.url("/api/verify")))
            .header("Content-Type", body.contentType())
            .POST(body.publisher()),
        HttpResponse.BodyHandlers.ofString());
  }

  /** The issuing CA's own certificate asked of /ocsp, as a relying party would: good? */
  static boolean ocspSaysGood() {
    try {
      CaRegistry cas = app.bean(CaRegistry.class);
      CertificateAuthority root = cas.find("ecdsa-root").orElseThrow();
      CertificateAuthority issuing = cas.find("ecdsa-issuing").orElseThrow();
      CertificateID id =
          new CertificateID(
              new JcaDigestCalculatorProviderBuilder().build().get(CertificateID.HASH_SHA1),
              new X509CertificateHolder(root.certificateDer()),
              issuing.certificate().getSerialNumber());
      byte[] request = new OCSPReqBuilder().addRequest(id).build().getEncoded();
      HttpResponse<byte[]> answer =
          HTTP.send(
              HttpRequest.newBuilder(URI.create(app.url("/ocsp")))
                  .timeout(Duration.ofSeconds(5))
                  .header("Content-Type", "application/ocsp-request")
                  .POST(HttpRequest.BodyPublishers.ofByteArray(request))
                  .build(),
              HttpResponse.BodyHandlers.ofByteArray());
      OCSPResp resp = new OCSPResp(answer.body());
      return resp.getStatus() == OCSPResp.SUCCESSFUL
          && ((BasicOCSPResp) resp.getResponseObject()).getResponses()[0].getCertStatus() == null;
    } catch (Exception e) {
      throw new AssertionError("OCSP did not answer", e);
    }
  }

  record Measured<T>(T value, Duration elapsed, long heapGrowth) {}

  /** Runs the attack, sampling the used heap every few milliseconds. */
  static <T> Measured<T> measured(Supplier<T> attack) {
    MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    System.gc();
    long before = memory.getHeapMemoryUsage().getUsed();
    AtomicLong peak = new AtomicLong(before);
    ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor();
    sampler.scheduleAtFixedRate(
        () -> peak.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max),
        0,
        2,
        TimeUnit.MILLISECONDS);
    long start = System.nanoTime();
    try {
      T value = attack.get();
      return new Measured<>(
          value, Duration.ofNanos(System.nanoTime() - start), peak.get() - before);
    } finally {
      sampler.shutdownNow();
    }
  }

  static Order orderAtMaterials(String name, int n) {
    String creditCode = CloudSealingTest.creditCode();
    Order order =
        app.bean(OrderService.class)
            .start(
                BusinessType.NEW_UNIT_CERTIFICATE,
                "demo",
                SealingSetup.application(
                    name,
                    creditCode,
                    new Admin("钱管理", IdType.PASSPORT, "E7100000" + n, "1397100000" + n)));
    OrderService orders = app.bean(OrderService.class);
    orders.move(order.id(), OrderStatus.VERIFIED, HistoryNote.text("test set-up"));
    orders.move(order.id(), OrderStatus.CONFIRMED, HistoryNote.text("test set-up"));
    return orders.move(
        order.id(), OrderStatus.AUTHORIZATION_CODE_ENTERED, HistoryNote.text("test set-up"));
  }

  static PortalHttp owner(Order order) {
    PortalHttp owner = new PortalHttp(app);
    owner.proveUnit(order.application().creditCode(), order.application().handler().mobile());
    return owner;
  }

  static long materialRows(Order order) {
    return app.bean(JdbcClient.class)
        .sql("SELECT COUNT(*) FROM material WHERE order_id = ?")
        .param(order.id())
        .query(Long.class)
        .single();
  }
}
