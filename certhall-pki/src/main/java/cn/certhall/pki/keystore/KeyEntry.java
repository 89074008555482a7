package cn.certhall.pki.keystore;

import cn.certhall.pki.KeyAlgorithm;
import cn.certhall.pki.KeyOperationException;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.PublicKey;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/** A key held by a store: the private key object (a handle, for a token) and what it signs with. */
record KeyEntry(PrivateKey privateKey, PublicKey publicKey, KeyAlgorithm algorithm) {

  static KeyEntry of(PrivateKey privateKey, PublicKey publicKey) {
    return new KeyEntry(privateKey, publicKey, KeyAlgorithm.of(publicKey));
  }

  ContentSigner signer(Provider provider) {
    try {
      return new JcaContentSignerBuilder(algorithm.signatureAlgorithm())
          .setProvider(provider)
          .build(privateKey);
    } catch (OperatorCreationException e) {
      throw new KeyOperationException("cannot create a " + algorithm + " signer", e);
    }
  }

  @Override
  public String toString() {
    return "KeyEntry[" + algorithm + "]";
  }
}
