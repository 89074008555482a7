package cn.certhall.domain.identity;

/**
 * The type of a person's ID document (证件类型) on the application form (SPEC 3.1). The constant
 * names are those of the order's and the verification's ID types, so one maps to another by name.
 */
public enum IdType {
    RESIDENT_ID_CARD("身份证"),
    PASSPORT("护照"),
    MILITARY_OFFICER_CARD("军官证"),
    HONG_KONG_MACAO_PERMIT("港澳居民身份证/通行证"),
    TAIWAN_RESIDENT_PERMIT("台湾居民通行证"),
    ARMED_POLICE_CARD("警士证"),
    SOLDIER_CARD("军士证");

    private final String label;

    IdType(String label) {
        this.label = label;
    }

    /** The Chinese name the form shows, as in the manual. */
    public String label() {
        return label;
    }
}
