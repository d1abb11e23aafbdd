package tracker.account;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.jdbi.v3.core.Jdbi;
import tracker.esms.EsmsClient;
import tracker.esms.EsmsCodes;
import tracker.esms.Lookup;
import tracker.ledger.Detail;
import tracker.sending.AccountPause;

/**
 * The eSMS account as eSMS sees it: the balance (VND) and each OA's ZNS quota for today. eSMS is asked at most once a
 * minute, whoever asks (the API, the dashboard, a metrics scrape reads only what was last asked).
 */
public final class Account {
    static final Duration AT_MOST_EVERY = Duration.ofMinutes(1);
    static final Duration OAS_OF = Duration.ofDays(7);
    private static final int MAX_OAS = 20;

    /** One OA's quota today; {@code problem} says why eSMS did not tell (then the numbers are null). */
    public record Quota(String oaId, Long daily, Long remaining, String problem) {}

    /** Sending is paused: since when, why (eSMS's code in words) and how many messages wait. */
    public record Pause(String since, String code, String reason, int held, String nextProbeAt) {}

    /** An active alert: an account- or configuration-level problem, the OA (and template) it is about, since when. */
    public record Alert(String kind, String oaId, String templateId, String code, String reason, String since,
                        String lastAt, int messages) {}

    /** What /api/account answers; {@code paused} is null while the account can send. */
    public record State(String askedAt, Long balanceVnd, long lowBalanceVnd, boolean lowBalance, String balanceProblem,
                        List<Quota> quotas, Pause paused, List<Alert> alerts) {}

    private final EsmsClient esms;
    private final Jdbi reads;
    private final Clock clock;
    private final String defaultOaId;
    private final long lowBalanceVnd;
    private final Map<String, Long> remaining = new ConcurrentHashMap<>();
    private final AccountPause pause;
    private final Alerts alerts;
    private volatile State last;
    private volatile long askedAt = Long.MIN_VALUE;

    public Account(EsmsClient esms, Jdbi reads, Clock clock, String defaultOaId, long lowBalanceVnd, AccountPause pause,
                   Alerts alerts) {
        this.pause = pause;
        this.alerts = alerts;
        this.esms = esms;
        this.reads = reads;
        this.clock = clock;
        this.defaultOaId = defaultOaId;
        this.lowBalanceVnd = lowBalanceVnd;
    }

    /** The account now, asking eSMS when the last answer is a minute old or more; the pause is always read fresh. */
    public State now() {
        State s = asked();
        return new State(s.askedAt(), s.balanceVnd(), s.lowBalanceVnd(), s.lowBalance(), s.balanceProblem(), s.quotas(),
                pause.current().map(p -> new Pause(Detail.instant(p.since()), p.code(), EsmsCodes.describe(p.code(), null),
                        pause.held(), Detail.instant(p.nextProbeAt()))).orElse(null),
                alerts.active().stream().map(a -> new Alert(a.kind(), a.oaId(), blankToNull(a.templateId()), a.code(), a.reason(),
                        Detail.instant(a.since()), Detail.instant(a.lastAt()), a.hits())).toList());
    }

    private synchronized State asked() {
        long now = clock.millis();
        if (last != null && now - askedAt < AT_MOST_EVERY.toMillis()) return last;
        Lookup b = esms.balance();
        Long balance = b.ok() ? number(b.items().get(0).get("Balance")) : null;
        List<Quota> quotas = new ArrayList<>();
        for (String oa : oas(now)) {
            Lookup q = esms.quota(oa);
            Quota quota = q.ok() ? new Quota(oa, number(q.items().get(0).get("DailyQuota")), number(q.items().get(0).get("RemainingQuota")), null)
                    : new Quota(oa, null, null, q.problem());
            if (quota.remaining() != null) remaining.put(oa, quota.remaining());
            quotas.add(quota);
        }
        askedAt = now;
        last = new State(Detail.instant(now), balance, lowBalanceVnd, balance != null && balance < lowBalanceVnd,
                b.ok() ? null : b.problem(), quotas, null, List.of());
        return last;
    }

    /** The balance eSMS gave last (null before the first answer): for a gauge, which must not call eSMS itself. */
    public Long lastBalance() {
        State s = last;
        return s == null ? null : s.balanceVnd();
    }

    /** The remaining quota per OA eSMS gave last. */
    public Map<String, Long> lastRemaining() { return Map.copyOf(remaining); }

    private Set<String> oas(long now) {
        Set<String> oas = new LinkedHashSet<>();
        if (defaultOaId != null) oas.add(defaultOaId);
        oas.addAll(reads.withExtension(AccountDao.class, d -> d.oasUsedSince(now - OAS_OF.toMillis(), MAX_OAS)));
        return oas;
    }

    private static String blankToNull(String s) { return s == null || s.isEmpty() ? null : s; }

    private static Long number(String text) {
        if (text == null || !text.matches("-?\\d{1,15}(\\.\\d+)?")) return null;
        return (long) Double.parseDouble(text);
    }
}
