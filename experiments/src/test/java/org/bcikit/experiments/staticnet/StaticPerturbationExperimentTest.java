package org.bcikit.experiments.staticnet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.bcikit.data.io.JsonFiles;
import org.bcikit.experiments.BuiltInExperiments;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import org.bcikit.experiments.api.Condition;
import org.bcikit.experiments.api.ExperimentPlan;
import org.bcikit.experiments.api.ExperimentRegistry;
import org.bcikit.experiments.cli.CliRun;

class StaticPerturbationExperimentTest {

    private static ExperimentPlan<?> builtIn(String name) {
        ExperimentRegistry r = BuiltInExperiments.registry();
        return ExperimentPlan.resolve(r.builtInSpec(name), "builtin:" + name, r);
    }

    @Test
    void builtInSpecsHaveThePublishedConditions() {
        ExperimentPlan<?> lazyRich = builtIn("lazy-rich");
        assertEquals(List.of("lazy/WMP", "lazy/OMP", "rich/WMP", "rich/OMP"),
                lazyRich.conditions().stream().map(Condition::name).toList());
        assertEquals(20, lazyRich.seeds());
        StaticPerturbationExperiment.Params p = (StaticPerturbationExperiment.Params) lazyRich.conditions().get(0).parameters();
        assertEquals(2000, p.adaptation().steps());
        assertEquals(1e-3, p.adaptation().learningRate());
        assertEquals(500, p.initialTraining().steps());
        assertEquals(100, p.network().units());

        ExperimentPlan<?> lr = builtIn("learning-rate");
        List<String> names = lr.conditions().stream().map(Condition::name).toList();
        assertEquals(24, names.size());
        assertEquals("lr=0.001/lazy/WMP", names.get(0));
        assertEquals("lr=0.05/rich/OMP", names.get(23));
        assertEquals(1000, ((StaticPerturbationExperiment.Params) lr.conditions().get(0).parameters()).adaptation().steps());
    }

    @Test
    void aSmallSweepWritesTheNamedMetricsAndTheFigure(@TempDir Path dir) throws Exception {
        CliRun run = CliRun.of("run", "lazy-rich", "--out", dir.toString(), "--seeds", "2", "--quiet",
                "--set", "network.units=30", "--set", "initialTraining.steps=100",
                "--set", "selection.ompCandidates=50", "--set", "adaptation.steps=120", "--set", "adaptation.metricsEvery=60");
        assertEquals(0, run.code(), run.err());
        JsonNode results = JsonFiles.mapper().readTree(dir.resolve("results.json").toFile());
        JsonNode conditions = results.get("conditions");
        assertEquals(4, conditions.size());
        for (JsonNode c : conditions) {
            JsonNode m = c.get("metrics");
            // at N = 30 a lazy network can go unstable (spectral radius 1): then its curve stops early
            int unstable = 0;
            for (JsonNode v : c.get("scalars").get("unstable").get("values")) {
                unstable += v.asDouble() > 0 ? 1 : 0;
            }
            assertEquals(unstable, m.get("unstableSeeds").asInt());
            int length = m.get("performance").size();
            assertTrue(length >= 1 && length <= 121, "curve length " + length);
            assertEquals(length, m.get("performanceSem").size());
            assertEquals(0.0, m.get("performance").get(0).asDouble(), 1e-12, "performance starts at 0");
            if (unstable == 0) {
                assertEquals(121, length);
                assertTrue(m.get("performanceAt100").asDouble() > 0, c.get("name") + " learned nothing");
                assertEquals(m.get("performance").get(120).asDouble(), m.get("performanceEnd").asDouble(), 1e-12);
            }
            assertTrue(m.get("performanceAt500").isNull(), "the runs stopped before step 500");
            assertTrue(m.get("weightChange").asDouble() > 0);
            double overlap = m.get("manifoldOverlapEnd").asDouble();
            assertTrue(overlap > 0.3 && overlap < 1.5, "overlap " + overlap);
        }
        assertTrue(Files.size(dir.resolve("learning-curves.png")) > 0);
        assertTrue(Files.size(dir.resolve("learning-curves.svg")) > 0);
    }

    @Test
    void badParametersNameTheirPath() {
        CliRun run = CliRun.of("run", "lazy-rich", "--out", "unused", "--set", "regime=\"medium\"");
        assertEquals(2, run.code());
        assertTrue(run.err().contains("$.parameters.regime"), run.err());
    }

    @Test
    void benchStaticPrintsOneJsonLine() throws Exception {
        CliRun run = CliRun.of("bench", "static", "--units", "20", "--steps", "20", "--warmup", "5");
        assertEquals(0, run.code(), run.err());
        JsonNode line = JsonFiles.mapper().readTree(run.out());
        assertEquals("static", line.get("benchmark").asText());
        assertEquals(20, line.get("units").asInt());
        assertTrue(line.get("msPerStep").asDouble() > 0);
    }
}
