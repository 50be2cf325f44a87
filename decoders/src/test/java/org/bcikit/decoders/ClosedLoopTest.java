package org.bcikit.decoders;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

class ClosedLoopTest {

    @Test
    void explore() {
        SyntheticRig rig = new SyntheticRig(30, 5, 6, 11);
        KalmanVelocityDecoder intuitive = rig.rigDecoder(5);
        PopulationEncoder subject = new PopulationEncoder(rig.population, 150, 40);
        CursorTask task = new CursorTask(CursorTask.Config.defaults().withTimeout(3));
        SplittableRandom r = new SplittableRandom(3);
        BlockResult base = task.runBlock(subject, intuitive, CursorTask.Block.of("intuitive", 48), r);
        System.out.println("intuitive " + base.successRate() + " " + base.meanAcquisitionTime() + " ang " + base.angularError() + " prog " + base.progress());
        PerturbationSelector.Selection sel = new PerturbationSelector().candidates(500, 500)
                .ompUnits(12).screenEveryTarget(false).speedRatioRange(0.25, 2).angleRange(20, 75)
                .select(intuitive, rig.meanCountsPerTarget(), new SplittableRandom(5));
        System.out.println("passed " + sel.wmpPassed() + " " + sel.ompPassed() + " of " + sel.wmpCandidates() + " " + sel.ompCandidates());
        for (PerturbationSelector.Choice c : new PerturbationSelector.Choice[] {sel.wmp(), sel.omp()}) {
            BlockResult b = task.runBlock(subject, c.decoder(), CursorTask.Block.of("pert", 48), r);
            System.out.println(c.perturbation().describe() + " loss " + c.prediction().predictedLoss() + " angle " + c.prediction().meanAngle()
                    + " ratio " + c.prediction().meanSpeedRatio() + " pa " + java.util.Arrays.toString(c.prediction().principalAngles())
                    + " -> " + b.successRate() + " " + b.meanAcquisitionTime());
            AdaptiveKalmanDecoder ad = new AdaptiveKalmanDecoder(c.decoder(), new SmoothBatch(10), 100);
            BlockResult a = task.runBlock(subject, ad, new CursorTask.Block("adapt", 160, true, 0), r);
            BlockResult after = task.runBlock(subject, ad, CursorTask.Block.of("after", 48), r);
            System.out.println("  adapt " + a.successRate() + " after " + after.successRate() + " " + after.meanAcquisitionTime() + " updates " + ad.updates() + " skipped " + ad.skippedUpdates());
        }
        assertTrue(base.successRate() >= 0.9);
    }
}
