package org.bcikit.experiments.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.bcikit.experiments.BuiltInExperiments;
import org.bcikit.experiments.api.ExperimentRegistry;
import org.junit.jupiter.api.Test;

class ListCommandTest {

    /** One line per built-in spec, in the catalogue's order, written to the command line's own stdout. */
    @Test
    void listsEveryBuiltInSpecOnTheCommandLinesOut() {
        CliRun r = CliRun.of("list");
        assertEquals(0, r.code(), r.err());
        ExperimentRegistry registry = BuiltInExperiments.registry();
        List<String> names = registry.builtInSpecs();
        List<String> lines = r.out().lines().toList();
        assertEquals(names.size(), lines.size(), r.out());
        for (int i = 0; i < names.size(); i++) {
            String line = lines.get(i);
            assertTrue(line.startsWith(names.get(i) + " "), line);
            assertTrue(line.endsWith(registry.builtInSpec(names.get(i)).description()), line);
        }
    }
}
