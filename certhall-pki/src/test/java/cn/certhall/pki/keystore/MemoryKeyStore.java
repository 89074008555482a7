package cn.certhall.pki.keystore;

import cn.certhall.pki.InvalidRequestException;
import cn.certhall.pki.KeyAlgorithm;
import cn.certhall.pki.KeyNotFoundException;
import cn.certhall.pki.Providers;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Keys in memory, for tests that need many keys fast: the software store encrypts every key with
 * PBKDF2, seconds per key on the shared build machine. Signs as the real stores do.
 */
public final class MemoryKeyStore implements SigningKeyStore {
  private final Map<String, KeyPair> keys = new ConcurrentHashMap<>();

  @Override
  public PublicKey generateKeyPair(String alias, KeyAlgorithm algorithm) {
    try {
      KeyPairGenerator generator =
          KeyPairGenerator.getInstance(algorithm.keyType(), Providers.bouncyCastle());
      generator.initialize(algorithm.parameters());
      KeyPair pair = generator.generateKeyPair();
      if (keys.putIfAbsent(alias, pair) != null) {
        throw new InvalidRequestException("alias already used: " + alias);
      }
      return pair.getPublic();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public boolean contains(String alias) {
    return keys.containsKey(alias);
  }

  @Override
  public PublicKey publicKey(String alias) {
    return pair(alias).getPublic();
  }

  @Override
  public ContentSigner signer(String alias) {
    KeyPair pair = pair(alias);
    try {
      return new JcaContentSignerBuilder(KeyAlgorithm.of(pair.getPublic()).signatureAlgorithm())
          .setProvider(Providers.bouncyCastle())
          .build(pair.getPrivate());
    } catch (OperatorCreationException e) {
      throw new IllegalStateException(e);
    }
  }

  private KeyPair pair(String alias) {
    KeyPair pair = keys.get(alias);
    if (pair == null) {
      throw new KeyNotFoundException("no key " + alias);
    }
    return pair;
  }

  @Override
  public String description() {
    return "memory";
  }

  @Override
  public void close() {}
}
