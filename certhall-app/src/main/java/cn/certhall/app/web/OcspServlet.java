package cn.certhall.app.web;

import cn.certhall.pki.ocsp.OcspResponder;
import cn.certhall.pki.ocsp.OcspResponse;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;

/**
 * The OCSP endpoint: {@code POST /ocsp} with the DER request as body, and {@code GET
 * /ocsp/{base64 request}} (RFC 6960 appendix A, RFC 5019 5). A plain servlet rather than a Spring
 * MVC controller: this is the URL that takes internet-scale traffic, and it needs none of MVC's
 * machinery. Every answer is an OCSP response (errors included) with HTTP 200, except a request
 * that is not OCSP at all (wrong method, body too large to read), which gets a 4xx.
 */
public class OcspServlet extends HttpServlet {
  static final String RESPONSE_TYPE = "application/ocsp-response";

  private final transient OcspResponder responder;

  public OcspServlet(OcspResponder responder) {
    this.responder = responder;
  }

  @Override
  protected void doPost(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    long declared = request.getContentLengthLong();
    if (declared > OcspResponder.MAX_REQUEST_BYTES) {
      response.sendError(HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE);
      return;
    }
    byte[] body;
    try (InputStream in = request.getInputStream()) {
      body = in.readNBytes(OcspResponder.MAX_REQUEST_BYTES + 1);
    }
    write(response, responder.respond(body), false);
  }

  @Override
  protected void doGet(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    String raw = request.getRequestURI();
    int at = raw.indexOf("/ocsp/");
    byte[] der;
    if (at < 0) {
      der = null;
    } else {
      String encoded = percentDecode(raw.substring(at + "/ocsp/".length()));
      try {
        der = encoded.length() > 2 * OcspResponder.MAX_REQUEST_BYTES
            ? null
            : Base64.getDecoder().decode(encoded.replace(' ', '+'));
      } catch (IllegalArgumentException e) {
        der = null;
      }
    }
    write(response, der == null ? OcspResponder.error(OcspResponder.MALFORMED_REQUEST) : responder.respond(der), true);
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
      response.setHeader("Cache-Control", "max-age=" + maxAge + ", public, no-transform, must-revalidate");
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
