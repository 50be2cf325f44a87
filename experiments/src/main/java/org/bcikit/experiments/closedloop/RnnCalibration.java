package org.bcikit.experiments.closedloop;

import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Function;

import org.bcikit.decoders.Decoder;
import org.bcikit.decoders.kalman.FactorFitter;
import org.bcikit.decoders.kalman.KalmanCalibration;
import org.bcikit.decoders.kalman.KalmanVelocityDecoder;
import org.bcikit.decoders.task.CursorTask;
import org.bcikit.manifold.fa.FactorAnalysis;
import org.bcikit.manifold.moments.Covariance;
import org.bcikit.rnn.model.RateRnn;
import org.bcikit.rnn.subject.RateRnnLearner;
import org.ejml.data.DMatrixRMaj;

/**
 * Calibrates the rig's intuitive decoder on a network (Sadtler et al. 2014, Nature 512:423): the
 * network performs calibration trials through the decoder it already knows, with learning off;
 * the {@code q} units with the most variance are "recorded"; factor analysis on their z-scored
 * activity gives the intrinsic manifold, and a velocity Kalman filter on the factors is fitted to
 * the network's intended velocities ({@link KalmanCalibration}, dynamics fitted).
 *
 * @param units   the recorded units, ascending
 * @param decoder the intuitive decoder reading them
 */
record RnnCalibration(int[] units, KalmanVelocityDecoder decoder) {

    static RnnCalibration of(RateRnn net, RateRnnLearner.Aim aim, Decoder known, CursorTask task, int trials,
            int recorded, int factors, SplittableRandom rng) {
        return of(net, aim, known, task, trials, rec -> mostVariable(rec.counts(), recorded), factors, rng);
    }

    /** As above, with the recorded units chosen by {@code chooser} from the calibration recording. */
    static RnnCalibration of(RateRnn net, RateRnnLearner.Aim aim, Decoder known, CursorTask task, int trials,
            Function<CalibrationRecorder, int[]> chooser, int factors, SplittableRandom rng) {
        return of(net, aim, known, task, trials, chooser, factorAnalysis(factors, rng.nextLong()), rng);
    }

    /** As above, with the decoder's features fitted by {@code fitter}. */
    static RnnCalibration of(RateRnn net, RateRnnLearner.Aim aim, Decoder known, CursorTask task, int trials,
            Function<CalibrationRecorder, int[]> chooser, FactorFitter fitter, SplittableRandom rng) {
        int[] all = new int[net.units()];
        Arrays.setAll(all, i -> i);
        CalibrationRecorder rec = new CalibrationRecorder(new RateRnnLearner(net, all, aim));
        task.runBlock(rec, known, CursorTask.Block.of("calibration", trials), rng);
        int[] units = chooser.apply(rec);
        KalmanVelocityDecoder decoder = KalmanCalibration.fittedDynamics()
                .fit(rec.counts(units), rec.velocities(), fitter);
        return new RnnCalibration(units, decoder);
    }

    /**
     * Features that are the z-scored units themselves (no dimensionality reduction): loadings
     * {@code L = I}, private variances {@code 1e-9}, so {@code beta = I / (1 + 1e-9)}. The Kalman
     * filter then observes each unit, as in CLDA on spike counts (Orsborn et al. 2014).
     */
    static FactorFitter unitFeatures() {
        return zs -> {
            int q = zs.numCols;
            DMatrixRMaj ph = new DMatrixRMaj(q, 1);
            java.util.Arrays.fill(ph.data, 1e-9);
            return new FactorFitter.Loadings(org.ejml.dense.row.CommonOps_DDRM.identity(q), ph);
        };
    }

    /** Factor analysis (manifold module) with a seeded start, on the already z-scored counts. */
    static FactorFitter factorAnalysis(int factors, long seed) {
        return FactorFitter.factorAnalysis(new FactorAnalysis(factors).withSeed(seed));
    }

    /** The {@code q} columns with the largest variance over all trials' bins, ascending. */
    static int[] mostVariable(List<DMatrixRMaj> trials, int q) {
        double[] var = variances(trials);
        int n = var.length;
        Integer[] order = new Integer[n];
        Arrays.setAll(order, i -> i);
        Arrays.sort(order, Comparator.comparingDouble((Integer j) -> -var[j]).thenComparingInt(j -> j));
        int[] out = new int[Math.min(q, n)];
        for (int i = 0; i < out.length; i++) {
            out[i] = order[i];
        }
        Arrays.sort(out);
        return out;
    }

    /**
     * Each column's variance over all trials' bins (normalised by the bin count), by the two-pass
     * covariance of {@link Covariance#moments}: the E[x^2] - E[x]^2 form lost every digit for
     * units with a large mean (1e8 + {0, 1, 2} gave 0 instead of 2/3), and these variances decide
     * which units count as active against a threshold.
     */
    static double[] variances(List<DMatrixRMaj> trials) {
        int n = trials.get(0).numCols;
        int bins = 0;
        for (DMatrixRMaj c : trials) {
            bins += c.numRows;
        }
        DMatrixRMaj all = new DMatrixRMaj(bins, n);
        int row = 0;
        for (DMatrixRMaj c : trials) {
            System.arraycopy(c.data, 0, all.data, row * n, c.numRows * n);
            row += c.numRows;
        }
        DMatrixRMaj cov = Covariance.moments(all).covariance();
        double[] var = new double[n];
        for (int j = 0; j < n; j++) {
            var[j] = cov.unsafe_get(j, j);
        }
        return var;
    }
}
