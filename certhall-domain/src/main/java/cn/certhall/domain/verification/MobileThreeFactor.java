package cn.certhall.domain.verification;

import cn.certhall.domain.identity.Masking;
import java.util.Locale;

/**
 * 手机三要素: a person's name and ID number, and a mobile the carrier says is registered to them. The
 * mobile is kept as 11 digits (a +86 prefix is dropped).
 */
public record MobileThreeFactor(String name, String idNumber, String mobile) {

  public MobileThreeFactor {
    name = Inputs.required(name, "name", Inputs.NAME);
    idNumber = Inputs.required(idNumber, "ID number", Inputs.ID_NUMBER).toUpperCase(Locale.ROOT);
    mobile = Inputs.mobile(mobile, "mobile");
  }

  @Override
  public String toString() {
    return "MobileThreeFactor[mobile " + Masking.mobile(mobile) + "]";
  }
}
