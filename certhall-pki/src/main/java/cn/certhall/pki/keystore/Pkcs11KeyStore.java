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
import java.security.PrivateKey;
import java.security.Provider;
import java.security.PublicKey;
import java.security.Security;
import java.security.cert.Certificate;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.bouncycastle.operator.ContentSigner;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keys in a PKCS#11 token (an HSM in production, SoftHSM2 in tests) through the JDK's SunPKCS11
 * provider. Private keys are generated on the token as sensitive, non-extractable token objects;
 * the JVM only ever holds handles to them.
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
        throw new InvalidRequestException("PKCS#11 provider name must be 1 to 32 letters or digits");
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
          "attributes(generate, CKO_PRIVATE_KEY, *) = {",
          "  CKA_PRIVATE = true",
          "  CKA_SENSITIVE = true",
          "  CKA_EXTRACTABLE = false",
          "}",
          "");
    }
  }

  private final TokenConfig config;
  private final Provider provider;
  private final KeyStore store;
  private final Map<String, KeyEntry> keys = new ConcurrentHashMap<>();

  private Pkcs11KeyStore(TokenConfig config, Provider provider, KeyStore store) {
    this.config = config;
    this.provider = provider;
    this.store = store;
  }

  /**
   * Loads the PKCS#11 module and logs in to the token.
   *
   * @throws KeyStoreUnavailableException if the module or token is missing or the PIN is locked
   * @throws KeyStoreAuthenticationException if the PIN is wrong
   */
  public static Pkcs11KeyStore open(TokenConfig config, char[] pin) {
    if (!Files.isReadable(config.library())) {
      throw new KeyStoreUnavailableException("PKCS#11 module not found: " + config.library());
    }
    Provider provider;
    try {
      provider = Security.getProvider("SunPKCS11").configure("--" + config.providerConfig());
    } catch (RuntimeException e) {
      throw new KeyStoreUnavailableException(
          "cannot use PKCS#11 token " + config.name() + " at slot index " + config.slotListIndex()
              + ": " + rootMessage(e),
          e);
    }
    KeyStore ks;
    try {
      ks = KeyStore.getInstance("PKCS11", provider);
      ks.load(null, pin == null ? null : pin.clone());
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
    } catch (GeneralSecurityException e) {
      throw new KeyStoreUnavailableException(
          "cannot open PKCS#11 token " + config.name() + ": " + rootMessage(e), e);
    }
    Pkcs11KeyStore result = new Pkcs11KeyStore(config, provider, ks);
    log.info("logged in to PKCS#11 token {} ({})", config.name(), config.library());
    return result;
  }

  @Override
  public synchronized PublicKey generateKeyPair(String alias, KeyAlgorithm algorithm) {
    KeyHolderCertificate.checkAlias(alias);
    if (!SUPPORTED.contains(algorithm)) {
      throw new UnsupportedAlgorithmException(
          algorithm + " keys are not supported by PKCS#11 token " + config.name()
              + "; supported: " + SUPPORTED);
    }
    if (contains(alias)) {
      throw new InvalidRequestException("key alias already used in " + description() + ": " + alias);
    }
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance(algorithm.keyType(), provider);
      generator.initialize(algorithm.parameters());
      KeyPair pair = generator.generateKeyPair();
      KeyEntry entry = new KeyEntry(pair.getPrivate(), pair.getPublic(), algorithm);
      Certificate holder =
          KeyHolderCertificate.create(alias, pair.getPublic(), entry.signer(provider));
      // binds label and id to the new token key and stores the holder certificate beside it
      store.setKeyEntry(alias, pair.getPrivate(), null, new Certificate[] {holder});
      keys.put(alias, entry);
      log.info("generated {} key '{}' on PKCS#11 token {}", algorithm, alias, config.name());
      return pair.getPublic();
    } catch (GeneralSecurityException | RuntimeException e) {
      if (e instanceof InvalidRequestException) {
        throw (InvalidRequestException) e;
      }
      throw new KeyOperationException(
          "cannot generate " + algorithm + " key '" + alias + "' on token " + config.name()
              + ": " + rootMessage(e),
          e);
    }
  }

  @Override
  public boolean contains(String alias) {
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
    return keys.computeIfAbsent(alias, this::load);
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

  @Override
  public void close() {
    keys.clear();
    try {
      if (provider instanceof java.security.AuthProvider auth) {
        auth.logout();
      }
    } catch (javax.security.auth.login.LoginException e) {
      log.debug("logout from token {} failed: {}", config.name(), e.toString());
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
