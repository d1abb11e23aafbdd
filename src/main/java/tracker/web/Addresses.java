package tracker.web;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.regex.Pattern;

/** IP address literals, read without ever asking DNS: a name in a header or a setting must not cause a lookup. */
public final class Addresses {
    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
    private static final Pattern IPV4_WITH_PORT = Pattern.compile("(\\d{1,3}(?:\\.\\d{1,3}){3}):\\d{1,5}");
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]+");

    private Addresses() {}

    /** The address of a bare IP literal ("10.0.0.5", "::1"), or null for anything else (names, ports, brackets). */
    public static InetAddress ip(String s) {
        if (s == null) return null;
        boolean ipv4 = IPV4.matcher(s).matches();
        if (!ipv4 && !(s.indexOf(':') >= 0 && IPV6.matcher(s).matches())) return null;
        try {
            return InetAddress.getByName(s); // a literal: parsed, never looked up
        } catch (UnknownHostException malformed) {
            return null;
        }
    }

    /** One spelling per address ("::1" and "0:0:0:0:0:0:0:1" alike), or null when {@code s} is not a bare IP literal. */
    public static String normalized(String s) {
        InetAddress a = ip(s == null ? null : s.strip());
        return a == null ? null : a.getHostAddress();
    }

    /** An address as proxies and servlet containers write it ("[::1]", "[::1]:443", "10.0.0.5:80" too), normalized. */
    public static String fromHeader(String s) {
        if (s == null) return null;
        String v = s.strip();
        if (v.startsWith("[")) {
            int end = v.indexOf(']');
            if (end < 0) return null;
            v = v.substring(1, end);
        }
        var withPort = IPV4_WITH_PORT.matcher(v);
        if (withPort.matches()) v = withPort.group(1);
        return normalized(v);
    }

    /** True for "localhost" and loopback literals (127.0.0.0/8, ::1): traffic to them never leaves the machine. */
    public static boolean loopback(String host) {
        if (host == null) return false;
        if (host.toLowerCase(Locale.ROOT).equals("localhost")) return true;
        InetAddress a = ip(host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host);
        return a != null && a.isLoopbackAddress();
    }

    /** True when {@code url}'s host is loopback (see {@link #loopback}). */
    public static boolean loopbackUrl(String url) {
        try {
            return loopback(URI.create(url).getHost());
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
