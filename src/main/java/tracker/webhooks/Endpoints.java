package tracker.webhooks;

import java.time.Clock;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tracker.db.Notices;
import tracker.db.Writer;
import tracker.ledger.Refused;

/**
 * The registered endpoints, with an in-memory copy refreshed on every change, here or (told by {@link Notices})
 * through another instance: with none registered (or none wanting an event type), recording a change costs one look
 * at a set.
 */
public final class Endpoints {
    private static final Logger log = LoggerFactory.getLogger(Endpoints.class);
    public static final String STATUS_CHANGED = "message.status_changed";
    public static final String JOURNEY_COMPLETED = "journey.completed";
    public static final String ACCOUNT_ALERT = "account.alert";
    static final List<String> TYPES = List.of(STATUS_CHANGED, JOURNEY_COMPLETED, ACCOUNT_ALERT);
    static final int MAX_ENDPOINTS = 20;
    /** The notices topic: the endpoints changed (created, deleted, disabled). */
    static final String TOPIC = "webhook_endpoints";

    /** An endpoint as just created: the only time its secret is shown. */
    record Created(WebhookDao.Endpoint endpoint, String secret) {}

    private final Writer writer;
    private final Jdbi reads;
    private final Clock clock;
    private final Targets targets;
    private final Notices notices;
    private volatile List<WebhookDao.Endpoint> all;
    private volatile Set<String> wanted;

    Endpoints(Writer writer, Jdbi reads, Clock clock, Targets targets, Notices notices) {
        this.writer = writer;
        this.reads = reads;
        this.clock = clock;
        this.targets = targets;
        this.notices = notices;
        reload();
        notices.subscribe(TOPIC, changedElsewhere -> reload());
    }

    /** The event types some enabled endpoint wants (empty: webhooks cost nothing). */
    Set<String> wanted() { return wanted; }

    List<WebhookDao.Endpoint> all() { return all; }

    Optional<WebhookDao.Endpoint> find(long id) { return all.stream().filter(e -> e.id() == id).findFirst(); }

    WebhookDao.Endpoint get(long id) { return find(id).orElseThrow(() -> Refused.unknown("no webhook endpoint " + id)); }

    Created create(String url, List<String> events) {
        String target = targets.check(url);
        if (events.isEmpty()) throw Refused.invalid("events must name at least one event type: " + TYPES, "events");
        for (String e : events) {
            if (!TYPES.contains(e)) throw Refused.invalid("events: unknown event type '" + e + "'; known: " + TYPES, "events");
        }
        String secret = Signature.newSecret();
        long id = writer.write(tx -> {
            WebhookDao dao = tx.dao(WebhookDao.class);
            if (dao.endpoints().size() >= MAX_ENDPOINTS) {
                throw Refused.conflict("at most " + MAX_ENDPOINTS + " webhook endpoints; delete one first", "url");
            }
            return dao.insertEndpoint(target, String.join(",", new HashSet<>(events).stream().sorted().toList()), secret, clock.millis());
        });
        refresh();
        log.info("webhook endpoint {} registered for {}", id, events);
        return new Created(get(id), secret);
    }

    void delete(long id) {
        int n = writer.write(tx -> {
            WebhookDao dao = tx.dao(WebhookDao.class);
            dao.deleteAttempts(id);
            dao.deleteDeliveries(id);
            return dao.deleteEndpoint(id);
        });
        if (n == 0) throw Refused.unknown("no webhook endpoint " + id);
        refresh();
        log.info("webhook endpoint {} deleted", id);
    }

    /** Re-reads the endpoints after a change here (created, deleted, disabled) and tells the other instances. */
    void refresh() {
        reload();
        notices.publish(TOPIC, "");
    }

    private void reload() {
        List<WebhookDao.Endpoint> now = reads.withExtension(WebhookDao.class, WebhookDao::endpoints);
        Set<String> types = new HashSet<>();
        for (WebhookDao.Endpoint e : now) for (String t : TYPES) if (e.wants(t)) types.add(t);
        all = List.copyOf(now);
        wanted = Set.copyOf(types);
    }
}
