package org.bcikit.experiments.closedloop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.bcikit.data.InvalidInputException;
import org.bcikit.data.Outcome;
import org.bcikit.decoders.task.BlockResult;
import org.bcikit.decoders.task.TrialResult;
import org.bcikit.experiments.BuiltInExperiments;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.node.TextNode;
import org.bcikit.experiments.api.ConditionSummary;
import org.bcikit.experiments.api.ExperimentPlan;
import org.bcikit.experiments.api.ExperimentRegistry;
import org.bcikit.experiments.api.ExperimentResults;
import org.bcikit.experiments.spec.ExperimentSpec;
import org.bcikit.experiments.sweep.Shard;
import org.bcikit.experiments.sweep.SweepJob;
import org.bcikit.experiments.sweep.SweepRunner;

class Sadtler2014ExperimentTest {

    private static final ExperimentRegistry REGISTRY = BuiltInExperiments.registry();

    /**
     * Sadtler et al. 2014's headline on a small seeded run of the built-in spec: four simulated
     * sessions, whose WMP and OMP runs share network, decoder, targets and noise, so the test is a
     * paired one: WMP learned more in at least three of the four, and the mean paired difference in
     * amount of learning passes a one-sided paired t-test at 5% (t &gt; 2.353, 3 degrees of freedom)
     * and is at least 0.08.
     */
    @Test
    void wmpIsLearnedMoreThanOmp(@TempDir Path tmp) throws Exception {
        ExperimentSpec spec = REGISTRY.builtInSpec("sadtler2014").withSeeds(4);
        spec = new ExperimentSpec(spec.name(), spec.experiment(), spec.description(), spec.seed(), spec.seeds(),
                spec.parameters(), spec.sweep(), new ExperimentSpec.OutputOptions(false, false, null, null));
        ExperimentResults r = SweepJob.run(ExperimentPlan.resolve(spec, "builtin:sadtler2014", REGISTRY), tmp,
                new SweepRunner.Options(2, Shard.ALL, false, null));
        ConditionSummary wmp = r.condition("WMP");
        ConditionSummary omp = r.condition("OMP");
        assertEquals(0, wmp.metric("unstableSessions") + omp.metric("unstableSessions"));
        double[] w = wmp.scalars().get("amountOfLearning").values();
        double[] o = omp.scalars().get("amountOfLearning").values();
        int n = w.length;
        int wins = 0;
        double mean = 0;
        for (int i = 0; i < n; i++) {
            wins += w[i] > o[i] ? 1 : 0;
            mean += (w[i] - o[i]) / n;
        }
        double ss = 0;
        for (int i = 0; i < n; i++) {
            ss += (w[i] - o[i] - mean) * (w[i] - o[i] - mean);
        }
        double sem = Math.sqrt(ss / (n - 1) / n);
        assertEquals(4, n);
        assertTrue(wins >= 3, "WMP learned more in only " + wins + " of 4 sessions");
        assertTrue(mean > 0.08 && mean > 2.353 * sem,
                "paired difference in amount of learning WMP - OMP " + mean + " +- " + sem + " (s.e.m.)");
        // the baseline was proficient, so there was something to lose and to recover
        assertTrue(wmp.scalars().get("baselineSuccess").mean() > 0.9);
    }

    @Test
    void afterEffectIsTheFallBackTowardTheStartOfThePerturbation() {
        BlockResult intuitive = block(16, 1.0);
        BlockResult start = block(0, 0);
        assertEquals(0.0, Sadtler2014Experiment.afterEffect(intuitive, start, block(16, 1.0)), 1e-12);
        assertEquals(1.0, Sadtler2014Experiment.afterEffect(intuitive, start, block(0, 0)), 1e-12);
        // half the trials fail at washout: halfway on the success axis, none on the time axis
        assertEquals(0.25, Sadtler2014Experiment.afterEffect(intuitive, start, block(8, 1.0)), 1e-12);
    }

    @Test
    void badSpecValueNamesItsPath() {
        ExperimentSpec spec = REGISTRY.builtInSpec("sadtler2014").withParameter("optimizer", TextNode.valueOf("sgd"));
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> ExperimentPlan.resolve(spec, "builtin:sadtler2014", REGISTRY));
        assertTrue(e.getMessage().contains("$.parameters.optimizer") && e.getMessage().contains("\"sgd\""),
                e.getMessage());
    }

    /** 16 trials of which {@code successes} succeed, entering the target after {@code time} s; timeout 3 s. */
    private static BlockResult block(int successes, double time) {
        List<TrialResult> trials = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            boolean ok = i < successes;
            trials.add(new TrialResult(i, i % 8, ok ? Outcome.SUCCESS : Outcome.FAILURE, ok ? time : Double.NaN, 10, 0,
                    0));
        }
        return new BlockResult("b", trials, 3.0);
    }
}
