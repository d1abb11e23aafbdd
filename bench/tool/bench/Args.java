package bench;

import java.util.HashMap;
import java.util.Map;

/** --name value pairs. */
final class Args {
    private final Map<String, String> m = new HashMap<>();

    Args(String[] args, int from) {
        for (int i = from; i + 1 < args.length; i += 2) {
            if (!args[i].startsWith("--")) throw new IllegalArgumentException("expected --name, got " + args[i]);
            m.put(args[i].substring(2), args[i + 1]);
        }
    }

    String get(String name, String def) {
        String v = m.getOrDefault(name, def);
        if (v == null) throw new IllegalArgumentException("--" + name + " is required");
        return v;
    }

    int intArg(String name, int def) { return Integer.parseInt(get(name, String.valueOf(def))); }
}
