package bench;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Creates messages through the real API (eSMS = {@link Stub}, answering at once), writes their callbacks for
 * {@link Load}, then measures the send path at a fixed rate with the stub answering like eSMS ({@link SendRate}). Big journeys (50 messages) come first so queries have one to read.
 */
final class Seed {
    static final String[] SUCCESS_INFO = {
        "%257B%2522data%2522%3A%257B%2522message_id%2522%3A%2522e1a60e8890be9de4c4ab%2522%2C%2522user_id%2522%3A%252231215806834323092%2522%257D%2C%2522error%2522%3A0%2C%2522message%2522%3A%2522Success%2522%257D____24%2F04%2F2024%252016%3A58%3A01"};
    static final String FAILURE_INFO =
        "%22{%5C%22error%5C%22%3A-114%2C%5C%22message%5C%22%3A%5C%22User%20is%20inactive%2C%20or%20reject%20the%20message%2C%20or%20using%20an%20outdated%20Zalo%20version%2C%20or%20other%20internal%20errors%5C%22}%22";

    static void run(Args a) throws Exception {
        String base = a.get("base", null);
        Path out = Path.of(a.get("out", "."));
        int messages = a.intArg("messages", 10_000), perOrder = a.intArg("per-order", 5), conns = a.intArg("conns", 32);
        int big = a.intArg("big", 2), bigSize = 50;
        Kv kv = new Kv(out.resolve("seed.kv"));
        try (Stub stub = new Stub(a.intArg("stub-port", 0))) {
            long t0 = System.nanoTime();
            Closed c = closedLoop(base, messages, conns, "seed", i -> {
                String order = i < big * bigSize ? "bench-big-" + (i / bigSize) : "bench-o" + ((i - big * bigSize) / perOrder);
                return new String[] {"/api/journeys/" + order + "/messages", body(phone(order, i), "bench-s" + i)};
            });
            double secs = (System.nanoTime() - t0) / 1e9;
            kv.put("seed_messages", c.ok.get()).put("seed_errors", c.errors.get()).put("seed_rate", Math.round(c.ok.get() / secs));
            List<Stub.Sent> sent = stub.drain();
            int lines = writeCallbacks(sent, base, out.resolve("callbacks.tsv"), a.intArg("dup-percent", 10));
            kv.put("callbacks_distinct", sent.size() * 3).put("callbacks_lines", lines);
            System.out.printf("seed: %d messages in %.1f s (%d/s), %d errors; %d callback lines written%n",
                    c.ok.get(), secs, Math.round(c.ok.get() / secs), c.errors.get(), lines);
            SendRate.run(base, a.intArg("rate", 1000), a.intArg("rate-seconds", 60), a.intArg("send-conns", 300), stub,
                    a.intArg("stub-delay-ms", 150), kv);
        }
        kv.close();
    }

    static String phone(String order, int i) {
        return order.startsWith("bench-big-") ? "0912" + String.format("%06d", Math.abs(order.hashCode()) % 1_000_000)
                : "09" + String.format("%08d", i % 100_000_000);
    }

    static String body(String phone, String requestId) {
        return "{\"phone\":\"" + phone + "\",\"templateId\":\"T1001\",\"params\":[\"Nguyen Van A\",\"SO-1001\"],"
                + "\"requestId\":\"" + requestId + "\"}";
    }

    /** Counts of a closed-loop run. */
    record Closed(AtomicInteger ok, AtomicInteger errors) {}

    interface Req { String[] at(int i); }

    /** Sends {@code total} POSTs over {@code conns} connections as fast as they are answered. */
    static Closed closedLoop(String base, int total, int conns, String label, Req req) throws InterruptedException {
        var u = java.net.URI.create(base);
        AtomicInteger next = new AtomicInteger(), ok = new AtomicInteger(), errors = new AtomicInteger();
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < conns; t++) {
            threads.add(Bench.thread(() -> {
                try (Conn c = new Conn(u.getHost(), u.getPort())) {
                    for (int i = next.getAndIncrement(); i < total; i = next.getAndIncrement()) {
                        String[] r = req.at(i);
                        try {
                            Conn.Answer ans = c.post(r[0], r[1]);
                            if (ans.status() / 100 == 2) ok.incrementAndGet();
                            else if (errors.incrementAndGet() <= 3) System.err.println(label + ": HTTP " + ans.status() + " " + ans.text());
                        } catch (IOException e) {
                            if (errors.incrementAndGet() <= 3) System.err.println(label + ": " + e);
                        }
                    }
                }
            }));
        }
        Progress p = new Progress(label, () -> ok.get() + errors.get(), total);
        for (Thread t : threads) t.join();
        p.close();
        return new Closed(ok, errors);
    }

    /** Per chunk of 500 messages: all their 2s, then 7s, then 5s; plus exact duplicates placed after their original. */
    static int writeCallbacks(List<Stub.Sent> sent, String base, Path file, int dupPercent) throws IOException {
        Random rnd = new Random(42);
        int lines = 0, distinct = 0;
        try (PrintWriter w = new PrintWriter(Files.newBufferedWriter(file))) {
            for (int from = 0; from < sent.size(); from += 500) {
                List<String[]> chunk = new ArrayList<>();
                List<Stub.Sent> part = sent.subList(from, Math.min(sent.size(), from + 500));
                for (int status : new int[] {2, 7, 5}) {
                    for (Stub.Sent s : part) {
                        boolean fails = Math.floorMod(s.smsId().hashCode(), 10) == 0;
                        chunk.add(new String[] {String.valueOf(distinct++), s.callbackUrl().substring(base.length()) + "?" + query(s, status, fails)});
                    }
                }
                int dups = chunk.size() * dupPercent / 100;
                for (int d = 0; d < dups; d++) {
                    int j = rnd.nextInt(chunk.size());
                    chunk.add(j + 1 + rnd.nextInt(chunk.size() - j), chunk.get(j));
                }
                for (String[] l : chunk) w.append(l[0]).append('\t').append(l[1]).append('\n');
                lines += chunk.size();
            }
        }
        return lines;
    }

    static String query(Stub.Sent s, int status, boolean fails) {
        boolean done = status == 5;
        String q = "SMSID=" + s.smsId() + "&SendFailed=" + (done && fails ? 1 : 0) + "&SendStatus=" + status
                + "&SendSuccess=" + (done && !fails ? 1 : 0) + "&TotalPrice=" + (done && !fails ? "220.0000" : "0.0000")
                + "&TotalReceiver=1&TotalSent=" + (done ? 1 : 0) + "&RequestId=&TypeId=27&phonenumber=" + s.phone();
        if (done) q += "&error_info=" + (fails ? FAILURE_INFO : SUCCESS_INFO[0]);
        return q + "&oaid=4097311281936189049&partnerids=e1a60e8890be9de4c4ab";
    }
}
