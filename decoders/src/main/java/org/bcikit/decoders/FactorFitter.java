package org.bcikit.decoders;

import org.ejml.data.DMatrixRMaj;

/**
 * Fits the intrinsic manifold for {@link KalmanCalibration}: given z-scored calibration counts
 * (T x q) it returns factor-analysis loadings and private variances. The manifold module's
 * {@code FactorAnalysis} is the intended implementation; the calibration only needs L and Ph.
 */
@FunctionalInterface
public interface FactorFitter {

    /** Loadings {@code L} (q x d) and private variances {@code Ph} (q x 1, all &gt; 0). */
    record Loadings(DMatrixRMaj loadings, DMatrixRMaj privateVariances) {
    }

    Loadings fit(DMatrixRMaj zScoredCounts);
}
