package cn.certhall.pki.keystore;

import cn.certhall.pki.InvalidRequestException;
import cn.certhall.pki.KeyAlgorithm;
import cn.certhall.pki.KeyNotFoundException;
import cn.certhall.pki.KeyOperationException;
import cn.certhall.pki.KeyStoreAuthenticationException;
import cn.certhall.pki.KeyStoreUnavailableException;
import cn.certhall.pki.UnsupportedAlgorithmException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Security;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import org.bouncycastle.operator.ContentSigner;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keys in a PKCS#11 token (an HSM in production, SoftHSM2 in tests) through the JDK's SunPKCS11
 * provider. Private keys are generated on the token as sensitive, non-extractable, sign-only token
 * objects; the JVM only ever holds handles to them. The public half lives in the holder certificate
 * stored beside the key (see {@link KeyHolderCertificate}).
 *
 * <p>PKCS#11 keeps the login per token and per process, not per provider: every store opened on one
 * token in this JVM shares one login. So stores on the same token are counted, the token is logged
 * out only when the last of them closes, and a store opened while the token is already logged in
 * has its PIN checked against the PIN of that login (SunPKCS11 would not ask the token, which does
 * not check a PIN while logged in).
 */
public final class Pkcs11KeyStore implements SigningKeyStore {
  private static final Logger log = LoggerFactory.getLogger(Pkcs11KeyStore.class);

  /** SM2 is not a mechanism of standard PKCS#11 tokens such as SoftHSM2. */
  private static final Set<KeyAlgorithm> SUPPORTED =
      Set.of(KeyAlgorithm.EC_P256, KeyAlgorithm.RSA_2048, KeyAlgorithm.RSA_3072);

  /** Where the token is: the PKCS#11 module and the index of its slot in the slot list. */
  public record TokenConfig(String name, Path library, int slotListIndex) {
    public TokenConfig {
      if (name == null || !name.matches("[A-Za-z0-9_-]{1,32}")) {
        throw new InvalidRequestException(
            "PKCS#11 provider name must be 1 to 32 letters or digits");
      }
      if (slotListIndex < 0) {
        throw new InvalidRequestException("PKCS#11 slot list index must not be negative");
      }
    }

    String providerConfig() {
      return String.join(
          "\n",
          "name = " + name,
          "library = " + library.toAbsolutePath(),
          "slotListIndex = " + slotListIndex,
          "attributes(generate, *, *) = {",
          "  CKA_TOKEN = true",
          "}",
          // the public key is kept in the holder certificate; a token copy would be an unlabelled
          // object nothing refers to
          "attributes(generate, CKO_PUBLIC_KEY, *) = {",
          "  CKA_TOKEN = false",
          "}",
          // a CA key signs and does nothing else
          "attributes(generate, CKO_PRIVATE_KEY, *) = {",
          "  CKA_PRIVATE = true",
          "  CKA_SENSITIVE = true",
          "  CKA_EXTRACTABLE = false",
          "  CKA_SIGN = true",
          "  CKA_DECRYPT = false",
          "  CKA_UNWRAP = false",
          "  CKA_DERIVE = false",
          "}",
          "");
    }

    /** Which token login this store shares: the module file and the slot. */
    String loginKey() {
      Path module;
      try {
        module = library.toRealPath();
      } catch (IOException e) {
        module = library.toAbsolutePath().normalize();
      }
      return module + "#" + slotListIndex;
    }
  }

  /**
   * The login this process holds on one token: how many open stores share it, and a salted hash of
   * its PIN to check a later open against (never the PIN itself).
   */
  private static final class TokenLogin {
    private static final int ITERATIONS = 10_000;
    private final byte[] salt = new byte[16];
    private final byte[] pinHash;
    private int openStores;

    TokenLogin(char[] pin) {
      new SecureRandom().nextBytes(salt);
      pinHash = hash(pin);
    }

    boolean matches(char[] pin) {
      return MessageDigest.isEqual(pinHash, hash(pin));
    }

