package org.bcikit.decoders.internalmodel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.bcikit.data.InvalidInputException;
import org.bcikit.data.Target;
import org.bcikit.data.Trial;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.NormOps_DDRM;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A simulated closed-loop session whose internal model is known: the subject believes in
 * (A, B, b0), sees the cursor TAU = 2 steps late, forward-predicts it with its own spikes and
 * issues the next spikes so that its believed velocity aims from the predicted position at the
 * target; the cursor is driven by a different decoder (B rotated by 35 degrees, other dynamics).
 */
class InternalModelRecoveryTest {

    static final int TAU = 2;
    static final int UNITS = 12;
    static final DMatrixRMaj A = new DMatrixRMaj(new double[][] {{0.5, 0.1}, {-0.1, 0.5}});
    /** b0 is 0.0004, -0.0003 plus -B times the baseline counts, so that baseline firing is believed to hold still. */
    static final double[] B0 = new double[2];
    static DMatrixRMaj b;
    static List<Trial> trials;

    @BeforeAll
    static void simulate() {
        Random rng = new Random(20150101L);
        b = new DMatrixRMaj(2, UNITS);
        for (int k = 0; k < b.getNumElements(); k++) {
            b.data[k] = 0.002 * rng.nextGaussian();
        }
        double rot = Math.toRadians(35);
        DMatrixRMaj rotation = new DMatrixRMaj(new double[][] {{Math.cos(rot), -Math.sin(rot)},
            {Math.sin(rot), Math.cos(rot)}});
        DMatrixRMaj decoderB = new DMatrixRMaj(2, UNITS);
        CommonOps_DDRM.mult(1.2, rotation, b, decoderB);
        DMatrixRMaj decoderA = new DMatrixRMaj(new double[][] {{0.3, 0}, {0, 0.3}});
        DMatrixRMaj pinv = new DMatrixRMaj(UNITS, 2);
        CommonOps_DDRM.pinv(b, pinv);
        double[] base = new double[UNITS];
        for (int u = 0; u < UNITS; u++) {
            base[u] = 6;
        }
        double[] bBase = new double[2];
        for (int d = 0; d < 2; d++) {
            for (int u = 0; u < UNITS; u++) {
                bBase[d] += b.get(d, u) * base[u];
            }
        }
        B0[0] = 0.0004 - bBase[0];
        B0[1] = -0.0003 - bBase[1];
        trials = new ArrayList<>();
        int bins = 24;
        double speed = 0.006;
        for (int n = 0; n < 96; n++) {
            double angle = 2 * Math.PI * (n % 8) / 8;
            double gx = 0.08 * Math.cos(angle);
            double gy = 0.08 * Math.sin(angle);
            DMatrixRMaj counts = new DMatrixRMaj(bins, UNITS);
            DMatrixRMaj pos = new DMatrixRMaj(bins, 2);
            double[] vel = new double[2];
            for (int t = 0; t < bins; t++) {
                // the subject chooses u(t) from feedback P(t-1-TAU) and the spikes it issued since
                int f = Math.max(t - 1 - TAU, 0);
                double px = t == 0 ? 0 : pos.get(f, 0);
                double py = t == 0 ? 0 : pos.get(f, 1);
                double vx = f >= 1 ? pos.get(f, 0) - pos.get(f - 1, 0) : 0;
                double vy = f >= 1 ? pos.get(f, 1) - pos.get(f - 1, 1) : 0;
                for (int s = f + 1; s < t; s++) {
                    // the believed velocity of spikes u(s), then the position it moves the cursor to
                    double nx = A.get(0, 0) * vx + A.get(0, 1) * vy + dot(b, 0, counts, s) + B0[0];
                    double ny = A.get(1, 0) * vx + A.get(1, 1) * vy + dot(b, 1, counts, s) + B0[1];
                    vx = nx;
                    vy = ny;
                    px += vx;
                    py += vy;
                }
                double dx = gx - px;
                double dy = gy - py;
                double len = Math.hypot(dx, dy);
                // B (base + pinv want) + b0 = want + B base + b0 is the believed velocity
                double want0 = speed * dx / len - A.get(0, 0) * vx - A.get(0, 1) * vy - B0[0] - bBase[0];
                double want1 = speed * dy / len - A.get(1, 0) * vx - A.get(1, 1) * vy - B0[1] - bBase[1];
                for (int u = 0; u < UNITS; u++) {
                    double c = base[u] + pinv.get(u, 0) * want0 + pinv.get(u, 1) * want1 + 0.25 * rng.nextGaussian();
                    counts.set(t, u, Math.max(0, c));
                }
                // the actual decoder: v(t) = A_dec v(t-1) + B_dec u(t), P(t) = P(t-1) + v(t)
                double nx = decoderA.get(0, 0) * vel[0] + dot(decoderB, 0, counts, t);
                double ny = decoderA.get(1, 1) * vel[1] + dot(decoderB, 1, counts, t);
                nx -= dot(decoderB, 0, base);
                ny -= dot(decoderB, 1, base);
                vel[0] = nx;
                vel[1] = ny;
                pos.set(t, 0, (t == 0 ? 0 : pos.get(t - 1, 0)) + nx);
                pos.set(t, 1, (t == 0 ? 0 : pos.get(t - 1, 1)) + ny);
            }
            trials.add(Trial.builder().counts(counts).cursorPosition(pos).target(Target.at(gx, gy)).build());
        }
    }

