package tracker.dashboard;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Jdbi;
import tracker.ledger.Detail;
import tracker.ledger.LedgerDao;
import tracker.ledger.Status;

/** The overview: what happened to messages sent in the last 24 h and 7 days, and which are stuck. */
public final class Overview {
    static final int STUCK_LIMIT = 50;

    public record Bucket(String start, Map<String, Integer> counts) {}

    public record Window(String name, String since, String bucketSize, int total, Map<String, Integer> counts,
                         int finals, int delivered, Double deliveryRate, Long medianSendToFinalMs,
                         List<Bucket> buckets) {}

    public record StuckMessage(long id, String orderId, String phone, String status, String createdAt,
                               String updatedAt) {}

    public record Stuck(String olderThan, int total, List<StuckMessage> messages) {}

    public record Answer(String now, List<Window> windows, Stuck stuck) {}

    /** Final statuses of messages that were sent: a cancelled one never reached eSMS, so it counts for neither. */
    private static final List<String> FINALS = Status.FINAL_SENT;

    private final Jdbi reads;
    private final Clock clock;
    private final Duration stuckAfter;

    public Overview(Jdbi reads, Clock clock, Duration stuckAfter) {
        this.reads = reads;
        this.clock = clock;
        this.stuckAfter = stuckAfter;
    }

    /** {@code offsetMinutes}: the viewer's UTC offset, so hour and day bars start at their local midnight. */
    public Answer now(int offsetMinutes) {
        long now = clock.millis();
        long offset = offsetMinutes * 60_000L;
        return reads.inTransaction(h -> {
            OverviewDao dao = h.attach(OverviewDao.class);
            LedgerDao ledger = h.attach(LedgerDao.class);
            List<Window> windows = List.of(
                    window(dao, "24h", now, offset, Duration.ofHours(1), 24),
                    window(dao, "7d", now, offset, Duration.ofDays(1), 7));
            long before = now - stuckAfter.toMillis();
            List<StuckMessage> stuck = ledger.stuck(before, 0, STUCK_LIMIT).stream()
                    .map(s -> new StuckMessage(s.id(), s.orderId(), s.phone(), s.status(),
                            Detail.instant(s.createdAt()), Detail.instant(s.updatedAt()))).toList();
            return new Answer(Detail.instant(now), windows,
                    new Stuck(stuckAfter.toString(), ledger.stuckCount(before), stuck));
        });
    }

    /** Buckets end at the next whole local hour (day) after now, so the bars line up with the viewer's clock. */
    private static Window window(OverviewDao dao, String name, long now, long offset, Duration width, int buckets) {
        long w = width.toMillis();
        long until = Math.floorDiv(now + offset, w) * w + w - offset;
        long since = until - buckets * w;
        Map<String, Integer> totals = new LinkedHashMap<>();
        List<Map<String, Integer>> perBucket = new ArrayList<>();
        for (int i = 0; i < buckets; i++) perBucket.add(new LinkedHashMap<>());
        int total = 0;
        for (OverviewDao.Count c : dao.counts(since, until, w)) {
            perBucket.get((int) c.bucket()).merge(c.status(), c.n(), Integer::sum);
            totals.merge(c.status(), c.n(), Integer::sum);
            total += c.n();
        }
        int finals = 0;
        for (String f : FINALS) finals += totals.getOrDefault(f, 0);
        int delivered = totals.getOrDefault(Status.DELIVERED.name(), 0);
        List<Bucket> bars = new ArrayList<>();
        for (int i = 0; i < buckets; i++) bars.add(new Bucket(Detail.instant(since + i * w), perBucket.get(i)));
        return new Window(name, Detail.instant(since), width.toString(), total, sorted(totals), finals, delivered,
                finals == 0 ? null : (double) delivered / finals, median(dao, since, until), bars);
    }

    /** The middle value (mean of the two middle ones for an even count), sorted by SQLite, not in memory. */
    private static Long median(OverviewDao dao, long since, long until) {
        int n = dao.finalTimeCount(since, until, FINALS);
        if (n == 0) return null;
        List<Long> mid = dao.finalTimes(since, until, FINALS, n % 2 == 0 ? 2 : 1, (n - 1) / 2);
        return mid.stream().mapToLong(Long::longValue).sum() / mid.size();
    }

    private static Map<String, Integer> sorted(Map<String, Integer> counts) {
        Map<String, Integer> out = new LinkedHashMap<>();
        for (Status s : Status.values()) if (counts.containsKey(s.name())) out.put(s.name(), counts.get(s.name()));
        counts.forEach(out::putIfAbsent);
        return out;
    }
}
