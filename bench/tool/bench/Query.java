package bench;

import java.nio.file.Path;

/** Read latency: one connection, requests one after another, after a warm-up. Each --path is name=/url. */
final class Query {
    static void run(String[] argv) throws Exception {
        String host = "127.0.0.1", out = "results.kv";
        int port = 0, count = 1000;
        java.util.List<String> paths = new java.util.ArrayList<>();
        for (int i = 1; i + 1 < argv.length; i += 2) {
            switch (argv[i]) {
                case "--port" -> port = Integer.parseInt(argv[i + 1]);
                case "--count" -> count = Integer.parseInt(argv[i + 1]);
                case "--out" -> out = argv[i + 1];
                case "--path" -> paths.add(argv[i + 1]);
                default -> throw new IllegalArgumentException("unknown option " + argv[i]);
            }
        }
        try (Conn c = new Conn(host, port); Kv kv = new Kv(Path.of(out))) {
            for (String np : paths) {
                String name = np.substring(0, np.indexOf('=')), path = np.substring(np.indexOf('=') + 1);
                int bytes = 0;
                for (int i = 0; i < Math.min(200, count); i++) bytes = check(c.get(path), path).body().length;
                Stats s = new Stats();
                for (int i = 0; i < count; i++) {
                    long t0 = System.nanoTime();
                    check(c.get(path), path);
                    s.add(System.nanoTime() - t0);
                }
                Stats all = Stats.merge(java.util.List.of(s));
                kv.put(name + "_p50_ms", Stats.f(all.ms(50))).put(name + "_p99_ms", Stats.f(all.ms(99))).put(name + "_bytes", bytes);
                System.out.printf("query %s: %d x %s -> %d bytes, p50 %s ms, p99 %s ms%n", name, count, path, bytes,
                        Stats.f(all.ms(50)), Stats.f(all.ms(99)));
            }
        }
    }

    private static Conn.Answer check(Conn.Answer a, String path) {
        if (a.status() != 200) throw new IllegalStateException(path + " answered " + a.status() + ": " + a.text());
        return a;
    }
}
