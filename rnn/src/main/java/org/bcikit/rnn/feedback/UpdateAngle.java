package org.bcikit.rnn.feedback;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.NormOps_DDRM;

/**
 * The angle between two weight updates of the same shape, seen as vectors: 0 when one is a positive
 * multiple of the other, 90 when orthogonal, above 90 when the first would undo the second. The
 * published test of burstprop (Payeur et al. 2021) is this angle below 90 degrees against backprop.
 */
public final class UpdateAngle {

    private UpdateAngle() {
    }

    /** The angle in degrees between {@code a} and {@code b}; NaN when either is zero. */
    public static double degrees(DMatrixRMaj a, DMatrixRMaj b) {
        if (a.numRows != b.numRows || a.numCols != b.numCols) {
            throw new IllegalArgumentException("update angle: " + a.numRows + "x" + a.numCols + " against "
                    + b.numRows + "x" + b.numCols);
        }
        double dot = 0;
        for (int i = 0; i < a.getNumElements(); i++) {
            dot += a.data[i] * b.data[i];
        }
        double c = dot / (NormOps_DDRM.normF(a) * NormOps_DDRM.normF(b));
        return Math.toDegrees(Math.acos(Math.max(-1, Math.min(1, c))));
    }
}
