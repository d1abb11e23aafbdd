package tracker.account;

import java.util.List;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** Active alerts: one per kind and OA (and template, for a template's trouble), counting the messages it hit. */
@RegisterConstructorMapper(AlertDao.Alert.class)
public interface AlertDao {
    record Alert(long id, String kind, String oaId, String templateId, String code, String reason, long since, long lastAt,
                 int hits) {}

    /** A new alert, or one more message for the active one with the same key (its latest reason stands). */
    @SqlUpdate("""
            INSERT INTO alert (kind, oa_id, template_id, code, reason, since, last_at, hits)
            VALUES (:kind, :oaId, :templateId, :code, :reason, :at, :at, 1)
            ON CONFLICT (kind, oa_id, template_id) WHERE cleared_at IS NULL
            DO UPDATE SET hits = alert.hits + 1, last_at = excluded.last_at, code = excluded.code, reason = excluded.reason""")
    void hit(String kind, String oaId, String templateId, String code, String reason, long at);

    /** A delivery for this OA and template shows it works again: its OA's and that template's alerts end. */
    @SqlUpdate("""
            UPDATE alert SET cleared_at = :at
            WHERE cleared_at IS NULL AND oa_id = :oaId AND (template_id = '' OR template_id = :templateId)""")
    int clear(String oaId, String templateId, long at);

    @SqlQuery("SELECT id, kind, oa_id, template_id, code, reason, since, last_at, hits FROM alert WHERE cleared_at IS NULL ORDER BY since, id")
    List<Alert> active();

    /** The active alerts a delivery for this OA and template would clear. */
    @SqlQuery("""
            SELECT id, kind, oa_id, template_id, code, reason, since, last_at, hits FROM alert
            WHERE cleared_at IS NULL AND oa_id = :oaId AND (template_id = '' OR template_id = :templateId) ORDER BY id""")
    List<Alert> activeFor(String oaId, String templateId);

    @SqlQuery("""
            SELECT id, kind, oa_id, template_id, code, reason, since, last_at, hits FROM alert
            WHERE cleared_at IS NULL AND kind = :kind AND oa_id = :oaId AND template_id = :templateId""")
    java.util.Optional<Alert> activeKey(String kind, String oaId, String templateId);
}
