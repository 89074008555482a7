package cn.certhall.documents.seal;

/**
 * A seal cannot be made from what was given. The message is in Chinese and says what to change, so
 * the console and the handler's page can show it as it is.
 */
public class SealException extends RuntimeException {
  public SealException(String message) {
    super(message);
  }

  public SealException(String message, Throwable cause) {
    super(message, cause);
  }
}
