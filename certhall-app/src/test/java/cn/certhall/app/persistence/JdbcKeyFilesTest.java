package cn.certhall.app.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.certhall.app.TestDatabases;
import cn.certhall.app.TestDatabases.Kind;
import cn.certhall.app.ca.KeyStoreFactoryAccess;
import cn.certhall.pki.KeyAlgorithm;
import cn.certhall.pki.KeyStoreAuthenticationException;
import cn.certhall.pki.keystore.DirectoryKeyFiles;
import cn.certhall.pki.keystore.SoftwareKeyStore;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.PublicKey;
import java.security.Signature;
import org.bouncycastle.operator.ContentSigner;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The software key store's files in the shared database, as two nodes use them: a key one node
 * makes, the other signs with; the passphrase is checked on either; the keys of an older directory
 * store are taken over (H2 and PostgreSQL).
 */
class JdbcKeyFilesTest {
  static final char[] PASSPHRASE = "two nodes, one passphrase".toCharArray();

  @TempDir Path directory;

  @ParameterizedTest
  @EnumSource(Kind.class)
  void aKeyMadeOnOneNodeSignsOnTheOther(Kind kind) throws Exception {
    TestDatabases.Target db = TestDatabases.fresh(kind);
    JdbcKeyFiles nodeAFiles = new JdbcKeyFiles(JdbcClient.create(db.migrated()));
    JdbcKeyFiles nodeBFiles = new JdbcKeyFiles(JdbcClient.create(db.dataSource()));
    try (SoftwareKeyStore nodeA = SoftwareKeyStore.open(nodeAFiles, PASSPHRASE, true);
        SoftwareKeyStore nodeB = SoftwareKeyStore.open(nodeBFiles, PASSPHRASE, true)) {
      PublicKey made = nodeA.generateKeyPair("org-91350100m000100y43-1", KeyAlgorithm.EC_P256);
      assertThat(nodeB.contains("org-91350100m000100y43-1")).isTrue();
      assertThat(nodeB.publicKey("org-91350100m000100y43-1")).isEqualTo(made);

      byte[] data = "申请表".getBytes(StandardCharsets.UTF_8);
      ContentSigner signer = nodeB.signer("org-91350100m000100y43-1");
      signer.getOutputStream().write(data);
      byte[] signature = signer.getSignature();
      Signature verify = Signature.getInstance("SHA256withECDSA");
      verify.initVerify(made);
      verify.update(data);
      assertThat(verify.verify(signature)).as("node B's signature with node A's key").isTrue();

      assertThatThrownBy(
              () -> nodeB.generateKeyPair("org-91350100m000100y43-1", KeyAlgorithm.EC_P256))
          .hasMessageContaining("already used");
      assertThat(nodeB.contains(SoftwareKeyStore.CHECK_FILE))
          .as("the check file is no key")
          .isFalse();
    }
    assertThatThrownBy(() -> SoftwareKeyStore.open(nodeBFiles, "wrong".toCharArray(), false))
        .isInstanceOf(KeyStoreAuthenticationException.class)
        .hasMessageContaining("wrong passphrase")
        .hasMessageNotContaining("two nodes");
    assertThat(
            JdbcClient.create(db.dataSource())
                .sql("SELECT count(*) FROM software_key")
                .query(Long.class)
                .single())
        .as("the check file and one key")
        .isEqualTo(2);
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void theKeysOfAnOlderDirectoryStoreAreCopiedIntoAnEmptyDatabaseOnce(Kind kind) throws Exception {
    PublicKey old;
    try (SoftwareKeyStore before = SoftwareKeyStore.open(directory, PASSPHRASE, true)) {
      old = before.generateKeyPair("ecdsa-root-20261206000000", KeyAlgorithm.EC_P256);
    }
    TestDatabases.Target db = TestDatabases.fresh(kind);
    JdbcKeyFiles database = new JdbcKeyFiles(JdbcClient.create(db.migrated()));
    DirectoryKeyFiles files = new DirectoryKeyFiles(directory);

    assertThat(KeyStoreFactoryAccess.copyOlderKeys(files, database)).isEqualTo(2);
    assertThat(KeyStoreFactoryAccess.copyOlderKeys(files, database)).as("a second start").isZero();
    try (SoftwareKeyStore after = SoftwareKeyStore.open(database, PASSPHRASE, false)) {
      assertThat(after.publicKey("ecdsa-root-20261206000000")).isEqualTo(old);
    }
  }
}
