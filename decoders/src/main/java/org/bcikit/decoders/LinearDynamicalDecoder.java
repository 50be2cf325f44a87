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
    private final double[] state = new double[2];

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
        AffineStep.dynamical(m1, m2, m0, state, counts, velocity);
    }

    /** Sets the previous velocity {@code v_{t-1}} (to replay a trial from a recorded state). */
    public void setState(double vx, double vy) {
        state[0] = vx;
        state[1] = vy;
    }

    @Override
    public void rawVelocity(double[] counts, double[] velocity) {
        AffineStep.readout(m2, m0, counts, velocity);
    }

    @Override
    public void reset() {
        state[0] = 0;
        state[1] = 0;
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
