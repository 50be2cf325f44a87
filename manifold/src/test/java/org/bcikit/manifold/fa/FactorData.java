package org.bcikit.manifold.fa;

import java.util.SplittableRandom;

import org.ejml.data.DMatrixRMaj;

/**
 * Data drawn from a known factor model, as the bench's make_fa_data.py draws it:
 * {@code x = mu + L z + e}, L ~ N(0, 1), psi ~ U(0.2, 1), mu ~ N(0, 1).
 */
public record FactorData(DMatrixRMaj samples, DMatrixRMaj loadings, double[] psi, double[] mean) {

    public static FactorData draw(int q, int n, int d, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        DMatrixRMaj l = new DMatrixRMaj(q, d);
        for (int k = 0; k < l.getNumElements(); k++) {
            l.data[k] = rng.nextGaussian();
        }
        double[] psi = new double[q];
        double[] mu = new double[q];
        for (int i = 0; i < q; i++) {
            psi[i] = 0.2 + 0.8 * rng.nextDouble();
            mu[i] = rng.nextGaussian();
        }
        DMatrixRMaj x = new DMatrixRMaj(n, q);
        double[] z = new double[d];
        for (int t = 0; t < n; t++) {
            for (int k = 0; k < d; k++) {
                z[k] = rng.nextGaussian();
            }
            for (int i = 0; i < q; i++) {
                double v = mu[i] + Math.sqrt(psi[i]) * rng.nextGaussian();
                for (int k = 0; k < d; k++) {
                    v += l.unsafe_get(i, k) * z[k];
                }
                x.unsafe_set(t, i, v);
            }
        }
        return new FactorData(x, l, psi, mu);
    }
}
