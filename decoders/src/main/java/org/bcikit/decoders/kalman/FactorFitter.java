package org.bcikit.decoders.kalman;

import org.bcikit.manifold.fa.FactorAnalysis;
import org.bcikit.manifold.fa.FactorModel;
import org.ejml.data.DMatrixRMaj;

/**
 * Fits the intrinsic manifold for {@link KalmanCalibration}: given z-scored calibration counts
 * (T x q) it returns factor-analysis loadings and private variances. The manifold module's
 * {@link FactorAnalysis} is the intended implementation ({@link #factorAnalysis(int)}); the
 * calibration only needs L and Ph.
 */
@FunctionalInterface
public interface FactorFitter {

    /** Loadings {@code L} (q x d) and private variances {@code Ph} (q x 1, all &gt; 0). */
    record Loadings(DMatrixRMaj loadings, DMatrixRMaj privateVariances) {
    }

    Loadings fit(DMatrixRMaj zScoredCounts);

    /** Factor analysis with {@code d} factors (EM from the PCA start; science.md §3). */
    static FactorFitter factorAnalysis(int d) {
        return factorAnalysis(new FactorAnalysis(d));
    }

    /** The given factor analysis, run on the already z-scored counts. */
    static FactorFitter factorAnalysis(FactorAnalysis fa) {
        FactorAnalysis plain = fa.withZScore(false);
        return zs -> {
            FactorModel m = plain.fit(zs);
            double[] ph = m.privateVariances();
            return new Loadings(m.loadings(), new DMatrixRMaj(ph.length, 1, true, ph));
        };
    }
}
