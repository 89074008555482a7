package cn.certhall.pki.keystore;

import cn.certhall.pki.KeyAlgorithm;
import java.security.PublicKey;
import java.util.regex.Pattern;
import org.bouncycastle.operator.ContentSigner;

/**
 * Where CA and hosted keys live. Keys are generated inside the store and used through it; no method
 * returns a private key, so none can be exported.
 *
 * <p>Two implementations: {@link SoftwareKeyStore} (an encrypted PKCS#12 file) and {@link
 * Pkcs11KeyStore} (an HSM through the JDK's SunPKCS11 provider).
 */
public interface SigningKeyStore extends AutoCloseable {

  Pattern ALIAS = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

  /**
   * Generates a key pair inside the store and keeps it under {@code alias}.
   *
   * @return the public half
   * @throws cn.certhall.pki.InvalidRequestException if the alias is malformed or already used
   * @throws cn.certhall.pki.UnsupportedAlgorithmException if this store cannot make that key
   */
  PublicKey generateKeyPair(String alias, KeyAlgorithm algorithm);

  boolean contains(String alias);

  /**
   * @throws cn.certhall.pki.KeyNotFoundException if there is no such key
   */
  PublicKey publicKey(String alias);

  /** A fresh signer for one signature with the key under {@code alias}, using its algorithm. */
  ContentSigner signer(String alias);

  /** Where the keys are, for logs and errors; never contains a secret. */
  String description();

  default KeyAlgorithm algorithm(String alias) {
    return KeyAlgorithm.of(publicKey(alias));
  }

  @Override
  void close();
}
