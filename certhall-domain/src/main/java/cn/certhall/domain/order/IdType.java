package cn.certhall.domain.order;

/** The kind of an ID number (证件类型): an organization's credit code or a person's document. */
public enum IdType {
    /** 统一社会信用代码 (GB 32100): the applicant of a unit certificate order. */
    UNIFIED_SOCIAL_CREDIT_CODE(false),
    /** 身份证. */
    RESIDENT_ID_CARD(true),
    /** 护照. */
    PASSPORT(true),
    /** 军官证. */
    MILITARY_OFFICER_CARD(true),
    /** 港澳居民身份证/通行证. */
    HONG_KONG_MACAO_PERMIT(true),
    /** 台湾居民通行证. */
    TAIWAN_RESIDENT_PERMIT(true),
    /** 警士证. */
    ARMED_POLICE_CARD(true),
    /** 军士证. */
    SOLDIER_CARD(true);

    private final boolean personal;

    IdType(boolean personal) {
        this.personal = personal;
    }

    /** Whether a person (handler, administrator) may hold an ID of this kind. */
    public boolean isPersonal() {
        return personal;
    }
}
