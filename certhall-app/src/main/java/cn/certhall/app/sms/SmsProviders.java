package cn.certhall.app.sms;

import java.util.Optional;

/** The real provider {@code certhall.sms.provider} names, if any; its settings checked now. */
public final class SmsProviders {
  private SmsProviders() {}

  /**
   * @throws IllegalStateException naming the setting that is missing
   */
  public static Optional<SmsProvider> configured(SmsProperties sms) {
    return switch (sms.provider()) {
      case ALIYUN ->
          Optional.of(new AliyunSmsSender(sms.aliyun(), sms.connectTimeout(), sms.readTimeout()));
      case TENCENT ->
          Optional.of(new TencentSmsSender(sms.tencent(), sms.connectTimeout(), sms.readTimeout()));
      case SANDBOX -> Optional.empty();
    };
  }
}