    private static double dot(DMatrixRMaj m, int row, DMatrixRMaj counts, int t) {
        double s = 0;
        for (int u = 0; u < UNITS; u++) {
            s += m.get(row, u) * counts.get(t, u);
        }
        return s;
    }

    private static double dot(DMatrixRMaj m, int row, double[] x) {
        double s = 0;
        for (int u = 0; u < UNITS; u++) {
            s += m.get(row, u) * x[u];
        }
        return s;
    }

    @Test
    void recoversTheInternalModelAndExplainsTheCursorErrors() {
        InternalModel m = new InternalModelEstimation(TAU).withMaxIterations(300).fit(trials);
        DMatrixRMaj diffB = m.b();
        CommonOps_DDRM.subtractEquals(diffB, b);
        DMatrixRMaj diffA = m.a();
        CommonOps_DDRM.subtractEquals(diffA, A);
        // measured: B within 8 %, A within 0.12 (Frobenius), b0 within 3 %
        assertTrue(NormOps_DDRM.normF(diffB) / NormOps_DDRM.normF(b) < 0.15, "B: " + m.b());
        assertTrue(NormOps_DDRM.normF(diffA) < 0.2, "A: " + m.a());
        double b0Error = Math.hypot(m.b0()[0] - B0[0], m.b0()[1] - B0[1]) / Math.hypot(B0[0], B0[1]);
        assertTrue(b0Error < 0.1, "b0 off by " + b0Error);
        assertEquals(m.wv()[0], m.wv()[1], 0.0);

        // the cursor misses by the decoder's 35 degree rotation (15 degrees measured); the subject's
        // believed cursor almost never misses (0.2 degrees)
        AngularErrors e = m.angularErrors(trials, 0.014);
        assertTrue(e.cursorMean() > 10, "cursor " + e.cursorMean());
        assertTrue(e.internalModelMean() < 1, "internal model " + e.internalModelMean());
        assertEquals(96, e.validTrials());
    }

    @Test
    void logLikelihoodNeverFallsAndIterationsCountMSteps() {
        InternalModel m = new InternalModelEstimation(TAU).withMaxIterations(40).fit(trials);
        double[] ll = m.logLikelihoods();
        assertEquals(40, m.iterations());
        assertEquals(41, ll.length);
        assertFalse(m.converged());
        for (int k = 1; k < ll.length; k++) {
            assertTrue(ll[k] >= ll[k - 1] - 1e-10, "LL fell at iteration " + k + ": " + ll[k - 1] + " -> " + ll[k]);
        }
        assertTrue(ll[40] > ll[0] + 100, "EM should gain much over the initial parameters");
        assertEquals(0, m.likelihoodDecreases());
        assertEquals(ll[40], m.logLikelihood(trials, TAU + 1), 1e-9 * Math.abs(ll[40]));
        assertEquals(m.whiskerCount(), m.alphas().length);
        assertEquals(96 * (24 - TAU - 2), m.whiskerCount());
    }

