package org.bcikit.experiments.staticnet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.bcikit.data.io.JsonFiles;
import org.bcikit.experiments.BuiltInExperiments;
import org.bcikit.experiments.api.Condition;
import org.bcikit.experiments.api.ExperimentPlan;
import org.bcikit.experiments.api.ExperimentRegistry;
import org.bcikit.experiments.cli.CliRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;

class FeedbackBciExperimentTest {

    @Test
    void builtInSpecSweepsFeedbackRegimeAndPerturbation() {
        ExperimentRegistry r = BuiltInExperiments.registry();
        ExperimentPlan<?> plan = ExperimentPlan.resolve(r.builtInSpec("feedback-bci"), "builtin:feedback-bci", r);
        List<String> names = plan.conditions().stream().map(Condition::name).toList();
        assertEquals(28, names.size());
        assertEquals("exact/lazy/WMP", names.get(0));
        assertEquals("rdd/lazy/WMP", names.get(20));
        assertEquals("node-perturbation/rich/OMP", names.get(27));
        FeedbackBciExperiment.Params p = (FeedbackBciExperiment.Params) plan.conditions().get(0).parameters();
        assertEquals(400, p.adaptation().steps());
        assertEquals(4, plan.seeds());
        assertEquals(100, p.network().units());
    }

    @Test
    void exactFeedbackLearnsWithZeroAngleAndRandomFeedbackStartsNearARightAngle(@TempDir Path dir) throws Exception {
        Path spec = dir.resolve("small.json");
        Files.writeString(spec, """
                {"name": "small", "experiment": "feedback-bci", "seed": 1, "seeds": 1,
                 "parameters": {"regime": "rich", "perturbation": "WMP",
                   "network": {"units": 30, "targets": 6, "noiseVariance": 0.01, "manifoldDimension": 6},
                   "initialTraining": {"steps": 100, "learningRate": 0.01},
                   "selection": {"ompCandidates": 50},
                   "adaptation": {"steps": 120, "learningRate": 0.002, "metricsEvery": 10, "stabilityCheckEvery": 10}},
                 "sweep": [{"parameter": "feedback", "values": ["exact", "random", "covariance"]}]}
                """);
        Path out = dir.resolve("out");
        CliRun run = CliRun.of("run", spec.toString(), "--out", out.toString(), "--quiet");
        assertEquals(0, run.code(), run.err());
        JsonNode results = JsonFiles.mapper().readTree(out.resolve("results.json").toFile());
        Map<String, JsonNode> byFeedback = new HashMap<>();
        for (JsonNode c : results.get("conditions")) {
            byFeedback.put(c.get("name").asText().split("/")[0], c.get("metrics"));
        }
        JsonNode exact = byFeedback.get("exact");
        assertEquals(0, exact.get("unstableSeeds").asInt());
        assertTrue(exact.get("performanceAt100").asDouble() > 0, "exact feedback learned nothing");
        assertEquals(0, exact.get("angleEnd").asDouble(), 1e-6);
        // a random B in N O = 60 dimensions: cos has s.d. about 0.13, so the angle is 90 +- 8 degrees
        assertEquals(90, byFeedback.get("random").get("angleStart").asDouble(), 35);
        double covariance = byFeedback.get("covariance").get("angleStart").asDouble();
        assertTrue(covariance > 0 && covariance < 60, "covariance angle " + covariance);
        assertTrue(Files.size(out.resolve("alignment.png")) > 0);
        assertTrue(Files.size(out.resolve("learning-curves.png")) > 0);
    }
}
