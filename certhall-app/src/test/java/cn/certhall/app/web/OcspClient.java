package cn.certhall.app.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import cn.certhall.app.RunningApp;
import cn.certhall.app.ca.CaRegistry;
import cn.certhall.pki.Providers;
import cn.certhall.pki.issuance.CertificateAuthority;
import cn.certhall.pki.issuance.IssuanceRequest;
import cn.certhall.pki.issuance.IssuedCertificate;
import cn.certhall.pki.keystore.SigningKeyStore;
import cn.certhall.pki.profile.CertificateProfile;
import cn.certhall.pki.profile.Subject;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.math.BigInteger;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.PublicKey;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.ocsp.OCSPObjectIdentifiers;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.ocsp.BasicOCSPResp;
import org.bouncycastle.cert.ocsp.CertificateID;
import org.bouncycastle.cert.ocsp.OCSPReqBuilder;
import org.bouncycastle.cert.ocsp.OCSPResp;
import org.bouncycastle.cert.ocsp.SingleResp;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;

/**
 * What the OCSP endpoint tests share: a certificate issued by the running app, OCSP requests for
 * it, a bare HTTP/1.1 client on raw sockets (it sends what {@code HttpClient} refuses to: broken
 * percent-encoding, over-long request lines, any header) and the checks every answer must pass.
 */
final class OcspClient {
  static final String OCSP_RESPONSE = "application/ocsp-response";

  /**
   * The OCSP statuses the endpoint may answer with: successful, malformedRequest, tryLater (a
   * made-up serial past the budget of "unknown" signatures), unauthorized.
   */
  static final Set<Integer> ALLOWED_OCSP_STATUSES = Set.of(0, 1, 3, 6);

  private OcspClient() {}

  /** A leaf certificate signed by the app's ECDSA issuing CA (recorded in its database). */
  static IssuedCertificate issue(RunningApp app, String alias) {
    CertificateAuthority ca = issuingCa(app);
    SigningKeyStore keys = app.bean(SigningKeyStore.class);
    PublicKey key = keys.generateKeyPair(alias + "-" + System.nanoTime(), ca.keyAlgorithm());
    Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    return ca.issue(
        new IssuanceRequest(
            CertificateProfile.ORGANIZATION,
            new Subject.Organization("在线状态测试有限公司", "91350100M000100Y43"),
            key,
            now,
            now.plus(365, ChronoUnit.DAYS)));
  }

  static CertificateAuthority issuingCa(RunningApp app) {
    return app.bean(CaRegistry.class).find("ecdsa-issuing").orElseThrow();
  }

