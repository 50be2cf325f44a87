package org.bcikit.decoders;

import org.ejml.data.DMatrixRMaj;

/**
 * A decoder given only by its linear-dynamical form {@code v_t = M1 v_{t-1} + M2 u_t + m0} (the
 * steady state of a velocity Kalman filter; Wu et al. 2006, Neural Comput 18:80; science.md §2),
 * for example one estimated from closed-loop data, where the Kalman model behind it is unknown.
 * Parameters immutable; the only state is {@code v_{t-1}}.
 */
public final class LinearDynamicalDecoder implements AffineDecoder {

    private final DMatrixRMaj m1;
    private final DMatrixRMaj m2;
    private final DMatrixRMaj m0;
    private double x0;
    private double x1;

    private LinearDynamicalDecoder(DMatrixRMaj m1, DMatrixRMaj m2, DMatrixRMaj m0) {
        this.m1 = m1;
        this.m2 = m2;
        this.m0 = m0;
    }

    /** A decoder with the given M1 (2 x 2), M2 (2 x q) and m0 (2, row or column); zero state. */
    public static LinearDynamicalDecoder of(DMatrixRMaj m1, DMatrixRMaj m2, DMatrixRMaj m0) {
        int q = m2 == null ? 0 : m2.numCols;
        return new LinearDynamicalDecoder(MatrixChecks.shape("M1", m1, 2, 2).copy(),
                MatrixChecks.shape("M2", m2, 2, q).copy(), MatrixChecks.vector("m0", m0, 2));
    }

    @Override
    public int units() {
        return m2.numCols;
    }

    @Override
    public void step(double[] counts, double[] velocity) {
        rawVelocity(counts, velocity);
        double v0 = velocity[0] + m1.data[0] * x0 + m1.data[1] * x1;
        double v1 = velocity[1] + m1.data[2] * x0 + m1.data[3] * x1;
        x0 = v0;
        x1 = v1;
        velocity[0] = v0;
        velocity[1] = v1;
    }

    /** Sets the previous velocity {@code v_{t-1}} (to replay a trial from a recorded state). */
    public void setState(double vx, double vy) {
        x0 = vx;
        x1 = vy;
    }

    @Override
    public void rawVelocity(double[] counts, double[] velocity) {
        MatrixChecks.counts(counts, m2.numCols);
        int q = m2.numCols;
        double[] b = m2.data;
        double v0 = m0.data[0];
        double v1 = m0.data[1];
        for (int i = 0; i < q; i++) {
            v0 += b[i] * counts[i];
            v1 += b[q + i] * counts[i];
        }
        velocity[0] = v0;
        velocity[1] = v1;
    }

    @Override
    public void reset() {
        x0 = 0;
        x1 = 0;
    }

    @Override
    public DMatrixRMaj M1() {
        return m1.copy();
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
