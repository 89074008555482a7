package cn.certhall.pki.keystore;

import cn.certhall.pki.KeyOperationException;
import java.io.OutputStream;
import java.security.GeneralSecurityException;
import java.security.Provider;
import java.security.Signature;
import java.security.SignatureException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorStreamException;
import org.bouncycastle.operator.RuntimeOperatorException;

/**
 * Signature objects of one software key, initialised once and reused. Initialising a Bouncy Castle
 * SM2 signature is expensive: it derives the public point and the Z value (GM/T 0003) from the
 * private key and, the key's curve parameters being converted anew, recomputes the base point's
 * fixed-point table; measured here it costs about three SM2 signatures, so a fresh signature per
 * certificate held SM2 issuance to some 2,800/s per core (docs/benchmarks.md). For ECDSA and RSA
 * initialising is cheap and reuse changes little. A {@link Signature} returns to its initialised
 * state after {@link Signature#sign()}, so an idle one signs the next message exactly as a fresh
 * one would (a fresh random per signature, the same default SM2 user ID).
 *
 * <p>Each {@link ContentSigner} handed out takes an idle signature when the first byte is written
 * (or a new one when none is idle) and gives it back when the signature is taken; a signer that is
 * abandoned half-way keeps its signature, which then is never reused. A signer may sign again
 * afterwards, like Bouncy Castle's own; like those it is for one thread at a time.
 */
final class SignaturePool {
  private final KeyEntry key;
  private final Provider provider;
  private final AlgorithmIdentifier algorithmId;
  private final BlockingQueue<Signature> idle;

  SignaturePool(KeyEntry key, Provider provider) {
    this.key = key;
    this.provider = provider;
    this.algorithmId = key.signer(provider).getAlgorithmIdentifier();
    this.idle =
        new ArrayBlockingQueue<>(Math.max(4, 2 * Runtime.getRuntime().availableProcessors()));
  }

  /** A signer for this key, like {@link KeyEntry#signer} but with a reused signature. */
  ContentSigner signer() {
    return new PooledSigner();
  }

  private Signature take() {
    Signature signature = idle.poll();
    if (signature != null) {
      return signature;
    }
    try {
      Signature fresh = Signature.getInstance(key.algorithm().signatureAlgorithm(), provider);
      fresh.initSign(key.privateKey());
      return fresh;
    } catch (GeneralSecurityException e) {
      throw new KeyOperationException("cannot create a " + key.algorithm() + " signer", e);
    }
  }

  private final class PooledSigner extends OutputStream implements ContentSigner {
    private Signature signature;

    private Signature signature() {
      if (signature == null) {
        signature = take();
      }
      return signature;
    }

    @Override
    public AlgorithmIdentifier getAlgorithmIdentifier() {
      return algorithmId;
    }

    @Override
    public OutputStream getOutputStream() {
      return this;
    }

    @Override
    public byte[] getSignature() {
      Signature s = signature();
      signature = null;
      byte[] result;
      try {
        result = s.sign();
      } catch (SignatureException e) {
        // the signature's state is unknown now: it is not given back
        throw new RuntimeOperatorException("exception obtaining signature: " + e.getMessage(), e);
      }
      idle.offer(s);
      return result;
    }

    @Override
    public void write(int b) throws OperatorStreamException {
      try {
        signature().update((byte) b);
      } catch (SignatureException e) {
        throw new OperatorStreamException("exception in content signer: " + e.getMessage(), e);
      }
    }

    @Override
    public void write(byte[] b, int off, int len) throws OperatorStreamException {
      try {
        signature().update(b, off, len);
      } catch (SignatureException e) {
        throw new OperatorStreamException("exception in content signer: " + e.getMessage(), e);
      }
    }
  }
}
