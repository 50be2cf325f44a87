package org.bcikit.rnn.analysis;

import java.util.Arrays;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.SingularValueDecomposition_F64;

/**
 * The singular values of a weight matrix and their normalised SVD entropy (Li et al. NeurIPS 2023,
 * "Learning better with Dale's law: a spectral perspective"): with {@code p_i = sigma_i / sum sigma_j},
 * {@code NSE = -sum p_i ln p_i / ln n} in [0, 1], n the number of singular values. NSE is 1 when
 * all singular values are equal (an orthogonal matrix) and 0 for rank one. Li et al. found ColEI
 * spectra multimodal and dispersed (low NSE, lower for small networks and few inhibitory units),
 * DANN and standard RNN spectra unimodal and clustered, and NSE to predict performance better than
 * the sign constraint itself. Immutable.
 */
public final class SingularValueSpectrum {

    private final double[] values;

    private SingularValueSpectrum(double[] values) {
        this.values = values;
    }

    /** Singular values of {@code w} (not modified), in descending order. */
    public static SingularValueSpectrum of(DMatrixRMaj w) {
        SingularValueDecomposition_F64<DMatrixRMaj> svd =
                DecompositionFactory_DDRM.svd(w.numRows, w.numCols, false, false, true);
        if (!svd.decompose(w.copy())) {
            throw new ArithmeticException("SVD of a " + w.numRows + "x" + w.numCols + " matrix did not converge");
        }
        double[] s = Arrays.copyOf(svd.getSingularValues(), Math.min(w.numRows, w.numCols));
        Arrays.sort(s);
        for (int i = 0, j = s.length - 1; i < j; i++, j--) {
            double t = s[i];
            s[i] = s[j];
            s[j] = t;
        }
        return new SingularValueSpectrum(s);
    }

    /** The singular values, largest first (a copy). */
    public double[] values() {
        return values.clone();
    }

    /** Normalised SVD entropy of these singular values; see {@link #normalisedSvdEntropy(double[])}. */
    public double normalisedSvdEntropy() {
        return normalisedSvdEntropy(values);
    }

    /** Effective rank {@code exp(-sum p_i ln p_i)} (Roy and Vetterli 2007), between 1 and n. */
    public double effectiveRank() {
        return Math.exp(entropy(values));
    }

    /**
     * {@code -sum p_i ln p_i / ln n} with {@code p_i = sigma_i / sum sigma}; 1 by convention for a
     * single value. Fails for an all-zero spectrum, whose entropy is undefined.
     */
    public static double normalisedSvdEntropy(double[] singularValues) {
        int n = singularValues.length;
        if (n == 0) {
            throw new IllegalArgumentException("NSE of an empty spectrum");
        }
        double h = entropy(singularValues);
        return n == 1 ? 1.0 : h / Math.log(n);
    }

    private static double entropy(double[] s) {
        double total = 0.0;
        for (double v : s) {
            if (!(v >= 0.0) || Double.isInfinite(v)) {
                throw new IllegalArgumentException("singular values must be finite and non-negative, found " + v);
            }
            total += v;
        }
        if (total == 0.0) {
            throw new IllegalArgumentException("NSE is undefined for a zero matrix");
        }
        double h = 0.0;
        for (double v : s) {
            if (v > 0.0) {
                double p = v / total;
                h -= p * Math.log(p);
            }
        }
        return h;
    }
}
