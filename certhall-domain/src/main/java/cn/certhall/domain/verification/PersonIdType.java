package cn.certhall.domain.verification;

/**
 * A person's ID document type (证件类型), as real-name verification services take it. The names
 * are those of the application form's personal ID types, so one maps to the other by name.
 */
public enum PersonIdType {
    /** 身份证. */
    RESIDENT_ID_CARD,
    /** 护照. */
    PASSPORT,
    /** 军官证. */
    MILITARY_OFFICER_CARD,
    /** 港澳居民身份证/通行证. */
    HONG_KONG_MACAO_PERMIT,
    /** 台湾居民通行证. */
    TAIWAN_RESIDENT_PERMIT,
    /** 警士证. */
    ARMED_POLICE_CARD,
    /** 军士证. */
    SOLDIER_CARD
}