  /**
   * An OCSPRequest for one certificate (SHA-1 CertID, as RFC 5019 clients send), nonce optional.
   */
  static byte[] request(byte[] issuerDer, BigInteger serial, byte[] nonce) {
    try {
      CertificateID id =
          new CertificateID(
              new JcaDigestCalculatorProviderBuilder().build().get(CertificateID.HASH_SHA1),
              new X509CertificateHolder(issuerDer),
              serial);
      OCSPReqBuilder builder = new OCSPReqBuilder().addRequest(id);
      if (nonce != null) {
        builder.setRequestExtensions(
            new Extensions(
                new Extension(
                    OCSPObjectIdentifiers.id_pkix_ocsp_nonce,
                    false,
                    new DEROctetString(nonce).getEncoded())));
      }
      return builder.build().getEncoded();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** An HTTP response as read off the wire; header names lower-cased. */
  record RawResponse(int status, Map<String, String> headers, byte[] body) {
    String header(String name) {
      return headers.get(name.toLowerCase(Locale.ROOT));
    }

    @Override
    public String toString() {
      return "HTTP " + status + " " + headers + " (" + body.length + " bytes)";
    }
  }

  static byte[] postHead(int port, long contentLength, String contentType) {
    return ("POST /ocsp HTTP/1.1\r\nHost: 127.0.0.1:"
            + port
            + "\r\nContent-Type: "
            + contentType
            + "\r\nContent-Length: "
            + contentLength
            + "\r\nConnection: close\r\n\r\n")
        .getBytes(StandardCharsets.ISO_8859_1);
  }

  static byte[] post(int port, byte[] body) {
    byte[] head = postHead(port, body.length, "application/ocsp-request");
    byte[] all = Arrays.copyOf(head, head.length + body.length);
    System.arraycopy(body, 0, all, head.length, body.length);
    return all;
  }

  static byte[] get(int port, String path) {
    return ("GET "
            + path
            + " HTTP/1.1\r\nHost: 127.0.0.1:"
            + port
            + "\r\nConnection: close\r\n\r\n")
        .getBytes(StandardCharsets.ISO_8859_1);
  }

  /**
   * Sends bytes on a new connection and reads one answer: its head, then as much body as its
   * Content-Length or chunking says (or up to the end of the connection if neither does). A write
   * the server cut short (it may answer and close before reading all of an oversized request) is
   * not an error if an answer can still be read.
   */
  static RawResponse exchange(int port, byte[] request, int timeoutMillis) throws IOException {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress("127.0.0.1", port), timeoutMillis);
      socket.setSoTimeout(timeoutMillis);
      IOException writeFailure = null;
      try {
        OutputStream out = socket.getOutputStream();
        out.write(request);
        out.flush();
      } catch (IOException e) {
        writeFailure = e;
      }
      try {
        return readResponse(socket.getInputStream());
      } catch (IOException | RuntimeException | AssertionError e) {
        if (writeFailure != null) {
          e.addSuppressed(writeFailure);
        }
        throw e;
      }
    }
  }

