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

class LowRankExperimentTest {

    private static final LowRankExperiment EXPERIMENT = new LowRankExperiment();

    private static Measurements run(int rank, long seed) {
        LowRankExperiment.Params p = new LowRankExperiment.Params(rank, "WMP",
                new SingleExponentNetwork(40, 6, 1e-2, 0, 6, LowRankExperiment.DEFAULT_EXPONENT),
                new StaticPerturbationExperiment.Training(300, 1e-2), new StaticPerturbationExperiment.Selection(50),
                new StaticPerturbationExperiment.Adaptation(100, 1e-3, 100, 10));
        return EXPERIMENT.run(p, new RunContext(0, "rank=" + rank, 0, seed, seed));
    }

    @Test
    void builtInSpecHasTheRanks() {
        ExperimentRegistry r = BuiltInExperiments.registry();
        ExperimentPlan<?> plan = ExperimentPlan.resolve(r.builtInSpec("low-rank"), "builtin:low-rank", r);
        assertEquals(List.of("rank=1/WMP", "rank=1/OMP", "rank=10/WMP", "rank=10/OMP", "rank=30/WMP", "rank=30/OMP",
                "rank=100/WMP", "rank=100/OMP"), plan.conditions().stream().map(Condition::name).toList());
    }

    @Test
    void lowRankInitialisationsLearnRicherThanFullRank() {
        double lowKernel = 0;
        double fullKernel = 0;
        double lowRepresentation = 0;
        double fullRepresentation = 0;
        int seeds = 3;
        for (long seed = 1; seed <= seeds; seed++) {
            Measurements low = run(1, seed);
            Measurements full = run(40, seed);
            assertEquals(1.0, low.scalars().get("effectiveRankInit"), 1e-9, "rank-1 start");
            assertTrue(full.scalars().get("effectiveRankInit") > 20);
            lowKernel += low.scalars().get("trainingTangentKernelAlignment") / seeds;
            fullKernel += full.scalars().get("trainingTangentKernelAlignment") / seeds;
            lowRepresentation += low.scalars().get("trainingRepresentationAlignment") / seeds;
            fullRepresentation += full.scalars().get("trainingRepresentationAlignment") / seeds;
        }
        // Liu et al. 2024: the kernels of a low-rank start move more during learning
        assertTrue(lowKernel < fullKernel - 0.03, "tangent-kernel alignment rank 1 " + lowKernel + " vs full " + fullKernel);
        assertTrue(lowRepresentation < fullRepresentation - 0.03,
                "representation alignment rank 1 " + lowRepresentation + " vs full " + fullRepresentation);
    }
}
