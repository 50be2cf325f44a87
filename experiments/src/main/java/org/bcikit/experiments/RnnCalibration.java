package org.bcikit.experiments;

import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;

import org.bcikit.decoders.CursorTask;
import org.bcikit.decoders.Decoder;
import org.bcikit.decoders.FactorFitter;
import org.bcikit.decoders.KalmanCalibration;
import org.bcikit.decoders.KalmanVelocityDecoder;
import org.bcikit.manifold.FactorAnalysis;
import org.bcikit.manifold.FactorModel;
import org.bcikit.rnn.RateRnn;
import org.bcikit.rnn.RateRnnLearner;
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
        int[] all = new int[net.size()];
        Arrays.setAll(all, i -> i);
        CalibrationRecorder rec = new CalibrationRecorder(new RateRnnLearner(net, all, aim));
        task.runBlock(rec, known, CursorTask.Block.of("calibration", trials), rng);
        int[] units = mostVariable(rec.counts(), recorded);
        KalmanVelocityDecoder decoder = KalmanCalibration.fittedDynamics()
                .fit(rec.counts(units), rec.velocities(), factorAnalysis(factors, rng.nextLong()));
        return new RnnCalibration(units, decoder);
    }

    /** Factor analysis (manifold module) as the calibration's manifold fitter. */
    static FactorFitter factorAnalysis(int factors, long seed) {
        return zs -> {
            FactorModel m = new FactorAnalysis(factors).withSeed(seed).fit(zs);
            double[] ph = m.privateVariances();
            return new FactorFitter.Loadings(m.loadings(), new DMatrixRMaj(ph.length, 1, true, ph));
        };
    }

    /** The {@code q} columns with the largest variance over all trials' bins, ascending. */
    static int[] mostVariable(List<DMatrixRMaj> trials, int q) {
        int n = trials.get(0).numCols;
        double[] sum = new double[n];
        double[] sq = new double[n];
        long bins = 0;
        for (DMatrixRMaj c : trials) {
            for (int t = 0; t < c.numRows; t++) {
                for (int j = 0; j < n; j++) {
                    double v = c.unsafe_get(t, j);
                    sum[j] += v;
                    sq[j] += v * v;
                }
            }
            bins += c.numRows;
        }
        double[] var = new double[n];
        for (int j = 0; j < n; j++) {
            double mean = sum[j] / bins;
            var[j] = sq[j] / bins - mean * mean;
        }
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
}
