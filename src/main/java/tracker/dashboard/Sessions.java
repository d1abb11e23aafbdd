package tracker.dashboard;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import org.jdbi.v3.core.Jdbi;
import tracker.db.Writer;
import tracker.web.Auth;

/**
 * Dashboard sign-ins: a random id (256 bits) per browser, valid for {@link #TTL}, kept in the database so every
 * instance behind a load balancer knows it (and a sign-out anywhere ends it everywhere, a restart ends none). Only a
 * digest of each id is stored, so neither a heap dump nor a database dump hands out live sessions. A check is one
 * primary-key read: no copy in memory that another instance's sign-out would have to reach.
 */
public final class Sessions {
    public static final Duration TTL = Duration.ofHours(12);
    static final int MAX = 10_000;

    private final Writer writer;
    private final Jdbi reads;
    private final SecureRandom random = new SecureRandom();
    private final Clock clock;

    public Sessions(Writer writer, Jdbi reads, Clock clock) {
        this.writer = writer;
        this.reads = reads;
        this.clock = clock;
    }

    /** A new session id; expired ones go, and the oldest make room when {@link #MAX} are live. */
    public String create() {
        long now = clock.millis();
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        String id = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        writer.write(tx -> {
            SessionDao dao = tx.dao(SessionDao.class);
            dao.purge(now);
            int extra = dao.count() - MAX + 1;
            if (extra > 0) dao.dropOldest(extra);
            dao.insert(key(id), now + TTL.toMillis());
            return null;
        });
        return id;
    }

    public boolean valid(String id) {
        if (id == null || id.length() != 43) return false;
        Long at = reads.withExtension(SessionDao.class, d -> d.expiresAt(key(id))).orElse(null);
        return at != null && at > clock.millis(); // an expired row goes at the next sign-in
    }

    public void remove(String id) {
        if (id == null || id.length() != 43) return;
        writer.write(tx -> tx.dao(SessionDao.class).delete(key(id)));
    }

    static String key(String id) { return HexFormat.of().formatHex(Auth.sha256(id)); }
}
