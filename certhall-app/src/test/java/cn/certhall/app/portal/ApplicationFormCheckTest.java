package cn.certhall.app.portal;

import static org.assertj.core.api.Assertions.assertThat;

import cn.certhall.domain.identity.IdType;
import cn.certhall.domain.order.UnitApplication;
import cn.certhall.domain.verification.AdministratorMethod;
import cn.certhall.domain.verification.EnterpriseMethod;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.context.support.ResourceBundleMessageSource;

/**
 * The server-side check of the application form: one error per bad field, in the person's language.
 */
class ApplicationFormCheckTest {
  static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-27T00:00:00Z"), ZoneOffset.UTC);
  static final ResourceBundleMessageSource MESSAGES = new ResourceBundleMessageSource();

  static {
    MESSAGES.setBasenames("i18n/common", "i18n/portal");
    MESSAGES.setDefaultEncoding("UTF-8");
    MESSAGES.setFallbackToSystemLocale(false);
  }

  static Map<String, String> valid() {
    Map<String, String> f = new HashMap<>();
    f.put("organizationName", " 示例科技有限公司 ");
    f.put("creditCode", "91350100m000100y43");
    f.put("legalRepName", "张三");
    f.put("legalRepIdNumber", "11010519491231002x");
    f.put("handlerName", "李四");
    f.put("handlerIdType", "PASSPORT");
    f.put("handlerIdNumber", "e12345678");
    f.put("handlerMobile", "+86 138 1234 5678");
    f.put("handlerEmail", "Handler@Example.CN");
    f.put("adminName", "王五");
    f.put("adminIdType", "RESIDENT_ID_CARD");
    f.put("adminIdNumber", "11010519491231002X");
    f.put("adminMobile", "13700005678");
    f.put("enterpriseMethod", "CORPORATE_TRANSFER");
    f.put("accountName", "示例科技有限公司");
    f.put("accountNumber", "6228 4800 1234 5678");
    f.put("bank", "其他");
    f.put("bankOther", "某某村镇银行");
    f.put("legalRepMobile", "typed before switching the method: ignored");
    f.put("adminMethod", "BANK_CARD");
    f.put("adminCardNumber", "6222 0200 0002 2233");
    f.put("adminCardMobile", "13700005678");
    return f;
  }

  static ApplicationFormCheck.Result check(Map<String, String> fields, Locale locale) {
    return ApplicationFormCheck.check(ApplicationForm.of(fields), MESSAGES, locale, CLOCK);
  }

  @Test
  void a_good_form_becomes_the_application_with_normalised_values() {
    ApplicationFormCheck.Result result = check(valid(), Locale.SIMPLIFIED_CHINESE);

    assertThat(result.errors()).isEmpty();
    UnitApplication a = result.application();
    assertThat(a.organizationName()).isEqualTo("示例科技有限公司");
    assertThat(a.creditCode()).isEqualTo("91350100M000100Y43");
    assertThat(a.legalRepresentative().idNumber()).isEqualTo("11010519491231002X");
    assertThat(a.handler().idType()).isEqualTo(IdType.PASSPORT);
    assertThat(a.handler().idNumber()).isEqualTo("E12345678");
    assertThat(a.handler().mobile()).isEqualTo("13812345678");
    assertThat(a.handler().email()).isEqualTo("Handler@example.cn");
    assertThat(a.enterpriseVerification().method()).isEqualTo(EnterpriseMethod.CORPORATE_TRANSFER);
    assertThat(a.enterpriseVerification().accountNumber()).isEqualTo("6228480012345678");
    assertThat(a.enterpriseVerification().bank()).isEqualTo("某某村镇银行");
    assertThat(a.enterpriseVerification().mobile())
        .as("other methods' fields are ignored")
        .isNull();
    assertThat(a.administratorVerification().method()).isEqualTo(AdministratorMethod.BANK_CARD);
    assertThat(a.administratorVerification().cardNumber()).isEqualTo("6222020000022233");
  }

  @Test
  void every_bad_field_gets_its_own_error_in_chinese() {
    Map<String, String> f = valid();
    f.put("organizationName", "  ");
    f.put("creditCode", "91350100M000100Y44");
    f.put("legalRepIdNumber", "110105194902300021");
    f.put("handlerIdType", "UNIFIED_SOCIAL_CREDIT_CODE");
    f.put("handlerMobile", "+1 415 555 0100");
    f.put("handlerEmail", "handler@");
    f.put("accountNumber", "12-34");
    f.put("bankOther", "");
    f.put("adminCardNumber", "6222020000022234");

    Map<String, String> errors = check(f, Locale.SIMPLIFIED_CHINESE).errors();

    assertThat(errors)
        .containsEntry("organizationName", "请填写单位名称")
        .containsEntry("creditCode", "统一社会信用代码校验位不正确")
        .containsEntry("legalRepIdNumber", "身份证号码中的出生日期不正确")
        .containsEntry("handlerIdType", "请选择经办人证件类型")
        .containsEntry("handlerMobile", "仅支持中国大陆手机号码")
        .containsEntry("handlerEmail", "电子邮箱格式不正确")
        .containsEntry("accountNumber", "对公账号只能包含数字")
        .containsEntry("bankOther", "请填写开户银行名称（选择“其他”时填写）")
        .containsEntry("adminCardNumber", "银行卡号校验位不正确")
        .hasSize(9);
  }

  @Test
  void missing_choices_and_a_mobile_check_without_a_resident_id_are_refused_in_english() {
    Map<String, String> f = valid();
    f.remove("enterpriseMethod");
    f.put("adminIdType", "PASSPORT");
    f.put("adminIdNumber", "E12345678");
    f.put("adminMethod", "MOBILE");
    f.put("organizationName", "名".repeat(201));

    Map<String, String> errors = check(f, Locale.ENGLISH).errors();

    assertThat(errors)
        .containsEntry("enterpriseMethod", "Choose the Enterprise verification method.")
        .containsEntry(
            "organizationName", "The Organization name may be at most 200 characters long.")
        .containsKey("adminMethod")
        .hasSize(3);
    assertThat(errors.get("adminMethod")).contains("resident ID card only");
  }
}
