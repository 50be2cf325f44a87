package org.bcikit.decoders.task;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import org.bcikit.decoders.kalman.FactorFitter;
import org.bcikit.decoders.kalman.KalmanCalibration;
import org.bcikit.decoders.kalman.KalmanVelocityDecoder;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.EigenDecomposition_F64;

/**
 * A seeded synthetic calibration session: observation trials in which the intended velocity goes
 * straight to each of 8 targets with a bell-shaped speed profile, then holds; counts from a
 * {@link TestPopulation}.
 */
public final class SyntheticRig {

    static final double DT = 0.045;
    final TestPopulation population;
    public final List<DMatrixRMaj> counts = new ArrayList<>();
    public final List<DMatrixRMaj> velocities = new ArrayList<>();
    final List<Integer> targets = new ArrayList<>();

    public SyntheticRig(int q, int latents, int trialsPerTarget, long seed) {
        this(q, latents, trialsPerTarget, seed, seed + 1);
    }

    /** The population of {@code seed}, with trials drawn from the stream {@code trialSeed}. */
    public SyntheticRig(int q, int latents, int trialsPerTarget, long seed, long trialSeed) {
        population = new TestPopulation(q, latents, 100, seed);
        SplittableRandom r = new SplittableRandom(trialSeed);
        double[] u = new double[q];
        int moveBins = 27;
        int holdBins = 8;
        for (int rep = 0; rep < trialsPerTarget; rep++) {
            for (int k = 0; k < 8; k++) {
                double angle = 2 * Math.PI * k / 8;
                double peak = 150 * (0.7 + 0.6 * r.nextDouble());
                DMatrixRMaj c = new DMatrixRMaj(moveBins + holdBins, q);
                DMatrixRMaj v = new DMatrixRMaj(moveBins + holdBins, 2);
                for (int t = 0; t < moveBins + holdBins; t++) {
                    double s = t < moveBins ? peak * Math.sin(Math.PI * (t + 0.5) / moveBins) : 0;
                    v.set(t, 0, s * Math.cos(angle));
                    v.set(t, 1, s * Math.sin(angle));
                    population.counts(v.get(t, 0), v.get(t, 1), r, u);
                    for (int i = 0; i < q; i++) {
                        c.set(t, i, u[i]);
                    }
                }
                counts.add(c);
                velocities.add(v);
                targets.add(k);
            }
        }
    }

    /** Mean counts over the movement bins of each target's trials, 8 x q. */
    public DMatrixRMaj meanCountsPerTarget() {
        int q = population.q;
        DMatrixRMaj m = new DMatrixRMaj(8, q);
        int[] n = new int[8];
        for (int i = 0; i < counts.size(); i++) {
            int k = targets.get(i);
            DMatrixRMaj c = counts.get(i);
            for (int t = 0; t < 27; t++) {
                for (int j = 0; j < q; j++) {
                    m.add(k, j, c.get(t, j));
                }
                n[k]++;
            }
        }
        for (int k = 0; k < 8; k++) {
            for (int j = 0; j < q; j++) {
                m.set(k, j, m.get(k, j) / n[k]);
            }
        }
        return m;
    }

    /** The rig's dynamics: A = I, Q = 2000 I. */
    public KalmanVelocityDecoder rigDecoder(int d) {
        return KalmanCalibration.fixedDynamics(CommonOps_DDRM.identity(2), CommonOps_DDRM.diag(2000, 2000))
                .fit(counts, velocities, ppca(d));
    }

    /**
     * Probabilistic PCA (Tipping and Bishop 1999) as a stand-in manifold fitter for the tests: the
     * top-d eigenvectors of the sample covariance, L = U (Lambda - s2)^1/2, Ph = s2.
     */
    public static FactorFitter ppca(int d) {
        return zs -> {
            int q = zs.numCols;
            int n = zs.numRows;
            DMatrixRMaj mean = CommonOps_DDRM.sumCols(zs, null);
            CommonOps_DDRM.divide(mean, n);
            DMatrixRMaj centred = zs.copy();
            for (int t = 0; t < n; t++) {
                for (int i = 0; i < q; i++) {
                    centred.add(t, i, -mean.get(0, i));
                }
            }
            DMatrixRMaj s = new DMatrixRMaj(q, q);
            CommonOps_DDRM.multTransA(centred, centred, s);
            CommonOps_DDRM.divide(s, n);
            EigenDecomposition_F64<DMatrixRMaj> eig = DecompositionFactory_DDRM.eig(q, true, true);
            eig.decompose(s.copy());
            Integer[] order = new Integer[q];
            for (int i = 0; i < q; i++) {
                order[i] = i;
            }
            java.util.Arrays.sort(order, (a, b) -> Double.compare(eig.getEigenvalue(b).real, eig.getEigenvalue(a).real));
            double s2 = 0;
            for (int i = d; i < q; i++) {
                s2 += eig.getEigenvalue(order[i]).real / (q - d);
            }
            DMatrixRMaj l = new DMatrixRMaj(q, d);
            for (int j = 0; j < d; j++) {
                DMatrixRMaj vec = eig.getEigenVector(order[j]);
                double scale = Math.sqrt(Math.max(0, eig.getEigenvalue(order[j]).real - s2));
                for (int i = 0; i < q; i++) {
                    l.set(i, j, vec.get(i) * scale);
                }
            }
            DMatrixRMaj ph = new DMatrixRMaj(q, 1);
            CommonOps_DDRM.fill(ph, s2);
            return new FactorFitter.Loadings(l, ph);
        };
    }
}
