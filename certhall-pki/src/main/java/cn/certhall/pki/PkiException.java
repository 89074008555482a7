package cn.certhall.pki;

/**
 * Root of every failure the CA engine reports; each subtype names one cause a caller can act on.
 */
public abstract class PkiException extends RuntimeException {
  protected PkiException(String message) {
    super(message);
  }

  protected PkiException(String message, Throwable cause) {
    super(message, cause);
  }
}
