package cn.certhall.pki.keystore;

import static org.assertj.core.api.Assertions.assertThat;

import cn.certhall.pki.KeyAlgorithm;
import cn.certhall.pki.Providers;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The software key store reuses initialised signatures; each signature must still be right. */
class SignaturePoolTest {
  private static final char[] PASSPHRASE = "pool test passphrase".toCharArray();

  @TempDir Path dir;

  @ParameterizedTest
  @EnumSource(
      value = KeyAlgorithm.class,
      names = {"SM2", "EC_P256", "RSA_2048"})
  void reusedSignaturesVerifyAcrossThreadsAndAbandonedSigners(KeyAlgorithm algorithm)
      throws Exception {
    try (SoftwareKeyStore keys = SoftwareKeyStore.open(dir.resolve("keys"), PASSPHRASE, true)) {
      PublicKey publicKey = keys.generateKeyPair("k", algorithm);

      // the same algorithm identifier as a signer of Bouncy Castle's own
      assertThat(keys.signer("k").getAlgorithmIdentifier())
          .isEqualTo(
              new JcaContentSignerBuilder(algorithm.signatureAlgorithm())
                  .setProvider(Providers.bouncyCastle())
                  .build(otherKey(algorithm))
                  .getAlgorithmIdentifier());

      // a signer abandoned after writing must not leave its bytes in a later signature
      keys.signer("k")
          .getOutputStream()
          .write("half a certificate".getBytes(StandardCharsets.UTF_8));

      // one signer, several signatures in turn, like Bouncy Castle's own signers allow
      ContentSigner reused = keys.signer("k");
      for (int i = 0; i < 3; i++) {
        byte[] data = ("message " + i).getBytes(StandardCharsets.UTF_8);
        try (OutputStream out = reused.getOutputStream()) {
          out.write(data);
        }
        assertThat(verifies(algorithm, publicKey, data, reused.getSignature())).isTrue();
      }
      // nothing written: the signature of the empty message
      assertThat(verifies(algorithm, publicKey, new byte[0], keys.signer("k").getSignature()))
          .isTrue();

      ExecutorService pool = Executors.newFixedThreadPool(4);
      try {
        List<Future<Boolean>> results = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
          results.add(
              pool.submit(
                  () -> {
                    for (int i = 0; i < 40; i++) {
                      byte[] data = new byte[200 + ThreadLocalRandom.current().nextInt(800)];
                      ThreadLocalRandom.current().nextBytes(data);
                      ContentSigner signer = keys.signer("k");
                      OutputStream out = signer.getOutputStream();
                      out.write(data, 0, 10);
                      out.write(data[10]);
                      out.write(data, 11, data.length - 11);
                      if (!verifies(algorithm, publicKey, data, signer.getSignature())) {
                        return false;
                      }
                    }
                    return true;
                  }));
        }
        for (Future<Boolean> result : results) {
          assertThat(result.get()).isTrue();
        }
      } finally {
        pool.shutdownNow();
      }
    }
  }

  private static PrivateKey otherKey(KeyAlgorithm algorithm) throws Exception {
    KeyPairGenerator generator =
        KeyPairGenerator.getInstance(algorithm.keyType(), Providers.bouncyCastle());
    generator.initialize(algorithm.parameters());
    return generator.generateKeyPair().getPrivate();
  }

  private static boolean verifies(
      KeyAlgorithm algorithm, PublicKey key, byte[] data, byte[] signature) throws Exception {
    Signature verifier =
        Signature.getInstance(algorithm.signatureAlgorithm(), Providers.bouncyCastle());
    verifier.initVerify(key);
    verifier.update(data);
    return verifier.verify(signature);
  }
}
