package cn.certhall.domain.verification;

/**
 * What a code proves, with the wording of its text message. A code of one purpose never passes
 * for another: the purpose is part of its {@link CodeKey} and of its hash.
 */
public enum Purpose {
    /**
     * 证书授权码: the organization controls the legal representative's mobile or the corporate
     * account (enterprise verification, SPEC 3.1 steps 2 and 5). Keyed by order.
     */
    ENTERPRISE_VERIFICATION("您正在为单位办理数字证书，证书授权码为%s，%s内有效。请勿告诉他人，如非本人操作请忽略。"),
    /** 我的订单: the handler's mobile on file confirms the order query (SPEC 3.5). Keyed by ID number. */
    ORDER_QUERY("您正在查询证书订单，验证码为%s，%s内有效。请勿告诉他人。"),
    /** 证书申请签名: the handler confirms the application (SPEC 3.1 step 7). Keyed by order. */
    APPLICATION_SIGNATURE("您正在确认单位数字证书申请，签名验证码为%s，%s内有效。请勿告诉他人。"),
    /**
     * 证书更新 / 信息变更 / 证书吊销 entry: the handler's or legal representative's mobile proves who
     * asks for the organization's certificates (SPEC 3.2). Keyed by credit code and mobile.
     */
    CERTIFICATE_SERVICE("您正在办理单位数字证书更新、变更或吊销，验证码为%s，%s内有效。请勿告诉他人，如非本人操作请忽略。"),
    /**
     * 证书验证码: the certificate &amp; seal administrator, who holds the certificate, agrees to its
     * revocation (SPEC 3.4). Keyed by order.
     */
    CERTIFICATE_VERIFICATION("您单位的数字证书正在申请吊销，证书验证码为%s，%s内有效。如非本单位申请，请勿告诉他人并联系客服。"),
    /** 信手书注册登录: the seal administrator's mobile (SPEC 3.1 step 11). Keyed by mobile. */
    SEAL_APP_SIGN_IN("您正在登录信手书（印章管理员），验证码为%s，%s内有效。请勿告诉他人。");

    private final String smsText;

    Purpose(String smsText) {
        this.smsText = smsText;
    }

    /** The text message carrying {@code code}, which stays valid for {@code lifetime} (in Chinese). */
    String smsText(AuthorizationCode code, String lifetime) {
        return String.format(smsText, code.digits(), lifetime);
    }
}
