package cn.certhall.app.web;

import cn.certhall.pki.ocsp.OcspResponder;
import cn.certhall.pki.ocsp.OcspResponse;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The OCSP endpoint: {@code POST /ocsp} with the DER request as body, and {@code GET /ocsp/{base64
 * request}} (RFC 6960 appendix A, RFC 5019 5). A plain servlet rather than a Spring MVC controller:
 * this is the URL that takes internet-scale traffic, and it needs none of MVC's machinery. Every
 * answer is an OCSP response (errors included) with HTTP 200, except a request that is not OCSP at
 * all (wrong method, body too large to read, body not sent in time), which gets a 4xx.
 *
 * <p>A POST body is read without blocking: taken from Tomcat's buffer when it came with the headers
 * (nearly always), else collected by a Servlet 3.1 {@link ReadListener}. A client that sends its
 * headers and then stalls, or sends its body a byte at a time, holds a connection but no container
 * thread, and is cut off with 408 once the request timeout has passed since its headers. Read with
 * a blocking stream, two hundred such clients (Tomcat's default thread pool) stopped the endpoint
 * from answering anyone until Tomcat's 60-second connection timeout.
 */
public class OcspServlet extends HttpServlet {
  static final String RESPONSE_TYPE = "application/ocsp-response";

  /** How long a POST may take to deliver its body, counted from its headers. */
  public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(10);

  /**
   * Told of every request once it is answered: the outcome (an OCSP response status such as {@code
   * successful} or {@code tryLater}, or {@code tooLarge}, {@code timeout}, {@code badRequest} for a
   * request refused with a 4xx) and the nanoseconds since it arrived.
   */
  @FunctionalInterface
  public interface Observer {
    Observer NONE = (outcome, nanos) -> {};

    void answered(String outcome, long nanos);
  }

  /** The outcome names of OCSP response statuses (RFC 6960 4.2.1), by status. */
  public static final List<String> OUTCOMES =
      List.of(
          "successful",
          "malformedRequest",
          "internalError",
          "tryLater",
          "status4",
          "sigRequired",
          "unauthorized");

  private final transient OcspResponder responder;
  private final Duration requestTimeout;
  private final transient Observer observer;

  public OcspServlet(OcspResponder responder) {
    this(responder, DEFAULT_REQUEST_TIMEOUT, Observer.NONE);
  }

  /**
   * @param requestTimeout the longest a POST body may take to arrive; null for the default
   * @param observer told of each answer (metrics)
   */
  public OcspServlet(OcspResponder responder, Duration requestTimeout, Observer observer) {
    this.responder = responder;
    this.requestTimeout = requestTimeout == null ? DEFAULT_REQUEST_TIMEOUT : requestTimeout;
    this.observer = observer == null ? Observer.NONE : observer;
  }

  @Override
  protected void doPost(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    long started = System.nanoTime();
    long declared = request.getContentLengthLong();
    if (declared > OcspResponder.MAX_REQUEST_BYTES) {
      response.sendError(HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE);
      observer.answered("tooLarge", System.nanoTime() - started);
      return;
    }
    ServletInputStream in = request.getInputStream();
    // The usual case: the body, a hundred bytes or so, came in the packet of the headers and is in
    // Tomcat's buffer already. available() tells whether bytes are buffered without reading the
    // socket, and a read then only takes buffered bytes, so this never waits for the client; it
    // spares the answer the two extra container dispatches of the asynchronous read below.
    byte[] early = null;
    int got = 0;
    if (declared >= 0) {
      early = new byte[(int) declared];
      while (got < early.length && in.available() > 0) {
        int n = in.read(early, got, early.length - got);
        if (n < 0) {
          break;
        }
        got += n;
      }
      if (got == early.length) {
        answer(response, responder.respond(early), false, started);
        return;
      }
    }
    // the rest of the body is still on its way (or its length is not declared): wait for it
    // without holding a thread
    AsyncContext async = request.startAsync();
    async.setTimeout(requestTimeout.toMillis());
    BodyReader reader = new BodyReader(async, in, response, started);
    if (got > 0) {
      reader.body.write(early, 0, got);
    }
    async.addListener(reader);
    in.setReadListener(reader);
  }

  /**
   * Collects a POST body as the container hands it over, then answers it. Every way out (answer,
   * too large, timed out, read failed) goes through {@link #finish} once, which completes the
   * request.
   */
  private final class BodyReader implements ReadListener, AsyncListener {
    private final AsyncContext async;
    private final ServletInputStream in;
    private final HttpServletResponse response;
    private final ByteArrayOutputStream body = new ByteArrayOutputStream(512);
    private final byte[] buffer = new byte[4096];
    private final AtomicBoolean finished = new AtomicBoolean();
    private final long started;

    BodyReader(
        AsyncContext async, ServletInputStream in, HttpServletResponse response, long started) {
      this.async = async;
      this.in = in;
      this.response = response;
      this.started = started;
    }

    @Override
    public void onDataAvailable() throws IOException {
      while (!finished.get() && in.isReady()) {
        int n = in.read(buffer);
        if (n < 0) {
          return; // onAllDataRead follows
        }
        body.write(buffer, 0, n);
        if (body.size() > OcspResponder.MAX_REQUEST_BYTES) {
          // a chunked body (no Content-Length) that turned out too large: refused as a declared one
          finish(HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE);
          return;
        }
      }
    }

    @Override
    public void onAllDataRead() {
      finish(HttpServletResponse.SC_OK);
    }

    @Override
    public void onError(Throwable t) {
      // the client went away or the read failed: nobody may be listening, but try to say so
      finish(HttpServletResponse.SC_BAD_REQUEST);
    }

    @Override
    public void onTimeout(AsyncEvent event) {
      finish(HttpServletResponse.SC_REQUEST_TIMEOUT);
    }

    @Override
    public void onComplete(AsyncEvent event) {}

    @Override
    public void onError(AsyncEvent event) {
      finish(HttpServletResponse.SC_BAD_REQUEST);
    }

    @Override
    public void onStartAsync(AsyncEvent event) {}

    /** Answers (200: the OCSP response to the body; else that HTTP status) and completes, once. */
    private void finish(int status) {
      if (!finished.compareAndSet(false, true)) {
        return;
      }
      try {
        if (status == HttpServletResponse.SC_OK) {
          answer(response, responder.respond(body.toByteArray()), false, started);
        } else {
          observer.answered(
              status == HttpServletResponse.SC_REQUEST_TIMEOUT
                  ? "timeout"
                  : status == HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE
                      ? "tooLarge"
                      : "badRequest",
              System.nanoTime() - started);
          if (!response.isCommitted()) {
            refuse(response, status);
          }
        }
      } catch (IOException | RuntimeException e) {
        // the connection is gone; nothing more to say on it
      } finally {
        async.complete();
      }
    }
  }

  /** A plain 4xx for a request that is no OCSP request; Tomcat closes the connection after it. */
  private static void refuse(HttpServletResponse response, int status) throws IOException {
    byte[] message =
        (status == HttpServletResponse.SC_REQUEST_TIMEOUT
                ? "OCSP request not received in time\n"
                : status == HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE
                    ? "OCSP requests are limited to " + OcspResponder.MAX_REQUEST_BYTES + " bytes\n"
                    : "bad OCSP request\n")
            .getBytes(StandardCharsets.US_ASCII);
    response.setStatus(status);
    response.setHeader("Connection", "close");
    response.setContentType("text/plain;charset=US-ASCII");
    response.setContentLength(message.length);
    response.getOutputStream().write(message);
  }

  @Override
  protected void doGet(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    long started = System.nanoTime();
    String raw = request.getRequestURI();
    int at = raw.indexOf("/ocsp/");
    byte[] der;
    if (at < 0) {
      der = null;
    } else {
      String encoded = percentDecode(raw.substring(at + "/ocsp/".length()));
      try {
        der =
            encoded.length() > 2 * OcspResponder.MAX_REQUEST_BYTES
                ? null
                : Base64.getDecoder().decode(encoded.replace(' ', '+'));
      } catch (IllegalArgumentException e) {
        der = null;
      }
    }
    answer(
        response,
        der == null ? OcspResponder.error(OcspResponder.MALFORMED_REQUEST) : responder.respond(der),
        true,
        started);
  }

  private void answer(HttpServletResponse response, OcspResponse ocsp, boolean get, long started)
      throws IOException {
    try {
      write(response, ocsp, get);
    } finally {
      int status = ocsp.status();
      observer.answered(
          status >= 0 && status < OUTCOMES.size() ? OUTCOMES.get(status) : "status" + status,
          System.nanoTime() - started);
    }
  }

  private static void write(HttpServletResponse response, OcspResponse ocsp, boolean get)
      throws IOException {
    response.setStatus(HttpServletResponse.SC_OK);
    response.setContentType(RESPONSE_TYPE);
    response.setContentLength(ocsp.der().length);
    if (get && ocsp.cacheable() && ocsp.thisUpdate() != null) {
      // RFC 5019 6.2: let HTTP caches hold the response until it is half-way to nextUpdate
      long maxAge = Math.max(0, Duration.between(Instant.now(), ocsp.nextUpdate()).toSeconds() / 2);
      response.setDateHeader("Last-Modified", ocsp.thisUpdate().toEpochMilli());
      response.setDateHeader("Expires", ocsp.nextUpdate().toEpochMilli());
      response.setHeader(
          "Cache-Control", "max-age=" + maxAge + ", public, no-transform, must-revalidate");
      response.setHeader("ETag", '"' + sha1(ocsp.der()) + '"');
    } else {
      response.setHeader("Cache-Control", "no-cache");
    }
    response.getOutputStream().write(ocsp.der());
  }

  /** %XX only: a raw '+' stays a '+', as base64 needs. */
  static String percentDecode(String s) {
    if (s.indexOf('%') < 0) {
      return s;
    }
    StringBuilder out = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '%' && i + 2 < s.length()) {
        int hi = Character.digit(s.charAt(i + 1), 16);
        int lo = Character.digit(s.charAt(i + 2), 16);
        if (hi >= 0 && lo >= 0) {
          out.append((char) (hi * 16 + lo));
          i += 2;
          continue;
        }
      }
      out.append(c);
    }
    return out.toString();
  }

  private static String sha1(byte[] der) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(der));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
