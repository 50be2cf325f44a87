package org.bcikit.rnn.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import java.util.function.Supplier;

import org.bcikit.rnn.dale.ColEiWeights;
import org.bcikit.rnn.dale.DannWeights;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

public class FixedPointRnnTest {

    private static final int N = 8;
    private static final int INPUTS = 3;
    private static final int BATCH = 4;

    public enum Structure {
        DENSE(() -> new DenseWeights(Initialisation.standardGaussian(N, 0.6, new SplittableRandom(11)))),
        COLEI(() -> ColEiWeights.initialise(N, 0.25, 0.6, new SplittableRandom(12))),
        DANN(() -> DannWeights.initialise(N, 2, 0.6, new SplittableRandom(13)));

        final Supplier<RecurrentWeights> make;

        Structure(Supplier<RecurrentWeights> make) {
            this.make = make;
        }
    }

    public static FixedPointRnn network(Structure structure, Activation phi, FixedPointRnn.Settings settings) {
        SplittableRandom rng = new SplittableRandom(5);
        DMatrixRMaj u = new DMatrixRMaj(N, INPUTS);
        DMatrixRMaj b = new DMatrixRMaj(N, 1);
        for (int k = 0; k < u.data.length; k++) {
            u.data[k] = rng.nextGaussian() / Math.sqrt(INPUTS);
        }
        for (int k = 0; k < b.data.length; k++) {
            b.data[k] = 0.3 * rng.nextGaussian();
        }
        return new FixedPointRnn(structure.make.get(), u, b, phi, settings);
    }

    public static DMatrixRMaj gaussian(int rows, int cols, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        DMatrixRMaj m = new DMatrixRMaj(rows, cols);
        for (int k = 0; k < m.data.length; k++) {
            m.data[k] = rng.nextGaussian();
        }
        return m;
    }

    /** L(h*) = sum C . h* + 1/2 |h*|^2 over the batch. */
    static double loss(FixedPointRnn net, DMatrixRMaj x, DMatrixRMaj c) {
        FixedPointSolution s = net.solve(x);
        assertTrue(s.converged(), "solve did not converge: residual " + s.residual());
        DMatrixRMaj h = s.states();
        double l = 0;
        for (int k = 0; k < h.data.length; k++) {
            l += c.data[k] * h.data[k] + 0.5 * h.data[k] * h.data[k];
        }
        return l;
    }

    /** Largest |analytic - central difference| over every parameter entry, relative to that parameter's max |gradient|. */
    static double maxRelativeError(FixedPointRnn net, DMatrixRMaj x, DMatrixRMaj c, double step) {
        FixedPointSolution s = net.solve(x);
        DMatrixRMaj dLdh = s.states();
        CommonOps_DDRM.addEquals(dLdh, c);
        assertTrue(net.gradient(s, dLdh).converged());
        double worst = 0;
        for (Parameter p : net.parameters()) {
            double[] analytic = p.gradient().data.clone();
            double scale = Math.max(CommonOps_DDRM.elementMaxAbs(p.gradient()), 1e-12);
            double[] w = p.value().data;
            boolean nonNegative = !p.name().equals("U") && !p.name().equals("b") && !p.name().equals("W");
            for (int k = 0; k < w.length; k++) {
                double saved = w[k];
                if (nonNegative && saved < 2 * step) {
                    continue; // on the boundary of the non-negative set the projection makes the difference one-sided
                }
                w[k] = saved + step;
                net.refresh();
                double up = loss(net, x, c);
                w[k] = saved - step;
                net.refresh();
                double down = loss(net, x, c);
                w[k] = saved;
                net.refresh();
                double numeric = (up - down) / (2 * step);
                worst = Math.max(worst, Math.abs(numeric - analytic[k]) / scale);
            }
        }
        return worst;
    }

    @ParameterizedTest
    @EnumSource(Structure.class)
    void implicitGradientsMatchFiniteDifferencesTanh(Structure structure) {
        FixedPointRnn net = network(structure, Activation.TANH, FixedPointRnn.Settings.defaults().withTolerance(1e-14));
        double err = maxRelativeError(net, gaussian(BATCH, INPUTS, 1), gaussian(BATCH, N, 2), 1e-6);
        assertTrue(err < 1e-5, structure + " tanh: relative error " + err);
    }

    @ParameterizedTest
    @EnumSource(Structure.class)
    void implicitGradientsMatchFiniteDifferencesSoftplus(Structure structure) {
        FixedPointRnn net = network(structure, Activation.SOFTPLUS, FixedPointRnn.Settings.defaults().withTolerance(1e-14));
        double err = maxRelativeError(net, gaussian(BATCH, INPUTS, 3), gaussian(BATCH, N, 4), 1e-6);
        assertTrue(err < 1e-5, structure + " softplus: relative error " + err);
    }

    @ParameterizedTest
    @EnumSource(Activation.class)
    void newtonGradientsMatchFiniteDifferences(Activation phi) {
        FixedPointRnn net = network(Structure.DENSE, phi,
                FixedPointRnn.Settings.defaults().withSolver(FixedPointRnn.Solver.NEWTON).withTolerance(1e-13));
        double err = maxRelativeError(net, gaussian(BATCH, INPUTS, 5), gaussian(BATCH, N, 6), 1e-6);
        assertTrue(err < 1e-5, phi + " Newton: relative error " + err);
    }

