package cn.certhall.pki;

/** No key under that alias in the key store. */
public final class KeyNotFoundException extends PkiException {
  public KeyNotFoundException(String message) {
    super(message);
  }
}
