package org.bcikit.decoders.rig;

import java.util.ArrayList;
import java.util.List;

import org.bcikit.data.InvalidInputException;
import org.bcikit.data.Recording;
import org.bcikit.data.Trial;
import org.bcikit.decoders.LinearDynamicalDecoder;
import org.bcikit.decoders.Regression;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.factory.LinearSolverFactory_DDRM;
import org.ejml.interfaces.linsol.LinearSolverDense;

/**
 * Estimates, from closed-loop data, the linear decoder that drove the cursor,
 * {@code v(t) = M1 v(t-1) + M2 u(t) + m0} (the steady-state velocity Kalman filter of Wu et al.
 * 2006 and of the rig, science.md §2), with the timing convention of the Golub, Yu &amp; Chase
 * 2015 codepack (eLife 4:e10015; {@code shared/data/ime2015/README.md}): bin {@code t}'s cursor
 * position is the first to reflect bin {@code t}'s counts, so {@code v(t) = (p(t) - p(t-1)) / dt}.
 *
 * <p>Within each trial, every bin {@code t >= 2} whose previous velocity is known gives one row
 * of the regression of {@code v(t)} on {@code [v(t-1), u(t), 1]}; no row spans two trials. The
 * least-squares solution is by Householder QR (EJML). A unit that never varies over those rows
 * cannot be told from the offset: its weight is set to 0 and it is reported, not guessed.
 * Each trial is then replayed through the estimated decoder from its recorded state at bin 1
 * (position and velocity), which shows how the one-step errors accumulate into positions.
 */
public final class ClosedLoopRebuild {

    /**
     * The estimate and its diagnostics.
     *
     * @param decoder           the estimated decoder
     * @param r2                one-step R² of v(t) per axis (x, y)
     * @param residualSd        residual standard deviation per axis (workspace units per second)
     * @param samples           regression rows (bins with a known previous velocity)
     * @param unidentifiedUnits units that never varied (weight 0)
     * @param replayMeanError   per trial: mean distance between replayed and recorded position (NaN under 3 bins)
     * @param replayFinalError  per trial: distance at the last bin (NaN under 3 bins)
     * @param replayed          per trial: the replayed positions, T x 2 (rows 0 and 1 are the recorded ones)
     */
    public record Result(LinearDynamicalDecoder decoder, double[] r2, double[] residualSd, int samples,
            int[] unidentifiedUnits, double[] replayMeanError, double[] replayFinalError, List<DMatrixRMaj> replayed) {

        /** Mean over replayed trials of their mean position error. */
        public double meanReplayError() {
            return nanMean(replayMeanError);
        }

        /** Mean over replayed trials of the final position error. */
        public double meanFinalError() {
            return nanMean(replayFinalError);
        }
    }

    private ClosedLoopRebuild() {
    }

