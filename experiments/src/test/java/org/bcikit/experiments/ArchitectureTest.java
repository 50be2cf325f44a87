package org.bcikit.experiments;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The layering the README promises, checked on the sources of all five modules: Maven already
 * stops a module from using one built after it, but only when the pom lacks the dependency, and
 * nothing stops package cycles inside a module, so these rules would otherwise erode one
 * convenient import at a time. Dependencies are the {@code org.bcikit} names used in code
 * (imports and fully qualified names; comments and strings do not count).
 */
class ArchitectureTest {

    /** A package past this size has stopped being one concept; split it before adding more. */
    static final int MAX_TYPES_PER_PACKAGE = 20;

    private static JavaSources sources;
    private static Map<String, String> packageModules;
    /** Package to the packages it uses, each with one file that shows the use. */
    private static Map<String, Map<String, String>> graph;

    @BeforeAll
    static void readSources() {
        sources = JavaSources.project();
        packageModules = sources.packageModules();
        graph = new TreeMap<>();
        for (JavaSources.SourceFile f : sources.files()) {
            Map<String, String> uses = graph.computeIfAbsent(f.packageName(), k -> new TreeMap<>());
            for (String name : f.qualifiedNames()) {
                String target = packageOf(name);
                if (target != null && !target.equals(f.packageName())) {
                    uses.putIfAbsent(target, sources.relative(f));
                }
            }
        }
    }

    /** The longest known package that {@code name} starts with (a name may go on into classes). */
    private static String packageOf(String name) {
        String candidate = name;
        while (!packageModules.containsKey(candidate)) {
            int dot = candidate.lastIndexOf('.');
            if (dot < 0) {
                return null;
            }
            candidate = candidate.substring(0, dot);
        }
        return candidate;
    }

    @Test
    void readsEveryModule() {
        // Guards the other checks against passing on an empty or partial tree.
        Set<String> modules = new TreeSet<>();
        for (JavaSources.SourceFile f : sources.files()) {
            modules.add(f.module());
        }
        assertEquals(new TreeSet<>(JavaSources.MODULES), modules,
                "modules with src/main/java (a new module needs its place in JavaSources.MODULES)");
        assertTrue(sources.files().size() > 100, "source files found: " + sources.files().size());
    }

    @Test
    void packagesLiveInTheirModule() {
        List<String> wrong = new ArrayList<>();
        for (JavaSources.SourceFile f : sources.files()) {
            String prefix = "org.bcikit." + f.module();
            if (!(f.packageName().equals(prefix) || f.packageName().startsWith(prefix + "."))) {
                wrong.add(sources.relative(f) + " declares package " + f.packageName());
            }
        }
        assertTrue(wrong.isEmpty(), "packages outside their module's org.bcikit.MODULE:\n" + String.join("\n", wrong));
    }

    @Test
    void noModuleUsesAModuleBuiltAfterIt() {
        List<String> upward = new ArrayList<>();
        for (JavaSources.SourceFile f : sources.files()) {
            int from = JavaSources.MODULES.indexOf(f.module());
            for (String name : f.qualifiedNames()) {
                String target = packageOf(name);
                if (target != null && JavaSources.MODULES.indexOf(packageModules.get(target)) > from) {
                    upward.add(sources.relative(f) + " (" + f.module() + ") uses " + name
                            + " (" + packageModules.get(target) + ")");
                }
            }
        }
        assertTrue(upward.isEmpty(), "modules may use only modules before them in "
                + JavaSources.MODULES + ":\n" + String.join("\n", upward));
    }

    @Test
    void packageDependenciesHaveNoCycle() {
        List<String> cycle = findCycle(graph);
        if (!cycle.isEmpty()) {
            StringBuilder why = new StringBuilder("package cycle: " + String.join(" -> ", cycle));
            for (int i = 0; i + 1 < cycle.size(); i++) {
                why.append("\n  ").append(cycle.get(i)).append(" -> ").append(cycle.get(i + 1))
                        .append(" in ").append(graph.get(cycle.get(i)).get(cycle.get(i + 1)));
            }
            throw new AssertionError(why.toString());
        }
    }

    @Test
    void cycleSearchReportsThePath() {
        // The real tree has no cycle, so the failure path of the check above is proven here.
        Map<String, Map<String, String>> g = new LinkedHashMap<>();
        g.put("a", Map.of("b", "A.java"));
        g.put("b", Map.of("c", "B.java"));
        g.put("c", Map.of("b", "C.java", "d", "C.java"));
        g.put("d", Map.of());
        assertEquals(List.of("b", "c", "b"), findCycle(g));
        g.put("c", Map.of("d", "C.java"));
        assertEquals(List.of(), findCycle(g));
    }

    @Test
    void everyPackageHasAPackageInfo() {
        Set<String> described = new TreeSet<>();
        for (JavaSources.SourceFile f : sources.files()) {
            if (f.isPackageInfo()) {
                described.add(f.packageName());
            }
        }
        Set<String> missing = new TreeSet<>(packageModules.keySet());
        missing.removeAll(described);
        assertTrue(missing.isEmpty(), "packages without package-info.java: " + missing);
    }

    @Test
    void noPackageHoldsMoreThanTwentyTopLevelTypes() {
        Map<String, Integer> counts = new TreeMap<>();
        for (JavaSources.SourceFile f : sources.files()) {
            counts.merge(f.packageName(), f.types().size(), Integer::sum);
        }
        Map<String, Integer> over = new TreeMap<>();
        counts.forEach((pkg, n) -> {
            if (n > MAX_TYPES_PER_PACKAGE) {
                over.put(pkg, n);
            }
        });
        assertTrue(over.isEmpty(), "packages with more than " + MAX_TYPES_PER_PACKAGE
                + " top-level types: " + over);
        assertFalse(counts.isEmpty());
    }

    /**
     * The first cycle a depth-first search meets, as a path that starts and ends at the same
     * package, or an empty list. Packages are visited in the map's order, so the report is stable.
     */
    static List<String> findCycle(Map<String, Map<String, String>> g) {
        Map<String, Integer> state = new HashMap<>(); // absent: unseen, 1: on the path, 2: done
        List<String> path = new ArrayList<>();
        for (String start : g.keySet()) {
            List<String> cycle = visit(start, g, state, path);
            if (!cycle.isEmpty()) {
                return cycle;
            }
        }
        return List.of();
    }

    private static List<String> visit(String node, Map<String, Map<String, String>> g,
                                      Map<String, Integer> state, List<String> path) {
        Integer s = state.get(node);
        if (s != null && s == 2) {
            return List.of();
        }
        if (s != null) {
            List<String> cycle = new ArrayList<>(path.subList(path.indexOf(node), path.size()));
            cycle.add(node);
            return cycle;
        }
        state.put(node, 1);
        path.add(node);
        for (String next : new TreeSet<>(g.getOrDefault(node, Map.of()).keySet())) {
            List<String> cycle = visit(next, g, state, path);
            if (!cycle.isEmpty()) {
                return cycle;
            }
        }
        path.remove(path.size() - 1);
        state.put(node, 2);
        return List.of();
    }
}
