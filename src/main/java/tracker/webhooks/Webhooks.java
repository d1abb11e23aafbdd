package tracker.webhooks;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import okhttp3.Dns;
import org.jdbi.v3.core.Jdbi;
import tracker.db.Leases;
import tracker.db.Notices;
import tracker.db.Writer;
import tracker.ledger.Detail;

/** Outbound webhooks: the endpoints, the outbox the recorder writes to, and the deliveries; what the routes call. */
public final class Webhooks implements AutoCloseable {
    private final Writer writer;
    private final Jdbi reads;
    private final Clock clock;
    private final Endpoints endpoints;
    private final Outbox outbox;
    private final Deliveries deliveries;

    /**
     * {@code allowPrivate}: plain http and private addresses allowed; {@code delays}: waits between failed attempts;
     * {@code notices}: how the instances sharing the database tell each other that the endpoints changed.
     */
    public Webhooks(Writer writer, Jdbi reads, Clock clock, ObjectMapper json, boolean allowPrivate, Duration tick,
                    List<Duration> delays, Notices notices, Leases leases) {
        this(writer, reads, clock, json, new Targets(allowPrivate), Dns.SYSTEM, tick, delays, notices, leases);
    }

    Webhooks(Writer writer, Jdbi reads, Clock clock, ObjectMapper json, Targets targets, Dns dns, Duration tick,
             List<Duration> delays, Notices notices, Leases leases) {
        this.writer = writer;
        this.reads = reads;
        this.clock = clock;
        this.endpoints = new Endpoints(writer, reads, clock, targets, notices);
        this.deliveries = new Deliveries(writer, reads, endpoints, targets.client(dns), targets, clock, tick, delays, leases);
        this.outbox = new Outbox(endpoints, json, deliveries::nudge);
    }

    /** For the recorder (in-transaction hook and after-commit tally) and the alerts. */
    public Outbox outbox() { return outbox; }

    public void start() { deliveries.start(); }

    Map<String, Object> create(String url, List<String> events) {
        Endpoints.Created c = endpoints.create(url, events);
        Map<String, Object> view = view(c.endpoint(), null);
        view.put("secret", c.secret()); // shown this once
        return view;
    }

    List<Map<String, Object>> list() {
        Map<Long, WebhookDao.Counts> counts = new LinkedHashMap<>();
        for (WebhookDao.Counts c : reads.withExtension(WebhookDao.class, WebhookDao::counts)) counts.put(c.endpointId(), c);
        List<Map<String, Object>> out = new ArrayList<>();
        // read, not the in-memory copy: that one is kept for what is wanted, not for each attempt's failing streak
        for (WebhookDao.Endpoint e : reads.withExtension(WebhookDao.class, WebhookDao::endpoints)) out.add(view(e, counts.get(e.id())));
        return out;
    }

    void delete(long id) {
        endpoints.delete(id);
        deliveries.forget(id);
    }

    List<WebhookDao.Attempt> attempts(long id, int limit) {
        endpoints.get(id);
        return reads.withExtension(WebhookDao.class, d -> d.attempts(id, limit));
    }

    /** Queues again every event this endpoint was sent since {@code since}; how many. */
    int replay(long id, long since) {
        endpoints.get(id);
        int n = writer.write(tx -> tx.dao(WebhookDao.class).replay(id, since, clock.millis()));
        deliveries.nudge();
        return n;
    }

    /** Queues a test event for this endpoint alone; its webhook-id. */
    String test(long id) {
        endpoints.get(id);
        String msgId = Signature.newMessageId();
        long now = clock.millis();
        writer.write(tx -> {
            WebhookDao dao = tx.dao(WebhookDao.class);
            long m = dao.insertMessage(msgId, "webhook.test", outbox.body("webhook.test", now, Payloads.test(id)), now);
            dao.insertDelivery(m, id, "test:" + msgId, now);
            return null;
        });
        deliveries.nudge();
        return msgId;
    }

    /** An endpoint as the API and dashboard show it: never its secret. */
    private static Map<String, Object> view(WebhookDao.Endpoint e, WebhookDao.Counts c) {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("id", e.id());
        v.put("url", e.url());
        v.put("events", List.of(e.events().split(",")));
        v.put("createdAt", Detail.instant(e.createdAt()));
        v.put("enabled", e.disabledAt() == null);
        v.put("disabledAt", Detail.instant(e.disabledAt()));
        v.put("disabledReason", e.disabledReason());
        v.put("failingSince", Detail.instant(e.failingSince()));
        v.put("pending", c == null ? 0 : c.pending());
        v.put("delivered", c == null ? 0 : c.delivered());
        v.put("failed", c == null ? 0 : c.failed());
        return v;
    }

    @Override public void close() { deliveries.close(); }
}
