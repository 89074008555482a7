package cn.certhall.app.sms;

import cn.certhall.app.provider.Failures;
import cn.certhall.domain.verification.SmsMessage;
import cn.certhall.domain.verification.SmsTemplate;
import com.aliyun.dysmsapi20170525.Client;
import com.aliyun.dysmsapi20170525.models.SendSmsRequest;
import com.aliyun.dysmsapi20170525.models.SendSmsResponse;
import com.aliyun.dysmsapi20170525.models.SendSmsResponseBody;
import com.aliyun.tea.TeaException;
import com.aliyun.teaopenapi.models.Config;
import com.aliyun.teautil.models.RuntimeOptions;
import java.time.Duration;
import java.util.Map;
import tools.jackson.databind.json.JsonMapper;

/**
 * Alibaba Cloud SMS (阿里云短信服务) through its official SDK: {@code SendSms} with PhoneNumbers,
 * SignName, TemplateCode and TemplateParam (the values as a JSON object by parameter name), signed
 * by the SDK. One try per message: a failed notice is retried by the outbox, a failed code is told
 * to the person waiting for it.
 */
public final class AliyunSmsSender implements SmsProvider {
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final Client client;
  private final RuntimeOptions runtime;
  private final String signName;
  private final Map<SmsTemplate, String> templates;

  public AliyunSmsSender(
      SmsProperties.Aliyun settings, Duration connectTimeout, Duration readTimeout) {
    require(settings.accessKeyId(), "certhall.sms.aliyun.access-key-id");
    require(settings.accessKeySecret(), "certhall.sms.aliyun.access-key-secret");
    this.signName = require(settings.signName(), "certhall.sms.aliyun.sign-name");
    this.templates = Templates.complete(settings.templates(), "certhall.sms.aliyun.templates");
    Config config =
        new Config()
            .setAccessKeyId(settings.accessKeyId())
            .setAccessKeySecret(settings.accessKeySecret())
            .setEndpoint(settings.endpoint())
            .setProtocol(settings.protocol())
            .setConnectTimeout((int) connectTimeout.toMillis())
            .setReadTimeout((int) readTimeout.toMillis());
    try {
      this.client = new Client(config);
    } catch (Exception e) {
      throw new IllegalStateException(
          "cannot set up the Alibaba Cloud SMS client: " + e.getMessage(), e);
    }
    this.runtime = new RuntimeOptions();
    runtime.autoretry = false;
    runtime.connectTimeout = (int) connectTimeout.toMillis();
    runtime.readTimeout = (int) readTimeout.toMillis();
  }

  @Override
  public String name() {
    return "aliyun";
  }

  @Override
  public SmsDelivery deliver(String mobile, SmsMessage message) {
    SendSmsRequest request =
        new SendSmsRequest()
            .setPhoneNumbers(mobile)
            .setSignName(signName)
            .setTemplateCode(templates.get(message.template()))
            .setTemplateParam(JSON.writeValueAsString(message.parameters()));
    try {
      SendSmsResponse response = client.sendSmsWithOptions(request, runtime);
      SendSmsResponseBody body = response.getBody();
      if (body == null) {
        return SmsDelivery.notAnswered("NO_BODY");
      }
      return new SmsDelivery(
          ProviderCodes.aliyun(body.getCode()),
          body.getCode(),
          body.getRequestId(),
          body.getBizId());
    } catch (TeaException e) {
      // an answer with an error status (credentials, signature, throttling, the provider's own)
      Object requestId = e.getData() == null ? null : e.getData().get("RequestId");
      if (e.getCode() == null && e.getStatusCode() == null) {
        return SmsDelivery.notAnswered(Failures.of(e));
      }
      return new SmsDelivery(
          ProviderCodes.aliyun(e.getCode()),
          e.getCode() == null ? "HTTP " + e.getStatusCode() : e.getCode(),
          requestId == null ? null : requestId.toString(),
          null);
    } catch (Exception e) {
      return SmsDelivery.notAnswered(Failures.of(e));
    }
  }

  private static String require(String value, String setting) {
    if (value == null || value.isBlank()) {
      throw new IllegalStateException(
          setting + " is empty: the aliyun SMS provider needs it (docs/providers.md)");
    }
    return value;
  }
}
