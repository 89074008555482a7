package cn.certhall.app.audit;

import cn.certhall.domain.audit.Actor;
import cn.certhall.domain.audit.AuditAction;
import cn.certhall.domain.audit.AuditLog;
import cn.certhall.pki.KeyAlgorithm;
import cn.certhall.pki.keystore.SigningKeyStore;
import java.security.PublicKey;
import org.bouncycastle.operator.ContentSigner;

/**
 * The key store with every key generation written to the audit log, whoever asks for it (CA set-up,
 * OCSP signers, hosted keys of organizations): one place instead of one per caller.
 */
public final class AuditingKeyStore implements SigningKeyStore {
  private final SigningKeyStore keys;
  private final AuditLog audit;

  public AuditingKeyStore(SigningKeyStore keys, AuditLog audit) {
    this.keys = keys;
    this.audit = audit;
  }

  @Override
  public PublicKey generateKeyPair(String alias, KeyAlgorithm algorithm) {
    PublicKey key = keys.generateKeyPair(alias, algorithm);
    audit.record(
        Actor.SYSTEM, AuditAction.KEY_GENERATED, alias, algorithm + " in " + keys.description());
    return key;
  }

  @Override
  public boolean contains(String alias) {
    return keys.contains(alias);
  }

  @Override
  public PublicKey publicKey(String alias) {
    return keys.publicKey(alias);
  }

  @Override
  public ContentSigner signer(String alias) {
    return keys.signer(alias);
  }

  @Override
  public String description() {
    return keys.description();
  }

  @Override
  public KeyAlgorithm algorithm(String alias) {
    return keys.algorithm(alias);
  }

  @Override
  public void close() {
    keys.close();
  }
}
