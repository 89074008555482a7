package cn.certhall.pki;

/** An algorithm the engine, or the key store at hand, does not offer. */
public final class UnsupportedAlgorithmException extends PkiException {
  public UnsupportedAlgorithmException(String message) {
    super(message);
  }
}
