package cn.certhall.pki;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** PEM text (RFC 7468) of a DER certificate. */
public final class Pem {
  private Pem() {}

  public static String certificate(byte[] der) {
    return "-----BEGIN CERTIFICATE-----\n"
        + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
        + "\n-----END CERTIFICATE-----\n";
  }
}
