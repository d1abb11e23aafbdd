package bench;

import java.net.ServerSocket;

/** The benchmark's client side: eSMS stub + seeder, load generator, query timer, JFR summary. Not part of the service. */
public final class Bench {
    public static void main(String[] argv) throws Exception {
        System.setProperty("sun.net.httpserver.nodelay", "true"); // else Nagle + delayed ACK add 40 ms per stub answer
        String cmd = argv.length == 0 ? "" : argv[0];
        switch (cmd) {
            case "freeport" -> {
                try (ServerSocket s = new ServerSocket(0)) { System.out.println(s.getLocalPort()); }
            }
            case "seed" -> Seed.run(new Args(argv, 1));
            case "stub" -> {
                Stub stub = new Stub(new Args(argv, 1).intArg("port", 0));
                System.out.println("eSMS stub on port " + stub.port());
                Thread.sleep(Long.MAX_VALUE);
            }
            case "load" -> Load.run(new Args(argv, 1));
            case "query" -> Query.run(argv);
            case "profile" -> Profile.run(argv[1], argv.length > 2 ? Integer.parseInt(argv[2]) : 15);
            default -> {
                System.err.println("usage: bench.Bench freeport | seed ... | load ... | query ... | profile <file.jfr> [top]");
                System.exit(2);
            }
        }
        System.exit(0);
    }

    static Thread thread(Runnable r) {
        Thread t = new Thread(r);
        t.setDaemon(true);
        t.start();
        return t;
    }
}
