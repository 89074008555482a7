package cn.certhall.app.realname;

import cn.certhall.domain.verification.BankCardFourFactor;
import cn.certhall.domain.verification.MobileThreeFactor;
import cn.certhall.domain.verification.RealNameVerifier.Result;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * Real-name checks at Tencent Cloud 人脸核身: {@code PhoneVerification} (手机号三要素核验: IdCard, Name, Phone)
 * and {@code BankCard4EVerification} (银行卡四要素核验: Name, BankCard, Phone, IdCard; CertType left at its
 * default, the resident ID card, the only type the provider checks). The answer's {@code Result}
 * code is mapped by {@link TencentResults}; an error of the whole request, a time-out or no
 * connection is UNAVAILABLE.
 */
public final class TencentRealNameVerifier implements RealNameProvider {
  private final TencentFaceid faceid;

  public TencentRealNameVerifier(RealNameProperties settings) {
    this.faceid =
        new TencentFaceid(
            settings.tencent(),
            "certhall.realname",
            settings.connectTimeout(),
            settings.readTimeout());
  }

  @Override
  public String name() {
    return "tencent";
  }

  @Override
  public ProviderAnswer<Result> checkMobile(MobileThreeFactor factors) {
    Map<String, String> p = new LinkedHashMap<>();
    p.put("IdCard", factors.idNumber());
    p.put("Name", factors.name());
    p.put("Phone", factors.mobile());
    return answer(faceid.call("PhoneVerification", p), TencentResults::phone);
  }

  @Override
  public ProviderAnswer<Result> checkBankCard(BankCardFourFactor factors) {
    Map<String, String> p = new LinkedHashMap<>();
    p.put("Name", factors.name());
    p.put("BankCard", factors.cardNumber());
    p.put("Phone", factors.reservedMobile());
    p.put("IdCard", factors.idNumber());
    return answer(faceid.call("BankCard4EVerification", p), TencentResults::bankCard);
  }

  private static ProviderAnswer<Result> answer(
      TencentFaceid.Reply reply, Function<String, Result> mapping) {
    if (!reply.answered()) {
      return new ProviderAnswer<>(Result.UNAVAILABLE, reply.code(), reply.requestId());
    }
    String result = reply.text("Result");
    return new ProviderAnswer<>(
        result == null ? Result.UNAVAILABLE : mapping.apply(result),
        result == null ? "NO_RESULT" : result,
        reply.requestId());
  }
}