    private byte[] hash(char[] pin) {
      PBEKeySpec spec = new PBEKeySpec(pin, salt, ITERATIONS, 256);
      try {
        SecretKeyFactory pbkdf2 = SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256");
        return pbkdf2.generateSecret(spec).getEncoded();
      } catch (GeneralSecurityException e) {
        throw new IllegalStateException("PBKDF2WithHmacSHA256 missing from the JDK", e);
      } finally {
        spec.clearPassword();
      }
    }
  }

  /** Logins held by open stores, by {@link TokenConfig#loginKey()}; also the lock for both. */
  private static final Map<String, TokenLogin> LOGINS = new HashMap<>();

  private final TokenConfig config;
  private final Provider provider;
  private final KeyStore store;
  private final TokenLogin login;
  private final Map<String, KeyEntry> keys = new ConcurrentHashMap<>();
  private volatile boolean closed;

  private Pkcs11KeyStore(TokenConfig config, Provider provider, KeyStore store, TokenLogin login) {
    this.config = config;
    this.provider = provider;
    this.store = store;
    this.login = login;
  }

  /**
   * Loads the PKCS#11 module and logs in to the token.
   *
   * @throws KeyStoreUnavailableException if the module or token is missing or the PIN is locked
   * @throws KeyStoreAuthenticationException if the PIN is wrong
   */
  public static Pkcs11KeyStore open(TokenConfig config, char[] pin) {
    if (config.library() == null || !Files.isReadable(config.library())) {
      throw new KeyStoreUnavailableException("PKCS#11 module not found: " + config.library());
    }
    if (pin == null || pin.length == 0) {
      throw new KeyStoreAuthenticationException(
          "no PIN given for PKCS#11 token "
              + config.name()
              + "; set it in configuration or environment",
          null);
    }
    synchronized (LOGINS) {
      TokenLogin login = LOGINS.get(config.loginKey());
      if (login != null && !login.matches(pin)) {
        throw new KeyStoreAuthenticationException(
            "wrong PIN for PKCS#11 token "
                + config.name()
                + " (not the PIN of the stores already open on it)",
            null);
      }
      Pkcs11KeyStore result = login(config, pin, login == null ? new TokenLogin(pin) : login);
      result.login.openStores++;
      LOGINS.put(config.loginKey(), result.login);
      log.info("logged in to PKCS#11 token {} ({})", config.name(), config.library());
      return result;
    }
  }

  private static Pkcs11KeyStore login(TokenConfig config, char[] pin, TokenLogin login) {
    Provider provider;
    try {
      provider = Security.getProvider("SunPKCS11").configure("--" + config.providerConfig());
    } catch (RuntimeException e) {
      throw new KeyStoreUnavailableException(
          "cannot use PKCS#11 token "
              + config.name()
              + " at slot index "
              + config.slotListIndex()
              + ": "
              + rootMessage(e),
          e);
    }
    KeyStore ks;
    char[] secret = pin.clone();
    try {
      ks = KeyStore.getInstance("PKCS11", provider);
      ks.load(null, secret);
    } catch (IOException e) {
      String why = causeChain(e);
      if (why.contains("CKR_PIN_LOCKED")) {
        throw new KeyStoreUnavailableException(
            "PKCS#11 token " + config.name() + " is locked (too many wrong PINs)", e);
      }
      if (why.contains("CKR_PIN_INCORRECT") || why.contains("CKR_PIN_LEN_RANGE")) {
        throw new KeyStoreAuthenticationException(
            "wrong PIN for PKCS#11 token " + config.name(), e);
      }
      throw new KeyStoreUnavailableException(
          "cannot log in to PKCS#11 token " + config.name() + ": " + rootMessage(e), e);
    } catch (GeneralSecurityException | RuntimeException e) {
      throw new KeyStoreUnavailableException(
          "cannot open PKCS#11 token " + config.name() + ": " + rootMessage(e), e);
    } finally {
      Arrays.fill(secret, '\0');
    }
    return new Pkcs11KeyStore(config, provider, ks, login);
  }

