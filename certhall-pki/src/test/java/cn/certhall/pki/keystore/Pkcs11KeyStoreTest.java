package cn.certhall.pki.keystore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import cn.certhall.pki.ExternalTool;
import cn.certhall.pki.KeyAlgorithm;
import cn.certhall.pki.KeyStoreAuthenticationException;
import cn.certhall.pki.KeyStoreUnavailableException;
import cn.certhall.pki.PemFiles;
import cn.certhall.pki.TestHierarchy;
import cn.certhall.pki.UnsupportedAlgorithmException;
import cn.certhall.pki.issuance.CertificateAuthority;
import cn.certhall.pki.issuance.InMemoryIssuanceLedger;
import cn.certhall.pki.issuance.IssuanceRequest;
import cn.certhall.pki.issuance.IssuedCertificate;
import cn.certhall.pki.issuance.SerialNumberGenerator;
import cn.certhall.pki.profile.CertificateProfile;
import cn.certhall.pki.profile.Subject;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.AuthProvider;
import java.security.Key;
import java.security.KeyFactory;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.PublicKey;
import java.security.Security;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECPrivateKeySpec;
import java.security.spec.InvalidKeySpecException;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.operator.ContentSigner;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@link Pkcs11KeyStore} against a real PKCS#11 token: a SoftHSM2 token initialised here, in a
 * fresh token directory under target/softhsm2. The library reads {@code SOFTHSM2_CONF} when it is
 * loaded, and a JVM cannot change its own environment, so surefire sets that variable (see
 * certhall-pki/pom.xml) and {@link #initToken} writes the file it names before anything in this JVM
 * loads the library.
 */
class Pkcs11KeyStoreTest {
  static final Path LIBRARY = Path.of("/usr/lib/softhsm/libsofthsm2.so");
  static final String LABEL = "certhall-ca";
  static final String PIN = "5718-2046";
  static final String SO_PIN = "so-9931-7720";
  static final Subject.Organization ORG =
      new Subject.Organization("福州市测试科技有限公司", "91350100M000100Y43");

  /**
   * A copy of this run's conf for pkcs11-tool in the tests: the file SOFTHSM2_CONF names is shared
   * by every build in this target directory and may name another run's tokens by then.
   */
  static Path toolConf;

  static Path work;
  static Pkcs11KeyStore.TokenConfig token;

  @BeforeAll
  static void initToken() throws Exception {
    ExternalTool.require("softhsm2-util");
    ExternalTool.require("openssl");
    String confVariable = System.getenv("SOFTHSM2_CONF");
    assertThat(confVariable)
        .as("SOFTHSM2_CONF for the test JVM (maven-surefire-plugin in certhall-pki/pom.xml)")
        .isNotBlank();
    Path conf = Path.of(confVariable).toAbsolutePath();
    Path base = conf.getParent();
    String run = "run-" + System.currentTimeMillis() + "-" + UUID.randomUUID();
    Path tokens = Files.createDirectories(base.resolve("tokens").resolve(run));
    work = Files.createDirectories(base.resolve("work").resolve(run));
    String confText =
        String.join(
            "\n",
            "directories.tokendir = " + tokens,
            "objectstore.backend = file",
            "log.level = ERROR",
            "slots.removable = false",
            "");
    toolConf = Files.writeString(work.resolve("softhsm2.conf"), confText);
    token = new Pkcs11KeyStore.TokenConfig("SoftHSM", LIBRARY, 0);

    // Another build in the same target directory would rewrite the shared conf file: hold a lock
    // from writing it until the library in this JVM has read it (on the first open).
    try (FileChannel lockFile =
            FileChannel.open(
                base.resolve("setup.lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock lock = lockFile.lock()) {
      Files.writeString(conf, confText);
      ExternalTool.Result init =
          ExternalTool.run(
              Map.of("SOFTHSM2_CONF", conf.toString()),
              "softhsm2-util",
              "--init-token",
              "--free",
              "--label",
              LABEL,
              "--so-pin",
              SO_PIN,
              "--pin",
              PIN);
      assertThat(init.exitCode()).as(init.output()).isZero();
      assertThat(init.output()).contains("The token has been initialized");
      try (Pkcs11KeyStore first = open()) {
        assertThat(first.description()).contains(LIBRARY.toString());
      }
    }
  }

  static Pkcs11KeyStore open() {
    return Pkcs11KeyStore.open(token, PIN.toCharArray());
  }

  static ExternalTool.Result tool(String... command) {
    return ExternalTool.run(Map.of("SOFTHSM2_CONF", toolConf.toString()), command);
  }

  static String listObjects() {
    ExternalTool.Result list =
        tool(
            "pkcs11-tool",
            "--module",
            LIBRARY.toString(),
            "--token-label",
            LABEL,
            "--login",
            "--pin",
            PIN,
            "--list-objects");
    assertThat(list.exitCode()).as(list.output()).isZero();
    return list.output();
  }

  /** The objects pkcs11-tool lists, one block each, starting with e.g. "Private Key Object". */
  static List<String> objectBlocks(String listing) {
    List<String> blocks = new ArrayList<>();
    StringBuilder current = null;
    for (String line : listing.split("\n")) {
      if (line.contains(" Object;") || line.startsWith("Certificate Object")) {
        if (current != null) {
          blocks.add(current.toString());
        }
        current = new StringBuilder();
      }
      if (current != null) {
        current.append(line).append('\n');
      }
    }
    if (current != null) {
      blocks.add(current.toString());
    }
    return blocks;
  }

  /**
   * Checks with pkcs11-tool that the token holds the key under {@code alias} as a sensitive, never
   * extractable, sign-only private key, beside its holder certificate. SunPKCS11 links the two by
   * CKA_ID = the alias; only the certificate has the alias as its label.
   *
   * @return all objects on the token, one block each
   */
  static List<String> assertSignOnlyTokenKey(String alias, String keyType) {
    String listing = listObjects();
    List<String> blocks = objectBlocks(listing);
    String id = "ID:         " + HexFormat.of().formatHex(alias.getBytes(StandardCharsets.UTF_8));
    assertThat(blocks)
        .as(listing)
        .filteredOn(b -> b.startsWith("Private Key Object"))
        .filteredOn(b -> b.contains(id + "\n"))
        .singleElement()
        .asString()
        .startsWith("Private Key Object; " + keyType)
        .containsPattern("Usage:\\s+sign\n")
        .containsPattern("Access:\\s+sensitive, always sensitive, never extractable, local\n");
    assertThat(blocks)
        .as(listing)
        .filteredOn(b -> b.startsWith("Certificate Object"))
        .filteredOn(b -> b.contains(id + "\n"))
        .singleElement()
        .asString()
        .contains("label:      " + alias + "\n")
        .contains("subject:    DN: CN=" + alias + "\n");
    return blocks;
  }

  static PublicKey endEntityKey() throws Exception {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
    generator.initialize(new ECGenParameterSpec("secp256r1"));
    return generator.generateKeyPair().getPublic();
  }

  static void assertOpensslOk(ExternalTool.Result verify, Path file) {
    assertThat(verify.output()).contains(file + ": OK");
    assertThat(verify.exitCode()).as(verify.output()).isZero();
  }

  @Test
  void ecHierarchyOnTheTokenIssuesWhatOpensslVerifies() throws Exception {
    try (Pkcs11KeyStore store = open()) {
      TestHierarchy h = TestHierarchy.create(KeyAlgorithm.EC_P256, store);
      assertThat(store.contains("ec-p256-root-key")).isTrue();
      assertThat(store.contains("ec-p256-issuing-key")).isTrue();
      assertThat(store.algorithm("ec-p256-issuing-key")).isEqualTo(KeyAlgorithm.EC_P256);

      IssuedCertificate leaf =
          h.issuing()
              .issue(
                  new IssuanceRequest(
                      CertificateProfile.ORGANIZATION,
                      ORG,
                      endEntityKey(),
                      TestHierarchy.NOW,
                      TestHierarchy.NOW.plus(365, ChronoUnit.DAYS)));

      Path root = PemFiles.write(work, "ec-root.pem", h.root().certificateDer());
      Path issuing = PemFiles.write(work, "ec-issuing.pem", h.issuing().certificateDer());
      Path leafFile = PemFiles.write(work, "ec-org.pem", leaf.der());
      assertOpensslOk(
          ExternalTool.run(
              "openssl",
              "verify",
              "-CAfile",
              root.toString(),
              "-untrusted",
              issuing.toString(),
              leafFile.toString()),
          leafFile);
      ExternalTool.Result text =
          ExternalTool.run("openssl", "x509", "-in", leafFile.toString(), "-noout", "-text");
      assertThat(text.output()).contains("Signature Algorithm: ecdsa-with-SHA256");

      // the CA certificates carry the token's public keys
      assertThat(h.root().certificate().getSubjectPublicKeyInfo().getEncoded())
          .isEqualTo(store.publicKey("ec-p256-root-key").getEncoded());
      assertThat(h.issuing().certificate().getSubjectPublicKeyInfo().getEncoded())
          .isEqualTo(store.publicKey("ec-p256-issuing-key").getEncoded());
    }
  }

  @Test
  void rsaRootOnTheTokenSignsWhatOpensslVerifies() throws Exception {
    try (Pkcs11KeyStore store = open()) {
      CertificateAuthority root =
          CertificateAuthority.createRoot(
              "rsa-token-root",
              new Subject.Authority("certhall Token Root RSA", "certhall"),
              KeyAlgorithm.RSA_2048,
              TestHierarchy.NOW.minus(1, ChronoUnit.DAYS),
              TestHierarchy.NOW.plus(3650, ChronoUnit.DAYS),
              store,
              "rsa-token-root-key",
              TestHierarchy.urls("rsa-token-root", false),
              new InMemoryIssuanceLedger(),
              new SerialNumberGenerator());
      CertificateAuthority issuing =
          root.createSubordinate(
              "rsa-token-issuing",
              new Subject.Authority("certhall Token Issuing RSA", "certhall"),
              TestHierarchy.NOW.minus(1, ChronoUnit.DAYS),
              TestHierarchy.NOW.plus(1825, ChronoUnit.DAYS),
              "rsa-token-issuing-key",
              TestHierarchy.urls("rsa-token-issuing", true));
      assertThat(store.algorithm("rsa-token-root-key")).isEqualTo(KeyAlgorithm.RSA_2048);

      Path rootFile = PemFiles.write(work, "rsa-root.pem", root.certificateDer());
      Path issuingFile = PemFiles.write(work, "rsa-issuing.pem", issuing.certificateDer());
      assertOpensslOk(
          ExternalTool.run(
              "openssl", "verify", "-CAfile", rootFile.toString(), issuingFile.toString()),
          issuingFile);
      ExternalTool.Result text =
          ExternalTool.run("openssl", "x509", "-in", issuingFile.toString(), "-noout", "-text");
      assertThat(text.output())
          .contains("Signature Algorithm: sha256WithRSAEncryption")
          .contains("Public-Key: (2048 bit)");
    }
    // the token's view of the keys, where opensc is installed (always under CI)
    if (ExternalTool.onPath("pkcs11-tool") || System.getenv("CI") != null) {
      ExternalTool.require("pkcs11-tool");
      assertSignOnlyTokenKey("rsa-token-root-key", "RSA");
      assertSignOnlyTokenKey("rsa-token-issuing-key", "RSA");
    }
  }

  @Test
  void theKeyStaysOnTheTokenAndCannotBeExtracted() throws Exception {
    ExternalTool.require("pkcs11-tool");
    String alias = "kept-key";
    PublicKey generated;
    try (Pkcs11KeyStore store = open()) {
      generated = store.generateKeyPair(alias, KeyAlgorithm.EC_P256);
    }

    // a new store (a new provider, a new login) finds the key on the token and signs with it
    byte[] data = "certhall pkcs11 test".getBytes(StandardCharsets.UTF_8);
    byte[] signature;
    try (Pkcs11KeyStore reopened = open()) {
      assertThat(reopened.contains(alias)).isTrue();
      assertThat(reopened.algorithm(alias)).isEqualTo(KeyAlgorithm.EC_P256);
      assertThat(reopened.publicKey(alias).getEncoded()).isEqualTo(generated.getEncoded());
      ContentSigner signer = reopened.signer(alias);
      signer.getOutputStream().write(data);
      signer.getOutputStream().close();
      signature = signer.getSignature();
      assertThat(signer.getAlgorithmIdentifier())
          .isEqualTo(new AlgorithmIdentifier(X9ObjectIdentifiers.ecdsa_with_SHA256));
    }
    Signature verify = Signature.getInstance("SHA256withECDSA");
    verify.initVerify(generated);
    verify.update(data);
    assertThat(verify.verify(signature)).isTrue();

    // the token itself says the private key is a sensitive, never extractable, sign-only object
    List<String> blocks = assertSignOnlyTokenKey(alias, "EC");
    // every private key any test made before is like that; no stray public key objects are left
    assertThat(blocks)
        .filteredOn(b -> b.startsWith("Private Key Object"))
        .allSatisfy(
            b ->
                assertThat(b)
                    .containsPattern("Usage:\\s+sign\n")
                    .contains("sensitive, always sensitive, never extractable"));
    assertThat(blocks).noneMatch(b -> b.startsWith("Public Key Object"));

    // and the provider's handle to it gives nothing away
    Provider direct =
        Security.getProvider("SunPKCS11")
            .configure("--name = direct\nlibrary = " + LIBRARY + "\nslotListIndex = 0\n");
    KeyStore ks = KeyStore.getInstance("PKCS11", direct);
    ks.load(null, PIN.toCharArray());
    try {
      Key key = ks.getKey(alias, null);
      assertThat(key).isInstanceOf(PrivateKey.class);
      assertThat(key.getEncoded()).isNull();
      assertThat(key.getFormat()).isNull();
      assertThat(key.toString())
          .contains("token object")
          .contains("sensitive")
          .contains("unextractable");
      KeyFactory factory = KeyFactory.getInstance("EC", direct);
      assertThatThrownBy(() -> factory.getKeySpec(key, ECPrivateKeySpec.class))
          .isInstanceOf(InvalidKeySpecException.class);
      assertThatThrownBy(() -> factory.getKeySpec(key, PKCS8EncodedKeySpec.class))
          .isInstanceOf(InvalidKeySpecException.class);
    } finally {
      ((AuthProvider) direct).logout();
    }
  }

  @Test
  void closingOneStoreLeavesAnotherOnTheSameTokenWorking() throws Exception {
    try (Pkcs11KeyStore first = open()) {
      first.generateKeyPair("shared-key", KeyAlgorithm.EC_P256);
      try (Pkcs11KeyStore second = open()) {
        assertThat(second.contains("shared-key")).isTrue();
      }
      // the first store is still logged in and can still sign
      ContentSigner signer = first.signer("shared-key");
      signer.getOutputStream().write(new byte[] {1, 2, 3});
      assertThat(signer.getSignature()).isNotEmpty();
      assertThat(first.contains("shared-key")).isTrue();
    }
  }

  @Test
  void sm2IsRefusedAndNothingIsCreated() throws Exception {
    ExternalTool.require("pkcs11-tool");
    String before = listObjects();
    try (Pkcs11KeyStore store = open()) {
      assertThatThrownBy(() -> store.generateKeyPair("sm2-key", KeyAlgorithm.SM2))
          .isInstanceOf(UnsupportedAlgorithmException.class)
          .hasMessageContaining("SM2");
      InMemoryIssuanceLedger ledger = new InMemoryIssuanceLedger();
      assertThatThrownBy(
              () ->
                  CertificateAuthority.createRoot(
                      "sm2-token-root",
                      new Subject.Authority("certhall Token Root SM2", "certhall"),
                      KeyAlgorithm.SM2,
                      TestHierarchy.NOW.minus(1, ChronoUnit.DAYS),
                      TestHierarchy.NOW.plus(3650, ChronoUnit.DAYS),
                      store,
                      "sm2-token-root-key",
                      TestHierarchy.urls("sm2-token-root", false),
                      ledger,
                      new SerialNumberGenerator()))
          .isInstanceOf(UnsupportedAlgorithmException.class);
      assertThat(store.contains("sm2-key")).isFalse();
      assertThat(store.contains("sm2-token-root-key")).isFalse();
      assertThat(ledger.reservations()).isEmpty();
      assertThat(ledger.certificates()).isEmpty();
    }
    assertThat(listObjects()).isEqualTo(before);
  }

  @Test
  void aWrongPinIsRefusedWithoutShowingIt() {
    String wrong = "9090-4242";
    KeyStoreAuthenticationException e =
        catchThrowableOfType(
            () -> Pkcs11KeyStore.open(token, wrong.toCharArray()),
            KeyStoreAuthenticationException.class);
    assertThat(e).isNotNull();
    assertNoSecret(e, wrong);
    // the right PIN still works afterwards
    try (Pkcs11KeyStore store = open()) {
      assertThat(store.contains("no-such-key")).isFalse();
    }
  }

  @Test
  void aWrongPinIsRefusedWhileAnotherStoreIsLoggedIn() {
    String wrong = "1111-2222";
    try (Pkcs11KeyStore store = open()) {
      KeyStoreAuthenticationException e =
          catchThrowableOfType(
              () -> Pkcs11KeyStore.open(token, wrong.toCharArray()),
              KeyStoreAuthenticationException.class);
      assertThat(e).isNotNull();
      assertNoSecret(e, wrong);
      assertThat(store.contains("no-such-key")).isFalse();
    }
  }

  // SoftHSM2 2.6 does not lock the user PIN: after any number of wrong logins it only sets the
  // CKF_USER_PIN_COUNT_LOW flag (cleared by the next good login), and the right PIN still works
  // (see manyWrongPinsDoNotLockSoftHsm). The CKR_PIN_LOCKED branch of Pkcs11KeyStore.open
  // therefore cannot be reached with SoftHSM2 and is not tested here.
  @Test
  void manyWrongPinsDoNotLockSoftHsm() {
    for (int i = 0; i < 12; i++) {
      assertThatThrownBy(() -> Pkcs11KeyStore.open(token, "0000-0000".toCharArray()))
          .isInstanceOf(KeyStoreAuthenticationException.class);
    }
    try (Pkcs11KeyStore store = open()) {
      assertThat(store.contains("no-such-key")).isFalse();
    }
  }

  @Test
  void anEmptyPinIsRefused() {
    assertThatThrownBy(() -> Pkcs11KeyStore.open(token, new char[0]))
        .isInstanceOf(KeyStoreAuthenticationException.class);
    assertThatThrownBy(() -> Pkcs11KeyStore.open(token, null))
        .isInstanceOf(KeyStoreAuthenticationException.class);
  }

  @Test
  void aClosedStoreRefusesToWork() {
    Pkcs11KeyStore store = open();
    store.generateKeyPair("closed-key", KeyAlgorithm.EC_P256);
    store.close();
    store.close(); // twice is harmless and does not count as a second store closing
    assertThatThrownBy(() -> store.signer("closed-key"))
        .isInstanceOf(KeyStoreUnavailableException.class)
        .hasMessageContaining("closed");
    assertThatThrownBy(() -> store.generateKeyPair("closed-key-2", KeyAlgorithm.EC_P256))
        .isInstanceOf(KeyStoreUnavailableException.class);
    try (Pkcs11KeyStore reopened = open()) {
      assertThat(reopened.contains("closed-key")).isTrue();
      assertThat(reopened.contains("closed-key-2")).isFalse();
    }
  }

  static void assertNoSecret(Throwable e, String secret) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      assertThat(String.valueOf(t.getMessage())).doesNotContain(secret);
      assertThat(t.toString()).doesNotContain(secret);
    }
  }

  @Test
  void aMissingLibraryMakesTheStoreUnavailable() {
    Pkcs11KeyStore.TokenConfig missing =
        new Pkcs11KeyStore.TokenConfig("Missing", Path.of("/usr/lib/no-such-pkcs11.so"), 0);
    assertThatThrownBy(() -> Pkcs11KeyStore.open(missing, PIN.toCharArray()))
        .isInstanceOf(KeyStoreUnavailableException.class)
        .hasMessageContaining("/usr/lib/no-such-pkcs11.so");
  }

  @Test
  void aSlotWithoutATokenMakesTheStoreUnavailable() {
    // SoftHSM2 lists the initialised token, then one free slot: index 7 is no slot at all
    Pkcs11KeyStore.TokenConfig noSlot = new Pkcs11KeyStore.TokenConfig("SoftHSM", LIBRARY, 7);
    assertThatThrownBy(() -> Pkcs11KeyStore.open(noSlot, PIN.toCharArray()))
        .isInstanceOf(KeyStoreUnavailableException.class)
        .hasMessageContaining("slot index 7")
        .hasMessageNotContaining(PIN);
  }

  @Test
  void theFreeSlotWithAnUninitialisedTokenIsUnavailable() {
    Pkcs11KeyStore.TokenConfig free = new Pkcs11KeyStore.TokenConfig("SoftHSM", LIBRARY, 1);
    assertThatThrownBy(() -> Pkcs11KeyStore.open(free, PIN.toCharArray()))
        .isInstanceOf(KeyStoreUnavailableException.class)
        .hasMessageContaining("CKR_TOKEN_NOT_RECOGNIZED")
        .hasMessageNotContaining(PIN);
  }
}
