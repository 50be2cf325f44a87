package org.bcikit.decoders.rig;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import org.bcikit.data.Recording;
import org.bcikit.data.Target;
import org.bcikit.data.Trial;
import org.bcikit.data.synthetic.SyntheticPopulation;
import org.bcikit.data.synthetic.SyntheticSession;
import org.bcikit.decoders.AffineDecoder;
import org.bcikit.decoders.kalman.FactorFitter;
import org.bcikit.decoders.kalman.KalmanCalibration;
import org.bcikit.decoders.kalman.KalmanVelocityDecoder;
import org.ejml.data.DMatrixRMaj;

/**
 * Synthetic closed-loop sessions for tests: the synthetic population's subject aims at the target
 * from where the cursor is, and a known decoder moves the cursor (ime2015 timing: bin t's position
 * already reflects bin t's counts).
 */
final class ClosedLoopSessions {

    private ClosedLoopSessions() {
    }

    /** The subject's intuitive decoder: calibrated on its open-loop session with d = 6 factors. */
    static KalmanVelocityDecoder generatingDecoder(SyntheticSession s) {
        List<DMatrixRMaj> counts = new ArrayList<>();
        List<DMatrixRMaj> vel = new ArrayList<>();
        for (Trial t : s.recording().trials()) {
            counts.add(t.counts());
            vel.add(t.cursorVelocity());
        }
        return KalmanCalibration.fittedDynamics().fit(counts, vel, FactorFitter.factorAnalysis(6));
    }

    /** Trials of 12 to 30 bins toward the session's targets, driven by {@code decoder}. */
    static Recording drive(SyntheticSession s, AffineDecoder decoder, int trials, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        SyntheticPopulation c = s.config();
        double speed = c.peakSpeed() * 0.6;
        Recording.Builder b = Recording.builder().source("synthetic closed loop (seed " + seed + ")")
                .numberedUnits(c.units()).binWidth(c.binWidth());
        double[] u = new double[c.units()];
        double[] v = new double[2];
        for (int i = 0; i < trials; i++) {
            int k = i % c.targets();
            double gx = c.targetDistance() * Math.cos(2 * Math.PI * k / c.targets());
            double gy = c.targetDistance() * Math.sin(2 * Math.PI * k / c.targets());
            int bins = 12 + rng.nextInt(19);
            DMatrixRMaj counts = new DMatrixRMaj(bins, c.units());
            DMatrixRMaj pos = new DMatrixRMaj(bins, 2);
            decoder.reset();
            double px = 0;
            double py = 0;
            for (int t = 0; t < bins; t++) {
                double ex = gx - px;
                double ey = gy - py;
                double dist = Math.hypot(ex, ey);
                s.sampleCounts(speed * ex / dist, speed * ey / dist, rng, u);
                decoder.step(u, v);
                px += v[0] * c.binWidth();
                py += v[1] * c.binWidth();
                System.arraycopy(u, 0, counts.data, t * u.length, u.length);
                pos.set(t, 0, px);
                pos.set(t, 1, py);
            }
            b.addTrial(Trial.builder().counts(counts).cursorPosition(pos).target(Target.of(gx, gy, k)).build());
        }
        return b.build();
    }
}
