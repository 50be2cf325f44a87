package org.bcikit.experiments.relevance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.bcikit.experiments.BuiltInExperiments;
import org.bcikit.experiments.api.Condition;
import org.bcikit.experiments.api.ExperimentPlan;
import org.bcikit.experiments.api.ExperimentRegistry;
import org.bcikit.experiments.api.RunContext;
import org.junit.jupiter.api.Test;

class RelevanceExperimentTest {

    private static final RelevanceExperiment EXPERIMENT = new RelevanceExperiment();

    @Test
    void builtInSpecCrossesProtocolsWithDisruption() {
        ExperimentRegistry registry = BuiltInExperiments.registry();
        ExperimentPlan<?> plan = ExperimentPlan.resolve(registry.builtInSpec("relevance"), "builtin:relevance",
                registry);
        List<String> names = plan.conditions().stream().map(Condition::name).toList();
        assertEquals(8, names.size());
        assertEquals("learning-to-ignore/iota=1.0", names.get(0));
        assertEquals("learned-irrelevance/iota=0.9", names.get(7));
    }

    private static Map<String, Double> run(String protocol, double iota, int seed) {
        RelevanceExperiment.Params d = EXPERIMENT.defaults();
        RelevanceExperiment.Params p = new RelevanceExperiment.Params(protocol, iota, "x-I", d.inputs(),
                d.excitatory(), d.stimulusInputs(), 30,
                new RelevanceExperiment.Schedule(300, 5, 6, 8, 4, 30, "none", 100, 20, 20));
        return EXPERIMENT.run(p, new RunContext(0, protocol, seed, 100 + seed, 200 + seed)).scalars();
    }

    /**
     * Insel et al. 2018, learning to ignore on a short seeded run (300 s, published sizes): the CS1
     * that predicts the US ends up evoking more excitatory activity than the unpaired CS2, and less so
     * with inhibition disrupted to ι = 0.9.
     */
    @Test
    void learningToIgnoreSeparatesRelevantFromIrrelevantAndDisruptionWeakensIt() {
        double intact = 0;
        double disrupted = 0;
        for (int seed = 0; seed < 2; seed++) {
            Map<String, Double> a = run("learning-to-ignore", 1.0, seed);
            Map<String, Double> b = run("learning-to-ignore", 0.9, seed);
            intact += a.get("relevantMinusIrrelevant") / 2;
            disrupted += b.get("relevantMinusIrrelevant") / 2;
            assertTrue(a.get("CS2.late") < a.get("CS2.early"), "the unpaired CS2 is learned to be ignored");
            assertTrue(a.get("smallestWeight") >= 0.0);
        }
        assertTrue(intact > 0, "relevant minus irrelevant " + intact);
        assertTrue(disrupted < intact, "disrupted " + disrupted + " vs intact " + intact);
    }

    /**
     * Latent inhibition: 30 pre-exposures of CS1 leave it evoking less at test than in a control
     * network conditioned without them (the same pre-trained network).
     */
    @Test
    void preExposureReducesTheConditionedResponse() {
        Map<String, Double> m = run("latent-inhibition", 1.0, 0);
        assertTrue(m.get("preexposed.test.CS1") < m.get("control.test.CS1"), m.toString());
    }
}
