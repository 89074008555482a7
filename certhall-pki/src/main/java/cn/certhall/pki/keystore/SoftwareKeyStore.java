package cn.certhall.pki.keystore;

import cn.certhall.pki.InvalidRequestException;
import cn.certhall.pki.KeyAlgorithm;
import cn.certhall.pki.KeyNotFoundException;
import cn.certhall.pki.KeyOperationException;
import cn.certhall.pki.KeyStoreAuthenticationException;
import cn.certhall.pki.KeyStoreUnavailableException;
import cn.certhall.pki.Providers;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.UnrecoverableKeyException;
import java.security.cert.Certificate;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.bouncycastle.operator.ContentSigner;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keys in encrypted PKCS#12 files, one file per key ({@code <alias>}: the key under PBES2/AES-256,
 * the file under a MAC), signing with Bouncy Castle, the files kept by {@link KeyFiles}: a
 * directory, or a table of the shared database so that every node of an installation signs with
 * every key. One file per key keeps making a key cheap however many keys the store holds, and keys
 * are decrypted on first use only (a key another node made is read when first asked for). A check
 * file ({@value #CHECK_FILE}) lets a wrong passphrase be told at once, even in an empty store.
 * Meant for development and small deployments; production keys belong in an HSM ({@link
 * Pkcs11KeyStore}). The passphrase comes from the caller (configuration or environment) and is
 * never logged or shown in a message.
 */
public final class SoftwareKeyStore implements SigningKeyStore {
  private static final Logger log = LoggerFactory.getLogger(SoftwareKeyStore.class);

  /** Bouncy Castle's PKCS#12 flavour that encrypts keys with AES-256 rather than 3DES. */
  private static final String STORE_TYPE = "PKCS12-AES256-AES128";

  /** The name of the file that checks the passphrase. */
  public static final String CHECK_FILE = "passphrase-check";

  private final KeyFiles files;
  private final char[] passphrase;
  private final Map<String, KeyEntry> keys = new ConcurrentHashMap<>();

  /** Initialised signatures per key, reused: see {@link SignaturePool}. */
  private final Map<String, SignaturePool> signers = new ConcurrentHashMap<>();

  private volatile boolean closed;

  private SoftwareKeyStore(KeyFiles files, char[] passphrase) {
    this.files = files;
    this.passphrase = passphrase;
  }

  /**
   * Opens the key store directory, or creates it when it is absent and {@code create} is set.
   *
   * @throws KeyStoreUnavailableException if the directory is missing (and not to be created) or
   *     unreadable
   * @throws KeyStoreAuthenticationException if the passphrase does not open it
   */
  public static SoftwareKeyStore open(Path directory, char[] passphrase, boolean create) {
    return open(new DirectoryKeyFiles(directory), passphrase, create);
  }

  /**
   * Opens the key store whose files {@code files} keeps, or creates it there when it holds no file
   * and {@code create} is set.
   *
   * @throws KeyStoreUnavailableException if there is no store (and none to be created), or its
   *     files cannot be read
   * @throws KeyStoreAuthenticationException if the passphrase does not open it
   */
  public static SoftwareKeyStore open(KeyFiles files, char[] passphrase, boolean create) {
    if (passphrase == null || passphrase.length == 0) {
      throw new KeyStoreAuthenticationException(
          "no passphrase given for key store "
              + files.description()
              + "; set it in configuration or environment",
          null);
    }
    SoftwareKeyStore store = new SoftwareKeyStore(files, passphrase.clone());
    try {
      Optional<byte[]> check = files.read(CHECK_FILE);
      if (check.isPresent()) {
        store.decode(CHECK_FILE, check.get());
      } else if (create && files.isEmpty()) {
        if (!files.writeNew(CHECK_FILE, store.encode(newStore()))) {
          // another node created it at the same moment: it must open with this passphrase too
          store.decode(CHECK_FILE, files.read(CHECK_FILE).orElseThrow());
        } else {
          log.info("created software key store {}", files.description());
        }
      } else if (!files.isEmpty()) {
        throw new KeyStoreUnavailableException(
            "not a certhall key store (no " + CHECK_FILE + "): " + files.description());
      } else {
        throw new KeyStoreUnavailableException("key store not found: " + files.description());
      }
    } catch (IOException | GeneralSecurityException e) {
      throw new KeyStoreUnavailableException(
          "cannot open key store " + files.description() + ": " + e, e);
    }
    log.info("opened software key store {}", files.description());
    return store;
  }

  private static KeyStore newStore() throws GeneralSecurityException, IOException {
    KeyStore ks = KeyStore.getInstance(STORE_TYPE, Providers.bouncyCastle());
    ks.load(null, null);
    return ks;
  }

  private KeyStore decode(String name, byte[] content) {
    try (InputStream in = new ByteArrayInputStream(content)) {
      KeyStore ks = KeyStore.getInstance(STORE_TYPE, Providers.bouncyCastle());
      ks.load(in, passphrase);
      return ks;
    } catch (IOException e) {
      if (e.getCause() instanceof UnrecoverableKeyException
          || String.valueOf(e.getMessage()).contains("wrong password")) {
        throw new KeyStoreAuthenticationException(
            "wrong passphrase for key store "
                + files.description()
                + " (or "
                + name
                + " is damaged)",
            e);
      }
      throw new KeyStoreUnavailableException(
          "cannot read " + name + " of " + files.description() + ": " + e, e);
    } catch (GeneralSecurityException e) {
      throw new KeyStoreUnavailableException(
          "cannot read " + name + " of " + files.description() + ": " + e, e);
    }
  }

  private byte[] encode(KeyStore ks) throws IOException, GeneralSecurityException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ks.store(out, passphrase);
    return out.toByteArray();
  }

  @Override
  public PublicKey generateKeyPair(String alias, KeyAlgorithm algorithm) {
    checkOpen();
    KeyHolderCertificate.checkAlias(alias);
    if (contains(alias)) {
      throw new InvalidRequestException(
          "key alias already used in " + description() + ": " + alias);
    }
    KeyPair pair;
    byte[] encoded;
    try {
      KeyPairGenerator generator =
          KeyPairGenerator.getInstance(algorithm.keyType(), Providers.bouncyCastle());
      generator.initialize(algorithm.parameters());
      pair = generator.generateKeyPair();
      KeyEntry entry = new KeyEntry(pair.getPrivate(), pair.getPublic(), algorithm);
      Certificate holder =
          KeyHolderCertificate.create(
              alias, pair.getPublic(), entry.signer(Providers.bouncyCastle()));
      KeyStore ks = newStore();
      ks.setKeyEntry(alias, pair.getPrivate(), passphrase, new Certificate[] {holder});
      encoded = encode(ks);
    } catch (GeneralSecurityException | IOException e) {
      throw new KeyOperationException("cannot generate " + algorithm + " key " + alias, e);
    }
    boolean written;
    try {
      written = files.writeNew(alias, encoded);
    } catch (IOException e) {
      throw new KeyStoreUnavailableException(
          "cannot write key " + alias + " to " + description() + ": " + e, e);
    }
    if (!written) {
      throw new InvalidRequestException(
          "key alias already used in " + description() + ": " + alias);
    }
    keys.put(alias, new KeyEntry(pair.getPrivate(), pair.getPublic(), algorithm));
    log.info("generated {} key '{}' in {}", algorithm, alias, files.description());
    return pair.getPublic();
  }

  @Override
  public boolean contains(String alias) {
    if (keys.containsKey(alias)) {
      return true;
    }
    if (alias == null
        || !SigningKeyStore.ALIAS.matcher(alias).matches()
        || alias.equals(CHECK_FILE)) {
      return false;
    }
    try {
      return files.exists(alias);
    } catch (IOException e) {
      throw new KeyStoreUnavailableException("cannot read " + description() + ": " + e, e);
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
    checkOpen();
    SignaturePool pool = signers.get(alias);
    if (pool == null) {
      KeyEntry entry = entry(alias);
      pool =
          signers.computeIfAbsent(alias, a -> new SignaturePool(entry, Providers.bouncyCastle()));
    }
    return pool.signer();
  }

  private KeyEntry entry(String alias) {
    KeyEntry entry = keys.get(alias);
    return entry != null ? entry : keys.computeIfAbsent(alias, this::load);
  }

  private KeyEntry load(String alias) {
    if (!contains(alias)) {
      throw new KeyNotFoundException("no key '" + alias + "' in " + description());
    }
    KeyStore ks;
    try {
      ks =
          decode(
              alias,
              files
                  .read(alias)
                  .orElseThrow(
                      () ->
                          new KeyNotFoundException("no key '" + alias + "' in " + description())));
    } catch (IOException e) {
      throw new KeyStoreUnavailableException("cannot read key '" + alias + "': " + e, e);
    }
    try {
      return KeyEntry.of(
          (PrivateKey) ks.getKey(alias, passphrase), ks.getCertificate(alias).getPublicKey());
    } catch (UnrecoverableKeyException e) {
      throw new KeyStoreAuthenticationException("wrong passphrase for key '" + alias + "'", e);
    } catch (GeneralSecurityException | RuntimeException e) {
      throw new KeyStoreUnavailableException("cannot read key '" + alias + "': " + e, e);
    }
  }

  @Override
  public String description() {
    return "software key store " + files.description();
  }

  private void checkOpen() {
    if (closed) {
      throw new KeyStoreUnavailableException(description() + " is closed");
    }
  }

  @Override
  public void close() {
    closed = true;
    signers.clear();
    keys.clear();
    Arrays.fill(passphrase, '\0');
  }

  @Override
  public String toString() {
    return description();
  }
}
