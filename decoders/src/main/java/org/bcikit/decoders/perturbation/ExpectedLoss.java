package org.bcikit.decoders.perturbation;

import java.util.List;

import org.bcikit.data.InvalidInputException;
import org.bcikit.decoders.kalman.KalmanVelocityDecoder;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;

/**
 * The expected loss of Payeur, Orsborn and Lajoie (2023, bioRxiv 2023.03.11.532146; science.md
 * §5.1), which counts the variance of the decoded velocity as well as its bias: per target k, with
 * the recorded activity's mean {@code mu_k} and covariance {@code S_k} over the target's bins,
 * <pre>
 *   loss_k = ( |M2' mu_k + m0' - v_k|^2 + tr(M2' S_k M2'^T) ) / mean_k |v_k|^2
 * </pre>
 * where {@code v_k = M2 mu_k + m0} is what the intuitive decoder makes of it.
 *
 * <p>Why not the mean-count prediction alone ({@link OpenLoopLoss}): for a noisy network a factor
 * permutation can multiply the decoder's gain on within-manifold fluctuations several times (the
 * intuitive Kalman gain is small on noisy factors, the permuted one need not be), which makes the
 * cursor jitter; a selection blind to that variance picks WMPs that are much harder in closed loop
 * than the OMPs they were matched with.
 */
public final class ExpectedLoss implements PerturbationLoss {

    private final DMatrixRMaj[] mean;
    private final DMatrixRMaj[] cov;
    private final DMatrixRMaj meanCounts;

    private ExpectedLoss(DMatrixRMaj[] mean, DMatrixRMaj[] cov) {
        this.mean = mean;
        this.cov = cov;
        int q = mean[0].numRows;
        this.meanCounts = new DMatrixRMaj(mean.length, q);
        for (int t = 0; t < mean.length; t++) {
            System.arraycopy(mean[t].data, 0, meanCounts.data, t * q, q);
        }
    }

    /**
     * The loss over recorded trials: per-target mean (q x 1) and covariance (q x q) over every bin
     * of the target's trials.
     *
     * @param trials  recorded counts per trial (bins x q)
     * @param targets the target of each trial, in 0..k-1
     * @param k       number of targets
     */
    public static ExpectedLoss of(List<DMatrixRMaj> trials, List<Integer> targets, int k) {
        if (trials.isEmpty() || trials.size() != targets.size() || k < 1) {
            throw new InvalidInputException("expected loss: need at least one trial, one target per trial and k >= 1, got "
                    + trials.size() + " trials, " + targets.size() + " targets, k = " + k);
        }
        int q = trials.get(0).numCols;
        DMatrixRMaj[] mean = new DMatrixRMaj[k];
        DMatrixRMaj[] cov = new DMatrixRMaj[k];
        moments(trials, targets, k, q, mean, cov);
        return new ExpectedLoss(mean, cov);
    }

    @Override
    public DMatrixRMaj meanCountsPerTarget() {
        return meanCounts;
    }

    @Override
    public double[] losses(KalmanVelocityDecoder intuitive, KalmanVelocityDecoder perturbed, OpenLoopPrediction openLoop) {
        int k = mean.length;
        double[][] vInt = new double[k][];
        double norm = 0;
        for (int t = 0; t < k; t++) {
            vInt[t] = decode(intuitive, mean[t]);
            norm += (vInt[t][0] * vInt[t][0] + vInt[t][1] * vInt[t][1]) / k;
        }
        DMatrixRMaj m2 = perturbed.M2();
        DMatrixRMaj ms = new DMatrixRMaj(2, m2.numCols);
        DMatrixRMaj msm = new DMatrixRMaj(2, 2);
        double[] losses = new double[k];
        for (int t = 0; t < k; t++) {
            double[] v = decode(perturbed, mean[t]);
            double ex = v[0] - vInt[t][0];
            double ey = v[1] - vInt[t][1];
            CommonOps_DDRM.mult(m2, cov[t], ms);
            CommonOps_DDRM.multTransB(ms, m2, msm);
            losses[t] = (ex * ex + ey * ey + msm.get(0, 0) + msm.get(1, 1)) / norm;
        }
        return losses;
    }

    private static double[] decode(KalmanVelocityDecoder d, DMatrixRMaj mean) {
        double[] v = new double[2];
        d.rawVelocity(mean.data, v);
        return v;
    }

    /** Per-target mean (q x 1) and covariance (q x q) over every bin of the target's trials. */
    private static void moments(List<DMatrixRMaj> trials, List<Integer> targets, int k, int q, DMatrixRMaj[] mean,
            DMatrixRMaj[] cov) {
        int[] n = new int[k];
        for (int t = 0; t < k; t++) {
            mean[t] = new DMatrixRMaj(q, 1);
            cov[t] = new DMatrixRMaj(q, q);
        }
        for (int i = 0; i < trials.size(); i++) {
            int t = targets.get(i);
            DMatrixRMaj c = trials.get(i);
            for (int b = 0; b < c.numRows; b++) {
                for (int j = 0; j < q; j++) {
                    mean[t].data[j] += c.unsafe_get(b, j);
                }
                n[t]++;
            }
        }
        for (int t = 0; t < k; t++) {
            CommonOps_DDRM.divide(mean[t], Math.max(1, n[t]));
        }
        for (int i = 0; i < trials.size(); i++) {
            int t = targets.get(i);
            DMatrixRMaj c = trials.get(i);
            double[] m = mean[t].data;
            double[] s = cov[t].data;
            for (int b = 0; b < c.numRows; b++) {
                for (int x = 0; x < q; x++) {
                    double dx = c.unsafe_get(b, x) - m[x];
                    for (int y = 0; y < q; y++) {
                        s[x * q + y] += dx * (c.unsafe_get(b, y) - m[y]);
                    }
                }
            }
        }
        for (int t = 0; t < k; t++) {
            CommonOps_DDRM.divide(cov[t], Math.max(1, n[t] - 1));
        }
    }
}
