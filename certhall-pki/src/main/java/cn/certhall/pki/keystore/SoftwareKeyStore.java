package cn.certhall.pki.keystore;

import cn.certhall.pki.InvalidRequestException;
import cn.certhall.pki.KeyAlgorithm;
import cn.certhall.pki.KeyNotFoundException;
import cn.certhall.pki.KeyOperationException;
import cn.certhall.pki.KeyStoreAuthenticationException;
import cn.certhall.pki.KeyStoreUnavailableException;
import cn.certhall.pki.Providers;
import cn.certhall.pki.OwnerOnlyFiles;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
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
import java.util.concurrent.ConcurrentHashMap;
import org.bouncycastle.operator.ContentSigner;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keys in encrypted PKCS#12 files, one file per key in a directory ({@code <alias>.p12}: the key
 * under PBES2/AES-256, the file under a MAC), signing with Bouncy Castle. One file per key keeps
 * making a key cheap however many keys the store holds, and keys are decrypted on first use only.
 * A check file ({@value #CHECK_FILE}) lets a wrong passphrase be told at once, even in an empty
 * store. Meant for development and small deployments; production keys belong in an HSM ({@link
 * Pkcs11KeyStore}). The passphrase comes from the caller (configuration or environment) and is
 * never logged or shown in a message.
 */
public final class SoftwareKeyStore implements SigningKeyStore {
  private static final Logger log = LoggerFactory.getLogger(SoftwareKeyStore.class);
  /** Bouncy Castle's PKCS#12 flavour that encrypts keys with AES-256 rather than 3DES. */
  private static final String STORE_TYPE = "PKCS12-AES256-AES128";

  static final String CHECK_FILE = "passphrase-check.p12";
  private static final String SUFFIX = ".p12";

  private final Path directory;
  private final char[] passphrase;
  private final Map<String, KeyEntry> keys = new ConcurrentHashMap<>();
  /** Initialised signatures per key, reused: see {@link SignaturePool}. */
  private final Map<String, SignaturePool> signers = new ConcurrentHashMap<>();
  private volatile boolean closed;

  private SoftwareKeyStore(Path directory, char[] passphrase) {
    this.directory = directory;
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
    if (passphrase == null || passphrase.length == 0) {
      throw new KeyStoreAuthenticationException(
          "no passphrase given for key store " + directory
              + "; set it in configuration or environment",
          null);
    }
    SoftwareKeyStore store = new SoftwareKeyStore(directory, passphrase.clone());
    Path check = directory.resolve(CHECK_FILE);
    if (Files.isRegularFile(check)) {
      store.read(check);
    } else if (create && (!Files.exists(directory) || isEmptyDirectory(directory))) {
      try {
        OwnerOnlyFiles.createDirectories(directory);
        store.write(check, newStore());
      } catch (IOException | GeneralSecurityException e) {
        throw new KeyStoreUnavailableException("cannot create key store " + directory + ": " + e, e);
      }
      log.info("created software key store {}", directory);
    } else if (Files.exists(directory)) {
      throw new KeyStoreUnavailableException(
          "not a certhall key store (no " + CHECK_FILE + "): " + directory);
    } else {
      throw new KeyStoreUnavailableException("key store directory not found: " + directory);
    }
    log.info("opened software key store {}", directory);
    return store;
  }

  private static boolean isEmptyDirectory(Path dir) {
    try (var entries = Files.list(dir)) {
      return entries.findAny().isEmpty();
    } catch (IOException e) {
      return false;
    }
  }

  private static KeyStore newStore() throws GeneralSecurityException, IOException {
    KeyStore ks = KeyStore.getInstance(STORE_TYPE, Providers.bouncyCastle());
    ks.load(null, null);
    return ks;
  }

  private KeyStore read(Path file) {
    try (InputStream in = Files.newInputStream(file)) {
      KeyStore ks = KeyStore.getInstance(STORE_TYPE, Providers.bouncyCastle());
      ks.load(in, passphrase);
      return ks;
    } catch (IOException e) {
      if (e.getCause() instanceof UnrecoverableKeyException
          || String.valueOf(e.getMessage()).contains("wrong password")) {
        throw new KeyStoreAuthenticationException(
            "wrong passphrase for key store " + directory + " (or " + file.getFileName()
                + " is damaged)",
            e);
      }
      throw new KeyStoreUnavailableException("cannot read " + file + ": " + e, e);
    } catch (GeneralSecurityException e) {
      throw new KeyStoreUnavailableException("cannot read " + file + ": " + e, e);
    }
  }

  @Override
  public PublicKey generateKeyPair(String alias, KeyAlgorithm algorithm) {
    checkOpen();
    KeyHolderCertificate.checkAlias(alias);
    Path file = keyFile(alias);
    if (keys.containsKey(alias) || Files.exists(file)) {
      throw new InvalidRequestException("key alias already used in " + description() + ": " + alias);
    }
    KeyPair pair;
    KeyStore ks;
    try {
      KeyPairGenerator generator =
          KeyPairGenerator.getInstance(algorithm.keyType(), Providers.bouncyCastle());
      generator.initialize(algorithm.parameters());
      pair = generator.generateKeyPair();
      KeyEntry entry = new KeyEntry(pair.getPrivate(), pair.getPublic(), algorithm);
      Certificate holder =
          KeyHolderCertificate.create(alias, pair.getPublic(), entry.signer(Providers.bouncyCastle()));
      ks = newStore();
      ks.setKeyEntry(alias, pair.getPrivate(), passphrase, new Certificate[] {holder});
    } catch (GeneralSecurityException | IOException e) {
      throw new KeyOperationException("cannot generate " + algorithm + " key " + alias, e);
    }
    try {
      writeNew(file, ks);
    } catch (FileAlreadyExistsException e) {
      throw new InvalidRequestException("key alias already used in " + description() + ": " + alias);
    } catch (IOException | GeneralSecurityException e) {
      throw new KeyStoreUnavailableException("cannot write key " + file + ": " + e, e);
    }
    keys.put(alias, new KeyEntry(pair.getPrivate(), pair.getPublic(), algorithm));
    log.info("generated {} key '{}' in {}", algorithm, alias, directory);
    return pair.getPublic();
  }

  /** Writes beside the target and moves it into place: a crash never leaves half a key file. */
  private void write(Path file, KeyStore ks) throws IOException, GeneralSecurityException {
    Path tmp = temp(file, ks);
    try {
      try {
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
      }
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  /** Like {@link #write} but never replaces an existing key. */
  private void writeNew(Path file, KeyStore ks) throws IOException, GeneralSecurityException {
    Path tmp = temp(file, ks);
    try {
      Files.createLink(file, tmp);
    } catch (UnsupportedOperationException noHardLinks) {
      Files.move(tmp, file);
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  private Path temp(Path file, KeyStore ks) throws IOException, GeneralSecurityException {
    Path tmp = Files.createTempFile(directory, ".key", ".tmp");
    try {
      Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
    } catch (UnsupportedOperationException notPosix) {
      // the file system has no POSIX permissions; the directory's own access rules apply
    }
    try (OutputStream out = Files.newOutputStream(tmp)) {
      ks.store(out, passphrase);
    } catch (IOException | GeneralSecurityException | RuntimeException e) {
      Files.deleteIfExists(tmp);
      throw e;
    }
    return tmp;
  }

  private Path keyFile(String alias) {
    return directory.resolve(alias + SUFFIX);
  }

  @Override
  public boolean contains(String alias) {
    return keys.containsKey(alias)
        || (alias != null
            && SigningKeyStore.ALIAS.matcher(alias).matches()
            && Files.isRegularFile(keyFile(alias)));
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
      pool = signers.computeIfAbsent(alias, a -> new SignaturePool(entry, Providers.bouncyCastle()));
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
    KeyStore ks = read(keyFile(alias));
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
    return "software key store " + directory;
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
