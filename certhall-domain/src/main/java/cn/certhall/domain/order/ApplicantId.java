package cn.certhall.domain.order;

import cn.certhall.domain.identity.IdType;
import java.util.Objects;

/**
 * Who an order is for: the ID number under which orders are listed and at most one unfinished order
 * per business type may exist. For unit orders it is the organization's credit code.
 */
public record ApplicantId(IdType type, String number) {

  public ApplicantId {
    Objects.requireNonNull(type, "type");
    number = normalize(number);
  }

  public static ApplicantId unit(String creditCode) {
    return new ApplicantId(IdType.UNIFIED_SOCIAL_CREDIT_CODE, creditCode);
  }

  /** The form in which ID numbers are stored and compared. */
  public static String normalize(String idNumber) {
    return Fields.idNumber(idNumber, "ID number");
  }

  @Override
  public String toString() {
    return "ApplicantId[" + type + "]";
  }
}
