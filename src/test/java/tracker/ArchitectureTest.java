package tracker;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The layout of ARCHITECTURE.md, checked on the sources: arrows point inward to the ledger, and never in a circle. */
class ArchitectureTest {
    static final Path MAIN = Path.of("src", "main", "java", "tracker");
    /** What the ledger may use besides itself: the JDK, the storage layer and the libraries it stores with. */
    static final List<String> LEDGER_MAY_IMPORT = List.of("java.", "javax.", "tracker.ledger.", "tracker.db.",
            "org.jdbi.", "com.fasterxml.jackson.", "org.slf4j.");
    private static final Pattern TRACKER_REF = Pattern.compile("\\btracker\\.([a-z]+)\\.[A-Z]");
    private static final Pattern IMPORT = Pattern.compile("^import (?:static )?([\\w.]+);", Pattern.MULTILINE);

    @Test
    void no_package_imports_the_top_level_where_app_wires_everything() {
        List<String> offenders = new ArrayList<>();
        sources().forEach(f -> {
            if (!packageOf(f).isEmpty() && Pattern.compile("\\bimport tracker\\.[A-Z]").matcher(read(f)).find()) {
                offenders.add(MAIN.relativize(f).toString());
            }
        });
        assertThat(offenders).as("files that import App or Config (hand them plain values instead)").isEmpty();
    }

    @Test
    void the_packages_form_no_cycle() {
        Map<String, Set<String>> arrows = arrows(sources());
        assertThat(cycle(arrows)).as("a package cycle; arrows are " + arrows).isEmpty();
    }

    @Test
    void the_ledger_imports_no_feature_no_web_and_no_javalin() {
        List<String> offenders = new ArrayList<>();
        sources().filter(f -> packageOf(f).equals("ledger")).forEach(f -> {
            Matcher m = IMPORT.matcher(read(f));
            while (m.find()) {
                String imported = m.group(1);
                if (LEDGER_MAY_IMPORT.stream().noneMatch(imported::startsWith)) offenders.add(f.getFileName() + " -> " + imported);
            }
            Matcher refs = TRACKER_REF.matcher(read(f));
            while (refs.find()) {
                if (!Set.of("ledger", "db").contains(refs.group(1))) offenders.add(f.getFileName() + " -> tracker." + refs.group(1));
            }
        });
        assertThat(offenders).isEmpty();
    }

    @Test
    void only_the_recorder_applies_events_counts_them_and_announces_changes() {
        Map<String, Pattern> steps = Map.of(
                "the apply step", Pattern.compile("\\bLedger\\s*(\\.|::)\\s*(apply|open)\\b"),
                "the metrics of applied events", Pattern.compile("(\\.applied\\(|::applied\\b)"),
                // a call with an argument: Applied.changed() is only a question about an outcome
                "the change notification", Pattern.compile("(\\.changed\\(\\s*[^)\\s]|::changed\\b)"));
        List<String> offenders = new ArrayList<>();
        sources().filter(f -> !f.endsWith(Path.of("ledger", "Recorder.java"))).forEach(f -> steps.forEach((what, p) -> {
            if (p.matcher(read(f)).find()) offenders.add(MAIN.relativize(f) + " calls " + what);
        }));
        assertThat(offenders).isEmpty();
    }

    /** For each package, the other packages its files name (top-level App and Config aside). */
    static Map<String, Set<String>> arrows(Stream<Path> files) {
        Map<String, Set<String>> arrows = new TreeMap<>();
        files.forEach(f -> {
            String from = packageOf(f);
            if (from.isEmpty()) return;
            Set<String> to = arrows.computeIfAbsent(from, k -> new TreeSet<>());
            Matcher m = TRACKER_REF.matcher(read(f));
            while (m.find()) if (!m.group(1).equals(from)) to.add(m.group(1));
        });
        return arrows;
    }

    /** One cycle as a path like [a, b, a], or empty when there is none (depth-first search). */
    static List<String> cycle(Map<String, Set<String>> arrows) {
        Map<String, Integer> state = new TreeMap<>(); // 1 on the current path, 2 done
        for (String start : arrows.keySet()) {
            List<String> path = new ArrayList<>();
            if (visit(start, arrows, state, path)) return path;
        }
        return List.of();
    }

    private static boolean visit(String node, Map<String, Set<String>> arrows, Map<String, Integer> state, List<String> path) {
        Integer s = state.get(node);
        if (s != null && s == 2) return false;
        path.add(node);
        if (s != null && s == 1) {
            path.subList(0, path.indexOf(node)).clear();
            return true;
        }
        state.put(node, 1);
        for (String next : arrows.getOrDefault(node, Set.of())) if (visit(next, arrows, state, path)) return true;
        state.put(node, 2);
        path.remove(path.size() - 1);
        return false;
    }

    @Test
    void the_cycle_finder_finds_a_cycle_and_nothing_else() {
        List<String> found = cycle(Map.of("a", Set.of("b"), "b", Set.of("c"), "c", Set.of("a"), "d", Set.of("a")));
        assertThat(found).hasSize(4).containsOnly("a", "b", "c"); // where it starts depends on the map's order
        assertThat(found.get(0)).isEqualTo(found.get(3));
        assertThat(cycle(Map.of("a", Set.of("b", "c"), "b", Set.of("c"), "c", Set.of()))).isEmpty();
    }

    static Stream<Path> sources() {
        try (Stream<Path> walk = Files.walk(MAIN)) {
            List<Path> files = walk.filter(p -> p.toString().endsWith(".java")).toList();
            assertThat(files).as("main sources under " + MAIN.toAbsolutePath()).isNotEmpty();
            return files.stream();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** "ledger" for tracker/ledger/X.java, "" for the top level. */
    static String packageOf(Path file) {
        Path rel = MAIN.relativize(file);
        return rel.getNameCount() == 1 ? "" : rel.getName(0).toString();
    }

    private static String read(Path f) {
        try {
            return Files.readString(f);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