  /** Reads one HTTP/1.1 response off the stream, leaving the connection open. */
  static RawResponse readResponse(InputStream in) throws IOException {
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    int matched = 0;
    while (matched < 4) {
      int b = in.read();
      if (b < 0) {
        throw new IOException(
            "connection closed after "
                + head.size()
                + " bytes of response head: "
                + head.toString(StandardCharsets.ISO_8859_1));
      }
      head.write(b);
      matched = b == "\r\n\r\n".charAt(matched) ? matched + 1 : b == '\r' ? 1 : 0;
    }
    String[] lines = head.toString(StandardCharsets.ISO_8859_1).split("\r\n");
    String[] statusLine = lines[0].split(" ", 3);
    assertThat(statusLine[0]).as("status line %s", lines[0]).startsWith("HTTP/1.");
    int status = Integer.parseInt(statusLine[1]);
    Map<String, String> headers = new LinkedHashMap<>();
    for (int i = 1; i < lines.length; i++) {
      int colon = lines[i].indexOf(':');
      headers.put(
          lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT),
          lines[i].substring(colon + 1).trim());
    }
    byte[] body;
    if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
      body = readChunked(in);
    } else if (headers.containsKey("content-length")) {
      body = in.readNBytes(Integer.parseInt(headers.get("content-length")));
    } else {
      body = in.readAllBytes();
    }
    return new RawResponse(status, headers, body);
  }

  private static byte[] readChunked(InputStream in) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    while (true) {
      String size = readLine(in);
      int semicolon = size.indexOf(';');
      int n = Integer.parseInt((semicolon < 0 ? size : size.substring(0, semicolon)).trim(), 16);
      if (n == 0) {
        while (!readLine(in).isEmpty()) {
          // trailers
        }
        return out.toByteArray();
      }
      out.write(in.readNBytes(n));
      readLine(in);
    }
  }

  private static String readLine(InputStream in) throws IOException {
    StringBuilder sb = new StringBuilder();
    int b;
    while ((b = in.read()) >= 0 && b != '\n') {
      if (b != '\r') {
        sb.append((char) b);
      }
    }
    return sb.toString();
  }

  /**
   * The rule every answer of the endpoint obeys: an HTTP 4xx, or HTTP 200 carrying an OCSPResponse
   * whose status is successful, malformedRequest or unauthorized, a successful one signed by the
   * certificate it carries. Returns the OCSP status, or the HTTP status negated.
   */
  static int assertAcceptable(String what, int httpStatus, String contentType, byte[] body) {
    if (httpStatus >= 400 && httpStatus < 500) {
      return -httpStatus;
    }
    if (httpStatus != 200) {
      fail("%s: HTTP %d, expected 200 or a 4xx", what, httpStatus);
    }
    assertThat(contentType).as("%s: Content-Type", what).isEqualTo(OCSP_RESPONSE);
    OCSPResp resp;
    try {
      resp = new OCSPResp(body);
    } catch (IOException | RuntimeException e) {
      throw new AssertionError(what + ": body is not an OCSPResponse: " + e, e);
    }
    assertThat(resp.getStatus()).as("%s: OCSP status", what).isIn(ALLOWED_OCSP_STATUSES);
    if (resp.getStatus() == OCSPResp.SUCCESSFUL) {
      assertSignedBySignerItCarries(what, resp);
    }
    return resp.getStatus();
  }

  static int assertAcceptable(String what, RawResponse r) {
    return assertAcceptable(what, r.status(), r.header("Content-Type"), r.body());
  }

  static BasicOCSPResp assertSignedBySignerItCarries(String what, OCSPResp resp) {
    try {
      BasicOCSPResp basic = (BasicOCSPResp) resp.getResponseObject();
      assertThat(basic).as("%s: basic response", what).isNotNull();
      X509CertificateHolder[] certs = basic.getCerts();
      assertThat(certs).as("%s: signer certificate in the response", what).isNotEmpty();
      boolean valid =
          basic.isSignatureValid(
              new JcaContentVerifierProviderBuilder()
                  .setProvider(Providers.bouncyCastle())
                  .build(certs[0]));
      assertThat(valid).as("%s: response signature", what).isTrue();
      return basic;
    } catch (Exception e) {
      throw new AssertionError(what + ": cannot verify the response: " + e, e);
    }
  }

  /**
   * A correct "good" answer for the certificate: successful, one SingleResponse for its serial,
   * status good, signed by a delegated signer the issuing CA certified, nonce echoed if sent.
   */
  static void assertGood(
      String what, byte[] der, IssuedCertificate cert, byte[] issuerDer, byte[] nonce) {
    try {
      OCSPResp resp = new OCSPResp(der);
      assertThat(resp.getStatus()).as("%s: OCSP status", what).isEqualTo(OCSPResp.SUCCESSFUL);
      BasicOCSPResp basic = assertSignedBySignerItCarries(what, resp);
      X509CertificateHolder signer = basic.getCerts()[0];
      X509CertificateHolder issuer = new X509CertificateHolder(issuerDer);
      assertThat(signer.getIssuer()).as("%s: signer's issuer", what).isEqualTo(issuer.getSubject());
      assertThat(
              signer.isSignatureValid(
                  new JcaContentVerifierProviderBuilder()
                      .setProvider(Providers.bouncyCastle())
                      .build(issuer)))
          .as("%s: signer certificate signed by the issuing CA", what)
          .isTrue();
      SingleResp[] single = basic.getResponses();
      assertThat(single).as("%s: single responses", what).hasSize(1);
      assertThat(single[0].getCertID().getSerialNumber())
          .as("%s: serial", what)
          .isEqualTo(cert.serial());
      assertThat(single[0].getCertStatus()).as("%s: status good", what).isNull();
      if (nonce != null) {
        Extension echoed = basic.getExtension(OCSPObjectIdentifiers.id_pkix_ocsp_nonce);
        assertThat(echoed).as("%s: nonce echoed", what).isNotNull();
        assertThat(echoed.getExtnValue().getOctets())
            .as("%s: nonce", what)
            .isEqualTo(new DEROctetString(nonce).getEncoded());
      }
    } catch (Exception e) {
      throw new AssertionError(what + ": " + e, e);
    }
  }
}
