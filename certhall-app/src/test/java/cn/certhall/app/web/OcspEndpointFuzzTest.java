package cn.certhall.app.web;

import static cn.certhall.app.web.OcspClient.OCSP_RESPONSE;
import static cn.certhall.app.web.OcspClient.assertAcceptable;
import static cn.certhall.app.web.OcspClient.assertGood;
import static cn.certhall.app.web.OcspClient.exchange;
import static org.assertj.core.api.Assertions.assertThat;

import cn.certhall.app.RunningApp;
import cn.certhall.app.ca.CaRegistry;
import cn.certhall.app.web.OcspClient.RawResponse;
import cn.certhall.pki.Providers;
import cn.certhall.pki.issuance.IssuedCertificate;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.net.HttpURLConnection;
import java.net.URI;
import java.net.URL;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.bouncycastle.asn1.ASN1EncodableVector;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DERBitString;
import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.DERTaggedObject;
import org.bouncycastle.asn1.DERUTF8String;
import org.bouncycastle.asn1.gm.GMObjectIdentifiers;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.ocsp.CertID;
import org.bouncycastle.asn1.ocsp.OCSPObjectIdentifiers;
import org.bouncycastle.asn1.ocsp.OCSPRequest;
import org.bouncycastle.asn1.ocsp.Request;
import org.bouncycastle.asn1.ocsp.TBSRequest;
import org.bouncycastle.asn1.oiw.OIWObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.ocsp.BasicOCSPResp;
import org.bouncycastle.cert.ocsp.OCSPResp;
import org.bouncycastle.cert.ocsp.SingleResp;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The OCSP endpoint of the running application, over real HTTP, fed with what the internet sends an
 * OCSP responder: truncated and bit-flipped requests, random bytes, empty and oversized bodies,
 * wrong content types, broken GET encodings, over-long paths. Every answer must be an HTTP 4xx or
 * HTTP 200 with an OCSPResponse of status successful (signed by the certificate it carries),
 * malformedRequest or unauthorized; never a 5xx, never an internalError. After all of it the server
 * still answers a normal request correctly.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class OcspEndpointFuzzTest {
  private static final Duration TIMEOUT = Duration.ofSeconds(10);
  private static final int SOCKET_TIMEOUT_MS = 10_000;

  @TempDir static Path dataDir;

  private static RunningApp app;
  private static HttpClient http;
  private static IssuedCertificate leaf;
  private static byte[] issuerDer;

  /** The RFC 5019 request: one certificate, no nonce (answered from the pre-signed cache). */
  private static byte[] plainRequest;

  /** A request with a nonce (signed on the spot, nonce echoed). */
  private static byte[] nonceRequest;

  private static final byte[] NONCE =
      "certhall-fuzz-nonce-0123456789ab".getBytes(StandardCharsets.US_ASCII);

  @BeforeAll
  static void start() {
    app =
        RunningApp.start(
            RunningApp.h2File(dataDir), dataDir, Map.of("certhall.ca.hierarchies", "ECDSA"));
    http =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(TIMEOUT)
            .build();
    leaf = OcspClient.issue(app, "fuzz");
    issuerDer = OcspClient.issuingCa(app).certificateDer();
    plainRequest = OcspClient.request(issuerDer, leaf.serial(), null);
    nonceRequest = OcspClient.request(issuerDer, leaf.serial(), NONCE);
  }

  @AfterAll
  static void stop() {
    if (app != null) {
      app.close();
    }
  }

  @Test
  @Order(1)
  void baselineRequestsAreAnsweredGood() throws Exception {
    assertGood("POST plain", postOk(plainRequest), leaf, issuerDer, null);
    assertGood("POST nonce", postOk(nonceRequest), leaf, issuerDer, NONCE);
    // as curl sends bodies over 1 KiB: headers first, the body after the server's 100 Continue
    HttpResponse<byte[]> continued =
        send(
            ocspPost()
                .expectContinue(true)
                .POST(HttpRequest.BodyPublishers.ofByteArray(plainRequest))
                .build());
    assertThat(continued.statusCode()).isEqualTo(200);
    assertGood("POST with Expect: 100-continue", continued.body(), leaf, issuerDer, null);
  }

  @Test
  @Order(2)
  void everyTruncationIsMalformed() throws Exception {
    Stats stats = new Stats("truncated");
    for (byte[] full : List.of(plainRequest, nonceRequest)) {
      for (int n = 0; n < full.length; n++) {
        byte[] prefix = Arrays.copyOf(full, n);
        int status = stats.add(post("prefix " + n + "/" + full.length, prefix));
        // a proper prefix of a DER SEQUENCE is never a complete encoding
        assertThat(status)
            .as("prefix %d of %d", n, full.length)
            .isEqualTo(OCSPResp.MALFORMED_REQUEST);
      }
    }
    for (int n = 1; n < plainRequest.length; n++) {
      byte[] prefix = Arrays.copyOf(plainRequest, n);
      stats.add(get("GET prefix " + n, "/ocsp/" + urlEncodedBase64(prefix)));
    }
    stats.print();
    assertStillGood();
  }

  @Test
  @Order(3)
  void everySingleBitFlipIsAnsweredSafely() throws Exception {
    Stats stats = new Stats("bit flips");
    for (byte[] original : List.of(plainRequest, nonceRequest)) {
      for (int bit = 0; bit < original.length * 8; bit++) {
        byte[] flipped = original.clone();
        flipped[bit / 8] ^= (byte) (1 << (bit % 8));
        stats.add(
            post("bit " + bit + " of " + original.length + " bytes: " + hex(flipped), flipped));
      }
    }
    stats.print();
    assertStillGood();
  }

  /**
   * Every byte set to the values that trouble DER parsers most: zero, 0x7f, 0x80 (indefinite),
   * 0xff.
   */
  @Test
  @Order(4)
  void everyByteSetToBoundaryValuesIsAnsweredSafely() throws Exception {
    Stats stats = new Stats("boundary bytes");
    for (int i = 0; i < plainRequest.length; i++) {
      for (int value : new int[] {0x00, 0x7f, 0x80, 0xff}) {
        byte[] mutated = plainRequest.clone();
        mutated[i] = (byte) value;
        stats.add(post("byte " + i + " = " + value + ": " + hex(mutated), mutated));
      }
    }
    // a length that claims far more than there is, in short, long and absurd forms
    for (byte[] lengthBytes :
        List.of(
            new byte[] {(byte) 0x84, 0x7f, (byte) 0xff, (byte) 0xff, (byte) 0xff},
            new byte[] {(byte) 0x88, 1, 0, 0, 0, 0, 0, 0, 0},
            new byte[] {(byte) 0xff},
            new byte[] {(byte) 0x80})) {
      byte[] mutated = new byte[1 + lengthBytes.length + plainRequest.length - 2];
      mutated[0] = 0x30;
      System.arraycopy(lengthBytes, 0, mutated, 1, lengthBytes.length);
      System.arraycopy(plainRequest, 2, mutated, 1 + lengthBytes.length, plainRequest.length - 2);
      stats.add(post("outer length " + hex(lengthBytes), mutated));
    }
    stats.print();
    assertStillGood();
  }

  @Test
  @Order(5)
  void randomBytesAreAnsweredSafely() throws Exception {
    Random random = new Random(0x0C5B_F022L);
    Stats stats = new Stats("random");
    for (int i = 0; i < 1500; i++) {
      int length = random.nextInt(4) == 0 ? random.nextInt(20_000) : random.nextInt(300);
      byte[] body = new byte[length];
      random.nextBytes(body);
      if (length > 2 && random.nextBoolean()) {
        // look like a SEQUENCE, to get past the first byte of the parser
        body[0] = 0x30;
        body[1] = (byte) (length - 2 < 128 ? length - 2 : 0x82);
      }
      stats.add(post("random #" + i + " (" + length + " bytes)", body));
    }
    for (int i = 0; i < 300; i++) {
      byte[] bytes = new byte[random.nextInt(400)];
      random.nextBytes(bytes);
      stats.add(get("GET random #" + i, "/ocsp/" + urlEncodedBase64(bytes)));
    }
    stats.print();
    assertStillGood();
  }

  /**
   * Well-formed DER that no ordinary client sends: odd serials (zero, negative, longer than the 20
   * octets RFC 5280 allows), odd nonces, hundreds of CertIDs, mixed issuers, unknown hash
   * algorithms, signed requests, unknown critical extensions, and nesting deep enough to exhaust a
   * recursive parser's stack.
   */
  @Test
  @Order(6)
  void structurallyOddRequestsAreAnsweredSafely() throws Exception {
    Stats stats = new Stats("odd structures");
    CertID good = certId(OIWObjectIdentifiers.idSHA1, leaf.serial());
    Map<String, byte[]> cases = new LinkedHashMap<>();
    cases.put(
        "serial 0",
        ocspRequest(List.of(certId(OIWObjectIdentifiers.idSHA1, BigInteger.ZERO)), null));
    cases.put(
        "serial -1",
        ocspRequest(List.of(certId(OIWObjectIdentifiers.idSHA1, BigInteger.ONE.negate())), null));
    cases.put(
        "serial -2^159",
        ocspRequest(
            List.of(certId(OIWObjectIdentifiers.idSHA1, BigInteger.TWO.pow(159).negate())), null));
    for (int octets : new int[] {20, 21, 32, 64, 1000, 8000}) {
      BigInteger big = BigInteger.ONE.shiftLeft(octets * 8 - 2).add(BigInteger.valueOf(octets));
      cases.put(
          "serial of " + octets + " octets",
          ocspRequest(List.of(certId(OIWObjectIdentifiers.idSHA1, big)), null));
      cases.put(
          "serial of " + octets + " octets, nonce",
          ocspRequest(
              List.of(certId(OIWObjectIdentifiers.idSHA1, big)),
              nonceExtension(new DEROctetString(new byte[8]).getEncoded())));
    }
    cases.put(
        "SHA-256 CertID",
        ocspRequest(List.of(certId(NISTObjectIdentifiers.id_sha256, leaf.serial())), null));
    cases.put(
        "SM3 CertID", ocspRequest(List.of(certId(GMObjectIdentifiers.sm3, leaf.serial())), null));
    cases.put(
        "MD5 CertID",
        ocspRequest(
            List.of(
                certId(
                    PKCSObjectIdentifiers.md5,
                    leaf.serial(),
                    digest("MD5", issuerNameDer()),
                    new byte[16])),
            null));
    cases.put(
        "hash algorithm with junk parameters",
        ocspRequest(
            List.of(
                new CertID(
                    new AlgorithmIdentifier(OIWObjectIdentifiers.idSHA1, new DERUTF8String("junk")),
                    good.getIssuerNameHash(),
                    good.getIssuerKeyHash(),
                    good.getSerialNumber())),
            null));
    cases.put(
        "empty name and key hashes",
        ocspRequest(
            List.of(
                new CertID(
                    good.getHashAlgorithm(),
                    new DEROctetString(new byte[0]),
                    new DEROctetString(new byte[0]),
                    good.getSerialNumber())),
            null));
    cases.put("empty request list", ocspRequest(List.of(), null));
    cases.put(
        "200 CertIDs",
        ocspRequest(
            Collections.nCopies(200, good),
            nonceExtension(new DEROctetString(NONCE).getEncoded())));
    cases.put("200 CertIDs, no nonce", ocspRequest(Collections.nCopies(200, good), null));
    byte[] rootDer = app.bean(CaRegistry.class).find("ecdsa-root").orElseThrow().certificateDer();
    CertID ofRoot =
        Request.getInstance(
                OCSPRequest.getInstance(OcspClient.request(rootDer, BigInteger.TEN, null))
                    .getTbsRequest()
                    .getRequestList()
                    .getObjectAt(0))
            .getReqCert();
    cases.put(
        "two issuers",
        ocspRequest(List.of(good, ofRoot), nonceExtension(new DEROctetString(NONCE).getEncoded())));
    cases.put(
        "empty nonce",
        ocspRequest(List.of(good), nonceExtension(new DEROctetString(new byte[0]).getEncoded())));
    cases.put(
        "33-octet nonce",
        ocspRequest(List.of(good), nonceExtension(new DEROctetString(new byte[33]).getEncoded())));
    cases.put(
        "bare nonce (no OCTET STRING)",
        ocspRequest(List.of(good), nonceExtension(new byte[] {1, 2, 3, 4, 5, 6, 7, 8})));
    cases.put(
        "nonce that is not an OCTET STRING",
        ocspRequest(List.of(good), nonceExtension(new DERUTF8String("nonce").getEncoded())));
    cases.put(
        "bare nonce of 1000 octets", ocspRequest(List.of(good), nonceExtension(new byte[1000])));
    cases.put(
        "unknown critical extension",
        ocspRequest(
            List.of(good),
            new Extensions(
                new Extension(new ASN1ObjectIdentifier("1.2.3.4.5"), true, new byte[] {5, 0}))));
    cases.put("version 2, requestor name, signature", signedStyle(good));
    for (Map.Entry<String, byte[]> c : cases.entrySet()) {
      int status = stats.add(post(c.getKey(), c.getValue()));
      System.out.println("[ocsp fuzz]   " + c.getKey() + ": " + Stats.label(status));
      if (c.getValue().length < 1500) {
        stats.add(get("GET " + c.getKey(), "/ocsp/" + urlEncodedBase64(c.getValue())));
      }
    }
    // nesting: SEQUENCEs inside SEQUENCEs, definite and indefinite length, as deep as 16 KiB allows
    for (int depth : new int[] {100, 1000, 5000, 8000}) {
      byte[] indefinite = new byte[depth * 2];
      for (int i = 0; i < depth; i++) {
        indefinite[2 * i] = 0x30;
        indefinite[2 * i + 1] = (byte) 0x80;
      }
      stats.add(post("indefinite nesting " + depth, indefinite));
      stats.add(post("definite nesting " + depth, definiteNesting(depth)));
      stats.add(
          post(
              "nesting " + depth + " inside a request extension",
              ocspRequest(
                  List.of(good),
                  new Extensions(
                      new Extension(new ASN1ObjectIdentifier("1.2.3.4.5"), false, indefinite)))));
    }
    stats.print();
    assertStillGood();
  }

  @Test
  @Order(7)
  void emptyBody() throws Exception {
    HttpResponse<byte[]> r =
        http.send(
            ocspPost().POST(HttpRequest.BodyPublishers.noBody()).build(),
            HttpResponse.BodyHandlers.ofByteArray());
    assertThat(acceptable("empty body", r)).isEqualTo(OCSPResp.MALFORMED_REQUEST);
    // and without any Content-Length at all
    RawResponse raw =
        exchange(
            app.port(),
            ("POST /ocsp HTTP/1.1\r\nHost: x\r\nContent-Type: application/ocsp-request\r\n"
                    + "Connection: close\r\n\r\n")
                .getBytes(StandardCharsets.ISO_8859_1),
            SOCKET_TIMEOUT_MS);
    assertThat(assertAcceptable("no Content-Length", raw)).isEqualTo(OCSPResp.MALFORMED_REQUEST);
    assertStillGood();
  }

  @Test
  @Order(8)
  void oversizedBodies() throws Exception {
    byte[] mib = new byte[1 << 20];
    new Random(7).nextBytes(mib);
    // with Content-Length: refused before reading
    HttpResponse<byte[]> declared =
        http.send(
            ocspPost().POST(HttpRequest.BodyPublishers.ofByteArray(mib)).build(),
            HttpResponse.BodyHandlers.ofByteArray());
    assertThat(declared.statusCode()).as("1 MiB with Content-Length").isEqualTo(413);
    // chunked (no Content-Length): refused once more than a request can hold has been read. The
    // server answers 413 and closes while the client may still be sending: the client then reads
    // the 413 or, when the close reset the connection first, nothing. Either way, no answer.
    assertThat(chunkedAnswer(mib)).as("1 MiB chunked").isIn(413, RESET);
    // a valid request followed by a megabyte of padding, chunked, is no request either
    byte[] padded = Arrays.copyOf(plainRequest, plainRequest.length + (1 << 20));
    assertThat(chunkedAnswer(padded))
        .as("a request and 1 MiB of padding, chunked")
        .isIn(413, RESET);
    // the limit itself: 16 KiB is read (and is no request), one byte more is refused
    byte[] limit = new byte[16 * 1024];
    assertThat(
            acceptable(
                "16 KiB",
                send(ocspPost().POST(HttpRequest.BodyPublishers.ofByteArray(limit)).build())))
        .isEqualTo(OCSPResp.MALFORMED_REQUEST);
    assertThat(
            send(ocspPost()
                    .POST(HttpRequest.BodyPublishers.ofByteArray(new byte[16 * 1024 + 1]))
                    .build())
                .statusCode())
        .isEqualTo(413);
    // and a Content-Length that lies (claims 1 GiB, sends a real request): refused at once
    RawResponse liar =
        exchange(
            app.port(),
            concat(
                OcspClient.postHead(app.port(), 1L << 30, "application/ocsp-request"),
                plainRequest),
            SOCKET_TIMEOUT_MS);
    assertThat(liar.status()).isEqualTo(413);
    assertStillGood();
  }

  @Test
  @Order(9)
  void wrongContentTypesAndMethods() throws Exception {
    Stats stats = new Stats("content types");
    for (String type :
        List.of(
            "text/plain",
            "application/x-www-form-urlencoded",
            "application/json",
            "multipart/form-data; boundary=xyz",
            "application/ocsp-response",
            "*/*",
            "garbage;;;=")) {
      for (byte[] body : List.of(plainRequest, "a=b&c=d".getBytes(StandardCharsets.US_ASCII))) {
        RawResponse r =
            exchange(
                app.port(),
                concat(OcspClient.postHead(app.port(), body.length, type), body),
                SOCKET_TIMEOUT_MS);
        stats.add(assertAcceptable("Content-Type " + type, r));
      }
    }
    RawResponse untyped =
        exchange(
            app.port(),
            concat(
                ("POST /ocsp HTTP/1.1\r\nHost: x\r\nContent-Length: "
                        + plainRequest.length
                        + "\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1),
                plainRequest),
            SOCKET_TIMEOUT_MS);
    stats.add(assertAcceptable("no Content-Type", untyped));
    for (String method : List.of("PUT", "DELETE", "PATCH", "TRACE")) {
      RawResponse r =
          exchange(
              app.port(),
              concat(
                  (method
                          + " /ocsp HTTP/1.1\r\nHost: x\r\nContent-Type: application/ocsp-request\r\n"
                          + "Content-Length: "
                          + plainRequest.length
                          + "\r\nConnection: close\r\n\r\n")
                      .getBytes(StandardCharsets.ISO_8859_1),
                  plainRequest),
              SOCKET_TIMEOUT_MS);
      assertThat(r.status()).as(method).isBetween(400, 499);
    }
    stats.print();
    assertStillGood();
  }

  @Test
  @Order(10)
  void garbageGets() throws Exception {
    Stats stats = new Stats("garbage GET");
    List<String> garbage =
        List.of(
            "",
            "!!!!",
            "====",
            "A",
            "AB",
            "ABC",
            "ABCD",
            "MA==",
            "MAA=",
            "%",
            "%2",
            "%zz",
            "%%%%",
            "%2F%2F%2F",
            "%00",
            "%FF%FE",
            "%E4%B8%AD%E6%96%87",
            "..",
            "%2e%2e",
            "../../etc/passwd",
            "%2e%2e%2f%2e%2e%2fetc%2fpasswd",
            "-_-_",
            "MEMwQTA_MD0wOzAJBgUrDgMCGgUA",
            "a;b=c",
            "%3B",
            "%0d%0aX-Injected:%20yes",
            "%20%20%20%20",
            "AAAA?x=1",
            "AAAA#frag",
            "%5C%5C",
            "~~~~",
            "////",
            "MA==/MA==",
            "*",
            "%2A",
            "\u00e9".repeat(3));
    for (String g : garbage) {
      String path = "/ocsp/" + g;
      RawResponse r = exchange(app.port(), OcspClient.get(app.port(), path), SOCKET_TIMEOUT_MS);
      int status = stats.add(assertAcceptable("GET " + path, r));
      assertThat(status).as("GET %s", path).isNotEqualTo(OCSPResp.SUCCESSFUL);
    }
    for (String path : List.of("/ocsp", "/ocsp/", "/ocsp//", "/ocsp?x=y")) {
      RawResponse r = exchange(app.port(), OcspClient.get(app.port(), path), SOCKET_TIMEOUT_MS);
      assertThat(stats.add(assertAcceptable("GET " + path, r))).isNotEqualTo(OCSPResp.SUCCESSFUL);
    }
    stats.print();
    assertStillGood();
  }

  /**
   * base64 of a request whose encoding holds all three of '+', '/' and '=', sent with them
   * percent-encoded (upper and lower case), raw, mixed, and with '+' as an encoded space.
   */
  @Test
  @Order(11)
  void base64SpecialCharactersEncodedOrRaw() throws Exception {
    Random random = new Random(42);
    byte[] request;
    byte[] nonce;
    String b64;
    do {
      nonce = new byte[8 + random.nextInt(24)];
      random.nextBytes(nonce);
      request = OcspClient.request(issuerDer, leaf.serial(), nonce);
      b64 = Base64.getEncoder().encodeToString(request);
    } while (!(b64.contains("+") && b64.contains("/") && b64.endsWith("=")));
    String s = b64;
    Map<String, String> forms = new TreeMap<>();
    forms.put("URLEncoder", URLEncoder.encode(s, StandardCharsets.UTF_8));
    forms.put("lower-case %xx", s.replace("+", "%2b").replace("/", "%2f").replace("=", "%3d"));
    forms.put("raw", s);
    forms.put("raw '/', encoded '+' and '='", s.replace("+", "%2B").replace("=", "%3D"));
    forms.put("raw '+', encoded '/' and '='", s.replace("/", "%2F").replace("=", "%3D"));
    forms.put("raw '=', encoded '+' and '/'", s.replace("+", "%2B").replace("/", "%2F"));
    forms.put("'+' as %20", s.replace("+", "%20").replace("/", "%2F"));
    forms.put("no padding", s.replace("=", "").replace("/", "%2F"));
    forms.put("every character encoded", percentEncodeAll(s));
    for (Map.Entry<String, String> form : forms.entrySet()) {
      RawResponse r =
          exchange(
              app.port(),
              OcspClient.get(app.port(), "/ocsp/" + form.getValue()),
              SOCKET_TIMEOUT_MS);
      assertAcceptable("GET " + form.getKey(), r);
      assertThat(r.status()).as(form.getKey()).isEqualTo(200);
      assertGood("GET " + form.getKey(), r.body(), leaf, issuerDer, nonce);
    }
    // broken forms ('/' and '+' as base64url's '_' and '-', or '+' dropped) are answered safely
    for (String broken : List.of(s.replace('/', '_').replace('+', '-'), s.replace("+", ""))) {
      RawResponse r =
          exchange(app.port(), OcspClient.get(app.port(), "/ocsp/" + broken), SOCKET_TIMEOUT_MS);
      assertAcceptable("GET broken " + broken, r);
    }
    assertStillGood();
  }

  @Test
  @Order(12)
  void overLongPaths() throws Exception {
    // fits Tomcat's 8 KiB request head: reaches the servlet, decodes to zeros, is no request
    RawResponse a7k =
        exchange(
            app.port(), OcspClient.get(app.port(), "/ocsp/" + "A".repeat(7000)), SOCKET_TIMEOUT_MS);
    assertThat(assertAcceptable("7000 A", a7k)).isEqualTo(OCSPResp.MALFORMED_REQUEST);
    byte[] random = new byte[5000];
    new Random(11).nextBytes(random);
    RawResponse r5k =
        exchange(
            app.port(),
            OcspClient.get(app.port(), "/ocsp/" + Base64.getEncoder().encodeToString(random)),
            SOCKET_TIMEOUT_MS);
    assertAcceptable("5000 random bytes", r5k);
    // a valid request with 6000 characters of junk after it
    RawResponse trailing =
        exchange(
            app.port(),
            OcspClient.get(
                app.port(), "/ocsp/" + urlEncodedBase64(plainRequest) + "A".repeat(6000)),
            SOCKET_TIMEOUT_MS);
    assertThat(assertAcceptable("trailing junk", trailing)).isNotEqualTo(OCSPResp.SUCCESSFUL);
    // beyond the request head limit: Tomcat refuses it before any servlet runs
    for (int length : new int[] {9_000, 20_000, 100_000, 1 << 20}) {
      RawResponse r =
          exchange(
              app.port(),
              OcspClient.get(app.port(), "/ocsp/" + "QUFB".repeat(length / 4)),
              SOCKET_TIMEOUT_MS);
      assertThat(r.status()).as("path of %d characters", length).isBetween(400, 499);
    }
    assertStillGood();
  }

  /**
   * sun.security.provider.certpath.OCSP sends a request of up to 255 base64 characters by GET: the
   * responder URL, '/', then URLEncoder.encode(base64) (so '/' arrives as %2F), through
   * HttpURLConnection. The answer is cacheable as RFC 5019 6.2 asks.
   */
  @Test
  @Order(13)
  void jdkStyleGetIsAnsweredWithCachingHeaders() throws Exception {
    IssuedCertificate cert = leaf;
    byte[] request = plainRequest;
    for (int i = 0; !Base64.getEncoder().encodeToString(request).contains("/"); i++) {
      assertThat(i).as("a certificate whose request's base64 holds a '/'").isLessThan(40);
      cert = OcspClient.issue(app, "jdk-get-" + i);
      request = OcspClient.request(issuerDer, cert.serial(), null);
    }
    String encoded = Base64.getEncoder().encodeToString(request);
    assertThat(encoded.length()).isLessThanOrEqualTo(255);
    String responder = app.url("/ocsp");
    StringBuilder url = new StringBuilder(responder);
    if (!responder.endsWith("/")) {
      url.append('/');
    }
    url.append(URLEncoder.encode(encoded, StandardCharsets.UTF_8));
    assertThat(url.toString()).contains("%2F");

    Fetched first = fetchLikeJdk(url.toString());
    assertThat(first.status).isEqualTo(200);
    assertThat(first.contentType).isEqualTo(OCSP_RESPONSE);
    assertGood("JDK-style GET", first.body, cert, issuerDer, null);

    BasicOCSPResp basic = (BasicOCSPResp) new OCSPResp(first.body).getResponseObject();
    SingleResp single = basic.getResponses()[0];
    Instant thisUpdate = single.getThisUpdate().toInstant();
    Instant nextUpdate = single.getNextUpdate().toInstant();
    assertThat(first.header("Last-Modified")).isNotNull();
    assertThat(httpDate(first.header("Last-Modified"))).isEqualTo(thisUpdate);
    assertThat(first.header("Expires")).isNotNull();
    assertThat(httpDate(first.header("Expires"))).isEqualTo(nextUpdate);
    String cacheControl = first.header("Cache-Control");
    assertThat(cacheControl).contains("max-age=").contains("public");
    long maxAge = Long.parseLong(cacheControl.replaceAll(".*max-age=(\\d+).*", "$1"));
    assertThat(maxAge).isPositive();
    assertThat(Instant.now().plusSeconds(maxAge)).isBefore(nextUpdate);
    assertThat(first.header("ETag")).matches("\"[0-9a-f]{40}\"");

    // asked again: the same pre-signed response, the same ETag
    Fetched second = fetchLikeJdk(url.toString());
    assertThat(second.body).isEqualTo(first.body);
    assertThat(second.header("ETag")).isEqualTo(first.header("ETag"));
    assertStillGood();
  }

  @Test
  @Order(Integer.MAX_VALUE)
  void serverStillAnswersCorrectlyAfterAllOfIt() throws Exception {
    assertStillGood();
    RawResponse viaGet =
        exchange(
            app.port(),
            OcspClient.get(app.port(), "/ocsp/" + urlEncodedBase64(plainRequest)),
            SOCKET_TIMEOUT_MS);
    assertThat(viaGet.status()).isEqualTo(200);
    assertGood("GET after the fuzzing", viaGet.body(), leaf, issuerDer, null);
  }

  // --- helpers

  private static CertID certId(ASN1ObjectIdentifier hash, BigInteger serial) {
    String name =
        hash.equals(OIWObjectIdentifiers.idSHA1)
            ? "SHA-1"
            : hash.equals(GMObjectIdentifiers.sm3) ? "SM3" : "SHA-256";
    byte[] keyBits;
    try {
      keyBits =
          new X509CertificateHolder(issuerDer)
              .getSubjectPublicKeyInfo()
              .getPublicKeyData()
              .getBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return certId(hash, serial, digest(name, issuerNameDer()), digest(name, keyBits));
  }

  private static CertID certId(
      ASN1ObjectIdentifier hash, BigInteger serial, byte[] nameHash, byte[] keyHash) {
    return new CertID(
        new AlgorithmIdentifier(hash, DERNull.INSTANCE),
        new DEROctetString(nameHash),
        new DEROctetString(keyHash),
        new ASN1Integer(serial));
  }

  private static byte[] issuerNameDer() {
    try {
      return new X509CertificateHolder(issuerDer).getSubject().getEncoded("DER");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static byte[] digest(String algorithm, byte[] data) {
    try {
      return MessageDigest.getInstance(algorithm, Providers.bouncyCastle()).digest(data);
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static byte[] ocspRequest(List<CertID> ids, Extensions extensions) throws IOException {
    ASN1EncodableVector requests = new ASN1EncodableVector();
    for (CertID id : ids) {
      requests.add(new Request(id, null));
    }
    return new OCSPRequest(new TBSRequest(null, new DERSequence(requests), extensions), null)
        .getEncoded("DER");
  }

  private static Extensions nonceExtension(byte[] extnValue) {
    return new Extensions(
        new Extension(OCSPObjectIdentifiers.id_pkix_ocsp_nonce, false, extnValue));
  }

  /** version v2 (explicit), a requestor name, and a signature no one can check. */
  private static byte[] signedStyle(CertID id) throws IOException {
    ASN1EncodableVector tbs = new ASN1EncodableVector();
    tbs.add(new DERTaggedObject(true, 0, new ASN1Integer(1)));
    tbs.add(
        new DERTaggedObject(true, 1, new GeneralName(GeneralName.rfc822Name, "fuzz@example.com")));
    tbs.add(new DERSequence(new Request(id, null)));
    ASN1EncodableVector signature = new ASN1EncodableVector();
    signature.add(new AlgorithmIdentifier(new ASN1ObjectIdentifier("1.2.840.10045.4.3.2")));
    signature.add(new DERBitString(new byte[64]));
    ASN1EncodableVector request = new ASN1EncodableVector();
    request.add(new DERSequence(tbs));
    request.add(new DERTaggedObject(true, 0, new DERSequence(signature)));
    return new DERSequence(request).getEncoded("DER");
  }

  /** {@code depth} SEQUENCEs, each with a definite (long-form) length, innermost empty. */
  private static byte[] definiteNesting(int depth) {
    byte[] inner = new byte[] {0x30, 0x00};
    for (int i = 1; i < depth; i++) {
      int len = inner.length;
      byte[] header =
          len < 128
              ? new byte[] {0x30, (byte) len}
              : len < 256
                  ? new byte[] {0x30, (byte) 0x81, (byte) len}
                  : new byte[] {0x30, (byte) 0x82, (byte) (len >> 8), (byte) len};
      inner = concat(header, inner);
      if (inner.length > 16 * 1024 - 8) {
        break;
      }
    }
    return inner;
  }

  private record Fetched(
      int status, String contentType, Map<String, List<String>> headers, byte[] body) {
    String header(String name) {
      return headers.entrySet().stream()
          .filter(e -> e.getKey() != null && e.getKey().equalsIgnoreCase(name))
          .map(e -> e.getValue().get(0))
          .findFirst()
          .orElse(null);
    }
  }

  /** As sun.security.provider.certpath.OCSP fetches: HttpURLConnection, GET, read the body. */
  private static Fetched fetchLikeJdk(String url) throws IOException {
    HttpURLConnection con = (HttpURLConnection) new URL(url).openConnection();
    con.setConnectTimeout(15_000);
    con.setReadTimeout(15_000);
    con.setDoOutput(false);
    con.setDoInput(true);
    con.setRequestMethod("GET");
    try (InputStream in = con.getInputStream()) {
      return new Fetched(
          con.getResponseCode(), con.getContentType(), con.getHeaderFields(), in.readAllBytes());
    } finally {
      con.disconnect();
    }
  }

  private static Instant httpDate(String value) {
    return ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
  }

  private static void assertStillGood() throws Exception {
    assertGood("normal POST", postOk(plainRequest), leaf, issuerDer, null);
    assertGood("normal POST with nonce", postOk(nonceRequest), leaf, issuerDer, NONCE);
  }

  private static byte[] postOk(byte[] body) throws Exception {
    HttpResponse<byte[]> r =
        send(ocspPost().POST(HttpRequest.BodyPublishers.ofByteArray(body)).build());
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("Content-Type")).hasValue(OCSP_RESPONSE);
    return r.body();
  }

  private static HttpRequest.Builder ocspPost() {
    return HttpRequest.newBuilder(URI.create(app.url("/ocsp")))
        .timeout(TIMEOUT)
        .header("Content-Type", "application/ocsp-request");
  }

  /** What {@link #chunkedAnswer} returns when the connection was reset before an answer came. */
  static final int RESET = -1;

  /** The status of a chunked POST of {@code body} (no Content-Length), or {@link #RESET}. */
  private static int chunkedAnswer(byte[] body) throws InterruptedException {
    HttpRequest request =
        ocspPost()
            .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body)))
            .build();
    assertThat(request.headers().firstValue("Content-Length")).isEmpty();
    try {
      return http.send(request, HttpResponse.BodyHandlers.ofByteArray()).statusCode();
    } catch (IOException e) {
      return RESET;
    }
  }

  private static HttpResponse<byte[]> send(HttpRequest request)
      throws IOException, InterruptedException {
    return http.send(request, HttpResponse.BodyHandlers.ofByteArray());
  }

  private static int post(String what, byte[] body) throws IOException, InterruptedException {
    return acceptable(
        what, send(ocspPost().POST(HttpRequest.BodyPublishers.ofByteArray(body)).build()));
  }

  private static int get(String what, String path) throws IOException, InterruptedException {
    return acceptable(
        what,
        send(HttpRequest.newBuilder(URI.create(app.url(path))).timeout(TIMEOUT).GET().build()));
  }

  private static int acceptable(String what, HttpResponse<byte[]> r) {
    return assertAcceptable(
        what, r.statusCode(), r.headers().firstValue("Content-Type").orElse(null), r.body());
  }

  private static String urlEncodedBase64(byte[] der) {
    return URLEncoder.encode(Base64.getEncoder().encodeToString(der), StandardCharsets.UTF_8);
  }

  private static String percentEncodeAll(String s) {
    StringBuilder out = new StringBuilder();
    for (char c : s.toCharArray()) {
      out.append('%').append(String.format("%02X", (int) c));
    }
    return out.toString();
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] all = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, all, a.length, b.length);
    return all;
  }

  private static String hex(byte[] bytes) {
    return java.util.HexFormat.of().formatHex(bytes);
  }

  /** Counts answers by OCSP status (HTTP 4xx as negative numbers), for the test log. */
  private static final class Stats {
    private final String name;
    private final Map<Integer, Integer> counts = new TreeMap<>();

    Stats(String name) {
      this.name = name;
    }

    int add(int status) {
      counts.merge(status, 1, Integer::sum);
      return status;
    }

    static String label(int status) {
      return switch (status) {
        case 0 -> "successful";
        case 1 -> "malformedRequest";
        case 6 -> "unauthorized";
        default -> "HTTP " + -status;
      };
    }

    void print() {
      StringBuilder sb = new StringBuilder("[ocsp fuzz] " + name + ":");
      counts.forEach((k, v) -> sb.append(' ').append(label(k)).append('=').append(v));
      System.out.println(sb);
    }
  }
}
