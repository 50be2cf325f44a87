package org.bcikit.manifold.pca;

import org.bcikit.data.InvalidInputException;
import org.bcikit.manifold.moments.Covariance;
import org.bcikit.manifold.moments.SampleMoments;
import org.bcikit.manifold.moments.SymmetricEigen;
import org.ejml.data.DMatrixRMaj;

/**
 * Principal component analysis: the eigenvectors of the sample covariance, ordered by the
 * variance they explain (Pearson 1901; Hotelling 1933). In bcikit it is the comparison for
 * factor analysis and the model-side manifold of a simulated network (science.md section 3):
 * unlike FA it does not separate shared from private variance, so with unequal private noise its
 * subspace is tilted toward the noisiest units.
 *
 * <p>Explained variances are the covariance's eigenvalues with the unbiased (n - 1)
 * normalisation, as scikit-learn's {@code PCA.explained_variance_}; ratios are to the total
 * variance of all q units. Configuration in, {@link #fit} returns an immutable {@link PcaModel}.
 */
public final class Pca {

    private final int components;

    /** Keep {@code components} principal components (1 to q). */
    public Pca(int components) {
        if (components < 1) {
            throw new InvalidInputException("components: expected at least 1, got " + components);
        }
        this.components = components;
    }

    public int components() {
        return components;
    }

    /** Fits to {@code samples} (n x q, samples as rows; not modified); n must be at least 2. */
    public PcaModel fit(DMatrixRMaj samples) {
        if (samples.numRows < 2) {
            throw new InvalidInputException("data: expected at least 2 samples for a covariance, got " + samples.numRows);
        }
        return fit(Covariance.moments(samples));
    }

    /** Fits to precomputed moments (covariance normalised by n, rescaled here to n - 1). */
    public PcaModel fit(SampleMoments moments) {
        int q = moments.units();
        int n = moments.count();
        if (components > q) {
            throw new InvalidInputException("components: expected at most the number of units (" + q + "), got "
                    + components);
        }
        if (n < 2) {
            throw new InvalidInputException("data: expected at least 2 samples for a covariance, got " + n);
        }
        SymmetricEigen eig = SymmetricEigen.descending(moments.covarianceView());
        double unbiased = n / (n - 1.0);
        double[] all = new double[q];
        double total = 0;
        for (int k = 0; k < q; k++) {
            all[k] = Math.max(eig.values()[k], 0) * unbiased; // rounding can leave tiny negatives
            total += all[k];
        }
        if (!(total > 0)) {
            throw new InvalidInputException("data: expected some variance, found none (every unit is constant)");
        }
        DMatrixRMaj basis = new DMatrixRMaj(q, components);
        for (int i = 0; i < q; i++) {
            for (int k = 0; k < components; k++) {
                basis.unsafe_set(i, k, eig.vectors().unsafe_get(i, k));
            }
        }
        return new PcaModel(moments.mean(), basis, all, total);
    }
}
