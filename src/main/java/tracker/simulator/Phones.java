package tracker.simulator;

import java.util.regex.Pattern;

/** Vietnamese mobile numbers as eSMS takes them: 0xxxxxxxxx or 84xxxxxxxxx. */
final class Phones {
    private static final Pattern VALID = Pattern.compile("(0|84)[35789]\\d{8}");

    private Phones() {
    }

    static boolean valid(String phone) {
        return phone != null && VALID.matcher(phone).matches();
    }

    /** eSMS's telcoid (1 Viettel, 2 Mobifone, 3 Vinaphone, 4 Vietnamobile, 5 Gtel) from the number's prefix; "" if unknown. */
    static String telcoId(String phone) {
        String national = phone.startsWith("84") ? "0" + phone.substring(2) : phone;
        String p3 = national.substring(0, 3);
        if (p3.startsWith("03") || p3.equals("086") || p3.equals("096") || p3.equals("097") || p3.equals("098")) {
            return "1";
        }
        if (p3.startsWith("07") || p3.equals("089") || p3.equals("090") || p3.equals("093")) return "2";
        if (p3.matches("08[1-58]") || p3.equals("091") || p3.equals("094")) return "3";
        if (p3.equals("092") || p3.equals("056") || p3.equals("058")) return "4";
        if (p3.equals("099") || p3.equals("059")) return "5";
        return "";
    }
}
