package org.bcikit.rnn.adaptation;

import org.bcikit.rnn.analysis.EigenvalueSpectrum;
import org.bcikit.rnn.analysis.SpectralRadiusBound;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.MatrixFeatures_DDRM;

/**
 * The instability rule of Payeur et al. 2023 (a run stops once the spectral radius of W reaches 1),
 * decided with as few eigen-decompositions as possible and exactly as a decomposition at every
 * check would decide. A {@link SpectralRadiusBound} anchored at the last decomposed W certifies
 * {@code rho(W) < 1} from an O(N^2) bound, or failing that from its sharper certificate (two N x N products); only
 * when both reach 1 is W decomposed, and that decomposition (the one the old rule made every time)
 * decides and becomes the new anchor. Since each bound is at least the true radius, a certified W
 * has radius below 1, and an uncertified one is judged by its own eigenvalues: the stop step and the
 * reported radius are those of the full check. A loop that reports its rank-O steps
 * ({@link #stepped}) spares the certificate its two N x N products (O(N^2 O) per step instead). Mutable (the anchor and counters); one per run.
 */
public final class StabilityCheck {

    private SpectralRadiusBound anchor;
    private int cheap;
    private int tight;
    private int full;
    private int tracked;

    /** A check with no anchor yet: its first call decomposes W. */
    public StabilityCheck() {
        // the anchor comes from the first decomposition
    }

    /**
     * Checks {@code w}: {@code NaN} if a bound certifies a radius below 1, else the spectral radius
     * from a full decomposition ({@code +Infinity} for a non-finite W). {@code exact} forces the
     * decomposition (for steps whose metrics record the radius).
     */
    public double check(DMatrixRMaj w, boolean exact) {
        if (MatrixFeatures_DDRM.hasUncountable(w)) {
            // a multiplicative rule (EG) can blow W up to Inf/NaN within one step as the radius nears 1;
            // that is the same failure, and the eigen-decomposition of such a matrix would not converge
            return Double.POSITIVE_INFINITY;
        }
        if (!exact && anchor != null) {
            if (anchor.bound(w) < 1.0) {
                cheap++;
                return Double.NaN;
            }
            if (anchor.certifiesTracked(w)) {
                tight++;
                tracked++;
                return Double.NaN;
            }
            if (anchor.certifiesStable(w)) {
                tight++;
                return Double.NaN;
            }
        }
        full++;
        EigenvalueSpectrum spectrum = EigenvalueSpectrum.of(w);
        double radius = spectrum.spectralRadius();
        if (!(radius < 1.0)) {
            anchor = null;
        } else if (anchor == null || !(anchor.certifiesTracked(w) || anchor.certifiesStable(w))) {
            // a decomposition forced by the caller keeps an anchor that still certifies W: anchoring costs
            // about as much again as the decomposition
            try {
                anchor = SpectralRadiusBound.anchor(w, spectrum);
            } catch (ArithmeticException e) {
                // no usable eigenvectors here: the next check decomposes W again, as the plain rule does
                anchor = null;
            }
        }
        return radius;
    }

    /**
     * Reports that W changed by the step {@code W <- W - eta P^T R} (P, R: O x N, not modified;
     * {@code w} after the step), so that the next check can use the certificate's F kept up to date
     * in O(N^2 O) per step ({@link SpectralRadiusBound#track}) instead of two N x N products. Optional: a
     * check of a W changed otherwise, or not reported, forms F afresh.
     */
    public void stepped(double eta, DMatrixRMaj p, DMatrixRMaj r, DMatrixRMaj w) {
        if (anchor != null) {
            anchor.track(eta, p, r, w);
        }
    }

    /** How many checks the O(N^2) bound certified, the certificate certified, and a decomposition decided. */
    public int[] counts() {
        return new int[] {cheap, tight, full};
    }

    /** How many of the certificate's checks used the tracked F (the rest formed F afresh). */
    public int trackedCertificates() {
        return tracked;
    }
}