    @ParameterizedTest
    @EnumSource(Activation.class)
    void newtonAndDampedIterationAgree(Activation phi) {
        FixedPointRnn damped = network(Structure.DANN, phi,
                FixedPointRnn.Settings.defaults().withDamping(0.7).withTolerance(1e-12));
        FixedPointRnn newton = damped.withSettings(damped.settings().withSolver(FixedPointRnn.Solver.NEWTON).withDamping(1.0));
        DMatrixRMaj x = gaussian(6, INPUTS, 7);
        FixedPointSolution a = damped.solve(x);
        FixedPointSolution b = newton.solve(x);
        assertTrue(a.converged() && b.converged());
        assertTrue(b.iterations() < a.iterations(), "Newton " + b.iterations() + " vs damped " + a.iterations());
        assertTrue(CommonOps_DDRM.elementMaxAbs(diff(a.states(), b.states())) < 1e-11);

        DMatrixRMaj g = gaussian(6, N, 8);
        damped.gradient(a, g);
        DMatrixRMaj[] fromDamped = gradients(damped);
        newton.gradient(b, g);
        DMatrixRMaj[] fromNewton = gradients(newton);
        for (int i = 0; i < fromDamped.length; i++) {
            double scale = CommonOps_DDRM.elementMaxAbs(fromNewton[i]);
            assertTrue(CommonOps_DDRM.elementMaxAbs(diff(fromDamped[i], fromNewton[i])) < 1e-9 * scale,
                    damped.parameters().get(i).name());
        }
    }

    @Test
    void fixedPointSatisfiesTheEquationAndDiagnosticsAreHonest() {
        FixedPointRnn net = network(Structure.DENSE, Activation.TANH, FixedPointRnn.Settings.defaults().withTolerance(1e-12));
        DMatrixRMaj x = gaussian(3, INPUTS, 9);
        FixedPointSolution s = net.solve(x);
        DMatrixRMaj h = s.states();
        double worst = 0;
        DMatrixRMaj w = net.recurrent().effective();
        for (int r = 0; r < 3; r++) {
            for (int i = 0; i < N; i++) {
                double pre = net.bias().value().get(i, 0);
                for (int j = 0; j < N; j++) {
                    pre += w.get(i, j) * h.get(r, j);
                }
                for (int j = 0; j < INPUTS; j++) {
                    pre += net.inputWeights().value().get(i, j) * x.get(r, j);
                }
                worst = Math.max(worst, Math.abs(Math.tanh(pre) - h.get(r, i)));
            }
        }
        assertTrue(worst <= 1e-12);
        assertEquals(worst, s.residual(), 1e-15);
        assertTrue(s.iterations() > 5);
    }

    /** W = -2 I with tanh: the fixed point is repelling for plain iteration (slope about -2), which falls into a 2-cycle. */
    @Test
    void nonConvergenceIsReportedAndStopsTraining() {
        DMatrixRMaj w = CommonOps_DDRM.identity(2);
        CommonOps_DDRM.scale(-2.0, w);
        DMatrixRMaj b = new DMatrixRMaj(new double[][] {{0.5}, {-0.3}});
        FixedPointRnn net = new FixedPointRnn(new DenseWeights(w), new DMatrixRMaj(2, 1), b, Activation.TANH,
                FixedPointRnn.Settings.defaults().withMaxIterations(200));
        DMatrixRMaj x = new DMatrixRMaj(1, 1);
        FixedPointSolution s = net.solve(x);
        assertFalse(s.converged());
        assertEquals(200, s.iterations());
        assertTrue(s.residual() > 0.1, "a 2-cycle keeps a large residual, got " + s.residual());
        TrainingStopped stop = assertThrows(TrainingStopped.class, () -> TrainingGuard.defaults().checkFixedPoint(17, s));
        assertEquals(17, stop.step());
        assertEquals(TrainingStopped.Reason.NOT_CONVERGED, stop.reason());
        assertTrue(stop.getMessage().contains("step 17") && stop.getMessage().contains("did not converge"), stop.getMessage());

        // Newton has no such trouble: the same fixed point is found
        FixedPointSolution n = net.withSettings(net.settings().withSolver(FixedPointRnn.Solver.NEWTON)).solve(x);
        assertTrue(n.converged());
        assertEquals(Math.tanh(-2 * n.states().get(0, 0) + 0.5), n.states().get(0, 0), 1e-10);
    }

    @Test
    void explodingActivityAndNanLossStopTraining() {
        DMatrixRMaj w = CommonOps_DDRM.identity(3);
        CommonOps_DDRM.scale(2.0, w);
        FixedPointRnn net = new FixedPointRnn(new DenseWeights(w), new DMatrixRMaj(3, 1), new DMatrixRMaj(3, 1),
                Activation.SOFTPLUS, FixedPointRnn.Settings.defaults().withMaxIterations(100));
        FixedPointSolution s = net.solve(new DMatrixRMaj(2, 1));
        assertFalse(s.converged());
        assertTrue(s.maxAbsActivity() > 1e20, "softplus(2h) doubles h each iteration: " + s.maxAbsActivity());
        TrainingStopped stop = assertThrows(TrainingStopped.class, () -> TrainingGuard.defaults().checkFixedPoint(3, s));
        assertEquals(TrainingStopped.Reason.EXPLODING_ACTIVITY, stop.reason());
        assertTrue(stop.getMessage().startsWith("training stopped at step 3: activity exploded"), stop.getMessage());

        TrainingStopped nan = assertThrows(TrainingStopped.class, () -> TrainingGuard.defaults().checkLoss(42, Double.NaN));
        assertEquals(42, nan.step());
        assertEquals(TrainingStopped.Reason.NON_FINITE_LOSS, nan.reason());
    }

    public static DMatrixRMaj[] gradients(FixedPointRnn net) {
        return net.parameters().stream().map(p -> p.gradient().copy()).toArray(DMatrixRMaj[]::new);
    }

    public static DMatrixRMaj diff(DMatrixRMaj a, DMatrixRMaj b) {
        DMatrixRMaj d = a.copy();
        CommonOps_DDRM.subtractEquals(d, b);
        return d;
    }
}