    /**
     * Estimates the decoder of {@code recording}, whose every trial must carry the cursor position.
     * Velocities are position differences over the recording's bin width.
     *
     * @throws InvalidInputException naming the field: no cursor position, fewer usable bins than
     *     unknowns, or rank-deficient regressors
     */
    public static Result fit(Recording recording) {
        int q = recording.units();
        double dt = recording.binWidth();
        List<Trial> trials = recording.trials();
        int rows = 0;
        for (int i = 0; i < trials.size(); i++) {
            Trial t = trials.get(i);
            if (!t.hasCursorPosition()) {
                throw new InvalidInputException("cursorPosition: expected the cursor position of every trial "
                        + "(closed-loop data), found none in trial " + i);
            }
            rows += Math.max(0, t.bins() - 2);
        }
        int p = q + 3;
        if (rows <= p) {
            throw new InvalidInputException("counts: expected more bins with a known previous velocity than unknowns "
                    + "per axis (" + p + ": 2 for M1, " + q + " units, 1 offset), found " + rows
                    + " (bins from the third of each trial on)");
        }
        DMatrixRMaj x = new DMatrixRMaj(rows, p);
        DMatrixRMaj y = new DMatrixRMaj(rows, 2);
        int r = 0;
        for (Trial t : trials) {
            DMatrixRMaj pos = t.cursorPosition();
            for (int b = 2; b < t.bins(); b++) {
                x.unsafe_set(r, 0, (pos.get(b - 1, 0) - pos.get(b - 2, 0)) / dt);
                x.unsafe_set(r, 1, (pos.get(b - 1, 1) - pos.get(b - 2, 1)) / dt);
                for (int u = 0; u < q; u++) {
                    x.unsafe_set(r, 2 + u, t.count(b, u));
                }
                x.unsafe_set(r, p - 1, 1);
                y.unsafe_set(r, 0, (pos.get(b, 0) - pos.get(b - 1, 0)) / dt);
                y.unsafe_set(r, 1, (pos.get(b, 1) - pos.get(b - 1, 1)) / dt);
                r++;
            }
        }
        // constant units are collinear with the offset: leave them out of the regression
        List<Integer> kept = new ArrayList<>();
        List<Integer> constant = new ArrayList<>();
        for (int u = 0; u < q; u++) {
            double first = x.unsafe_get(0, 2 + u);
            boolean varies = false;
            for (int i = 1; i < rows && !varies; i++) {
                varies = x.unsafe_get(i, 2 + u) != first;
            }
            (varies ? kept : constant).add(u);
        }
        int pk = kept.size() + 3;
        DMatrixRMaj xk = new DMatrixRMaj(rows, pk);
        for (int i = 0; i < rows; i++) {
            xk.unsafe_set(i, 0, x.unsafe_get(i, 0));
            xk.unsafe_set(i, 1, x.unsafe_get(i, 1));
            for (int j = 0; j < kept.size(); j++) {
                xk.unsafe_set(i, 2 + j, x.unsafe_get(i, 2 + kept.get(j)));
            }
            xk.unsafe_set(i, pk - 1, 1);
        }
        if (!Regression.fullColumnRank(xk)) {
            throw new InvalidInputException("counts, cursorPosition: rank-deficient regressors [v(t-1), u(t), 1]: "
                    + "some units or velocity components are linear combinations of others over the " + rows + " bins");
        }
        LinearSolverDense<DMatrixRMaj> qr = LinearSolverFactory_DDRM.leastSquares(rows, pk);
        if (!qr.setA(xk.copy())) {
            throw new InvalidInputException("counts, cursorPosition: the least-squares problem is singular");
        }
        DMatrixRMaj b = new DMatrixRMaj(pk, 2);
        qr.solve(y.copy(), b);

        DMatrixRMaj m1 = new DMatrixRMaj(2, 2);
        DMatrixRMaj m2 = new DMatrixRMaj(2, q);
        DMatrixRMaj m0 = new DMatrixRMaj(2, 1);
        for (int a = 0; a < 2; a++) {
            m1.set(a, 0, b.get(0, a));
            m1.set(a, 1, b.get(1, a));
            for (int j = 0; j < kept.size(); j++) {
                m2.set(a, kept.get(j), b.get(2 + j, a));
            }
            m0.set(a, 0, b.get(pk - 1, a));
        }
        double[] r2 = new double[2];
        double[] sd = new double[2];
        for (int a = 0; a < 2; a++) {
            double mean = 0;
            for (int i = 0; i < rows; i++) {
                mean += y.unsafe_get(i, a) / rows;
            }
            double ssTot = 0;
            double ssRes = 0;
            for (int i = 0; i < rows; i++) {
                double fit = 0;
                for (int j = 0; j < pk; j++) {
                    fit += xk.unsafe_get(i, j) * b.unsafe_get(j, a);
                }
                double e = y.unsafe_get(i, a) - fit;
                ssRes += e * e;
                double c = y.unsafe_get(i, a) - mean;
                ssTot += c * c;
            }
            r2[a] = 1 - ssRes / ssTot;
            sd[a] = Math.sqrt(ssRes / rows);
        }
        LinearDynamicalDecoder decoder = LinearDynamicalDecoder.of(m1, m2, m0);
        double[] meanErr = new double[trials.size()];
        double[] finalErr = new double[trials.size()];
        List<DMatrixRMaj> replayed = new ArrayList<>();
        for (int i = 0; i < trials.size(); i++) {
            DMatrixRMaj path = replay(decoder, trials.get(i), dt);
            replayed.add(path);
            DMatrixRMaj pos = trials.get(i).cursorPosition();
            if (pos.numRows < 3) {
                meanErr[i] = Double.NaN;
                finalErr[i] = Double.NaN;
                continue;
            }
            double s = 0;
            for (int t = 2; t < pos.numRows; t++) {
                s += Math.hypot(path.get(t, 0) - pos.get(t, 0), path.get(t, 1) - pos.get(t, 1));
            }
            meanErr[i] = s / (pos.numRows - 2);
            int last = pos.numRows - 1;
            finalErr[i] = Math.hypot(path.get(last, 0) - pos.get(last, 0), path.get(last, 1) - pos.get(last, 1));
        }
        int[] unid = constant.stream().mapToInt(Integer::intValue).toArray();
        return new Result(decoder, r2, sd, rows, unid, meanErr, finalErr, replayed);
    }

    /**
     * The positions {@code decoder} produces from {@code trial}'s counts, starting from the
     * recorded position and velocity at bin 1 (T x 2; a trial under 2 bins is returned as recorded).
     */
    public static DMatrixRMaj replay(LinearDynamicalDecoder decoder, Trial trial, double dt) {
        DMatrixRMaj pos = trial.cursorPosition();
        DMatrixRMaj out = pos.copy();
        if (pos.numRows < 2) {
            return out;
        }
        LinearDynamicalDecoder d = LinearDynamicalDecoder.of(decoder.M1(), decoder.M2(), decoder.m0());
        d.setState((pos.get(1, 0) - pos.get(0, 0)) / dt, (pos.get(1, 1) - pos.get(0, 1)) / dt);
        double[] u = new double[trial.units()];
        double[] v = new double[2];
        for (int t = 2; t < pos.numRows; t++) {
            for (int j = 0; j < u.length; j++) {
                u[j] = trial.count(t, j);
            }
            d.step(u, v);
            out.set(t, 0, out.get(t - 1, 0) + v[0] * dt);
            out.set(t, 1, out.get(t - 1, 1) + v[1] * dt);
        }
        return out;
    }

    private static double nanMean(double[] x) {
        double s = 0;
        int n = 0;
        for (double v : x) {
            if (!Double.isNaN(v)) {
                s += v;
                n++;
            }
        }
        return n == 0 ? Double.NaN : s / n;
    }
}
