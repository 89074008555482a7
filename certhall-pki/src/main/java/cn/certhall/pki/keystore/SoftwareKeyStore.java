package cn.certhall.pki.keystore;

import cn.certhall.pki.InvalidRequestException;
import cn.certhall.pki.KeyAlgorithm;
import cn.certhall.pki.KeyNotFoundException;
import cn.certhall.pki.KeyOperationException;
import cn.certhall.pki.KeyStoreAuthenticationException;
import cn.certhall.pki.KeyStoreUnavailableException;
import cn.certhall.pki.Providers;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
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
import java.util.Collections;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.bouncycastle.operator.ContentSigner;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keys in an encrypted PKCS#12 file (keys under PBES2/AES-256, integrity under a MAC), signing with
 * Bouncy Castle. Meant for development and small deployments; production keys belong in an HSM
 * ({@link Pkcs11KeyStore}). The passphrase comes from the caller (configuration or environment) and
 * is never logged or shown in a message.
 */
public final class SoftwareKeyStore implements SigningKeyStore {
  private static final Logger log = LoggerFactory.getLogger(SoftwareKeyStore.class);
  /** Bouncy Castle's PKCS#12 flavour that encrypts keys with AES-256 rather than 3DES. */
  private static final String STORE_TYPE = "PKCS12-AES256-AES128";

  private final Path file;
  private final char[] passphrase;
  private final KeyStore store;
  private final Map<String, KeyEntry> keys = new ConcurrentHashMap<>();
  private volatile boolean closed;

  private SoftwareKeyStore(Path file, char[] passphrase, KeyStore store) {
    this.file = file;
    this.passphrase = passphrase;
    this.store = store;
  }

  /**
   * Opens the key store file, or creates an empty one when it is absent and {@code create} is set.
   *
   * @throws KeyStoreUnavailableException if the file is missing (and not to be created) or unreadable
   * @throws KeyStoreAuthenticationException if the passphrase does not open it
   */
  public static SoftwareKeyStore open(Path file, char[] passphrase, boolean create) {
    if (passphrase == null || passphrase.length == 0) {
      throw new KeyStoreAuthenticationException(
          "no passphrase given for key store " + file + "; set it in configuration or environment",
          null);
    }
    KeyStore ks;
    try {
      ks = KeyStore.getInstance(STORE_TYPE, Providers.bouncyCastle());
    } catch (GeneralSecurityException e) {
      throw new KeyStoreUnavailableException("PKCS#12 support missing from Bouncy Castle", e);
    }
    char[] secret = passphrase.clone();
    if (Files.exists(file)) {
      try (InputStream in = Files.newInputStream(file)) {
        ks.load(in, secret);
      } catch (IOException e) {
        if (e.getCause() instanceof UnrecoverableKeyException
            || String.valueOf(e.getMessage()).contains("wrong password")) {
          throw new KeyStoreAuthenticationException(
              "wrong passphrase for key store " + file + " (or the file is damaged)", e);
        }
        throw new KeyStoreUnavailableException("cannot read key store " + file + ": " + e, e);
      } catch (GeneralSecurityException e) {
        throw new KeyStoreUnavailableException("cannot read key store " + file + ": " + e, e);
      }
    } else if (create) {
      try {
        ks.load(null, secret);
      } catch (IOException | GeneralSecurityException e) {
        throw new KeyStoreUnavailableException("cannot create key store " + file, e);
      }
    } else {
      throw new KeyStoreUnavailableException("key store file not found: " + file);
    }
    SoftwareKeyStore result = new SoftwareKeyStore(file, secret, ks);
    result.loadKeys();
    log.info("opened software key store {} with {} key(s)", file, result.keys.size());
    return result;
  }

  private void loadKeys() {
    try {
      for (String alias : Collections.list(store.aliases())) {
        if (store.isKeyEntry(alias)) {
          keys.put(
              alias,
              KeyEntry.of(
                  (PrivateKey) store.getKey(alias, passphrase),
                  store.getCertificate(alias).getPublicKey()));
        }
      }
    } catch (UnrecoverableKeyException e) {
      throw new KeyStoreAuthenticationException(
          "wrong passphrase for the keys in key store " + file, e);
    } catch (GeneralSecurityException e) {
      throw new KeyStoreUnavailableException("cannot read keys from " + file + ": " + e, e);
    }
  }

  @Override
  public synchronized PublicKey generateKeyPair(String alias, KeyAlgorithm algorithm) {
    checkOpen();
    KeyHolderCertificate.checkAlias(alias);
    if (keys.containsKey(alias)) {
      throw new InvalidRequestException("key alias already used in " + description() + ": " + alias);
    }
    KeyPair pair;
    try {
      KeyPairGenerator generator =
          KeyPairGenerator.getInstance(algorithm.keyType(), Providers.bouncyCastle());
      generator.initialize(algorithm.parameters());
      pair = generator.generateKeyPair();
      Certificate holder =
          KeyHolderCertificate.create(alias, pair.getPublic(), signer(pair.getPrivate(), algorithm));
      store.setKeyEntry(alias, pair.getPrivate(), passphrase, new Certificate[] {holder});
    } catch (GeneralSecurityException e) {
      throw new KeyOperationException("cannot generate " + algorithm + " key " + alias, e);
    }
    try {
      save();
    } catch (IOException | GeneralSecurityException e) {
      try {
        store.deleteEntry(alias);
      } catch (GeneralSecurityException ignored) {
        // the entry only existed in memory; the file on disk was never changed
      }
      throw new KeyStoreUnavailableException("cannot write key store " + file + ": " + e, e);
    }
    keys.put(alias, KeyEntry.of(pair.getPrivate(), pair.getPublic()));
    log.info("generated {} key '{}' in {}", algorithm, alias, file);
    return pair.getPublic();
  }

  /** Writes beside the file and moves it into place, so a crash never leaves half a key store. */
  private void save() throws IOException, GeneralSecurityException {
    Path dir = file.toAbsolutePath().getParent();
    Files.createDirectories(dir);
    Path tmp = Files.createTempFile(dir, ".keystore", ".tmp");
    try {
      try {
        Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
      } catch (UnsupportedOperationException notPosix) {
        // the file system has no POSIX permissions; the directory's own access rules apply
      }
      try (OutputStream out = Files.newOutputStream(tmp)) {
        store.store(out, passphrase);
      }
      try {
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
      }
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  @Override
  public boolean contains(String alias) {
    return keys.containsKey(alias);
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
    KeyEntry entry = entry(alias);
    return entry.signer(Providers.bouncyCastle());
  }

  private KeyEntry entry(String alias) {
    KeyEntry entry = keys.get(alias);
    if (entry == null) {
      throw new KeyNotFoundException("no key '" + alias + "' in " + description());
    }
    return entry;
  }

  private static ContentSigner signer(PrivateKey key, KeyAlgorithm algorithm) {
    return new KeyEntry(key, null, algorithm).signer(Providers.bouncyCastle());
  }

  @Override
  public String description() {
    return "PKCS#12 key store " + file;
  }

  private void checkOpen() {
    if (closed) {
      throw new KeyStoreUnavailableException(description() + " is closed");
    }
  }

  @Override
  public void close() {
    closed = true;
    keys.clear();
    Arrays.fill(passphrase, '\0');
  }
}
