package cn.certhall.app.realname;

import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Tencent Cloud 人脸核身 (faceid, API 2018-03-01): a CAM user's API key and where the API is. Secrets
 * are never in {@link #toString}.
 *
 * @param region the API's region; faceid's checks take none, so it may stay empty
 * @param endpoint the API's host (its first label is the service signed for: faceid)
 * @param protocol https; http only for a local stub
 * @param proxy an HTTP proxy (host:port) the calls go through; empty: none (tests reach their stub
 *     this way)
 */
public record TencentCloudSettings(
    String secretId,
    String secretKey,
    @DefaultValue("") String region,
    @DefaultValue("faceid.tencentcloudapi.com") String endpoint,
    @DefaultValue("https") String protocol,
    String proxy) {

  @Override
  public String toString() {
    return "Tencent[region=" + region + ", endpoint=" + endpoint + ", proxy=" + proxy + "]";
  }
}
