package cn.certhall.app.provider;

import com.tencentcloudapi.common.profile.ClientProfile;
import com.tencentcloudapi.common.profile.HttpProfile;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.time.Duration;
import okhttp3.OkHttpClient;

/**
 * The Tencent Cloud SDK's client profile from our settings: endpoint, protocol, time-outs and an
 * optional proxy. The SDK signs TC3-HMAC-SHA256 for the service named by the endpoint's first
 * label, so a local stub in tests is reached as the proxy and the endpoint stays Tencent Cloud's.
 * The HTTP client is ours, so that a broken connection is not silently tried again: a check is
 * charged per call, and a message would go twice.
 */
public final class TencentCloudProfiles {
  private TencentCloudProfiles() {}

  /**
   * @param proxySetting the setting's name, for the message when {@code proxy} is not host:port
   */
  public static ClientProfile of(
      String endpoint,
      String protocol,
      String proxy,
      String proxySetting,
      Duration connectTimeout,
      Duration readTimeout) {
    HttpProfile http = new HttpProfile();
    http.setEndpoint(endpoint);
    http.setProtocol(protocol.endsWith("://") ? protocol : protocol + "://");
    http.setConnTimeout(seconds(connectTimeout));
    http.setReadTimeout(seconds(readTimeout));
    http.setWriteTimeout(seconds(readTimeout));
    OkHttpClient.Builder client =
        new OkHttpClient.Builder()
            .retryOnConnectionFailure(false)
            .connectTimeout(connectTimeout)
            .readTimeout(readTimeout)
            .writeTimeout(readTimeout);
    if (proxy != null && !proxy.isBlank()) {
      String hostPort = proxy.strip();
      int colon = hostPort.lastIndexOf(':');
      if (colon < 1) {
        throw new IllegalStateException(proxySetting + " is '" + hostPort + "': write host:port");
      }
      String host = hostPort.substring(0, colon);
      int port = Integer.parseInt(hostPort.substring(colon + 1));
      http.setProxyHost(host);
      http.setProxyPort(port);
      client.proxy(new Proxy(Proxy.Type.HTTP, new InetSocketAddress(host, port)));
    }
    http.setHttpClient(client.build());
    ClientProfile profile = new ClientProfile();
    profile.setHttpProfile(http);
    return profile;
  }

  /** A required setting, or the start stops naming it. */
  public static String require(String value, String setting, String what) {
    if (value == null || value.isBlank()) {
      throw new IllegalStateException(
          setting + " is empty: " + what + " needs it (docs/providers.md)");
    }
    return value;
  }

  /** The SDK counts whole seconds; a shorter setting still waits one. */
  private static int seconds(Duration d) {
    return (int) Math.max(1, (d.toMillis() + 999) / 1000);
  }
}
