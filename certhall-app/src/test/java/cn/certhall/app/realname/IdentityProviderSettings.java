package cn.certhall.app.realname;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The settings of Tencent Cloud's real-name checks and face check pointed at a local stub (or at
 * nothing).
 */
public final class IdentityProviderSettings {
  public static final String SECRET_ID = "AKIDfaceidTestSecretId01";
  public static final String SECRET_KEY = "faceid-test-secret-key-never-logged";

  private IdentityProviderSettings() {}

  /**
   * @param proxy host:port of the stub: the SDK signs for the service named by the endpoint's first
   *     label (faceid), so the endpoint stays Tencent Cloud's and the stub is its proxy
   */
  public static Map<String, String> tencent(String proxy) {
    Map<String, String> p = new LinkedHashMap<>();
    for (String prefix : new String[] {"certhall.realname", "certhall.face-check"}) {
      p.put(prefix + ".provider", "tencent");
      p.put(prefix + ".tencent.secret-id", SECRET_ID);
      p.put(prefix + ".tencent.secret-key", SECRET_KEY);
      p.put(prefix + ".tencent.proxy", proxy);
      p.put(prefix + ".tencent.protocol", "http");
    }
    return p;
  }
}
