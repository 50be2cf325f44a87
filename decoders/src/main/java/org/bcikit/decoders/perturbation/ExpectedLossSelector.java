package org.bcikit.decoders.perturbation;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

import org.bcikit.decoders.kalman.KalmanVelocityDecoder;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;

/**
 * Chooses a WMP and an OMP of matched initial difficulty by the expected loss of Payeur, Orsborn
 * and Lajoie (2023, bioRxiv 2023.03.11.532146; science.md §5.1), which counts the variance of the
 * decoded velocity as well as its bias: per target k, with the recorded activity's mean
 * {@code mu_k} and covariance {@code S_k} over the target's bins,
 * <pre>
 *   loss_k = ( |M2' mu_k + m0' - v_k|^2 + tr(M2' S_k M2'^T) ) / mean_k |v_k|^2
 * </pre>
 * where {@code v_k = M2 mu_k + m0} is what the intuitive decoder makes of it. The median of the
 * loss vectors over all WM and OM candidates is taken, and the WMP and OMP closest to it are chosen.
 *
 * <p>Why not the mean-count prediction alone ({@code OpenLoopPrediction}): for a noisy network
 * a factor permutation can multiply the decoder's gain on within-manifold fluctuations several
 * times (the intuitive Kalman gain is small on noisy factors, the permuted one need not be), which
 * makes the cursor jitter; a selection blind to that variance picks WMPs that are much harder in
 * closed loop than the OMPs they were matched with.
 */
public final class ExpectedLossSelector {

    /** A chosen perturbation, its decoder and its expected loss per target. */
    public record Choice(Perturbation perturbation, KalmanVelocityDecoder decoder, double[] losses) {

        public double meanLoss() {
            return Arrays.stream(losses).average().orElse(Double.NaN);
        }
    }

    /** The chosen pair and the median loss vector they were matched to. */
    public record Selection(Choice wmp, Choice omp, double[] median) {
    }

    private ExpectedLossSelector() {
    }

    /**
     * @param intuitive  the intuitive decoder
     * @param trials     recorded counts per trial (bins x q)
     * @param targets    the target of each trial
     * @param k          number of targets
     * @param candidates random candidates of each kind
     */
    public static Selection select(KalmanVelocityDecoder intuitive, List<DMatrixRMaj> trials, List<Integer> targets, int k,
            int candidates, SplittableRandom rng) {
        int q = intuitive.units();
        DMatrixRMaj[] mean = new DMatrixRMaj[k];
        DMatrixRMaj[] cov = new DMatrixRMaj[k];
        moments(trials, targets, k, q, mean, cov);
        double[][] vInt = new double[k][];
        double norm = 0;
        for (int t = 0; t < k; t++) {
            vInt[t] = decode(intuitive, mean[t]);
            norm += (vInt[t][0] * vInt[t][0] + vInt[t][1] * vInt[t][1]) / k;
        }
        List<Choice> wmps = new ArrayList<>();
        List<Choice> omps = new ArrayList<>();
        for (int i = 0; i < candidates; i++) {
            wmps.add(evaluate(WithinManifoldPerturbation.random(intuitive.features(), rng), intuitive, mean, cov, vInt,
                    norm));
            omps.add(evaluate(OutsideManifoldPerturbation.random(q, rng), intuitive, mean, cov, vInt, norm));
        }
        List<double[]> all = new ArrayList<>(losses(wmps));
        all.addAll(losses(omps));
        double[] median = MatchedDifficulty.median(all);
        return new Selection(wmps.get(MatchedDifficulty.nearest(losses(wmps), median)),
                omps.get(MatchedDifficulty.nearest(losses(omps), median)), median);
    }

    private static Choice evaluate(Perturbation p, KalmanVelocityDecoder intuitive, DMatrixRMaj[] mean,
            DMatrixRMaj[] cov, double[][] vInt, double norm) {
        KalmanVelocityDecoder dec = p.apply(intuitive);
        DMatrixRMaj m2 = dec.M2();
        DMatrixRMaj ms = new DMatrixRMaj(2, m2.numCols);
        DMatrixRMaj msm = new DMatrixRMaj(2, 2);
        double[] losses = new double[mean.length];
        for (int t = 0; t < mean.length; t++) {
            double[] v = decode(dec, mean[t]);
            double ex = v[0] - vInt[t][0];
            double ey = v[1] - vInt[t][1];
            CommonOps_DDRM.mult(m2, cov[t], ms);
            CommonOps_DDRM.multTransB(ms, m2, msm);
            losses[t] = (ex * ex + ey * ey + msm.get(0, 0) + msm.get(1, 1)) / norm;
        }
        return new Choice(p, dec, losses);
    }

    private static double[] decode(KalmanVelocityDecoder d, DMatrixRMaj mean) {
        double[] v = new double[2];
        d.rawVelocity(mean.data, v);
        return v;
    }

    private static List<double[]> losses(List<Choice> choices) {
        List<double[]> out = new ArrayList<>();
        for (Choice c : choices) {
            out.add(c.losses());
        }
        return out;
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
