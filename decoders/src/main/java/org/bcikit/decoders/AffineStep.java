package org.bcikit.decoders;

import org.ejml.data.DMatrixRMaj;

/**
 * The one-bin arithmetic shared by the affine decoders ({@link AffineDecoder}): the readout
 * {@code M2 u + m0} and the linear-dynamical step {@code v_t = M1 v_{t-1} + M2 u_t + m0} (the
 * steady-state velocity Kalman filter; Wu et al. 2006, Neural Comput 18:80). The sums run in one
 * fixed order, so every decoder built from the same matrices decodes the same bits. Allocates
 * nothing; checks the length of {@code counts}.
 */
public final class AffineStep {

    private AffineStep() {
    }

    /** Writes {@code M2 u + m0} into {@code velocity} (length 2); M2 is 2 x q, m0 has 2 entries. */
    public static void readout(DMatrixRMaj m2, DMatrixRMaj m0, double[] counts, double[] velocity) {
        accumulate(m2, counts, m0.data[0], m0.data[1], velocity);
    }

    /**
     * Writes {@code M1 state + M2 u + m0} into {@code velocity} and into {@code state} (both
     * length 2; {@code state} holds {@code v_{t-1}} on entry and {@code v_t} on return).
     */
    public static void dynamical(DMatrixRMaj m1, DMatrixRMaj m2, DMatrixRMaj m0, double[] state, double[] counts,
            double[] velocity) {
        double v0 = m0.data[0] + m1.data[0] * state[0] + m1.data[1] * state[1];
        double v1 = m0.data[1] + m1.data[2] * state[0] + m1.data[3] * state[1];
        accumulate(m2, counts, v0, v1, velocity);
        state[0] = velocity[0];
        state[1] = velocity[1];
    }

    private static void accumulate(DMatrixRMaj m2, double[] counts, double v0, double v1, double[] velocity) {
        MatrixChecks.counts(counts, m2.numCols);
        int q = m2.numCols;
        double[] b = m2.data;
        for (int i = 0; i < q; i++) {
            v0 += b[i] * counts[i];
            v1 += b[q + i] * counts[i];
        }
        velocity[0] = v0;
        velocity[1] = v1;
    }
}
