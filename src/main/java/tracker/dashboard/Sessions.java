package tracker.dashboard;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import tracker.web.Auth;

/**
 * Dashboard sign-ins, in memory: a random id (256 bits) per browser, valid for {@link #TTL}. Only a digest of
 * each id is kept, so a heap dump does not hand out live sessions. A restart signs everybody out.
 */
public final class Sessions {
    public static final Duration TTL = Duration.ofHours(12);
    static final int MAX = 10_000;

    private final Map<String, Long> expiries = new ConcurrentHashMap<>();
    private final SecureRandom random = new SecureRandom();
    private final Clock clock;

    public Sessions(Clock clock) { this.clock = clock; }

    /** A new session id; the oldest session makes room when {@link #MAX} are live. */
    public String create() {
        long now = clock.millis();
        expiries.values().removeIf(at -> at <= now);
        if (expiries.size() >= MAX) {
            expiries.entrySet().stream().min(Map.Entry.comparingByValue())
                    .ifPresent(oldest -> expiries.remove(oldest.getKey()));
        }
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        String id = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        expiries.put(key(id), now + TTL.toMillis());
        return id;
    }

    public boolean valid(String id) {
        if (id == null || id.length() != 43) return false;
        Long at = expiries.get(key(id));
        if (at == null) return false;
        if (at > clock.millis()) return true;
        expiries.remove(key(id));
        return false;
    }

    public void remove(String id) {
        if (id != null) expiries.remove(key(id));
    }

    static String key(String id) { return HexFormat.of().formatHex(Auth.sha256(id)); }
}
