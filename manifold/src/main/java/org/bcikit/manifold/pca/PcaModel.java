package org.bcikit.manifold.pca;

import java.util.Arrays;

import org.bcikit.data.InvalidInputException;
import org.bcikit.manifold.geometry.ParticipationRatio;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;

/**
 * A fitted principal component analysis (see {@link Pca}): the mean, the first k principal axes
 * as orthonormal columns (q x k, each signed so its largest entry is positive) and the variance
 * along every axis. Immutable: arrays and matrices are copied in and out.
 */
public final class PcaModel {

    private final double[] mean;
    private final DMatrixRMaj components;
    private final double[] spectrum;
    private final double totalVariance;

    PcaModel(double[] mean, DMatrixRMaj components, double[] spectrum, double totalVariance) {
        this.mean = mean.clone();
        this.components = components.copy();
        this.spectrum = spectrum.clone();
        this.totalVariance = totalVariance;
    }

    /** Number of components kept, k. */
    public int dims() {
        return components.numCols;
    }

    /** Number of units q. */
    public int units() {
        return components.numRows;
    }

    public double[] mean() {
        return mean.clone();
    }

    /** Principal axes as orthonormal columns (q x k), by decreasing explained variance. */
    public DMatrixRMaj components() {
        return components.copy();
    }

    /** Variance along each kept axis (k values, descending; n - 1 normalisation). */
    public double[] explainedVariance() {
        return Arrays.copyOf(spectrum, dims());
    }

    /** Each kept axis's share of the total variance. */
    public double[] explainedVarianceRatio() {
        double[] r = explainedVariance();
        for (int k = 0; k < r.length; k++) {
            r[k] /= totalVariance;
        }
        return r;
    }

    /** Cumulative share of the total variance of the first 1..k axes. */
    public double[] cumulativeExplainedVarianceRatio() {
        double[] r = explainedVarianceRatio();
        for (int k = 1; k < r.length; k++) {
            r[k] += r[k - 1];
        }
        return r;
    }

    /** The variance along all q axes (the covariance's eigenvalues, descending), kept or not. */
    public double[] spectrum() {
        return spectrum.clone();
    }

    /** Sum of all units' variances (the trace of the covariance). */
    public double totalVariance() {
        return totalVariance;
    }

    /** Participation ratio of the full spectrum, {@code (sum lambda)^2 / sum lambda^2}. */
    public double participationRatio() {
        return ParticipationRatio.ofEigenvalues(spectrum);
    }

    /** Scores: each row of {@code samples} (n x q) centred and projected on the axes, a new n x k matrix. */
    public DMatrixRMaj transform(DMatrixRMaj samples) {
        int q = units();
        if (samples.numCols != q) {
            throw new InvalidInputException("data: expected " + q + " units (columns) as the model, got "
                    + samples.numCols);
        }
        DMatrixRMaj centred = new DMatrixRMaj(samples.numRows, q);
        for (int t = 0; t < samples.numRows; t++) {
            for (int i = 0; i < q; i++) {
                double v = samples.unsafe_get(t, i);
                if (!Double.isFinite(v)) {
                    throw new InvalidInputException("data[" + t + "][" + i + "]: expected a finite value, found " + v);
                }
                centred.unsafe_set(t, i, v - mean[i]);
            }
        }
        DMatrixRMaj scores = new DMatrixRMaj(samples.numRows, dims());
        CommonOps_DDRM.mult(centred, components, scores);
        return scores;
    }
}
