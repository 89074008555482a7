package cn.certhall.pki;

import java.math.BigInteger;
import java.security.PublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.AlgorithmParameterSpec;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.RSAKeyGenParameterSpec;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** Key types the engine generates, each with the one signature algorithm it signs with. */
public enum KeyAlgorithm {
  SM2(AlgorithmFamily.SM2, "EC", new ECGenParameterSpec("sm2p256v1"), "SM3withSM2"),
  EC_P256(AlgorithmFamily.ECDSA, "EC", new ECGenParameterSpec("secp256r1"), "SHA256withECDSA"),
  RSA_2048(AlgorithmFamily.RSA, "RSA", rsa(2048), "SHA256withRSA"),
  RSA_3072(AlgorithmFamily.RSA, "RSA", rsa(3072), "SHA256withRSA");

  private final AlgorithmFamily family;
  private final String keyType;
  private final AlgorithmParameterSpec parameters;
  private final String signatureAlgorithm;

  KeyAlgorithm(
      AlgorithmFamily family,
      String keyType,
      AlgorithmParameterSpec parameters,
      String signatureAlgorithm) {
    this.family = family;
    this.keyType = keyType;
    this.parameters = parameters;
    this.signatureAlgorithm = signatureAlgorithm;
  }

  private static AlgorithmParameterSpec rsa(int bits) {
    return new RSAKeyGenParameterSpec(bits, BigInteger.valueOf(65537));
  }

  public AlgorithmFamily family() {
    return family;
  }

  /** JCA key pair generator name. */
  public String keyType() {
    return keyType;
  }

  public AlgorithmParameterSpec parameters() {
    return parameters;
  }

  /** JCA signature algorithm name, e.g. {@code SM3withSM2}. */
  public String signatureAlgorithm() {
    return signatureAlgorithm;
  }

  /** The key algorithm of an existing public key (the RSA variant by modulus length). */
  public static KeyAlgorithm of(PublicKey key) {
    return switch (AlgorithmFamily.of(key)) {
      case SM2 -> SM2;
      case ECDSA -> EC_P256;
      case RSA -> {
        int bits = ((RSAPublicKey) key).getModulus().bitLength();
        if (bits == 2048) {
          yield RSA_2048;
        }
        if (bits == 3072) {
          yield RSA_3072;
        }
        throw new UnsupportedAlgorithmException("unsupported RSA key size " + bits);
      }
    };
  }

  /** Parses a configured name such as {@code SM2}, {@code ec-p256} or {@code RSA_3072}. */
  public static KeyAlgorithm parse(String name) {
    if (name != null) {
      String normalized = name.trim().toUpperCase(Locale.ROOT).replace('-', '_');
      for (KeyAlgorithm a : values()) {
        if (a.name().equals(normalized)) {
          return a;
        }
      }
    }
    throw new UnsupportedAlgorithmException(
        "unknown key algorithm '"
            + name
            + "'; known: "
            + Arrays.stream(values()).map(Enum::name).collect(Collectors.joining(", ")));
  }
}
