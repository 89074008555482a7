package cn.certhall.domain.verification;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Every text message certhall sends, as the template registered with the SMS provider (短信模板).
 * Mainland providers take no free text: a message is a template code, its parameters and the
 * signature name (签名), and the provider puts them together. The wording here is the template's
 * content as registered, with {@code ${name}} for each parameter (Alibaba Cloud's notation; Tencent
 * Cloud numbers them {@code {1}}, {@code {2}} in the order they appear). The sandbox renders the
 * same wording, so what a tester reads is what a phone shows.
 */
public enum SmsTemplate {
  /** 证书授权码 to the legal representative (enterprise verification). */
  ENTERPRISE_VERIFICATION_CODE("您正在为单位办理数字证书，证书授权码为${code}，${ttl}内有效。请勿告诉他人，如非本人操作请忽略。"),
  /** 我的订单 code to the handler. */
  ORDER_QUERY_CODE("您正在查询证书订单，验证码为${code}，${ttl}内有效。请勿告诉他人。"),
  /** 证书申请签名 code to the handler. */
  APPLICATION_SIGNATURE_CODE("您正在确认单位数字证书申请，签名验证码为${code}，${ttl}内有效。请勿告诉他人。"),
  /** 证书更新 / 信息变更 / 证书吊销 entry code. */
  CERTIFICATE_SERVICE_CODE("您正在办理单位数字证书更新、变更或吊销，验证码为${code}，${ttl}内有效。请勿告诉他人，如非本人操作请忽略。"),
  /** 证书验证码 to the certificate administrator, agreeing to a revocation. */
  CERTIFICATE_VERIFICATION_CODE("您单位的数字证书正在申请吊销，证书验证码为${code}，${ttl}内有效。如非本单位申请，请勿告诉他人并联系客服。"),
  /** 信手书 sign-in code to the seal administrator. */
  SEAL_APP_SIGN_IN_CODE("您正在登录信手书（印章管理员），验证码为${code}，${ttl}内有效。请勿告诉他人。"),
  /** 审核通过, certificate issued (new, renewal, change). */
  CERTIFICATE_ISSUED(
      "您的${business}申请已审核通过（订单号 ${order}），证书已签发（序列号 ${serial}，有效期至 ${until}），已同步至您办理业务的平台。"),
  /** 审核通过, certificate revoked. */
  CERTIFICATE_REVOKED("您的${business}申请已审核通过（订单号 ${order}），证书已于 ${at} 吊销（序列号 ${serial}），不能再使用。"),
  /** 审核未通过, with the reviewer's reason. */
  APPLICATION_REJECTED("您的${business}申请审核未通过（订单号 ${order}），原因：${reason}。请在“我的订单”中继续办理，修改后重新提交。"),
  /** An idle order will be cancelled. */
  CANCELLATION_AHEAD("您的${business}订单（订单号 ${order}）长期无操作，将于 ${at} 自动取消。如需继续，请在“我的订单”中继续办理。"),
  /** An idle order was cancelled. */
  CANCELLED_FOR_INACTIVITY("您的${business}订单（订单号 ${order}）超过 ${days} 天无操作，已自动取消。如需办理，请重新申请。"),
  /** 证书到期提醒 to the handler and the administrator. */
  RENEWAL_REMINDER("${organization}的单位证书（序列号 ${serial}）${when}，到期后电子印章将无法使用。请及时办理证书更新：${link}");

  private final String content;
  private final List<String> parameters;

  SmsTemplate(String content) {
    this.content = content;
    List<String> names = new ArrayList<>();
    Matcher m = Parameters.PATTERN.matcher(content);
    while (m.find()) {
      names.add(m.group(1));
    }
    this.parameters = List.copyOf(names);
  }

  /** The content as registered with the provider, {@code ${name}} for each parameter. */
  public String content() {
    return content;
  }

  /** The parameters' names in the order they appear (Tencent Cloud's {1}, {2}, …). */
  public List<String> parameters() {
    return parameters;
  }

  /** The content in Tencent Cloud's notation: {@code {1}}, {@code {2}}, … */
  public String numberedContent() {
    String numbered = content;
    for (int i = 0; i < parameters.size(); i++) {
      numbered = numbered.replace("${" + parameters.get(i) + "}", "{" + (i + 1) + "}");
    }
    return numbered;
  }

  /** An enum's constructor cannot read the enum's own static fields. */
  private static final class Parameters {
    static final Pattern PATTERN = Pattern.compile("\\$\\{([a-z]+)}");
  }
}
