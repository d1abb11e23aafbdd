package tracker.webhooks;

import java.util.List;
import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.statement.GetGeneratedKeys;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** Endpoints, the outbox (messages and one delivery per endpoint), and the attempts. Times are epoch milliseconds. */
@RegisterConstructorMapper(WebhookDao.Endpoint.class)
@RegisterConstructorMapper(WebhookDao.Due.class)
@RegisterConstructorMapper(WebhookDao.Attempt.class)
@RegisterConstructorMapper(WebhookDao.Counts.class)
public interface WebhookDao {
    record Endpoint(long id, String url, String events, String secret, long createdAt, Long failingSince, Long disabledAt,
                    String disabledReason) {
        boolean wants(String type) { return disabledAt == null && List.of(events.split(",")).contains(type); }
    }

    /** A delivery whose attempt is due, with what it sends. */
    record Due(long id, long endpointId, String orderKey, int attempts, String msgId, String type, String body) {}

    record Attempt(long id, long at, Integer statusCode, long latencyMs, String answer, String msgId, String type) {}

    record Counts(long endpointId, int pending, int delivered, int failed) {}

    @SqlUpdate("INSERT INTO webhook_endpoint (url, events, secret, created_at) VALUES (:url, :events, :secret, :at)")
    @GetGeneratedKeys("id")
    long insertEndpoint(String url, String events, String secret, long at);

    @SqlQuery("SELECT * FROM webhook_endpoint ORDER BY id")
    List<Endpoint> endpoints();

    @SqlQuery("SELECT * FROM webhook_endpoint WHERE id = :id")
    Optional<Endpoint> endpoint(long id);

    @SqlUpdate("DELETE FROM webhook_attempt WHERE endpoint_id = :id")
    void deleteAttempts(long id);

    @SqlUpdate("DELETE FROM webhook_delivery WHERE endpoint_id = :id")
    void deleteDeliveries(long id);

    @SqlUpdate("DELETE FROM webhook_endpoint WHERE id = :id")
    int deleteEndpoint(long id);

    @SqlUpdate("INSERT INTO webhook_message (msg_id, type, body, created_at) VALUES (:msgId, :type, :body, :at)")
    @GetGeneratedKeys("id")
    long insertMessage(String msgId, String type, String body, long at);

    @SqlUpdate("""
            INSERT INTO webhook_delivery (message_id, endpoint_id, order_key, state, next_at, created_at)
            VALUES (:messageId, :endpointId, :orderKey, 'PENDING', :at, :at)""")
    void insertDelivery(long messageId, long endpointId, String orderKey, long at);

    /** Due deliveries of one endpoint, each the oldest still pending for its order key (so a journey's stay in order). */
    @SqlQuery("""
            SELECT d.id, d.endpoint_id, d.order_key, d.attempts, m.msg_id, m.type, m.body
            FROM webhook_delivery d JOIN webhook_message m ON m.id = d.message_id
            WHERE d.endpoint_id = :endpointId AND d.state = 'PENDING' AND d.next_at <= :now
              AND NOT EXISTS (SELECT 1 FROM webhook_delivery p WHERE p.endpoint_id = d.endpoint_id
                              AND p.order_key = d.order_key AND p.state = 'PENDING' AND p.id < d.id)
            ORDER BY d.id LIMIT :limit""")
    List<Due> due(long endpointId, long now, int limit);

    @SqlUpdate("""
            INSERT INTO webhook_attempt (delivery_id, endpoint_id, at, status_code, latency_ms, answer)
            VALUES (:deliveryId, :endpointId, :at, :statusCode, :latencyMs, :answer)""")
    void insertAttempt(long deliveryId, long endpointId, long at, Integer statusCode, long latencyMs, String answer);

    @SqlUpdate("UPDATE webhook_delivery SET state = 'DELIVERED', attempts = attempts + 1, done_at = :at WHERE id = :id")
    void delivered(long id, long at);

    @SqlUpdate("UPDATE webhook_delivery SET attempts = attempts + 1, next_at = :next WHERE id = :id")
    void retryAt(long id, long next);

    @SqlUpdate("UPDATE webhook_delivery SET state = 'FAILED', attempts = attempts + 1, done_at = :at WHERE id = :id")
    void failed(long id, long at);

    @SqlUpdate("UPDATE webhook_endpoint SET failing_since = NULL WHERE id = :id AND failing_since IS NOT NULL")
    void succeeding(long id);

    @SqlUpdate("UPDATE webhook_endpoint SET failing_since = :at WHERE id = :id AND failing_since IS NULL")
    void failing(long id, long at);

    @SqlUpdate("UPDATE webhook_endpoint SET disabled_at = :at, disabled_reason = :reason WHERE id = :id AND disabled_at IS NULL")
    int disable(long id, long at, String reason);

    @SqlUpdate("UPDATE webhook_delivery SET state = 'FAILED', done_at = :at WHERE endpoint_id = :id AND state = 'PENDING'")
    void failPending(long id, long at);

    /** Sends again each message this endpoint was sent since {@code since} (one not pending already), in their order. */
    @SqlUpdate("""
            INSERT INTO webhook_delivery (message_id, endpoint_id, order_key, state, next_at, created_at)
            SELECT d.message_id, d.endpoint_id, MIN(d.order_key), 'PENDING', :now, :now
            FROM webhook_delivery d JOIN webhook_message m ON m.id = d.message_id
            WHERE d.endpoint_id = :endpointId AND m.created_at >= :since
            GROUP BY d.message_id, d.endpoint_id
            HAVING COUNT(CASE WHEN d.state = 'PENDING' THEN 1 END) = 0
            ORDER BY d.message_id""")
    int replay(long endpointId, long since, long now);

    @SqlQuery("""
            SELECT a.id, a.at, a.status_code, a.latency_ms, a.answer, m.msg_id, m.type
            FROM webhook_attempt a JOIN webhook_delivery d ON d.id = a.delivery_id JOIN webhook_message m ON m.id = d.message_id
            WHERE a.endpoint_id = :endpointId ORDER BY a.id DESC LIMIT :limit""")
    List<Attempt> attempts(long endpointId, int limit);

    @SqlQuery("""
            SELECT endpoint_id, COUNT(CASE WHEN state = 'PENDING' THEN 1 END) AS pending,
                   COUNT(CASE WHEN state = 'DELIVERED' THEN 1 END) AS delivered, COUNT(CASE WHEN state = 'FAILED' THEN 1 END) AS failed
            FROM webhook_delivery GROUP BY endpoint_id""")
    List<Counts> counts();

    /**
     * The messages of one journey, to tell its status before and after a change: as the ledger counts them, a resent
     * message no longer counts (its step's newest does); every price counts.
     */
    @SqlQuery("""
            SELECT id, status, price, NOT EXISTS (SELECT 1 FROM message r WHERE r.resend_of = m.id) AS counted
            FROM message m WHERE order_id = :orderId""")
    @RegisterConstructorMapper(JourneyMessage.class)
    List<JourneyMessage> journeyMessages(String orderId);

    record JourneyMessage(long id, String status, String price, boolean counted) {}
}
