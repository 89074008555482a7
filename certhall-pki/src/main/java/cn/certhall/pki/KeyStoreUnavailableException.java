package cn.certhall.pki;

/** The key store cannot be used at all: missing file, absent library or token, locked PIN. */
public final class KeyStoreUnavailableException extends PkiException {
  public KeyStoreUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }

  public KeyStoreUnavailableException(String message) {
    super(message);
  }
}
