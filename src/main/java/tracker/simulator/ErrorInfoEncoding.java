package tracker.simulator;

import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;

/** The three ways eSMS's published callback samples encode {@code error_info}; the simulator rotates through them. */
enum ErrorInfoEncoding {
    /** {@code %257B%2522error%2522%3A0...%257D____24%2F04%2F2024%252016%3A58%3A01}: encoded twice plus a timestamp. */
    DOUBLE_WITH_TIMESTAMP,
    /** {@code {%22error%22%3A0...}}: encoded once, braces left raw. */
    ONCE_RAW_BRACES,
    /** {@code %22{%5C%22error%5C%22%3A-114...}%22}: a quoted JSON string with escaped quotes, encoded once. */
    QUOTED;

    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("dd/MM/yyyy HH:mm:ss");
    private static final ZoneId VIETNAM = ZoneId.of("Asia/Ho_Chi_Minh");

    static ErrorInfoEncoding forIndex(long n) {
        return values()[(int) (n % values().length)];
    }

    /** The query-string value for {@code json}; empty JSON stays empty. */
    String encode(String json, ZonedDateTime now) {
        if (json.isEmpty()) return "";
        return switch (this) {
            case DOUBLE_WITH_TIMESTAMP ->
                    percent(percent(json + "____" + now.withZoneSameInstant(VIETNAM).format(STAMP), ":,/"), "");
            case ONCE_RAW_BRACES -> percent(json, "{}");
            case QUOTED -> percent("\"" + json.replace("\\", "\\\\").replace("\"", "\\\"") + "\"", "{}");
        };
    }

    /** Percent-encodes every byte except RFC 3986 unreserved characters and those in {@code keep}. */
    static String percent(String text, String keep) {
        StringBuilder out = new StringBuilder();
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            boolean unreserved = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || c == '-' || c == '.' || c == '_' || c == '~';
            if (unreserved || (c < 128 && keep.indexOf(c) >= 0)) {
                out.append((char) c);
            } else {
                out.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
            }
        }
        return out.toString();
    }
}
