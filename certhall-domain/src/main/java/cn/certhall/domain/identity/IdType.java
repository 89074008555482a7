package cn.certhall.domain.identity;

import java.util.Arrays;
import java.util.List;

/**
 * The kind of an ID number (证件类型): the organization's credit code, or one of the person's ID
 * documents of the application form (SPEC 3.1). The one list used by orders, verification and the
 * portal; the constant names are stored in the database.
 */
public enum IdType {
  /** 统一社会信用代码 (GB 32100): the applicant of a unit certificate order. */
  UNIFIED_SOCIAL_CREDIT_CODE("统一社会信用代码", false),
  RESIDENT_ID_CARD("身份证", true),
  PASSPORT("护照", true),
  MILITARY_OFFICER_CARD("军官证", true),
  HONG_KONG_MACAO_PERMIT("港澳居民身份证/通行证", true),
  TAIWAN_RESIDENT_PERMIT("台湾居民通行证", true),
  ARMED_POLICE_CARD("警士证", true),
  SOLDIER_CARD("军士证", true);

  private static final List<IdType> PERSONAL =
      Arrays.stream(values()).filter(IdType::isPersonal).toList();

  private final String label;
  private final boolean personal;

  IdType(String label, boolean personal) {
    this.label = label;
    this.personal = personal;
  }

  /** The Chinese name the form shows, as in the manual. */
  public String label() {
    return label;
  }

  /** Whether a person (handler, administrator) may hold an ID of this kind. */
  public boolean isPersonal() {
    return personal;
  }

  /** The types a person may choose on the form, in the manual's order. */
  public static List<IdType> personalTypes() {
    return PERSONAL;
  }
}
