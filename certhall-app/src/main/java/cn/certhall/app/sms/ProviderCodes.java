package cn.certhall.app.sms;

import cn.certhall.domain.verification.SmsSender.Result;
import java.util.List;
import java.util.Map;

/**
 * The providers' error codes, as documented (Alibaba Cloud: 短信服务 API 错误码; Tencent Cloud: 短信 API
 * 错误码), turned into what the domain understands. A code not listed falls to its family: Alibaba
 * Cloud's {@code isv.*} are the caller's (REFUSED), {@code isp.*} and throttling the provider's
 * (UNAVAILABLE); Tencent Cloud's {@code FailedOperation.*}, {@code InvalidParameter*}, {@code
 * AuthFailure.*}, {@code UnauthorizedOperation.*} and {@code LimitExceeded.App*} are the caller's,
 * the rest the provider's.
 */
final class ProviderCodes {
  private static final Map<String, Result> ALIYUN =
      Map.ofEntries(
          Map.entry("OK", Result.SENT),
          Map.entry("isv.MOBILE_NUMBER_ILLEGAL", Result.INVALID_NUMBER),
          Map.entry("isv.DOMESTIC_NUMBER_NOT_SUPPORTED", Result.INVALID_NUMBER),
          Map.entry("isv.BLACK_LIST", Result.INVALID_NUMBER),
          Map.entry("isv.BUSINESS_LIMIT_CONTROL", Result.RATE_LIMITED),
          Map.entry("isv.DAY_LIMIT_CONTROL", Result.RATE_LIMITED),
          Map.entry("isv.MINUTE_LIMIT_CONTROL", Result.RATE_LIMITED),
          Map.entry("isv.HOUR_LIMIT_CONTROL", Result.RATE_LIMITED),
          Map.entry("isv.SYSTEM_ERROR", Result.UNAVAILABLE));

  private static final Map<String, Result> TENCENT =
      Map.ofEntries(
          Map.entry("Ok", Result.SENT),
          Map.entry("InvalidParameterValue.IncorrectPhoneNumber", Result.INVALID_NUMBER),
          Map.entry("FailedOperation.PhoneNumberInBlacklist", Result.INVALID_NUMBER),
          Map.entry("FailedOperation.PhoneNumberParseFail", Result.INVALID_NUMBER),
          Map.entry("UnsupportedOperation.UnsupportedRegion", Result.INVALID_NUMBER),
          Map.entry("LimitExceeded.PhoneNumberDailyLimit", Result.RATE_LIMITED),
          Map.entry("LimitExceeded.PhoneNumberOneHourLimit", Result.RATE_LIMITED),
          Map.entry("LimitExceeded.PhoneNumberThirtySecondLimit", Result.RATE_LIMITED),
          Map.entry("LimitExceeded.PhoneNumberSameContentDailyLimit", Result.RATE_LIMITED),
          Map.entry("LimitExceeded.DeliveryFrequencyLimit", Result.RATE_LIMITED),
          Map.entry("FailedOperation.FailResolvePacket", Result.UNAVAILABLE));

  /** Alibaba Cloud's families of the caller's own errors. */
  private static final List<String> ALIYUN_REFUSED =
      List.of(
          "isv.",
          "InvalidAccessKeyId",
          "SignatureDoesNotMatch",
          "Forbidden",
          "isp.RAM_PERMISSION_DENY");

  /** Tencent Cloud's families of the caller's own errors. */
  private static final List<String> TENCENT_REFUSED =
      List.of(
          "FailedOperation.",
          "InvalidParameter",
          "MissingParameter",
          "AuthFailure.",
          "UnauthorizedOperation.",
          "UnsupportedOperation.",
          "LimitExceeded.App");

  private ProviderCodes() {}

  static Result aliyun(String code) {
    return classify(code, ALIYUN, ALIYUN_REFUSED);
  }

  static Result tencent(String code) {
    return classify(code, TENCENT, TENCENT_REFUSED);
  }

  /**
   * A listed code as listed, else REFUSED for a family of the caller's errors, else UNAVAILABLE.
   */
  private static Result classify(String code, Map<String, Result> known, List<String> refused) {
    if (code == null) {
      return Result.UNAVAILABLE;
    }
    Result listed = known.get(code);
    if (listed != null) {
      return listed;
    }
    return refused.stream().anyMatch(code::startsWith) ? Result.REFUSED : Result.UNAVAILABLE;
  }
}
