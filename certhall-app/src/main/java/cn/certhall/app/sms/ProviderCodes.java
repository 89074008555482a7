package cn.certhall.app.sms;

import cn.certhall.domain.verification.SmsSender.Result;
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

  private ProviderCodes() {}

  static Result aliyun(String code) {
    if (code == null) {
      return Result.UNAVAILABLE;
    }
    Result known = ALIYUN.get(code);
    if (known != null) {
      return known;
    }
    if (code.startsWith("isv.")
        || code.startsWith("InvalidAccessKeyId")
        || code.startsWith("SignatureDoesNotMatch")
        || code.startsWith("Forbidden")
        || code.startsWith("isp.RAM_PERMISSION_DENY")) {
      return Result.REFUSED;
    }
    return Result.UNAVAILABLE;
  }

  static Result tencent(String code) {
    if (code == null) {
      return Result.UNAVAILABLE;
    }
    Result known = TENCENT.get(code);
    if (known != null) {
      return known;
    }
    if (code.startsWith("FailedOperation.")
        || code.startsWith("InvalidParameter")
        || code.startsWith("MissingParameter")
        || code.startsWith("AuthFailure.")
        || code.startsWith("UnauthorizedOperation.")
        || code.startsWith("UnsupportedOperation.")
        || code.startsWith("LimitExceeded.App")) {
      return Result.REFUSED;
    }
    return Result.UNAVAILABLE;
  }
}
