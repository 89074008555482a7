package cn.certhall.app.sms;

import cn.certhall.domain.verification.SmsTemplate;
import java.util.LinkedHashMap;
import java.util.Map;

/** The settings of a real SMS provider pointed at a local stub (or at nothing). */
public final class ProviderSettings {
  public static final String ALIYUN_KEY_ID = "LTAI5tTestKeyId0001";
  public static final String ALIYUN_KEY_SECRET = "test-access-key-secret-never-logged";
  public static final String TENCENT_SECRET_ID = "AKIDtestSecretId0001";
  public static final String TENCENT_SECRET_KEY = "test-secret-key-never-logged";
  public static final String TENCENT_APP_ID = "1400000001";
  public static final String SIGN_NAME = "certhall";

  private ProviderSettings() {}

  /** Alibaba Cloud's template codes: SMS_100000001 for the first kind, and on. */
  public static String aliyunCode(SmsTemplate t) {
    return "SMS_10000000" + Integer.toString(t.ordinal() + 1, 36);
  }

  /** Tencent Cloud's template ids: 2000001 for the first kind, and on. */
  public static String tencentId(SmsTemplate t) {
    return Integer.toString(2000001 + t.ordinal());
  }

  /**
   * @param endpoint host:port of the stub
   */
  public static Map<String, String> aliyun(String endpoint) {
    Map<String, String> p = new LinkedHashMap<>();
    p.put("certhall.sms.provider", "aliyun");
    p.put("certhall.sms.aliyun.access-key-id", ALIYUN_KEY_ID);
    p.put("certhall.sms.aliyun.access-key-secret", ALIYUN_KEY_SECRET);
    p.put("certhall.sms.aliyun.endpoint", endpoint);
    p.put("certhall.sms.aliyun.protocol", "http");
    p.put("certhall.sms.aliyun.sign-name", SIGN_NAME);
    for (SmsTemplate t : SmsTemplate.values()) {
      p.put("certhall.sms.aliyun.templates." + Templates.settingName(t), aliyunCode(t));
    }
    return p;
  }

  /**
   * @param proxy host:port of the stub: the SDK signs for the service named by the endpoint's first
   *     label, so the endpoint stays Tencent Cloud's and the stub is reached as its proxy
   */
  public static Map<String, String> tencent(String proxy) {
    Map<String, String> p = new LinkedHashMap<>();
    p.put("certhall.sms.provider", "tencent");
    p.put("certhall.sms.tencent.secret-id", TENCENT_SECRET_ID);
    p.put("certhall.sms.tencent.secret-key", TENCENT_SECRET_KEY);
    p.put("certhall.sms.tencent.proxy", proxy);
    p.put("certhall.sms.tencent.protocol", "http");
    p.put("certhall.sms.tencent.sdk-app-id", TENCENT_APP_ID);
    p.put("certhall.sms.tencent.sign-name", SIGN_NAME);
    for (SmsTemplate t : SmsTemplate.values()) {
      p.put("certhall.sms.tencent.templates." + Templates.settingName(t), tencentId(t));
    }
    return p;
  }
}
