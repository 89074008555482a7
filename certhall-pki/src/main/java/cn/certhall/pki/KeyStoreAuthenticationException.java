package cn.certhall.pki;

/** The passphrase or PIN was refused. The message never contains the secret. */
public final class KeyStoreAuthenticationException extends PkiException {
  public KeyStoreAuthenticationException(String message, Throwable cause) {
    super(message, cause);
  }
}
