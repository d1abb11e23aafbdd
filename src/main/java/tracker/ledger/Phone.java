package tracker.ledger;

import java.util.Optional;
import java.util.regex.Pattern;

/** Vietnamese mobile numbers: 0xxxxxxxxx, 84xxxxxxxxx or +84xxxxxxxxx, one normal form 84xxxxxxxxx. */
public final class Phone {
    // mobile ranges start with 3, 5, 7, 8 or 9 after the country or trunk prefix
    private static final Pattern LOCAL = Pattern.compile("0([35789]\\d{8})");
    private static final Pattern INTL = Pattern.compile("\\+?84([35789]\\d{8})");
    private static final Pattern SEPARATORS = Pattern.compile("[ .\\-]");

    private Phone() {}

    /** The normal form, or empty when this is not a Vietnamese mobile number. */
    public static Optional<String> normalise(String raw) {
        if (raw == null || raw.length() > 20) return Optional.empty();
        String s = SEPARATORS.matcher(raw.strip()).replaceAll("");
        var m = LOCAL.matcher(s);
        if (m.matches()) return Optional.of("84" + m.group(1));
        m = INTL.matcher(s);
        return m.matches() ? Optional.of("84" + m.group(1)) : Optional.empty();
    }

    /** The local form eSMS's samples use (0xxxxxxxxx), from the normal form. */
    public static String local(String normal) { return "0" + normal.substring(2); }

    /** 0901***484: enough to recognise a customer in a log line, not enough to dial. */
    public static String mask(String phone) {
        if (phone == null || phone.length() < 8) return "***";
        return phone.substring(0, 4) + "***" + phone.substring(phone.length() - 3);
    }
}
