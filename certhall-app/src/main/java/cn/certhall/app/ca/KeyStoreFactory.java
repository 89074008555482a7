package cn.certhall.app.ca;

import cn.certhall.pki.OwnerOnlyFiles;
import cn.certhall.app.CerthallProperties;
import cn.certhall.pki.keystore.Pkcs11KeyStore;
import cn.certhall.pki.keystore.SigningKeyStore;
import cn.certhall.pki.keystore.SoftwareKeyStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Opens the configured key store: software (PKCS#12 file) or PKCS#11 (HSM). */
public final class KeyStoreFactory {
  private static final Logger log = LoggerFactory.getLogger(KeyStoreFactory.class);
  static final String DEV_PASSPHRASE_FILE = "keystore-passphrase";

  private KeyStoreFactory() {}

  public static SigningKeyStore open(CerthallProperties properties) {
    CerthallProperties.KeyStore config = properties.keystore();
    String type = config.type() == null ? "software" : config.type().toLowerCase(Locale.ROOT);
    return switch (type) {
      case "software" ->
          SoftwareKeyStore.open(config.directory(), softwarePassphrase(properties), true);
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
