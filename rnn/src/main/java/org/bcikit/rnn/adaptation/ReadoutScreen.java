package org.bcikit.rnn.adaptation;

import org.bcikit.rnn.model.StaticActivity;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;

/**
 * The per-condition expected loss of many candidate readouts, as in
 * {@link StaticActivity#perConditionLoss}: {@code l_k(V) = 1/2 [tr(V Sigma V^T) + |V mu_k - t_k|^2]}
 * (Payeur, Orsborn and Lajoie 2023, science.md §5.1). Candidates are stacked a block at a time, their
 * O rows each, into {@code R} (block·O x N), and the block costs two matrix products: {@code R Sigma},
 * whose row-wise dot with {@code R} summed over a candidate's rows is its noise term, and
 * {@code R Mu}, its decoded condition means. One product streams Sigma once per block where a loop
 * over candidates streams it once per readout row, which is what the screening of 10^4 candidates
 * spends its time on.
 *
 * <p>The work matrices are allocated once per screen and reused across blocks; a screen is not
 * thread-safe.
 */
final class ReadoutScreen {

    /** Candidate readouts by index. */
    @FunctionalInterface
    interface Candidates {
        /** Writes candidate {@code index}'s readout (O x N) into {@code out}; called for 0, 1, 2, ... in order. */
        void readout(int index, DMatrixRMaj out);
    }

    private final StaticActivity activity;
    private final DMatrixRMaj targets;
    private final int block;
    private final DMatrixRMaj candidate;
    private final DMatrixRMaj stacked;
    private final DMatrixRMaj stackedSigma;
    private final DMatrixRMaj stackedMeans;

    /**
     * @param activity the network's activity statistics (Sigma and the condition means)
     * @param targets  O x K
     * @param block    candidates per product (memory: about 2 block·O·N doubles)
     */
    ReadoutScreen(StaticActivity activity, DMatrixRMaj targets, int block) {
        if (block < 1) {
            throw new IllegalArgumentException("block must be >= 1, got " + block);
        }
        this.activity = activity;
        this.targets = targets;
        this.block = block;
        int o = targets.numRows;
        int n = activity.size();
        candidate = new DMatrixRMaj(o, n);
        stacked = new DMatrixRMaj(block * o, n);
        stackedSigma = new DMatrixRMaj(block * o, n);
        stackedMeans = new DMatrixRMaj(block * o, targets.numCols);
    }

    /**
     * The losses of candidates {@code 0 .. count-1}: row i is candidate i's per-condition loss
     * (length K). Asks {@code candidates} for each readout once, in index order, so a candidate
     * drawn from a generator is drawn in the same order as by a loop over them.
     */
    double[][] losses(int count, Candidates candidates) {
        int o = targets.numRows;
        int n = activity.size();
        int k = targets.numCols;
        int rowLength = o * n;
        double[][] out = new double[count][];
        for (int first = 0; first < count; first += block) {
            int b = Math.min(block, count - first);
            stacked.reshape(b * o, n);
            for (int c = 0; c < b; c++) {
                candidates.readout(first + c, candidate);
                System.arraycopy(candidate.data, 0, stacked.data, c * rowLength, rowLength);
            }
            stackedSigma.reshape(b * o, n);
            stackedMeans.reshape(b * o, k);
            CommonOps_DDRM.mult(stacked, activity.noiseCovariance(), stackedSigma);
            CommonOps_DDRM.mult(stacked, activity.means(), stackedMeans);
            for (int c = 0; c < b; c++) {
                out[first + c] = candidateLoss(c, o, n, k);
            }
        }
        return out;
    }

    private double[] candidateLoss(int c, int o, int n, int k) {
        double noise = 0;
        int start = c * o * n;
        for (int i = start; i < start + o * n; i++) {
            noise += stacked.data[i] * stackedSigma.data[i];
        }
        double[] loss = new double[k];
        for (int cond = 0; cond < k; cond++) {
            double err = 0;
            for (int r = 0; r < o; r++) {
                double e = stackedMeans.unsafe_get(c * o + r, cond) - targets.unsafe_get(r, cond);
                err += e * e;
            }
            loss[cond] = 0.5 * (noise + err);
        }
        return loss;
    }
}
