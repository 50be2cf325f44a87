package org.bcikit.decoders.kalman;

import org.bcikit.decoders.MatrixChecks;
import org.ejml.data.DMatrixRMaj;

/**
 * The linear-Gaussian state-space model of a velocity Kalman filter (Wu et al. 2006, "Bayesian
 * population decoding of motor cortical activity using a Kalman filter", Neural Comput 18:80):
 * <pre>
 *   x_t = A x_{t-1} + w,    w ~ N(0, Q)        (x: 2-D velocity)
 *   y_t = C x_t + d + r,    r ~ N(0, R)        (y: the decoder's d-dimensional features)
 * </pre>
 * In the rig convention (Sadtler et al. 2014; Golub et al. 2018) the features are the normalised,
 * possibly permuted, factor-analysis factors {@code eta Sigma_z z_t}. Immutable; the accessors
 * return copies.
 */
public final class KalmanModel {

    private final DMatrixRMaj a;
    private final DMatrixRMaj q;
    private final DMatrixRMaj c;
    private final DMatrixRMaj d;
    private final DMatrixRMaj r;

    /**
     * @param a 2 x 2 state transition
     * @param q 2 x 2 state noise covariance
     * @param c features x 2 observation matrix
     * @param d features x 1 observation offset (1 x features is accepted)
     * @param r features x features observation noise covariance
     */
    public KalmanModel(DMatrixRMaj a, DMatrixRMaj q, DMatrixRMaj c, DMatrixRMaj d, DMatrixRMaj r) {
        int n = c == null ? 0 : c.numRows;
        this.a = MatrixChecks.shape("A", a, 2, 2).copy();
        this.q = MatrixChecks.shape("Q", q, 2, 2).copy();
        this.c = MatrixChecks.shape("C", c, n, 2).copy();
        this.d = MatrixChecks.vector("d", d, n);
        this.r = MatrixChecks.shape("R", r, n, n).copy();
    }

    /** Number of observed features (the latent dimensionality d of the manifold). */
    public int features() {
        return c.numRows;
    }

    public DMatrixRMaj A() {
        return a.copy();
    }

    public DMatrixRMaj Q() {
        return q.copy();
    }

    public DMatrixRMaj C() {
        return c.copy();
    }

    public DMatrixRMaj d() {
        return d.copy();
    }

    public DMatrixRMaj R() {
        return r.copy();
    }

    /** The same dynamics with a new observation model (what closed-loop adaptation refits). */
    public KalmanModel withObservation(DMatrixRMaj newC, DMatrixRMaj newD, DMatrixRMaj newR) {
        return new KalmanModel(a, q, newC, newD, newR);
    }

    /** Package-private views without copying, for hot paths that do not modify them. */
    DMatrixRMaj aView() {
        return a;
    }

    DMatrixRMaj cView() {
        return c;
    }

    DMatrixRMaj dView() {
        return d;
    }
}
