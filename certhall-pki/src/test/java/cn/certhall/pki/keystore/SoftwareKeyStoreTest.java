package cn.certhall.pki.keystore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.certhall.pki.ExternalTool;
import cn.certhall.pki.KeyAlgorithm;
import cn.certhall.pki.KeyStoreAuthenticationException;
import cn.certhall.pki.KeyStoreUnavailableException;
import cn.certhall.pki.Providers;
import java.io.OutputStream;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.util.Map;
import org.bouncycastle.operator.ContentSigner;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class SoftwareKeyStoreTest {
  private static final String PASSPHRASE = "correct horse battery staple";

  @TempDir Path dir;

  @ParameterizedTest
  @EnumSource(KeyAlgorithm.class)
  void keysSurviveReopeningAndSign(KeyAlgorithm algorithm) throws Exception {
    Path store = dir.resolve("keys");
    PublicKey generated;
    try (SoftwareKeyStore keys = SoftwareKeyStore.open(store, PASSPHRASE.toCharArray(), true)) {
      generated = keys.generateKeyPair("k1", algorithm);
    }
    try (SoftwareKeyStore keys = SoftwareKeyStore.open(store, PASSPHRASE.toCharArray(), false)) {
      assertThat(keys.contains("k1")).isTrue();
      assertThat(keys.publicKey("k1").getEncoded()).isEqualTo(generated.getEncoded());
      assertThat(keys.algorithm("k1")).isEqualTo(algorithm);
      byte[] data = "证书申请".getBytes(StandardCharsets.UTF_8);
      ContentSigner signer = keys.signer("k1");
      try (OutputStream out = signer.getOutputStream()) {
        out.write(data);
      }
      Signature verifier =
          Signature.getInstance(algorithm.signatureAlgorithm(), Providers.bouncyCastle());
      verifier.initVerify(generated);
      verifier.update(data);
      assertThat(verifier.verify(signer.getSignature())).isTrue();
    }
  }

  @Test
  void keyFilesAreEncryptedWithAesAndReadableByTheOwnerOnly() throws Exception {
    Path store = dir.resolve("keys");
    try (SoftwareKeyStore keys = SoftwareKeyStore.open(store, PASSPHRASE.toCharArray(), true)) {
      keys.generateKeyPair("ca-key", KeyAlgorithm.EC_P256);
    }
    Path file = store.resolve("ca-key.p12");
    assertThat(Files.getPosixFilePermissions(file))
        .containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
    ExternalTool.require("openssl");
    ExternalTool.Result info =
        ExternalTool.run(
            Map.of("P12PASS", PASSPHRASE),
            "openssl",
            "pkcs12",
            "-info",
            "-noout",
            "-in",
            file.toString(),
            "-passin",
            "env:P12PASS");
    assertThat(info.output()).contains("Shrouded Keybag: PBES2, PBKDF2, AES-256-CBC");
    assertThat(info.exitCode()).isZero();
  }

  @Test
  void wrongPassphraseIsAnAuthenticationErrorThatNeverShowsTheSecret() {
    Path store = dir.resolve("keys");
    SoftwareKeyStore.open(store, PASSPHRASE.toCharArray(), true).close();
    assertThatThrownBy(() -> SoftwareKeyStore.open(store, "wrong-secret".toCharArray(), false))
        .isInstanceOf(KeyStoreAuthenticationException.class)
        .hasMessageContaining("wrong passphrase")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("wrong-secret", PASSPHRASE));
    assertThatThrownBy(() -> SoftwareKeyStore.open(store, new char[0], false))
        .isInstanceOf(KeyStoreAuthenticationException.class)
        .hasMessageContaining("no passphrase");
  }

  @Test
  void missingOrForeignStoreIsUnavailable() throws Exception {
    assertThatThrownBy(
            () -> SoftwareKeyStore.open(dir.resolve("absent"), PASSPHRASE.toCharArray(), false))
        .isInstanceOf(KeyStoreUnavailableException.class)
        .hasMessageContaining("not found");
    Path foreign = Files.createDirectories(dir.resolve("foreign"));
    Files.writeString(foreign.resolve("notes.txt"), "not a key store");
    assertThatThrownBy(() -> SoftwareKeyStore.open(foreign, PASSPHRASE.toCharArray(), true))
        .isInstanceOf(KeyStoreUnavailableException.class)
        .hasMessageContaining("not a certhall key store");
    assertThat(foreign.resolve(SoftwareKeyStore.CHECK_FILE)).doesNotExist();
  }

  @Test
  void closedStoreRefusesToSign() {
    SoftwareKeyStore keys =
        SoftwareKeyStore.open(dir.resolve("keys"), PASSPHRASE.toCharArray(), true);
    keys.generateKeyPair("k", KeyAlgorithm.EC_P256);
    keys.close();
    assertThatThrownBy(() -> keys.signer("k")).isInstanceOf(KeyStoreUnavailableException.class);
  }

  @Test
  void noMethodOfTheKeyStoreInterfaceHandsOutAPrivateKey() {
    for (Method m : SigningKeyStore.class.getMethods()) {
      assertThat(PrivateKey.class.isAssignableFrom(m.getReturnType())).as(m.getName()).isFalse();
      assertThat(m.getReturnType()).as(m.getName()).isNotEqualTo(byte[].class);
    }
  }
}
