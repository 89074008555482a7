package cn.certhall.domain.material;

import cn.certhall.domain.order.BusinessType;
import java.util.EnumSet;
import java.util.Set;

/** The materials (资料) an applicant uploads (SPEC 3.1 step 6, 3.4). */
public enum MaterialKind {
  /** 营业执照: the original photographed, or a copy with the unit's stamp. */
  BUSINESS_LICENSE("营业执照", "business licence"),
  /** 经办人身份证正面: the side with the photo. */
  HANDLER_ID_FRONT("经办人身份证正面", "handler ID card, front"),
  /** 经办人身份证反面: the side with the issuing authority and validity. */
  HANDLER_ID_BACK("经办人身份证反面", "handler ID card, back"),
  /** 单位授权委托书: stamped and signed by the legal representative; template downloadable. */
  AUTHORIZATION_LETTER("单位授权委托书", "authorization letter"),
  /** 印章采集表: the seal impression the electronic seal is made from; template downloadable. */
  SEAL_COLLECTION_FORM("印章采集表", "seal collection form");

  private final String chineseLabel;
  private final String englishLabel;

  MaterialKind(String chineseLabel, String englishLabel) {
    this.chineseLabel = chineseLabel;
    this.englishLabel = englishLabel;
  }

  /** The manual's wording. */
  public String chineseLabel() {
    return chineseLabel;
  }

  public String englishLabel() {
    return englishLabel;
  }

  /**
   * What an order of {@code type} needs before its materials step is done: everything for a new
   * certificate; the business licence and the handler's ID card for a revocation (SPEC 3.4);
   * nothing for renewal and information change, which the manual runs without uploads.
   */
  public static Set<MaterialKind> requiredFor(BusinessType type) {
    return switch (type) {
      case NEW_UNIT_CERTIFICATE -> EnumSet.allOf(MaterialKind.class);
      case REVOCATION -> EnumSet.of(BUSINESS_LICENSE, HANDLER_ID_FRONT, HANDLER_ID_BACK);
      case RENEWAL, INFORMATION_CHANGE -> EnumSet.noneOf(MaterialKind.class);
    };
  }

  /**
   * What an order of {@code type} may upload without needing it: a new 印章采集表 for renewal and
   * information change, whose impression the new certificate's seal is then made from (issue 16,
   * point 15); without one the seal stays as it was.
   */
  public static Set<MaterialKind> optionalFor(BusinessType type) {
    return switch (type) {
      case RENEWAL, INFORMATION_CHANGE -> EnumSet.of(SEAL_COLLECTION_FORM);
      case NEW_UNIT_CERTIFICATE, REVOCATION -> EnumSet.noneOf(MaterialKind.class);
    };
  }
}
