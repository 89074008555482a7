package cn.certhall.pki.issuance;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Date;
import java.util.concurrent.ThreadLocalRandom;
import org.bouncycastle.asn1.x509.Time;
import org.junit.jupiter.api.Test;

/**
 * The engine writes certificate times itself; they must be byte for byte BC's {@code Time(Date)}.
 */
class X509TimeTest {

  @Test
  void sameEncodingAsBouncyCastleFromDate() throws Exception {
    String[] edges = {
      "1950-01-01T00:00:00Z",
      "1969-12-31T23:59:59Z",
      "1970-01-01T00:00:00Z",
      "1999-12-31T23:59:59Z",
      "2000-01-01T00:00:00Z",
      "2000-02-29T12:00:00Z",
      "2026-11-27T08:05:09Z",
      "2049-12-31T23:59:59Z",
      "2050-01-01T00:00:00Z",
      "2100-03-01T00:00:00Z",
      "9999-12-31T23:59:59Z"
    };
    for (String edge : edges) {
      assertSame(Instant.parse(edge));
    }
    long from = Instant.parse("1950-01-01T00:00:00Z").getEpochSecond();
    long to = Instant.parse("9999-12-31T23:59:59Z").getEpochSecond();
    for (int i = 0; i < 2000; i++) {
      assertSame(Instant.ofEpochSecond(ThreadLocalRandom.current().nextLong(from, to + 1)));
    }
  }

  private static void assertSame(Instant instant) throws Exception {
    assertThat(CertificateAuthority.x509Time(instant).getEncoded())
        .as("%s", instant)
        .isEqualTo(new Time(Date.from(instant)).getEncoded());
  }
}
