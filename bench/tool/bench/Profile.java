package bench;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordingFile;

/** Where the CPU samples of a JFR recording fall: by thread group, by top frame, and by our own methods on the stack. */
final class Profile {
    static void run(String file, int top) throws Exception {
        Map<String, Integer> self = new HashMap<>(), ours = new HashMap<>(), threads = new HashMap<>(), buckets = new LinkedHashMap<>();
        int total = 0;
        for (RecordedEvent e : RecordingFile.readAllEvents(Path.of(file))) {
            if (!e.getEventType().getName().equals("jdk.ExecutionSample") || e.getStackTrace() == null) continue;
            total++;
            List<RecordedFrame> frames = e.getStackTrace().getFrames();
            String thread = e.getThread("sampledThread") == null ? "?" : e.getThread("sampledThread").getJavaName();
            threads.merge(thread == null ? "?" : thread.replaceAll("[-#]?\\d+$", "-N"), 1, Integer::sum);
            if (!frames.isEmpty()) self.merge(name(frames.get(0)), 1, Integer::sum);
            java.util.Set<String> seen = new java.util.HashSet<>();
            for (RecordedFrame f : frames) {
                String n = name(f);
                if (n.startsWith("tracker.") && seen.add(n)) ours.merge(n, 1, Integer::sum);
            }
            buckets.merge(bucket(frames), 1, Integer::sum);
        }
        System.out.printf("JFR execution samples: %d%n", total);
        print("by thread", threads, total, top);
        print("by activity (first match from the top of the stack)", buckets, total, top);
        print("top frames (self time)", self, total, top);
        print("our methods on the stack (inclusive)", ours, total, top);
    }

    /** A coarse label for what a sample was doing. */
    static String bucket(List<RecordedFrame> frames) {
        for (RecordedFrame f : frames) {
            String n = name(f);
            if (n.startsWith("org.sqlite.core.NativeDB.step") || n.startsWith("org.sqlite.core.NativeDB.exec")) return "SQLite step/exec (native, incl. fsync)";
            if (n.startsWith("org.sqlite.")) return "sqlite-jdbc (other)";
            if (n.startsWith("org.jdbi.")) return "Jdbi (statement setup, binding, mapping)";
            if (n.startsWith("org.slf4j.") || n.startsWith("ch.qos.logback.")) return "logging";
            if (n.startsWith("com.fasterxml.jackson.")) return "Jackson";
            if (n.startsWith("javax.crypto.") || n.startsWith("sun.security.") || n.startsWith("java.security.")) return "HMAC / SHA-256";
            if (n.startsWith("tracker.")) return "tracker (own code)";
            if (n.startsWith("io.javalin.")) return "Javalin";
            if (n.startsWith("org.eclipse.jetty.")) return "Jetty";
        }
        return "other (JDK, GC-related, ...)";
    }

    private static String name(RecordedFrame f) {
        return f.getMethod().getType().getName() + "." + f.getMethod().getName();
    }

    private static void print(String title, Map<String, Integer> m, int total, int top) {
        System.out.println("-- " + title);
        m.entrySet().stream().sorted((a, b) -> b.getValue() - a.getValue()).limit(top).forEach(e ->
                System.out.printf("  %5.1f%%  %s%n", 100.0 * e.getValue() / Math.max(total, 1), e.getKey()));
    }
}