  @Override
  public synchronized PublicKey generateKeyPair(String alias, KeyAlgorithm algorithm) {
    checkOpen();
    KeyHolderCertificate.checkAlias(alias);
    if (!SUPPORTED.contains(algorithm)) {
      throw new UnsupportedAlgorithmException(
          algorithm
              + " keys are not supported by PKCS#11 token "
              + config.name()
              + "; supported: "
              + SUPPORTED);
    }
    if (contains(alias)) {
      throw new InvalidRequestException(
          "key alias already used in " + description() + ": " + alias);
    }
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance(algorithm.keyType(), provider);
      generator.initialize(algorithm.parameters());
      KeyPair pair = generator.generateKeyPair();
      X509Certificate holder =
          KeyHolderCertificate.create(
              alias,
              pair.getPublic(),
              new KeyEntry(pair.getPrivate(), pair.getPublic(), algorithm).signer(provider));
      // sets CKA_ID = alias on the new token key and stores the holder certificate (CKA_LABEL =
      // alias, same CKA_ID) beside it; the key itself keeps an empty label
      store.setKeyEntry(alias, pair.getPrivate(), null, new Certificate[] {holder});
      // the public key as load() will read it back: from the certificate, not the session object
      PublicKey publicKey = holder.getPublicKey();
      keys.put(alias, new KeyEntry(pair.getPrivate(), publicKey, algorithm));
      log.info("generated {} key '{}' on PKCS#11 token {}", algorithm, alias, config.name());
      return publicKey;
    } catch (GeneralSecurityException | RuntimeException e) {
      if (e instanceof InvalidRequestException) {
        throw (InvalidRequestException) e;
      }
      throw new KeyOperationException(
          "cannot generate "
              + algorithm
              + " key '"
              + alias
              + "' on token "
              + config.name()
              + ": "
              + rootMessage(e),
          e);
    }
  }

  @Override
  public boolean contains(String alias) {
    checkOpen();
    if (keys.containsKey(alias)) {
      return true;
    }
    try {
      return store.isKeyEntry(alias);
    } catch (GeneralSecurityException e) {
      throw new KeyOperationException("cannot list keys on token " + config.name(), e);
    }
  }

  @Override
  public PublicKey publicKey(String alias) {
    return entry(alias).publicKey();
  }

  @Override
  public KeyAlgorithm algorithm(String alias) {
    return entry(alias).algorithm();
  }

  @Override
  public ContentSigner signer(String alias) {
    return entry(alias).signer(provider);
  }

  private KeyEntry entry(String alias) {
    checkOpen();
    return keys.computeIfAbsent(alias, this::load);
  }

  private void checkOpen() {
    if (closed) {
      throw new KeyStoreUnavailableException(description() + " is closed");
    }
  }

  private KeyEntry load(String alias) {
    try {
      if (!store.isKeyEntry(alias)) {
        throw new KeyNotFoundException("no key '" + alias + "' in " + description());
      }
      PrivateKey key = (PrivateKey) store.getKey(alias, null);
      return KeyEntry.of(key, store.getCertificate(alias).getPublicKey());
    } catch (GeneralSecurityException e) {
      throw new KeyOperationException("cannot read key '" + alias + "' from token", e);
    }
  }

  @Override
  public String description() {
    return "PKCS#11 token " + config.name() + " (" + config.library() + ")";
  }

  /** Closes this store; the token is logged out when no other store on it is open. */
  @Override
  public void close() {
    synchronized (LOGINS) {
      if (closed) {
        return;
      }
      closed = true;
      keys.clear();
      if (--login.openStores > 0) {
        return;
      }
      LOGINS.remove(config.loginKey(), login);
      try {
        if (provider instanceof java.security.AuthProvider auth) {
          auth.logout();
        }
      } catch (javax.security.auth.login.LoginException e) {
        log.debug("logout from token {} failed: {}", config.name(), e.toString());
      }
    }
  }

  private static String causeChain(Throwable e) {
    StringBuilder sb = new StringBuilder();
    for (Throwable t = e; t != null; t = t.getCause()) {
      sb.append(t).append(" | ");
    }
    return sb.toString();
  }

  private static String rootMessage(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null) {
      t = t.getCause();
    }
    return t.getMessage() == null ? t.toString() : t.getMessage();
  }

  @Override
  public String toString() {
    return description();
  }
}
