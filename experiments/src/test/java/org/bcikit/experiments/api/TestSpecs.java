package org.bcikit.experiments.api;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;

import org.bcikit.experiments.spec.ExperimentSpec;
import org.bcikit.experiments.spec.SpecReader;

/** Specs of the test experiment, written as a scientist would. */
public final class TestSpecs {

    public static final ExperimentRegistry REGISTRY = ExperimentRegistry.empty().with(new NoisyLearningExperiment());

    /** Two rates x two learning rates, three seeds. */
    public static final String GRID = """
            {
              "name": "grid",
              "experiment": "noisy-learning",
              "description": "engine test grid",
              "seed": 42,
              "seeds": 3,
              "parameters": { "steps": 30, "adaptation": { "rule": "gd" } },
              "sweep": [
                { "parameter": "adaptation.learningRate", "values": [0.05, 0.2], "label": "lr={}" },
                { "parameter": "rate", "values": [1, 2] }
              ],
              "output": { "width": 600, "height": 400 }
            }
            """;

    private TestSpecs() {
    }

    static ExperimentSpec spec(String json) {
        return SpecReader.read("test.json", new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)));
    }

    public static ExperimentPlan<?> plan(String json) {
        return plan(json, REGISTRY);
    }

    /** The plan of {@code json} with the types in {@code registry}. */
    public static ExperimentPlan<?> plan(String json, ExperimentRegistry registry) {
        return ExperimentPlan.resolve(spec(json), "test.json", registry);
    }

    /** {@link #GRID} with the runs of one rate at one seed index sharing their paired work. */
    public static final String SHARED_GRID = GRID.replace("\"steps\": 30,", "\"steps\": 30, \"sharedWork\": true,");

    /** A registry of a fresh test experiment, whose {@link NoisyLearningExperiment#sharedComputations} start at 0. */
    public static ExperimentRegistry registry(NoisyLearningExperiment experiment) {
        return ExperimentRegistry.empty().with(experiment);
    }
}
