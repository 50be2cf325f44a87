package org.bcikit.experiments.staticnet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.bcikit.experiments.BuiltInExperiments;
import org.bcikit.experiments.api.Condition;
import org.bcikit.experiments.api.ExperimentPlan;
import org.bcikit.experiments.api.ExperimentRegistry;
import org.bcikit.experiments.api.Measurements;
import org.bcikit.experiments.api.RunContext;
import org.junit.jupiter.api.Test;

class IncrementalOmpExperimentTest {

    private static final IncrementalOmpExperiment EXPERIMENT = new IncrementalOmpExperiment();

    private static IncrementalOmpExperiment.Params small(String training) {
        IncrementalOmpExperiment.Params d = EXPERIMENT.defaults();
        return new IncrementalOmpExperiment.Params(training, new SingleExponentNetwork(30, 6, 1e-2, 0, 6, 0.55),
                new StaticPerturbationExperiment.Training(150, 1e-2), new StaticPerturbationExperiment.Selection(100),
                new IncrementalOmpExperiment.Adaptation(400, 2e-3, d.adaptation().increments(), 5, 0.75, 10));
    }

    private static Measurements run(String training, long seed) {
        return EXPERIMENT.run(small(training), new RunContext(0, training, 0, seed, seed));
    }

    @Test
    void builtInSpecHasBothConditions() {
        ExperimentRegistry r = BuiltInExperiments.registry();
        ExperimentPlan<?> plan = ExperimentPlan.resolve(r.builtInSpec("incremental-omp"), "builtin:incremental-omp", r);
        assertEquals(List.of("direct", "incremental"), plan.conditions().stream().map(Condition::name).toList());
        IncrementalOmpExperiment.Params p = (IncrementalOmpExperiment.Params) plan.conditions().get(1).parameters();
        assertEquals(List.of(2.0, 3.0, 4.0, 4.5, 5.0), p.adaptation().increments());
        assertEquals(0.75, p.adaptation().targetLossFraction());
        assertEquals(0.55, p.network().exponent());
    }

    @Test
    void incrementalTrainingStepsThroughTheDecodersWithinTheSameBudget() {
        Measurements direct = run("direct", 3);
        Measurements incremental = run("incremental", 3);
        // same network and OMP (paired seed), same budget
        assertEquals(direct.scalars().get("ompLossStart"), incremental.scalars().get("ompLossStart"), 0.0);
        double[] dl = direct.curves().get("loss").y();
        assertEquals(direct.scalars().get("ompLossStart"), dl[0], 1e-12, "direct training starts on V_OM");
        assertEquals(401, dl.length, "every update of the budget recorded");

        double[] fraction = incremental.curves().get("decoderFraction").y();
        double[] loss = incremental.curves().get("loss").y();
        assertEquals(0.4, fraction[0], 1e-12, "first decoder a = 2 of 5");
        assertTrue(loss[0] < dl[0], "a decoder 40% of the way to the OMP starts easier: " + loss[0] + " vs " + dl[0]);
        List<Double> allowed = List.of(0.4, 0.6, 0.8, 0.9, 1.0);
        int stageStart = 0;
        for (int t = 1; t < fraction.length; t++) {
            double f = fraction[t];
            assertTrue(allowed.stream().anyMatch(a -> Math.abs(a - f) < 1e-12), "fraction " + f);
            assertTrue(fraction[t] >= fraction[t - 1], "decoders only move towards the OMP");
            if (fraction[t] > fraction[t - 1]) {
                // a decoder is left only after its loss fell to 0.75 of its start: the last loss
                // recorded before the switch is above the target, the one that ended it is not recorded
                assertTrue(loss[t - 1] > 0.75 * loss[stageStart] - 1e-12);
                assertTrue(t - stageStart >= 1);
                stageStart = t;
            }
        }
        assertEquals(incremental.scalars().get("decodersUsed"), (double) distinct(fraction), 0.0);
        assertTrue(direct.scalars().get("ompPerformanceEnd") > 0.5,
                "direct GD learns this OMP within the budget: " + direct.scalars().get("ompPerformanceEnd"));
    }

    private static long distinct(double[] v) {
        return java.util.Arrays.stream(v).distinct().count();
    }
}
