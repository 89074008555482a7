package cn.certhall.app.sms;

import cn.certhall.app.provider.Failures;
import cn.certhall.app.provider.TencentCloudProfiles;
import cn.certhall.domain.verification.SmsMessage;
import cn.certhall.domain.verification.SmsTemplate;
import com.tencentcloudapi.common.Credential;
import com.tencentcloudapi.common.exception.TencentCloudSDKException;
import com.tencentcloudapi.common.profile.ClientProfile;
import com.tencentcloudapi.sms.v20210111.SmsClient;
import com.tencentcloudapi.sms.v20210111.models.SendSmsRequest;
import com.tencentcloudapi.sms.v20210111.models.SendSmsResponse;
import com.tencentcloudapi.sms.v20210111.models.SendStatus;
import java.time.Duration;
import java.util.Map;

/**
 * Tencent Cloud SMS (腾讯云短信) through its official SDK: {@code SendSms} (API 2021-01-11) with
 * PhoneNumberSet (+86…), SmsSdkAppId, SignName, TemplateId and TemplateParamSet (the values in the
 * template's order), signed TC3-HMAC-SHA256 by the SDK. The answer's SendStatusSet says per number
 * whether it went; an error of the whole request (credentials, throttling) comes as an exception
 * with its code. One try per message, as for Alibaba Cloud.
 */
public final class TencentSmsSender implements SmsProvider {
  private final SmsClient client;
  private final String sdkAppId;
  private final String signName;
  private final Map<SmsTemplate, String> templates;

  public TencentSmsSender(
      SmsProperties.Tencent settings, Duration connectTimeout, Duration readTimeout) {
    String secretId = require(settings.secretId(), "certhall.sms.tencent.secret-id");
    String secretKey = require(settings.secretKey(), "certhall.sms.tencent.secret-key");
    this.sdkAppId = require(settings.sdkAppId(), "certhall.sms.tencent.sdk-app-id");
    this.signName = require(settings.signName(), "certhall.sms.tencent.sign-name");
    this.templates = Templates.complete(settings.templates(), "certhall.sms.tencent.templates");
    ClientProfile profile =
        TencentCloudProfiles.of(
            settings.endpoint(),
            settings.protocol(),
            settings.proxy(),
            "certhall.sms.tencent.proxy",
            connectTimeout,
            readTimeout);
    this.client = new SmsClient(new Credential(secretId, secretKey), settings.region(), profile);
  }

  @Override
  public String name() {
    return "tencent";
  }

  @Override
  public SmsDelivery deliver(String mobile, SmsMessage message) {
    SendSmsRequest request = new SendSmsRequest();
    request.setPhoneNumberSet(new String[] {"+86" + mobile});
    request.setSmsSdkAppId(sdkAppId);
    request.setSignName(signName);
    request.setTemplateId(templates.get(message.template()));
    request.setTemplateParamSet(message.values().toArray(String[]::new));
    try {
      SendSmsResponse response = client.SendSms(request);
      SendStatus[] statuses = response.getSendStatusSet();
      if (statuses == null || statuses.length == 0) {
        return new SmsDelivery(
            cn.certhall.domain.verification.SmsSender.Result.UNAVAILABLE,
            "NO_STATUS",
            response.getRequestId(),
            null);
      }
      SendStatus status = statuses[0];
      return new SmsDelivery(
          ProviderCodes.tencent(status.getCode()),
          status.getCode(),
          response.getRequestId(),
          status.getSerialNo());
    } catch (TencentCloudSDKException e) {
      if (e.getErrorCode() == null || e.getErrorCode().isBlank()) {
        return SmsDelivery.notAnswered(Failures.of(e));
      }
      return new SmsDelivery(
          ProviderCodes.tencent(e.getErrorCode()), e.getErrorCode(), e.getRequestId(), null);
    } catch (RuntimeException e) {
      return SmsDelivery.notAnswered(Failures.of(e));
    }
  }

  private static String require(String value, String setting) {
    if (value == null || value.isBlank()) {
      throw new IllegalStateException(
          setting + " is empty: the tencent SMS provider needs it (docs/providers.md)");
    }
    return value;
  }
}
