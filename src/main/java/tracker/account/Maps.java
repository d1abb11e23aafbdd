package tracker.account;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The account's numbers as gauge rows: tags (name to value) to a value. */
public final class Maps {
    private Maps() {}

    public static Map<Map<String, String>, Long> tagged(String tag, Map<String, Long> values) {
        Map<Map<String, String>, Long> rows = new HashMap<>();
        values.forEach((k, v) -> rows.put(Map.of(tag, k), v));
        return rows;
    }

    /** Each active alert by kind, OA and template, valued by the messages it hit. */
    public static Map<Map<String, String>, Long> alerts(List<AlertDao.Alert> active) {
        Map<Map<String, String>, Long> rows = new HashMap<>();
        for (AlertDao.Alert a : active) {
            rows.put(Map.of("kind", a.kind(), "oa", a.oaId(), "template", a.templateId()), (long) a.hits());
        }
        return rows;
    }
}
