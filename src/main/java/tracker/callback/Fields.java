package tracker.callback;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tracker.ledger.Refused;

/**
 * A callback's fields in the order received, looked up case-insensitively (eSMS spells TotalPrice and
 * Totalprice). Parsed leniently from eSMS's raw query (bare braces, stray percent signs) but never mangled.
 */
public record Fields(List<Map.Entry<String, String>> entries) {
    static final int MAX_FIELDS = 64;
    static final int MAX_VALUE = 4096;
    static final int MAX_QUERY = 16 * 1024;

    public String get(String name) {
        for (var e : entries) if (e.getKey().equalsIgnoreCase(name)) return e.getValue();
        return null;
    }

    /** The fields as a JSON-friendly map, names as eSMS spelled them. */
    public Map<String, String> asMap() {
        Map<String, String> m = new LinkedHashMap<>();
        for (var e : entries) m.putIfAbsent(e.getKey(), e.getValue());
        return m;
    }

    /** Fields from a raw query string or a form body: a=b&c=d, percent-decoded, '+' as space. */
    public static Fields parseQuery(String raw) {
        if (raw == null) raw = "";
        if (raw.length() > MAX_QUERY) throw Refused.invalid("callback query is too long", "query");
        List<Map.Entry<String, String>> out = new ArrayList<>();
        for (String pair : raw.split("&")) {
            if (pair.isEmpty()) continue;
            int eq = pair.indexOf('=');
            String name = decode(eq < 0 ? pair : pair.substring(0, eq), true);
            String value = eq < 0 ? "" : decode(pair.substring(eq + 1), true);
            add(out, name, value);
        }
        return checked(out);
    }

    /** Fields from a JSON object body (values of any scalar type, kept as their text). */
    public static Fields of(Map<String, String> map) {
        List<Map.Entry<String, String>> out = new ArrayList<>();
        map.forEach((k, v) -> add(out, k, v == null ? "" : v));
        return checked(out);
    }

    private static void add(List<Map.Entry<String, String>> out, String name, String value) {
        if (out.size() >= MAX_FIELDS) throw Refused.invalid("callback has more than " + MAX_FIELDS + " fields", "query");
        if (name.length() > 64) throw Refused.invalid("callback field name too long", "query");
        if (value.length() > MAX_VALUE) throw Refused.invalid(name + " is too long", name);
        out.add(Map.entry(name, value));
    }

    private static Fields checked(List<Map.Entry<String, String>> out) {
        for (String key : List.of("SMSID", "SendStatus")) {
            String first = null;
            for (var e : out) {
                if (!e.getKey().equalsIgnoreCase(key)) continue;
                if (first != null && !first.equals(e.getValue())) {
                    throw Refused.invalid(key + " is given twice with different values", key);
                }
                first = e.getValue();
            }
        }
        return new Fields(List.copyOf(out));
    }

    /**
     * Percent-decodes leniently: valid %XX sequences become bytes, anything else is kept as written. The bytes
     * must be UTF-8. {@code plusIsSpace} for form encoding.
     */
    public static String decode(String s, boolean plusIsSpace) {
        if (s.indexOf('%') < 0 && !(plusIsSpace && s.indexOf('+') >= 0)) return s;
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '%' && i + 2 < s.length() && hex(s.charAt(i + 1)) >= 0 && hex(s.charAt(i + 2)) >= 0) {
                bytes.write(hex(s.charAt(i + 1)) * 16 + hex(s.charAt(i + 2)));
                i += 2;
            } else if (c == '+' && plusIsSpace) {
                bytes.write(' ');
            } else {
                byte[] b = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
                if (Character.isHighSurrogate(c) && i + 1 < s.length()) {
                    b = s.substring(i, i + 2).getBytes(StandardCharsets.UTF_8);
                    i++;
                }
                bytes.write(b, 0, b.length);
            }
        }
        return utf8(bytes.toByteArray());
    }

    /** Strict UTF-8: a body that is not UTF-8 is refused rather than silently mangled. */
    public static String utf8(byte[] bytes) {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw Refused.invalid("callback contains invalid UTF-8", "query");
        }
    }

    private static int hex(char c) {
        if (c >= '0' && c <= '9') return c - '0';
        char l = Character.toLowerCase(c);
        return l >= 'a' && l <= 'f' ? l - 'a' + 10 : -1;
    }
}
