package org.bcikit.experiments.burstprop;

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

class BurstpropXorExperimentTest {

    private static final BurstpropXorExperiment EXPERIMENT = new BurstpropXorExperiment();

    @Test
    void builtInSpecCrossesLearnersSlopesAndSizes() {
        ExperimentRegistry registry = BuiltInExperiments.registry();
        ExperimentPlan<?> plan = ExperimentPlan.resolve(registry.builtInSpec("burstprop-xor"), "builtin:burstprop-xor",
                registry);
        List<String> names = plan.conditions().stream().map(Condition::name).toList();
        assertEquals(16, names.size());
        assertEquals("fixed-random/slope=1/hidden=3", names.get(0));
        assertEquals("backprop/slope=10/hidden=8", names.get(15));
    }

    private static Map<String, Double> run(String learner, double slope, int seed) {
        BurstpropXorExperiment.Params d = EXPERIMENT.defaults();
        BurstpropXorExperiment.Params p = new BurstpropXorExperiment.Params(learner, slope, d.hidden(),
                d.baselineBurst(), d.outputLearningRate(), d.hiddenLearningRate(), d.recurrentLearningRate(),
                d.weightDecay(), d.initScale(), 1000, 50);
        return EXPERIMENT.run(p, new RunContext(0, learner, seed, 100 + seed, 200 + seed)).scalars();
    }

    /**
     * Kolen–Pollack on a short seeded run: XOR solved, Y aligned with W2^T, and at slope 1 burstprop's
     * first-layer update within a few degrees of backprop's; the paired seed makes the two learners
     * start from the same random feedback.
     */
    @Test
    void kolenPollackSolvesXorAndAlignsItsFeedback() {
        Map<String, Double> kp = run("kolen-pollack", 1, 0);
        Map<String, Double> fixed = run("fixed-random", 1, 0);
        assertEquals(1.0, kp.get("solved"));
        assertEquals(kp.get("alignmentStart"), fixed.get("alignmentStart"), 0);
        assertTrue(kp.get("alignmentStart") > 45, "starts at " + kp.get("alignmentStart"));
        assertTrue(kp.get("alignmentEnd") < 5, "ends at " + kp.get("alignmentEnd"));
        assertTrue(kp.get("updateAngleEnd") < 10, "update angle " + kp.get("updateAngleEnd"));
        assertTrue(fixed.get("alignmentEnd") > kp.get("alignmentEnd"));
    }

    @Test
    void backpropHasNoFeedbackToAlignAndASteeperSlopeWidensBurstpropsAngleOnItsWeights() {
        Map<String, Double> shallow = run("backprop", 1, 1);
        Map<String, Double> steep = run("backprop", 10, 1);
        assertTrue(Double.isNaN(shallow.get("alignmentEnd")));
        assertEquals(shallow.get("lossEnd"), steep.get("lossEnd"), 0, "backprop does not use the slope");
        assertTrue(steep.get("updateAngleMean") > shallow.get("updateAngleMean"));
    }
}
