package cn.certhall.domain.verification;

/** Numbers in results and texts (SPEC 4): enough to recognise, not to reuse. */
final class Masking {

    private Masking() {}

    /** 13812345678 → 138****5678. */
    static String mobile(String mobile) {
        if (mobile == null || mobile.length() < 7) {
            return "****";
        }
        return mobile.substring(0, 3) + "****" + mobile.substring(mobile.length() - 4);
    }

    /** Card and account numbers: the last four digits, 6222020200112233 → ****2233. */
    static String lastFour(String number) {
        if (number == null || number.length() < 8) {
            return "****";
        }
        return "****" + number.substring(number.length() - 4);
    }
}
