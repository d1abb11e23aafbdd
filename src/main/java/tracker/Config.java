package tracker;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import tracker.db.Database;
import tracker.ops.LogSetup;
import tracker.web.Addresses;

/** All configuration, read once from the environment and validated at start-up. */
public record Config(
        int port,
        String host,
        String publicUrl,
        String databaseUrl,
        String esmsBaseUrl,
        String esmsStatusBaseUrl,
        String esmsApiKey,
        String esmsSecretKey,
        String esmsOaid,
        String apiToken,
        String callbackSecret,
        String callbackSecretPrevious,
        Simulator simulator,
        Long simulatorSeed,
        Duration reconcileAfter,
        LogSetup.Format logFormat,
        int retentionDays,
        boolean nightResend,
        long lowBalanceVnd,
        Duration holdMax,
        List<String> trustedProxies,
        boolean webhookAllowPrivate,
        List<Duration> webhookRetryDelays,
        Duration retryTick,
        Clock clock) {

    public enum Simulator { AUTO, ON, OFF }

    /** Thrown for a bad variable; the message names the variable and says what to do. */
    public static final class Invalid extends RuntimeException {
        public Invalid(String message) { super(message); }
    }

    public static Config fromEnv() { return fromEnv(System.getenv()); }

    public static Config fromEnv(Map<String, String> env) {
        return new Config(
                intVar(env, "PORT", 7070, 0, 65535),
                host(env.get("HOST")),
                url(env, "PUBLIC_URL", null),
                jdbc(env.getOrDefault("DATABASE_URL", Database.DEFAULT_URL)),
                url(env, "ESMS_BASE_URL", "https://rest.esms.vn"),
                url(env, "ESMS_STATUS_BASE_URL", "https://status-sms.esms.vn"),
                blankToNull(env.get("ESMS_API_KEY")),
                blankToNull(env.get("ESMS_SECRET_KEY")),
                blankToNull(env.get("ESMS_OAID")),
                secret(env, "API_TOKEN"),
                secret(env, "CALLBACK_SECRET"),
                secret(env, "CALLBACK_SECRET_PREVIOUS"),
                simulator(env.get("ESMS_SIMULATOR")),
                seed(env.get("ESMS_SIMULATOR_SEED")),
                duration(env, "RECONCILE_AFTER", Duration.ofMinutes(10)),
                logFormat(env.get("LOG_FORMAT")),
                intVar(env, "RETENTION_DAYS", 180, 1, 36500),
                onOff(env, "NIGHT_RESEND", true),
                intVar(env, "LOW_BALANCE_VND", 50_000, 0, 2_000_000_000),
                duration(env, "HOLD_MAX", Duration.ofHours(24)),
                trustedProxies(env.get("TRUSTED_PROXIES")),
                trueFalse(env, "WEBHOOK_ALLOW_PRIVATE"),
                delays(env.get("WEBHOOK_RETRY_DELAYS")),
                Duration.ofSeconds(1),
                Clock.systemUTC()).validated();
    }

    /** True when the embedded eSMS simulator plays eSMS. */
    public boolean simulatorOn() {
        return simulator == Simulator.ON || (simulator == Simulator.AUTO && esmsApiKey == null);
    }

    public Config validated() {
        if ((esmsApiKey == null) != (esmsSecretKey == null)) {
            throw new Invalid("ESMS_API_KEY and ESMS_SECRET_KEY must be set together (one of them is missing)");
        }
        if (simulator == Simulator.OFF && esmsApiKey == null) {
            throw new Invalid("ESMS_SIMULATOR=off needs ESMS_API_KEY and ESMS_SECRET_KEY (your eSMS account keys)");
        }
        if (simulatorOn()) return this;
        // real keys and real phones: closed unless opened, and the keys only ever travel encrypted
        if (apiToken == null && !Addresses.loopback(host)) {
            throw new Invalid("API_TOKEN is required when the simulator is off: set it to at least 16 random characters "
                    + "(e.g. API_TOKEN=$(openssl rand -hex 32)), or set HOST=127.0.0.1 to serve this machine only "
                    + "(e.g. behind a proxy that does its own authentication)");
        }
        tls("ESMS_BASE_URL", esmsBaseUrl);
        tls("ESMS_STATUS_BASE_URL", esmsStatusBaseUrl);
        return this;
    }

    /** The eSMS keys travel in every call: never in clear text, except to this machine (a test's fake eSMS). */
    private static void tls(String name, String url) {
        if (!url.regionMatches(true, 0, "https://", 0, 8) && !Addresses.loopbackUrl(url)) {
            throw new Invalid(name + " must be an https:// URL when the simulator is off: the eSMS keys travel in every "
                    + "call (got '" + url + "')");
        }
    }

    public Config withClock(Clock c, Duration tick) { return new Config(port, host, publicUrl, databaseUrl, esmsBaseUrl, esmsStatusBaseUrl, esmsApiKey, esmsSecretKey, esmsOaid, apiToken, callbackSecret, callbackSecretPrevious, simulator, simulatorSeed, reconcileAfter, logFormat, retentionDays, nightResend, lowBalanceVnd, holdMax, trustedProxies, webhookAllowPrivate, webhookRetryDelays, tick, c); }

    /** Secrets are masked: a record's default toString would print them into any log line. */
    @Override public String toString() {
        return "Config[port=" + port + ", host=" + host + ", publicUrl=" + publicUrl + ", databaseUrl=" + Database.redacted(databaseUrl)
                + ", esmsBaseUrl=" + esmsBaseUrl + ", simulator=" + simulator + ", esmsApiKey=" + mask(esmsApiKey)
                + ", esmsSecretKey=" + mask(esmsSecretKey) + ", apiToken=" + mask(apiToken) + ", callbackSecret="
                + mask(callbackSecret) + ", callbackSecretPrevious=" + mask(callbackSecretPrevious)
                + ", reconcileAfter=" + reconcileAfter + ", logFormat=" + logFormat + ", retentionDays=" + retentionDays
                + ", trustedProxies=" + trustedProxies + ", webhookAllowPrivate=" + webhookAllowPrivate + "]";
    }

    private static String mask(String s) { return s == null ? "unset" : "***"; }

    private static String blankToNull(String s) { return s == null || s.isBlank() ? null : s.trim(); }

    private static int intVar(Map<String, String> env, String name, int def, int min, int max) {
        String v = blankToNull(env.get(name));
        if (v == null) return def;
        try {
            int n = Integer.parseInt(v);
            if (n >= min && n <= max) return n;
        } catch (NumberFormatException ignored) { /* reported below */ }
        throw new Invalid(name + " must be a whole number from " + min + " to " + max + " (got '" + v + "')");
    }

    private static String url(Map<String, String> env, String name, String def) {
        String v = blankToNull(env.get(name));
        if (v == null) return def;
        try {
            URI u = URI.create(v);
            String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(Locale.ROOT);
            if ((scheme.equals("http") || scheme.equals("https")) && u.getHost() != null && u.getRawQuery() == null) {
                return v.endsWith("/") ? v.substring(0, v.length() - 1) : v;
            }
        } catch (IllegalArgumentException ignored) { /* reported below */ }
        throw new Invalid(name + " must be an http(s) URL without a query string, e.g. https://tracker.example.com (got '" + v + "')");
    }

    /** An IP address to listen on; never a name, so what is bound does not depend on DNS. */
    private static String host(String v) {
        String s = blankToNull(v);
        if (s == null) return "0.0.0.0";
        if (s.equalsIgnoreCase("localhost") || Addresses.ip(s) != null) return s;
        throw new Invalid("HOST must be an IP address to listen on: 0.0.0.0 (every interface) or 127.0.0.1 (this machine "
                + "only) (got '" + s + "')");
    }

    private static List<String> trustedProxies(String v) {
        String s = blankToNull(v);
        if (s == null) return List.of();
        List<String> out = new ArrayList<>();
        for (String part : s.split(",")) {
            String ip = Addresses.normalized(part);
            if (ip == null) {
                throw new Invalid("TRUSTED_PROXIES must be IP addresses separated by commas, e.g. 127.0.0.1,10.0.0.5 "
                        + "(got '" + part.strip() + "')");
            }
            out.add(ip);
        }
        return List.copyOf(out);
    }

    private static String jdbc(String v) {
        if (!v.startsWith("jdbc:sqlite:") && !v.startsWith("jdbc:postgresql://")) {
            throw new Invalid("DATABASE_URL must be a SQLite or PostgreSQL JDBC URL such as jdbc:sqlite:db/journeys.sqlite or "
                    + "jdbc:postgresql://db.internal/tracker?user=tracker&password=... (got '" + Database.redacted(v) + "')");
        }
        return v;
    }

    private static String secret(Map<String, String> env, String name) {
        String v = blankToNull(env.get(name));
        if (v != null && v.length() < 16) {
            throw new Invalid(name + " is too short: use at least 16 random characters (e.g. openssl rand -hex 32)");
        }
        return v;
    }

    private static Duration duration(Map<String, String> env, String name, Duration def) {
        String v = blankToNull(env.get(name));
        if (v == null) return def;
        try {
            Duration d = Duration.parse(v);
            if (!d.isNegative() && !d.isZero()) return d;
        } catch (java.time.format.DateTimeParseException ignored) { /* reported below */ }
        throw new Invalid(name + " must be a positive ISO-8601 duration such as PT10M (got '" + v + "')");
    }

    private static boolean onOff(Map<String, String> env, String name, boolean def) {
        String v = blankToNull(env.get(name));
        if (v == null) return def;
        if (v.equalsIgnoreCase("on")) return true;
        if (v.equalsIgnoreCase("off")) return false;
        throw new Invalid(name + " must be on or off (got '" + v + "')");
    }

    /** Standard Webhooks' schedule: after a failed attempt, wait 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 10 h; then give up. */
    public static final List<Duration> WEBHOOK_DELAYS = List.of(Duration.ofSeconds(5), Duration.ofMinutes(5),
            Duration.ofMinutes(30), Duration.ofHours(2), Duration.ofHours(5), Duration.ofHours(10), Duration.ofHours(10));

    private static List<Duration> delays(String v) {
        String s = blankToNull(v);
        if (s == null) return WEBHOOK_DELAYS;
        List<Duration> out = new ArrayList<>();
        for (String part : s.split(",")) {
            try {
                Duration d = Duration.parse(part.strip());
                if (!d.isNegative() && d.compareTo(Duration.ofDays(1)) <= 0) {
                    out.add(d);
                    continue;
                }
            } catch (java.time.format.DateTimeParseException ignored) { /* reported below */ }
            throw new Invalid("WEBHOOK_RETRY_DELAYS must be ISO-8601 durations of at most a day separated by commas, "
                    + "e.g. PT5S,PT5M,PT30M (got '" + part.strip() + "')");
        }
        if (out.size() > 20) throw new Invalid("WEBHOOK_RETRY_DELAYS allows at most 20 retries (got " + out.size() + ")");
        return List.copyOf(out);
    }

    private static boolean trueFalse(Map<String, String> env, String name) {
        String v = blankToNull(env.get(name));
        if (v == null || v.equalsIgnoreCase("false")) return false;
        if (v.equalsIgnoreCase("true")) return true;
        throw new Invalid(name + " must be true or false (got '" + v + "')");
    }

    private static Long seed(String v) {
        String s = blankToNull(v);
        if (s == null) return null;
        try {
            return Long.parseLong(s);
        } catch (NumberFormatException e) {
            throw new Invalid("ESMS_SIMULATOR_SEED must be a whole number (got '" + s + "')");
        }
    }

    private static LogSetup.Format logFormat(String v) {
        String s = blankToNull(v);
        if (s == null) return LogSetup.Format.TEXT;
        try {
            return LogSetup.Format.valueOf(s.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new Invalid("LOG_FORMAT must be text or json (got '" + s + "')");
        }
    }

    private static Simulator simulator(String v) {
        String s = blankToNull(v);
        if (s == null) return Simulator.AUTO;
        try {
            return Simulator.valueOf(s.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new Invalid("ESMS_SIMULATOR must be auto, on or off (got '" + s + "')");
        }
    }
}
