package cn.certhall.app.ca;

import cn.certhall.app.CerthallProperties;
import cn.certhall.pki.OwnerOnlyFiles;
import cn.certhall.pki.keystore.DirectoryKeyFiles;
import cn.certhall.pki.keystore.KeyFiles;
import cn.certhall.pki.keystore.Pkcs11KeyStore;
import cn.certhall.pki.keystore.SigningKeyStore;
import cn.certhall.pki.keystore.SoftwareKeyStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Opens the configured key store: software (encrypted PKCS#12 files, in the database or a
 * directory) or PKCS#11 (HSM).
 */
public final class KeyStoreFactory {
  private static final Logger log = LoggerFactory.getLogger(KeyStoreFactory.class);
  static final String DEV_PASSPHRASE_FILE = "keystore-passphrase";

  private KeyStoreFactory() {}

  public static SigningKeyStore open(CerthallProperties properties, KeyFiles database) {
    CerthallProperties.KeyStore config = properties.keystore();
    String type = config.type() == null ? "software" : config.type().toLowerCase(Locale.ROOT);
    return switch (type) {
      case "software" ->
          SoftwareKeyStore.open(
              softwareFiles(config, database), softwarePassphrase(properties), true);
      case "pkcs11" -> {
        CerthallProperties.Pkcs11 p11 = config.pkcs11();
        if (p11 == null || p11.library() == null || isBlank(p11.pin())) {
          throw new IllegalStateException(
              "certhall.keystore.type=pkcs11 needs certhall.keystore.pkcs11.library and the PIN"
                  + " in CERTHALL_KEYSTORE_PKCS11_PIN");
        }
        yield Pkcs11KeyStore.open(
            new Pkcs11KeyStore.TokenConfig(
                p11.name() == null ? "certhall" : p11.name(), p11.library(), p11.slotListIndex()),
            p11.pin().toCharArray());
      }
      default ->
          throw new IllegalStateException(
              "certhall.keystore.type must be software or pkcs11, not " + config.type());
    };
  }

  /**
   * Where the software store's files are: the shared {@code database} (default), into which the
   * keys an older version left in the directory are copied while it holds none; or the directory.
   */
  static KeyFiles softwareFiles(CerthallProperties.KeyStore config, KeyFiles database) {
    String storage =
        config.storage() == null || config.storage().isBlank()
            ? "database"
            : config.storage().strip().toLowerCase(Locale.ROOT);
    DirectoryKeyFiles directory = new DirectoryKeyFiles(config.directory());
    return switch (storage) {
      case "directory" -> directory;
      case "database" -> {
        copyOlderKeys(directory, database);
        yield database;
      }
      default ->
          throw new IllegalStateException(
              "certhall.keystore.storage must be database or directory, not " + config.storage());
    };
  }

  /**
   * Copies a directory store's files, encrypted as they are, into a database that holds no key
   * store yet; the directory is left as it is. Two nodes starting at once: the second's inserts
   * find the rows there and skip them.
   */
  static int copyOlderKeys(DirectoryKeyFiles directory, KeyFiles database) {
    try {
      if (!directory.exists(SoftwareKeyStore.CHECK_FILE)
          || database.exists(SoftwareKeyStore.CHECK_FILE)) {
        return 0;
      }
      int copied = 0;
      // the keys first, the check file last: a database with the check file holds every key
      List<String> names = new ArrayList<>(directory.names());
      names.remove(SoftwareKeyStore.CHECK_FILE);
      names.add(SoftwareKeyStore.CHECK_FILE);
      for (String name : names) {
        if (database.writeNew(name, directory.read(name).orElseThrow())) {
          copied++;
        }
      }
      log.info(
          "copied {} software key store files from {} into the database",
          copied,
          directory.description());
      return copied;
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot copy the key store files of " + directory.description(), e);
    }
  }

  /**
   * The configured passphrase; in the demo set-up without one, a random passphrase generated once
   * into the data directory (readable by the owner only), so the default run needs no set-up.
   */
  private static char[] softwarePassphrase(CerthallProperties properties) {
    String configured = properties.keystore().passphrase();
    if (!isBlank(configured)) {
      return configured.toCharArray();
    }
    if (properties.demo() == null || !properties.demo().enabled()) {
      throw new IllegalStateException(
          "no key store passphrase: set CERTHALL_KEYSTORE_PASSPHRASE (certhall.keystore.passphrase)");
    }
    Path file = properties.dataDir().resolve(DEV_PASSPHRASE_FILE);
    try {
      if (Files.exists(file)) {
        return Files.readString(file, StandardCharsets.US_ASCII).strip().toCharArray();
      }
      byte[] random = new byte[32];
      new SecureRandom().nextBytes(random);
      String passphrase = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
      OwnerOnlyFiles.writeNew(file, passphrase.getBytes(StandardCharsets.US_ASCII));
      log.info("demo mode: generated a key store passphrase into {}", file);
      return passphrase.toCharArray();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read or write " + file, e);
    }
  }

  private static boolean isBlank(String s) {
    return s == null || s.isBlank();
  }
}
