package org.bcikit.decoders.perturbation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import org.bcikit.data.Recording;
import org.bcikit.data.Trial;
import org.bcikit.data.synthetic.SyntheticPopulation;
import org.bcikit.decoders.kalman.FactorFitter;
import org.bcikit.decoders.kalman.KalmanCalibration;
import org.bcikit.decoders.kalman.KalmanVelocityDecoder;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.junit.jupiter.api.Test;

/** The expected-loss matching of Payeur et al. 2023, recomputed by hand from the recorded trials. */
class ExpectedLossSelectorTest {

    @Test
    void lossesAreBiasPlusVarianceOfTheDecodedVelocity() {
        Recording r = new SyntheticPopulation(40, 4, 4, 6, 20, 0.045, SyntheticPopulation.RateModel.EXPONENTIAL,
                0.3, 40.0, 0.6, 125.0, 11L).generate().recording();
        List<DMatrixRMaj> counts = new ArrayList<>();
        List<DMatrixRMaj> velocity = new ArrayList<>();
        List<Integer> targets = new ArrayList<>();
        for (Trial t : r.trials()) {
            counts.add(t.counts());
            velocity.add(t.cursorVelocity());
            targets.add(t.target().conditionId());
        }
        KalmanVelocityDecoder intuitive = KalmanCalibration
                .fixedDynamics(CommonOps_DDRM.identity(2), CommonOps_DDRM.diag(2000, 2000))
                .fit(counts, velocity, FactorFitter.factorAnalysis(4));
        ExpectedLossSelector.Selection s = ExpectedLossSelector.select(intuitive, counts, targets, 4, 30,
                new SplittableRandom(2));
        assertInstanceOf(WithinManifoldPerturbation.class, s.wmp().perturbation());
        assertInstanceOf(OutsideManifoldPerturbation.class, s.omp().perturbation());

        double[] wmp = handLosses(s.wmp().decoder(), intuitive, counts, targets, 4);
        double[] omp = handLosses(s.omp().decoder(), intuitive, counts, targets, 4);
        for (int k = 0; k < 4; k++) {
            assertEquals(wmp[k], s.wmp().losses()[k], 1e-9 * wmp[k]);
            assertEquals(omp[k], s.omp().losses()[k], 1e-9 * omp[k]);
        }
    }

    /** loss_k = (|v'(mu_k) - v(mu_k)|^2 + tr(M2' S_k M2'^T)) / mean_k |v(mu_k)|^2, one bin at a time. */
    private static double[] handLosses(KalmanVelocityDecoder perturbed, KalmanVelocityDecoder intuitive,
            List<DMatrixRMaj> counts, List<Integer> targets, int k) {
        int q = intuitive.units();
        double[][] mean = new double[k][q];
        int[] n = new int[k];
        for (int i = 0; i < counts.size(); i++) {
            DMatrixRMaj c = counts.get(i);
            for (int b = 0; b < c.numRows; b++) {
                for (int u = 0; u < q; u++) {
                    mean[targets.get(i)][u] += c.get(b, u);
                }
                n[targets.get(i)]++;
            }
        }
        double[] varianceTerm = new double[k];
        for (int t = 0; t < k; t++) {
            for (int u = 0; u < q; u++) {
                mean[t][u] /= n[t];
            }
        }
        // tr(M2 S M2^T) = sum over bins of |M2 (u_b - mu)|^2 / (n - 1)
        DMatrixRMaj m2 = perturbed.M2();
        for (int i = 0; i < counts.size(); i++) {
            DMatrixRMaj c = counts.get(i);
            int t = targets.get(i);
            for (int b = 0; b < c.numRows; b++) {
                for (int row = 0; row < 2; row++) {
                    double v = 0;
                    for (int u = 0; u < q; u++) {
                        v += m2.get(row, u) * (c.get(b, u) - mean[t][u]);
                    }
                    varianceTerm[t] += v * v / (n[t] - 1);
                }
            }
        }
        double norm = 0;
        double[] bias = new double[k];
        for (int t = 0; t < k; t++) {
            double[] vi = new double[2];
            double[] vp = new double[2];
            intuitive.rawVelocity(mean[t], vi);
            perturbed.rawVelocity(mean[t], vp);
            norm += (vi[0] * vi[0] + vi[1] * vi[1]) / k;
            bias[t] = (vp[0] - vi[0]) * (vp[0] - vi[0]) + (vp[1] - vi[1]) * (vp[1] - vi[1]);
        }
        double[] loss = new double[k];
        for (int t = 0; t < k; t++) {
            loss[t] = (bias[t] + varianceTerm[t]) / norm;
        }
        return loss;
    }
}