    @Test
    void convergesOnTheToleranceAfterTheMinimumIterations() {
        InternalModel m = new InternalModelEstimation(TAU).withMaxIterations(400).withTolerance(1.0).fit(trials);
        assertTrue(m.converged());
        assertTrue(m.iterations() > 10 && m.iterations() < 400, "iterations " + m.iterations());
        double[] ll = m.logLikelihoods();
        assertTrue(ll[ll.length - 1] - ll[ll.length - 2] < 1.0);
    }

    @Test
    void zeroIterationsGiveTheInitialParametersWithOneLikelihood() {
        InternalModel m = new InternalModelEstimation(TAU).withMaxIterations(0).fit(trials);
        assertEquals(0, m.iterations());
        assertEquals(1, m.logLikelihoods().length);
        // the initialisation sets A = 0
        assertEquals(0, NormOps_DDRM.normF(m.a()), 0.0);
    }

    @Test
    void heldOutObservationFitKeepsTheInternalModel() {
        InternalModel m = new InternalModelEstimation(TAU).withMaxIterations(30).fit(trials.subList(0, 80));
        List<Trial> test = trials.subList(80, 96);
        InternalModel held = new InternalModelEstimation(TAU).withMaxIterations(50).fitObservation(m, test);
        assertEquals(m.b().get(0, 3), held.b().get(0, 3), 0.0);
        assertEquals(16 * (24 - TAU - 2), held.whiskerCount());
        double[] ll = held.logLikelihoods();
        for (int k = 1; k < ll.length; k++) {
            assertTrue(ll[k] >= ll[k - 1] - 1e-10);
        }
        // scoring from a later first step drops whiskers, so the likelihood of fewer targets
        assertTrue(held.logLikelihood(test, TAU + 4) != held.logLikelihood(test, TAU + 1));
    }

    @Test
    void badTrialsAreRejectedWithWhereAndWhat() {
        InvalidInputException tooShort = assertThrows(InvalidInputException.class,
                () -> new InternalModelEstimation(22).fit(trials));
        assertEquals("trial 1: expected at least 25 bins for TAU = 22 (TAU + 3: one whisker needs feedback from "
                + "t-TAU-1 and spikes up to t+1), got 24", tooShort.getMessage());
        List<Trial> mixed = new ArrayList<>(trials.subList(0, 3));
        mixed.add(Trial.builder().counts(new DMatrixRMaj(24, UNITS - 1)).cursorPosition(new DMatrixRMaj(24, 2))
                .target(Target.at(0, 1)).build());
        InvalidInputException units = assertThrows(InvalidInputException.class,
                () -> new InternalModelEstimation(TAU).fit(mixed));
        assertEquals("trial 4: counts: expected 12 units like trial 1, got 11", units.getMessage());
        assertThrows(InvalidInputException.class, () -> new InternalModelEstimation(-1));
    }

    @Test
    void aimingErrorIsMeasuredFromTheTargetPerimeter() {
        // straight at the target, and anywhere from inside the acceptance circle: no error
        assertEquals(0, AngularErrors.degrees(0, 0, 1, 0, 10, 0, 1), 0.0);
        assertEquals(0, AngularErrors.degrees(0, 0, -1, 0, 0.5, 0, 1), 0.0);
        // 90 degrees off, counter-clockwise positive, less the half-angle the circle subtends
        double half = Math.toDegrees(Math.asin(0.1));
        assertEquals(90 - half, AngularErrors.degrees(0, 0, 0, 1, 10, 0, 1), 1e-12);
        assertEquals(-(90 - half), AngularErrors.degrees(0, 0, 0, -1, 10, 0, 1), 1e-12);
        // within the half-angle: a hit
        assertEquals(0, AngularErrors.degrees(0, 0, 10, 0.9, 10, 0, 1), 0.0);
        // a step of zero length has no direction
        assertTrue(Double.isNaN(AngularErrors.degrees(0, 0, 0, 0, 10, 0, 1)));
    }
}
