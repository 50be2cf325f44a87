package org.bcikit.data.synthetic;

import java.util.SplittableRandom;

import org.bcikit.data.Outcome;
import org.bcikit.data.Recording;
import org.bcikit.data.Target;
import org.bcikit.data.Trial;
import org.bcikit.data.random.Shuffle;
import org.ejml.data.DMatrixRMaj;

/** Draws the centre-out trials of a synthetic session: minimum-jerk reaches and the counts they evoke. */
final class SyntheticTrials {

    private SyntheticTrials() {
    }

    static Recording draw(SyntheticPopulation c, SyntheticSession subject, SplittableRandom rng) {
        int bins = c.binsPerTrial();
        int k = c.targets();
        Recording.Builder b = Recording.builder().numberedUnits(c.units()).binWidth(c.binWidth())
                .source("synthetic (seed " + c.seed() + ")")
                .metadata("generator", "SyntheticPopulation " + c.rateModel().name().toLowerCase(java.util.Locale.ROOT)
                        + " rates, " + c.factors() + " factors");
        DMatrixRMaj[] position = new DMatrixRMaj[k];
        DMatrixRMaj[] velocity = new DMatrixRMaj[k];
        double[][] xy = new double[k][];
        for (int target = 0; target < k; target++) {
            xy[target] = targetPosition(target, k, c.targetDistance());
            position[target] = new DMatrixRMaj(bins, 2);
            velocity[target] = new DMatrixRMaj(bins, 2);
            reach(xy[target][0], xy[target][1], c.binWidth(), position[target], velocity[target]);
        }
        double[] u = new double[c.units()];
        double[] z = new double[c.factors()];
        int[] order = new int[k];
        int trial = 0;
        for (int round = 0; round < c.trialsPerTarget(); round++) {
            Shuffle.permutation(order, rng);
            for (int target : order) {
                DMatrixRMaj counts = new DMatrixRMaj(bins, c.units());
                for (int t = 0; t < bins; t++) {
                    subject.sampleCounts(velocity[target].get(t, 0), velocity[target].get(t, 1), rng, u, z);
                    System.arraycopy(u, 0, counts.data, t * c.units(), u.length);
                }
                b.addTrial(Trial.builder().counts(counts).cursorPosition(position[target])
                        .cursorVelocity(velocity[target])
                        .target(Target.of(xy[target][0], xy[target][1], target))
                        .outcome(Outcome.SUCCESS).startTime(trial * bins * c.binWidth()).build());
                trial++;
            }
        }
        return b.build();
    }

    /** Target {@code i} of {@code k} on a circle, counter-clockwise from (distance, 0); exact zeros on the axes. */
    static double[] targetPosition(int i, int k, double distance) {
        double angle = 2 * Math.PI * i / k;
        double x = Math.cos(angle);
        double y = Math.sin(angle);
        // cos(pi/2) is 6e-17 in floating point; write the zero a reader expects.
        return new double[] {distance * (Math.abs(x) < 1e-12 ? 0 : x), distance * (Math.abs(y) < 1e-12 ? 0 : y)};
    }

    /**
     * A minimum-jerk reach from the origin to (tx, ty) over all the rows of {@code position}:
     * row t holds the cursor at the end of bin t and the mean velocity during bin t, so that
     * {@code position_t = position_{t-1} + velocity_t * dt} exactly.
     */
    static void reach(double tx, double ty, double dt, DMatrixRMaj position, DMatrixRMaj velocity) {
        int bins = position.numRows;
        double prev = 0;
        for (int t = 0; t < bins; t++) {
            double tau = (t + 1.0) / bins;
            double s = tau * tau * tau * (10 - 15 * tau + 6 * tau * tau);
            position.set(t, 0, s * tx);
            position.set(t, 1, s * ty);
            velocity.set(t, 0, (s - prev) * tx / dt);
            velocity.set(t, 1, (s - prev) * ty / dt);
            prev = s;
        }
    }

}
