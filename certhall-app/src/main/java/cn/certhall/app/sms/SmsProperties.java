package cn.certhall.app.sms;

import cn.certhall.domain.verification.SmsTemplate;
import java.time.Duration;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code certhall.sms.*}: which SMS provider sends the text messages, and its settings
 * (docs/providers.md). Secrets are never in {@link #toString}.
 *
 * @param provider sandbox (the sandbox's outbox with {@code certhall.sandbox.enabled}, else nothing
 *     is sent), aliyun or tencent
 * @param connectTimeout how long to wait for the provider's connection
 * @param readTimeout how long to wait for its answer; a code's requester waits this long at most
 * @param testMobile where {@code --certhall.provider-check=sms} sends its one message
 */
@ConfigurationProperties("certhall.sms")
public record SmsProperties(
    @DefaultValue("sandbox") Provider provider,
    @DefaultValue("5s") Duration connectTimeout,
    @DefaultValue("10s") Duration readTimeout,
    String testMobile,
    @DefaultValue Aliyun aliyun,
    @DefaultValue Tencent tencent) {

  public enum Provider {
    SANDBOX,
    ALIYUN,
    TENCENT
  }

  /**
   * Alibaba Cloud SMS (阿里云短信服务, API version 2017-05-25).
   *
   * @param endpoint the API's host (and port)
   * @param protocol https; http only for a local stub
   * @param signName the approved signature (签名名称), without 【】
   * @param templates the approved template code (模板 CODE, SMS_…) of each message kind
   */
  public record Aliyun(
      String accessKeyId,
      String accessKeySecret,
      @DefaultValue("dysmsapi.aliyuncs.com") String endpoint,
      @DefaultValue("https") String protocol,
      String signName,
      Map<SmsTemplate, String> templates) {

    @Override
    public String toString() {
      return "Aliyun[endpoint="
          + endpoint
          + ", signName="
          + signName
          + ", templates="
          + templates
          + "]";
    }
  }

  /**
   * Tencent Cloud SMS (腾讯云短信, API version 2021-01-11).
   *
   * @param region the API's region (ap-guangzhou, ap-beijing, ap-nanjing)
   * @param sdkAppId the SMS application's SdkAppId (1400…)
   * @param signName the approved signature (签名内容), without 【】
   * @param templates the approved template ID (模板 ID, digits) of each message kind
   * @param proxy an HTTP proxy (host:port) the calls go through; empty: none. The endpoint's first
   *     label is the service signed for (sms), so a local stub is reached through this
   */
  public record Tencent(
      String secretId,
      String secretKey,
      @DefaultValue("ap-guangzhou") String region,
      @DefaultValue("sms.tencentcloudapi.com") String endpoint,
      @DefaultValue("https") String protocol,
      String sdkAppId,
      String signName,
      Map<SmsTemplate, String> templates,
      String proxy) {

    @Override
    public String toString() {
      return "Tencent[region="
          + region
          + ", endpoint="
          + endpoint
          + ", sdkAppId="
          + sdkAppId
          + ", signName="
          + signName
          + ", templates="
          + templates
          + ", proxy="
          + proxy
          + "]";
    }
  }
}
