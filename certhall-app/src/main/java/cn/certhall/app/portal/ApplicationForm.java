package cn.certhall.app.portal;

import cn.certhall.domain.identity.IdType;
import cn.certhall.domain.order.AdministratorVerificationDetails;
import cn.certhall.domain.order.EnterpriseVerificationDetails;
import cn.certhall.domain.order.UnitApplication;
import cn.certhall.domain.verification.AdministratorMethod;
import cn.certhall.domain.verification.EnterpriseMethod;
import java.io.Serial;
import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The application form (申请表, SPEC 3.1 steps 1–3) as typed: every field's text, kept as it was
 * entered so that a page that comes back with errors shows it again unchanged. Only the fields of
 * {@link #FIELDS} are taken from a request.
 */
public final class ApplicationForm implements Serializable {
  @Serial private static final long serialVersionUID = 1L;

  // 单位信息
  public static final String ORGANIZATION_NAME = "organizationName";
  public static final String CREDIT_CODE = "creditCode";
  // 法定代表人
  public static final String LEGAL_REP_NAME = "legalRepName";
  public static final String LEGAL_REP_ID_NUMBER = "legalRepIdNumber";
  // 经办人
  public static final String HANDLER_NAME = "handlerName";
  public static final String HANDLER_ID_TYPE = "handlerIdType";
  public static final String HANDLER_ID_NUMBER = "handlerIdNumber";
  public static final String HANDLER_MOBILE = "handlerMobile";
  public static final String HANDLER_EMAIL = "handlerEmail";
  // 证书及印章管理员
  public static final String ADMIN_NAME = "adminName";
  public static final String ADMIN_ID_TYPE = "adminIdType";
  public static final String ADMIN_ID_NUMBER = "adminIdNumber";
  public static final String ADMIN_MOBILE = "adminMobile";
  // 企业认证方式
  public static final String ENTERPRISE_METHOD = "enterpriseMethod";
  public static final String ACCOUNT_NAME = "accountName";
  public static final String ACCOUNT_NUMBER = "accountNumber";
  public static final String BANK = "bank";
  public static final String BANK_OTHER = "bankOther";
  public static final String LEGAL_REP_MOBILE = "legalRepMobile";
  public static final String LEGAL_REP_CARD_NUMBER = "legalRepCardNumber";
  public static final String LEGAL_REP_CARD_MOBILE = "legalRepCardMobile";
  // 证书及印章管理员核验方式
  public static final String ADMIN_METHOD = "adminMethod";
  public static final String ADMIN_CARD_NUMBER = "adminCardNumber";
  public static final String ADMIN_CARD_MOBILE = "adminCardMobile";

  /**
   * The applicant's confirmation that a 印章采集表 with the impression will be uploaded, asked only when
   * the round seal cannot be drawn from the name (a checkbox, "on" when ticked).
   */
  public static final String SEAL_IMPRESSION_PROMISED = "sealImpressionPromised";

  public static final List<String> FIELDS =
      List.of(
          ORGANIZATION_NAME,
          CREDIT_CODE,
          LEGAL_REP_NAME,
          LEGAL_REP_ID_NUMBER,
          HANDLER_NAME,
          HANDLER_ID_TYPE,
          HANDLER_ID_NUMBER,
          HANDLER_MOBILE,
          HANDLER_EMAIL,
          ADMIN_NAME,
          ADMIN_ID_TYPE,
          ADMIN_ID_NUMBER,
          ADMIN_MOBILE,
          ENTERPRISE_METHOD,
          ACCOUNT_NAME,
          ACCOUNT_NUMBER,
          BANK,
          BANK_OTHER,
          LEGAL_REP_MOBILE,
          LEGAL_REP_CARD_NUMBER,
          LEGAL_REP_CARD_MOBILE,
          ADMIN_METHOD,
          ADMIN_CARD_NUMBER,
          ADMIN_CARD_MOBILE,
          SEAL_IMPRESSION_PROMISED);

  /** The bank list of the micro-deposit (开户银行); {@link #OTHER_BANK} asks for the name. */
  public static final List<String> BANKS =
      List.of(
          "中国工商银行",
          "中国农业银行",
          "中国银行",
          "中国建设银行",
          "交通银行",
          "中国邮政储蓄银行",
          "招商银行",
          "中信银行",
          "上海浦东发展银行",
          "兴业银行",
          "中国民生银行",
          "中国光大银行",
          "平安银行",
          "华夏银行",
          "广发银行",
          "北京银行",
          "上海银行");

  public static final String OTHER_BANK = "其他";

  /** Longest text taken per field; the longest the order keeps is 254 (an email address). */
  static final int MAX_INPUT = 300;

  private final LinkedHashMap<String, String> values = new LinkedHashMap<>();

  /** What the person sent: known fields only, each cut to {@link #MAX_INPUT} characters. */
  public static ApplicationForm of(Map<String, String> parameters) {
    ApplicationForm form = new ApplicationForm();
    for (String field : FIELDS) {
      String value = parameters.get(field);
      if (value != null) {
        form.values.put(field, value.length() > MAX_INPUT ? value.substring(0, MAX_INPUT) : value);
      }
    }
    return form;
  }

  /** The form as an order's application fills it in (返回修改, 继续办理). */
  public static ApplicationForm of(UnitApplication application) {
    ApplicationForm form = new ApplicationForm();
    Map<String, String> v = form.values;
    v.put(ORGANIZATION_NAME, application.organizationName());
    v.put(CREDIT_CODE, application.creditCode());
    v.put(LEGAL_REP_NAME, application.legalRepresentative().name());
    v.put(LEGAL_REP_ID_NUMBER, application.legalRepresentative().idNumber());
    UnitApplication.Handler handler = application.handler();
    v.put(HANDLER_NAME, handler.name());
    v.put(HANDLER_ID_TYPE, handler.idType().name());
    v.put(HANDLER_ID_NUMBER, handler.idNumber());
    v.put(HANDLER_MOBILE, handler.mobile());
    v.put(HANDLER_EMAIL, handler.email());
    UnitApplication.Administrator admin = application.administrator();
    v.put(ADMIN_NAME, admin.name());
    v.put(ADMIN_ID_TYPE, admin.idType().name());
    v.put(ADMIN_ID_NUMBER, admin.idNumber());
    v.put(ADMIN_MOBILE, admin.mobile());
    EnterpriseVerificationDetails enterprise = application.enterpriseVerification();
    v.put(ENTERPRISE_METHOD, enterprise.method().name());
    switch (enterprise.method()) {
      case CORPORATE_TRANSFER -> {
        v.put(ACCOUNT_NAME, enterprise.accountName());
        v.put(ACCOUNT_NUMBER, enterprise.accountNumber());
        boolean listed = BANKS.contains(enterprise.bank());
        v.put(BANK, listed ? enterprise.bank() : OTHER_BANK);
        v.put(BANK_OTHER, listed ? "" : enterprise.bank());
      }
      case LEGAL_REP_MOBILE -> v.put(LEGAL_REP_MOBILE, enterprise.mobile());
      case LEGAL_REP_BANK_CARD -> {
        v.put(LEGAL_REP_CARD_NUMBER, enterprise.cardNumber());
        v.put(LEGAL_REP_CARD_MOBILE, enterprise.mobile());
      }
    }
    AdministratorVerificationDetails adminCheck = application.administratorVerification();
    v.put(ADMIN_METHOD, adminCheck.method().name());
    if (adminCheck.method() == AdministratorMethod.BANK_CARD) {
      v.put(ADMIN_CARD_NUMBER, adminCheck.cardNumber());
      v.put(ADMIN_CARD_MOBILE, adminCheck.reservedMobile());
    }
    return form;
  }

  /** The text of a field as typed; empty if it was not sent. */
  public String get(String field) {
    return values.getOrDefault(field, "");
  }

  /** For the templates: {@code form.values[name]}. */
  public Map<String, String> getValues() {
    return values;
  }

  public static List<IdType> personalIdTypes() {
    return IdType.personalTypes();
  }

  public static List<EnterpriseMethod> enterpriseMethods() {
    return List.of(EnterpriseMethod.values());
  }

  public static List<AdministratorMethod> administratorMethods() {
    return List.of(AdministratorMethod.values());
  }
}
