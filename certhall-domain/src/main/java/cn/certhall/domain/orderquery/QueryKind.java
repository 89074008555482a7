package cn.certhall.domain.orderquery;

import cn.certhall.domain.identity.Field;
import cn.certhall.domain.identity.IdNumber;
import cn.certhall.domain.identity.IdType;
import cn.certhall.domain.identity.UnifiedSocialCreditCode;
import cn.certhall.domain.identity.ValidationError;
import cn.certhall.domain.identity.ValidationResult;
import java.time.Clock;

/**
 * What the person looks for on the query form (manual 2.1: 选择“单位数字证书/个人数字证书”): it decides how the
 * ID number is checked, not which orders are found — orders are kept and found by the number alone,
 * as the one-unfinished-order rule is.
 */
public enum QueryKind {
  /** 单位数字证书: the organization's Unified Social Credit Code. */
  UNIT,
  /** 个人数字证书: a person's ID document, of one of the personal {@link IdType}s. */
  PERSONAL;

  /**
   * Checks the entered number as this kind asks.
   *
   * @param idType for {@link #PERSONAL}: the document type chosen (null or a non-personal type is
   *     an {@link ValidationError#EMPTY} {@link Field#ID_TYPE}); ignored for {@link #UNIT}
   */
  public ValidationResult validate(IdType idType, String raw, Clock clock) {
    if (this == UNIT) {
      return UnifiedSocialCreditCode.validate(raw);
    }
    if (idType == null || !idType.isPersonal()) {
      return ValidationResult.invalid(Field.ID_TYPE, ValidationError.EMPTY);
    }
    return IdNumber.validate(idType, raw, clock);
  }
}
