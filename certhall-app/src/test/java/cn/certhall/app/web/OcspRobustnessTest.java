package cn.certhall.app.web;

import static cn.certhall.app.web.OcspClient.assertAcceptable;
import static cn.certhall.app.web.OcspClient.assertGood;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import cn.certhall.app.RunningApp;
import cn.certhall.app.web.OcspClient.RawResponse;
import cn.certhall.pki.ExternalTool;
import cn.certhall.pki.issuance.IssuedCertificate;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Clients that hold connections without finishing a request (slowloris and its relatives) must not
 * keep the running application from answering everyone else: while each kind is held open, normal
 * OCSP requests on fresh connections are answered correctly, each within {@value #LIMIT_MS} ms.
 */
class OcspRobustnessTest {
  private static final long LIMIT_MS = 2000;

  /** How long a held client stays held while the normal requests are measured. */
  private static final int ROUNDS = 10;

  private static final long PAUSE_MS = 250;

  /**
   * The app's time limit for a POST body, shortened from 10 s to keep the test quick; above the
   * ~2.6 s the held clients are held for while measured.
   */
  private static final long REQUEST_TIMEOUT_MS = 5000;

  @TempDir static Path dataDir;
  @TempDir static Path work;

  private static RunningApp app;
  private static IssuedCertificate leaf;
  private static byte[] issuerDer;
  private static byte[] request;
  private static final byte[] NONCE = "robustness-nonce".getBytes(StandardCharsets.US_ASCII);
  private static byte[] nonceRequest;

  @BeforeAll
  static void start() throws Exception {
    app =
        RunningApp.start(
            RunningApp.h2File(dataDir),
            dataDir,
            Map.of(
                "certhall.ca.hierarchies",
                "ECDSA",
                "certhall.revocation.ocsp-request-timeout",
                REQUEST_TIMEOUT_MS + "ms"));
    leaf = OcspClient.issue(app, "robust");
    issuerDer = OcspClient.issuingCa(app).certificateDer();
    request = OcspClient.request(issuerDer, leaf.serial(), null);
    nonceRequest = OcspClient.request(issuerDer, leaf.serial(), NONCE);
    // warm up (JIT, pre-signed response, connection handling) so the measurements are of the steady
    // state
    for (int i = 0; i < 20; i++) {
      normalRequest(i);
    }
  }

  @AfterAll
  static void stop() {
    if (app != null) {
      app.close();
    }
  }

  /** (a) connects and sends nothing. */
  @Test
  void silentConnection() throws Exception {
    try (Socket silent = connect()) {
      Timings t = measure("(a) one silent connection");
      assertStillOpen(silent);
      t.assertWithinLimit();
    }
  }

  /** (b) the head of a POST promising 200 bytes, 20 of them, then nothing. */
  @Test
  void halfSentPost() throws Exception {
    try (Socket half = connect()) {
      OutputStream out = half.getOutputStream();
      out.write(OcspClient.postHead(app.port(), 200, "application/ocsp-request"));
      out.write(Arrays.copyOf(request, 20));
      out.flush();
      Timings t = measure("(b) one half-sent POST");
      assertStillOpen(half);
      t.assertWithinLimit();
      // the stalled request, finished at last, is answered like any other (200 bytes of a
      // 90-byte request and padding is no request)
      out.write(new byte[180]);
      out.flush();
      half.setSoTimeout(5000);
      RawResponse late = OcspClient.readResponse(half.getInputStream());
      assertThat(assertAcceptable("the half POST, completed", late)).isEqualTo(1);
    }
  }

  /**
   * The body's first bytes come with the head (the servlet takes them at once from Tomcat's
   * buffer), the rest later (read without a thread): the answer is to the whole body, pieced
   * together in order.
   */
  @Test
  void aBodySplitAfterItsFirstBytesIsPiecedTogether() throws Exception {
    for (int split : new int[] {1, 20, request.length - 1}) {
      try (Socket s = connect()) {
        OutputStream out = s.getOutputStream();
        out.write(OcspClient.postHead(app.port(), request.length, "application/ocsp-request"));
        out.write(request, 0, split);
        out.flush();
        Thread.sleep(300);
        finish(s, request, split);
        assertGood("split after " + split, readOk(s), leaf, issuerDer, null);
      }
    }
  }

  /**
   * (b, many) 250 half-sent POSTs at once, more than Tomcat's 200 worker threads: bodies are read
   * without a thread, so the others are still answered; once the request timeout has passed, each
   * stalled one gets 408 and its connection closed.
   */
  @Test
  void manyHalfSentPostsAndTheirTimeout() throws Exception {
    List<Socket> half = new ArrayList<>();
    try {
      long sentAt = System.nanoTime();
      for (int i = 0; i < 250; i++) {
        Socket s = connect();
        half.add(s);
        s.getOutputStream().write(OcspClient.postHead(app.port(), 200, "application/ocsp-request"));
        s.getOutputStream().write(Arrays.copyOf(request, 20));
        s.getOutputStream().flush();
      }
      Timings t = measure("(b) 250 half-sent POSTs");
      t.assertWithinLimit();
      long[] answeredAfter = new long[half.size()];
      for (int i = 0; i < half.size(); i++) {
        Socket s = half.get(i);
        s.setSoTimeout((int) (REQUEST_TIMEOUT_MS + 10_000));
        RawResponse r = OcspClient.readResponse(s.getInputStream());
        answeredAfter[i] = (System.nanoTime() - sentAt) / 1_000_000;
        assertThat(r.status()).as("stalled POST #%d", i).isEqualTo(408);
        assertThat(s.getInputStream().read()).as("connection closed after the 408").isEqualTo(-1);
      }
      long first = Arrays.stream(answeredAfter).min().orElseThrow();
      long last = Arrays.stream(answeredAfter).max().orElseThrow();
      System.out.printf(
          "[ocsp robustness] (b) 250 half-sent POSTs answered 408 between %d and %d ms after they were sent (timeout %d ms)%n",
          first, last, REQUEST_TIMEOUT_MS);
      assertThat(first).isGreaterThanOrEqualTo(REQUEST_TIMEOUT_MS - 1000);
      assertThat(last).isLessThan(REQUEST_TIMEOUT_MS + 5000);
    } finally {
      closeAll(half);
    }
    measure("after the stalled POSTs timed out").assertWithinLimit();
  }

  /**
   * (c) one byte every 500 ms: one client dribbling its request head (Tomcat reads heads without a
   * thread), one that sent its head and dribbles the body (a servlet thread waits on it). Once
   * measured, both send the rest at once and get a correct answer.
   */
  @Test
  void slowClients() throws Exception {
    byte[] full = OcspClient.post(app.port(), request);
    byte[] head = OcspClient.postHead(app.port(), nonceRequest.length, "application/ocsp-request");
    try (Socket slowHead = connect();
        Socket slowBody = connect()) {
      slowBody.getOutputStream().write(head);
      slowBody.getOutputStream().flush();
      Dribbler headDribbler = new Dribbler(slowHead, full, 0);
      Dribbler bodyDribbler = new Dribbler(slowBody, nonceRequest, 0);
      Timings t = measure("(c) two clients sending one byte every 500 ms");
      int headSent = headDribbler.stop();
      int bodySent = bodyDribbler.stop();
      System.out.printf(
          "[ocsp robustness] (c) the slow clients had sent %d of %d head bytes and %d of %d body bytes%n",
          headSent, full.length, bodySent, nonceRequest.length);
      assertThat(headSent).isBetween(2, full.length - 1);
      assertThat(bodySent).isBetween(2, nonceRequest.length - 1);
      t.assertWithinLimit();

      finish(slowHead, full, headSent);
      assertGood("slow head, finished", readOk(slowHead), leaf, issuerDer, null);
      finish(slowBody, nonceRequest, bodySent);
      assertGood("slow body, finished", readOk(slowBody), leaf, issuerDer, NONCE);
    }
  }

  /**
   * (d) 50 idle connections at once: 25 that never said anything, 25 kept alive after one answered
   * request. The kept-alive ones still work afterwards.
   */
  @Test
  void fiftyIdleConnections() throws Exception {
    List<Socket> silent = new ArrayList<>();
    List<Socket> keptAlive = new ArrayList<>();
    try {
      for (int i = 0; i < 25; i++) {
        silent.add(connect());
        Socket s = connect();
        keptAlive.add(s);
        s.getOutputStream().write(keepAlivePost(request));
        assertGood("keep-alive #" + i, readOk(s), leaf, issuerDer, null);
      }
      Timings t = measure("(d) 50 idle connections");
      for (Socket s : silent) {
        assertStillOpen(s);
      }
      t.assertWithinLimit();
      for (int i = 0; i < keptAlive.size(); i += 5) {
        Socket s = keptAlive.get(i);
        s.getOutputStream().write(keepAlivePost(nonceRequest));
        assertGood("kept-alive #" + i + ", second request", readOk(s), leaf, issuerDer, NONCE);
      }
    } finally {
      closeAll(silent);
      closeAll(keptAlive);
    }
  }

  /** All of (a) to (d) at the same time. */
  @Test
  void allOfThemAtOnce() throws Exception {
    List<Socket> held = new ArrayList<>();
    List<Dribbler> dribblers = new ArrayList<>();
    try {
      for (int i = 0; i < 50; i++) {
        held.add(connect());
      }
      Socket half = connect();
      held.add(half);
      half.getOutputStream()
          .write(OcspClient.postHead(app.port(), 200, "application/ocsp-request"));
      half.getOutputStream().write(Arrays.copyOf(request, 20));
      Socket slowHead = connect();
      held.add(slowHead);
      dribblers.add(new Dribbler(slowHead, OcspClient.post(app.port(), request), 0));
      Socket slowBody = connect();
      held.add(slowBody);
      slowBody
          .getOutputStream()
          .write(OcspClient.postHead(app.port(), request.length, "application/ocsp-request"));
      dribblers.add(new Dribbler(slowBody, request, 0));
      Timings t = measure("(a)-(d) all at once");
      t.assertWithinLimit();
    } finally {
      for (Dribbler d : dribblers) {
        d.stop();
      }
      closeAll(held);
    }
  }

  /**
   * For contrast, OpenSSL 3.0's own responder ({@code openssl ocsp -port}, default settings): one
   * connection that sends nothing and it answers no one else.
   */
  @Test
  void opensslResponderWedgesOnASilentConnection() throws Exception {
    ExternalTool.require("openssl");
    String version = ExternalTool.run("openssl", "version").output();
    assumeTrue(
        version.startsWith("OpenSSL 3.0."),
        "the contrast is about OpenSSL 3.0, not " + version.trim());
    Path key = work.resolve("ca.key");
    Path cert = work.resolve("ca.pem");
    Path index = Files.createFile(work.resolve("index.txt"));
    ExternalTool.Result made =
        ExternalTool.run(
            "openssl",
            "req",
            "-x509",
            "-newkey",
            "ec",
            "-pkeyopt",
            "ec_paramgen_curve:P-256",
            "-nodes",
            "-keyout",
            key.toString(),
            "-out",
            cert.toString(),
            "-subj",
            "/CN=contrast CA",
            "-days",
            "1");
    assertThat(made.exitCode()).as(made.output()).isZero();
    byte[] caDer;
    try (var in = Files.newInputStream(cert)) {
      caDer =
          ((X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in))
              .getEncoded();
    }
    byte[] opensslRequest = OcspClient.request(caDer, java.math.BigInteger.valueOf(4711), null);
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    Process responder =
        new ProcessBuilder(
                "openssl",
                "ocsp",
                "-index",
                index.toString(),
                "-port",
                String.valueOf(port),
                "-rsigner",
                cert.toString(),
                "-rkey",
                key.toString(),
                "-CA",
                cert.toString())
            .redirectErrorStream(true)
            .start();
    try {
      BufferedReader lines =
          new BufferedReader(
              new InputStreamReader(responder.getInputStream(), StandardCharsets.UTF_8));
      CompletableFuture<Boolean> listening =
          CompletableFuture.supplyAsync(
              () -> {
                try {
                  for (String line; (line = lines.readLine()) != null; ) {
                    if (line.contains("waiting for OCSP client connections")) {
                      return true;
                    }
                  }
                  return false;
                } catch (IOException e) {
                  return false;
                }
              });
      assertThat(listening.get(15, TimeUnit.SECONDS)).as("openssl ocsp listening").isTrue();
      CompletableFuture.runAsync(() -> drain(lines));
      // it answers a request while nobody blocks it
      RawResponse before =
          OcspClient.exchange(port, OcspClient.post(port, opensslRequest), (int) LIMIT_MS);
      assertThat(assertAcceptable("openssl ocsp, alone", before)).isZero();
      try (Socket silent = new Socket()) {
        silent.connect(new InetSocketAddress("127.0.0.1", port), 2000);
        long start = System.nanoTime();
        assertThatThrownBy(
                () ->
                    OcspClient.exchange(
                        port, OcspClient.post(port, opensslRequest), (int) LIMIT_MS))
            .as("openssl ocsp with one silent connection held")
            .isInstanceOf(SocketTimeoutException.class);
        System.out.printf(
            "[ocsp robustness] contrast: %s with one silent connection held: no answer in %d ms%n",
            version.trim(), (System.nanoTime() - start) / 1_000_000);
      }
    } finally {
      responder.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }
  }

  // --- helpers

  /** One client writing the bytes of {@code data} from {@code from} on, one every 500 ms. */
  private static final class Dribbler {
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final AtomicInteger sent = new AtomicInteger();
    private final Thread thread;

    Dribbler(Socket socket, byte[] data, int from) {
      sent.set(from);
      thread =
          daemon(
              () -> {
                try {
                  OutputStream out = socket.getOutputStream();
                  while (running.get() && sent.get() < data.length - 1) {
                    out.write(data[sent.get()]);
                    out.flush();
                    sent.incrementAndGet();
                    Thread.sleep(500);
                  }
                } catch (IOException | InterruptedException e) {
                  // stopped
                }
              });
    }

    /** Stops dribbling; returns how many bytes were sent. */
    int stop() throws InterruptedException {
      running.set(false);
      thread.interrupt();
      thread.join(5000);
      return sent.get();
    }
  }

  private static Thread daemon(Runnable r) {
    Thread t = new Thread(r, "ocsp-slow-client");
    t.setDaemon(true);
    t.start();
    return t;
  }

  private record Timings(String label, long[] millis) {
    long max() {
      return Arrays.stream(millis).max().orElseThrow();
    }

    long median() {
      long[] sorted = millis.clone();
      Arrays.sort(sorted);
      return sorted[sorted.length / 2];
    }

    void assertWithinLimit() {
      assertThat(max())
          .as("%s: slowest normal request (ms), all: %s", label, Arrays.toString(millis))
          .isLessThan(LIMIT_MS);
    }
  }

  /**
   * {@value #ROUNDS} normal requests on fresh connections (POST, POST with nonce, GET in turn),
   * {@value #PAUSE_MS} ms apart, each timed from connect to the last byte of the answer and checked
   * for a correct "good".
   */
  private static Timings measure(String label) throws Exception {
    long[] millis = new long[ROUNDS];
    for (int i = 0; i < ROUNDS; i++) {
      millis[i] = normalRequest(i);
      Thread.sleep(PAUSE_MS);
    }
    Timings t = new Timings(label, millis);
    System.out.printf(
        "[ocsp robustness] %s: %d normal requests, median %d ms, max %d ms, all %s%n",
        label, ROUNDS, t.median(), t.max(), Arrays.toString(millis));
    return t;
  }

  private static long normalRequest(int i) throws Exception {
    int kind = i % 3;
    byte[] bytes =
        switch (kind) {
          case 0 -> OcspClient.post(app.port(), request);
          case 1 -> OcspClient.post(app.port(), nonceRequest);
          default ->
              OcspClient.get(
                  app.port(),
                  "/ocsp/"
                      + URLEncoder.encode(
                          Base64.getEncoder().encodeToString(request), StandardCharsets.UTF_8));
        };
    long start = System.nanoTime();
    // the socket timeout is above the limit: a slow answer is measured and reported, not cut off
    RawResponse r = OcspClient.exchange(app.port(), bytes, 10_000);
    long elapsed = (System.nanoTime() - start) / 1_000_000;
    assertThat(r.status()).isEqualTo(200);
    assertGood("normal request " + i, r.body(), leaf, issuerDer, kind == 1 ? NONCE : null);
    return elapsed;
  }

  private static Socket connect() throws IOException {
    Socket s = new Socket();
    s.connect(new InetSocketAddress("127.0.0.1", app.port()), 2000);
    return s;
  }

  /** The server neither answered nor closed the held connection: it really was held throughout. */
  private static void assertStillOpen(Socket s) throws IOException {
    s.setSoTimeout(100);
    assertThatThrownBy(() -> s.getInputStream().read())
        .as("the held connection is still open, unanswered")
        .isInstanceOf(SocketTimeoutException.class);
  }

  private static byte[] keepAlivePost(byte[] body) {
    byte[] head =
        ("POST /ocsp HTTP/1.1\r\nHost: 127.0.0.1:"
                + app.port()
                + "\r\nContent-Type: application/ocsp-request\r\nContent-Length: "
                + body.length
                + "\r\n\r\n")
            .getBytes(StandardCharsets.ISO_8859_1);
    byte[] all = Arrays.copyOf(head, head.length + body.length);
    System.arraycopy(body, 0, all, head.length, body.length);
    return all;
  }

  private static void finish(Socket s, byte[] data, int from) throws IOException {
    s.getOutputStream().write(data, from, data.length - from);
    s.getOutputStream().flush();
  }

  private static byte[] readOk(Socket s) throws IOException {
    s.setSoTimeout(5000);
    RawResponse r = OcspClient.readResponse(s.getInputStream());
    assertThat(r.status()).as("%s", r).isEqualTo(200);
    assertThat(r.header("Content-Type")).isEqualTo(OcspClient.OCSP_RESPONSE);
    return r.body();
  }

  private static void closeAll(List<Socket> sockets) {
    for (Socket s : sockets) {
      try {
        s.close();
      } catch (IOException ignored) {
        // closing anyway
      }
    }
  }

  private static void drain(BufferedReader lines) {
    try {
      while (lines.readLine() != null) {
        // keep the responder's output pipe from filling
      }
    } catch (IOException ignored) {
      // the process is gone
    }
  }
}
