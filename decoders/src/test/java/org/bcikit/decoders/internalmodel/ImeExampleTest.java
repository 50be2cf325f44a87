package org.bcikit.decoders.internalmodel;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.util.List;

import org.bcikit.data.SharedData;
import org.bcikit.data.Trial;
import org.bcikit.data.mat.CursorTrials;
import org.junit.jupiter.api.Test;

class ImeExampleTest {

    @Test
    void probe() throws IOException {
        CursorTrials ct = CursorTrials.read(SharedData.shared("data/ime2015/example_data.mat"));
        List<Trial> trials = ct.trials();
        for (int iters : new int[] {10, 25, 50, 100}) {
            long t0 = System.nanoTime();
            InternalModel m = new InternalModelEstimation(3).withMaxIterations(iters).fit(trials);
            double s = (System.nanoTime() - t0) / 1e9;
            AngularErrors e = m.angularErrors(trials, ct.cursorRadius() + ct.targetRadius());
            System.out.printf("iters %d: %d its, LL %.6f, model %.6f +- %.6f cursor %.6f +- %.6f  n=%d decreases %d (%.3g) %.3fs%n",
                    iters, m.iterations(), m.logLikelihood(), e.internalModelMean(), e.internalModelSem(), e.cursorMean(),
                    e.cursorSem(), e.validTrials(), m.likelihoodDecreases(), m.largestLikelihoodDecrease(), s);
        }
    }
}
