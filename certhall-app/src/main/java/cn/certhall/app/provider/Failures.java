package cn.certhall.app.provider;

import java.net.SocketTimeoutException;
import java.util.Locale;
import java.util.Objects;

/** Why a provider gave no answer: TIMEOUT (it took too long) or UNREACHABLE (anything else). */
public final class Failures {
  private Failures() {}

  public static String of(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      String message = Objects.toString(t.getMessage(), "").toLowerCase(Locale.ROOT);
      if (t instanceof SocketTimeoutException
          || message.contains("timeout")
          || message.contains("timed out")) {
        return "TIMEOUT";
      }
    }
    return "UNREACHABLE";
  }
}
