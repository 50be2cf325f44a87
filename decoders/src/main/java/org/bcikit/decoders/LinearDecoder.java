package org.bcikit.decoders;

import org.bcikit.data.InvalidInputException;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;

/**
 * A memoryless linear decoder {@code v = W (u - mean_u) + mean_v} fitted by ridge regression,
 * {@code W = V_c^T U_c (U_c^T U_c + lambda I)^-1} on centred counts {@code U_c} and velocities
 * {@code V_c} — the population-vector/optimal-linear-estimator family that preceded Kalman
 * decoders (e.g. Taylor et al. 2002; Wu et al. 2006 compare both). Stateless; immutable.
 */
public final class LinearDecoder implements AffineDecoder {

    private final DMatrixRMaj m2;
    private final DMatrixRMaj m0;

    private LinearDecoder(DMatrixRMaj m2, DMatrixRMaj m0) {
        this.m2 = m2;
        this.m0 = m0;
    }

    /** A decoder with given weights W (2 x q) and offset (2 x 1). */
    public static LinearDecoder of(DMatrixRMaj weights, DMatrixRMaj offset) {
        int q = weights == null ? 0 : weights.numCols;
        return new LinearDecoder(MatrixChecks.shape("W", weights, 2, q).copy(), MatrixChecks.vector("offset", offset, 2));
    }

    /**
     * Ridge fit from counts (T x q) and velocities (T x 2). With {@code lambda = 0} this is
     * ordinary least squares, and rank-deficient counts are an {@link InvalidInputException}.
     */
    public static LinearDecoder fit(DMatrixRMaj counts, DMatrixRMaj velocities, double lambda) {
        if (counts == null || velocities == null) {
            throw new InvalidInputException("linear decoder: expected counts and velocities, got none");
        }
        int t = counts.numRows;
        int q = counts.numCols;
        MatrixChecks.shape("counts", counts, t, q);
        MatrixChecks.shape("velocities", velocities, t, 2);
        if (!(lambda >= 0) || !Double.isFinite(lambda)) {
            throw new InvalidInputException("linear decoder: ridge lambda must be finite and >= 0, got " + lambda);
        }
        if (t < 2) {
            throw new InvalidInputException("linear decoder: expected at least 2 bins, got " + t);
        }
        DMatrixRMaj mu = CommonOps_DDRM.sumCols(counts, null);
        CommonOps_DDRM.divide(mu, t);
        DMatrixRMaj mv = CommonOps_DDRM.sumCols(velocities, null);
        CommonOps_DDRM.divide(mv, t);
        DMatrixRMaj uc = counts.copy();
        DMatrixRMaj vc = velocities.copy();
        for (int r = 0; r < t; r++) {
            for (int i = 0; i < q; i++) {
                uc.unsafe_set(r, i, uc.unsafe_get(r, i) - mu.data[i]);
            }
            vc.unsafe_set(r, 0, vc.unsafe_get(r, 0) - mv.data[0]);
            vc.unsafe_set(r, 1, vc.unsafe_get(r, 1) - mv.data[1]);
        }
        DMatrixRMaj g = new DMatrixRMaj(q, q);
        CommonOps_DDRM.multTransA(uc, uc, g);
        for (int i = 0; i < q; i++) {
            g.add(i, i, lambda);
        }
        DMatrixRMaj rhs = new DMatrixRMaj(q, 2);
        CommonOps_DDRM.multTransA(uc, vc, rhs);
        DMatrixRMaj wt = new DMatrixRMaj(q, 2);
        if (!CommonOps_DDRM.solveSPD(g, rhs, wt)) {
            throw new InvalidInputException("linear decoder: rank-deficient calibration counts (" + t + " bins, "
                    + q + " units); use a ridge lambda > 0 or remove constant units");
        }
        DMatrixRMaj w = CommonOps_DDRM.transpose(wt, null);
        DMatrixRMaj off = new DMatrixRMaj(2, 1);
        off.data[0] = mv.data[0];
        off.data[1] = mv.data[1];
        DMatrixRMaj wmu = new DMatrixRMaj(2, 1);
        CommonOps_DDRM.mult(w, CommonOps_DDRM.transpose(mu, null), wmu);
        CommonOps_DDRM.subtractEquals(off, wmu);
        return new LinearDecoder(w, off);
    }

    @Override
    public int units() {
        return m2.numCols;
    }

    @Override
    public void step(double[] counts, double[] velocity) {
        rawVelocity(counts, velocity);
    }

    @Override
    public void rawVelocity(double[] counts, double[] velocity) {
        AffineStep.readout(m2, m0, counts, velocity);
    }

    @Override
    public void reset() {
        // memoryless
    }

    @Override
    public DMatrixRMaj M1() {
        return new DMatrixRMaj(2, 2);
    }

    @Override
    public DMatrixRMaj M2() {
        return m2.copy();
    }

    @Override
    public DMatrixRMaj m0() {
        return m0.copy();
    }
}
