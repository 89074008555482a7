package cn.certhall.pki;

/** A key store or signing operation failed for a reason outside the request (token error, I/O). */
public final class KeyOperationException extends PkiException {
  public KeyOperationException(String message, Throwable cause) {
    super(message, cause);
  }
}
