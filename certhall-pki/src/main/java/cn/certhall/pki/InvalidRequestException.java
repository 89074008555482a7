package cn.certhall.pki;

/** The request itself is wrong (subject, validity, key); nothing was reserved, signed or stored. */
public final class InvalidRequestException extends PkiException {
  public InvalidRequestException(String message) {
    super(message);
  }
}
