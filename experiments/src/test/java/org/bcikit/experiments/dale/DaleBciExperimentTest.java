package org.bcikit.experiments.dale;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.bcikit.data.io.JsonFiles;
import org.bcikit.experiments.BuiltInExperiments;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;

import org.bcikit.experiments.api.Condition;
import org.bcikit.experiments.api.ExperimentPlan;
import org.bcikit.experiments.api.ExperimentRegistry;
import org.bcikit.experiments.api.Measurements;
import org.bcikit.experiments.api.RunContext;
import org.bcikit.experiments.cli.CliRun;
import org.bcikit.experiments.staticnet.StaticPerturbationExperiment;
import org.junit.jupiter.api.Test;

class DaleBciExperimentTest {

    private static final DaleBciExperiment EXPERIMENT = new DaleBciExperiment();

    private static Measurements run(String structure, String rule, String regime, String perturbation, long seed) {
        DaleBciExperiment.Params p = new DaleBciExperiment.Params(structure, rule, regime, perturbation,
                new DaleBciExperiment.Network(40, 6, 1e-2, 0, 6, 0.1, 0.55, 1.0), new StaticPerturbationExperiment.Training(200, 1e-2),
                new StaticPerturbationExperiment.Selection(100), new DaleBciExperiment.Adaptation(100, 1e-3, 1.0, 100, 10));
        return EXPERIMENT.run(p, new RunContext(0, structure + "/" + rule, 0, seed, seed));
    }

    @Test
    void builtInSpecHasSixteenConditions() {
        ExperimentRegistry r = BuiltInExperiments.registry();
        ExperimentPlan<?> plan = ExperimentPlan.resolve(r.builtInSpec("dale-bci"), "builtin:dale-bci", r);
        List<String> names = plan.conditions().stream().map(Condition::name).toList();
        assertEquals(16, names.size());
        assertEquals("ColEI/GD/lazy/WMP", names.get(0));
        assertEquals("DANN/EG/rich/OMP", names.get(15));
    }

    @Test
    void aTinySweepWritesTheMetricsAndEveryFigure(@TempDir Path dir) throws Exception {
        Path spec = dir.resolve("tiny.json");
        Files.writeString(spec, """
                { "name": "tiny", "experiment": "dale-bci", "seeds": 1,
                  "parameters": { "network": { "units": 20 }, "initialTraining": { "steps": 30 },
                                  "selection": { "ompCandidates": 20 },
                                  "adaptation": { "steps": 30, "metricsEvery": 30 } },
                  "sweep": [ { "parameter": "structure", "values": ["ColEI", "DANN"] },
                             { "parameter": "rule", "values": ["GD", "EG"] },
                             { "parameter": "perturbation", "values": ["WMP", "OMP"] } ] }
                """);
        CliRun run = CliRun.of("run", spec.toString(), "--out", dir.resolve("out").toString(), "--quiet");
        assertEquals(0, run.code(), run.err());
        dir = dir.resolve("out");
        JsonNode results = JsonFiles.mapper().readTree(dir.resolve("results.json").toFile());
        assertEquals(8, results.get("conditions").size());
        for (JsonNode c : results.get("conditions")) {
            JsonNode m = c.get("metrics");
            assertEquals(0, m.get("signFlips").asInt(), c.get("name").asText());
            assertTrue(m.get("ksEnd").asDouble() >= 0 && m.get("ksEnd").asDouble() <= 1);
            assertTrue(m.has("performanceEnd") && m.has("manifoldOverlapEnd") && m.has("logSigmaEnd"));
        }
        for (String f : List.of("learning-curves-ColEI-GD", "learning-curves-ColEI-EG", "learning-curves-DANN-GD",
                "learning-curves-DANN-EG", "weight-fits")) {
            assertTrue(Files.size(dir.resolve(f + ".png")) > 0, f);
        }
    }

    @Test
    void lazyRegimeSpectralRadiusIsThatOfPayeursGaussianNetwork() {
        assertEquals(Math.pow(100, -0.05), DaleBciExperiment.spectralRadius(100, 0.55), 1e-12);
        assertEquals(0.1, DaleBciExperiment.spectralRadius(100, 1.0), 1e-12);
    }

    @Test
    void everyRuleKeepsDalesSignsAndWithinManifoldPerturbationsAreLearnedFaster() {
        for (String structure : List.of("ColEI", "DANN")) {
            for (String rule : List.of("GD", "EG")) {
                Measurements wmp = run(structure, rule, "lazy", "WMP", 5);
                Measurements omp = run(structure, rule, "lazy", "OMP", 5);
                String what = structure + "/" + rule;
                assertEquals(0.0, wmp.scalars().get("signFlips"), what + " flipped signs");
                assertEquals(0.0, omp.scalars().get("signFlips"), what + " flipped signs");
                assertEquals(0.0, wmp.scalars().get("unstable"), what);
                double w = wmp.scalars().get("performanceAt100");
                double o = omp.scalars().get("performanceAt100");
                assertTrue(w > o + 0.05, what + ": WMP " + w + " vs OMP " + o + " after 100 steps");
                if (rule.equals("EG")) {
                    assertEquals(0.0, wmp.scalars().get("zeroFractionEnd") - wmp.scalars().get("zeroFractionInit"), 0.0,
                            what + ": EG cannot silence a synapse");
                }
            }
        }
    }
}
