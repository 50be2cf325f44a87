package org.bcikit.rnn.feedback;

import org.ejml.data.DMatrixRMaj;

/**
 * The angle between a feedback matrix B (N x O) and the decoder's transpose (science.md §11):
 * {@code acos(<B, V^T>_F / (|B|_F |V|_F))} in degrees, 0 when B is a positive multiple of V^T and
 * near 90 for an unrelated random B in high dimension. Computed without forming V^T.
 */
public final class FeedbackAngle {

    private FeedbackAngle() {
    }

    /** The angle in degrees between {@code feedback} (N x O) and {@code decoder}^T (decoder O x N). */
    public static double degrees(DMatrixRMaj feedback, DMatrixRMaj decoder) {
        if (feedback.numRows != decoder.numCols || feedback.numCols != decoder.numRows) {
            throw new IllegalArgumentException("feedback angle: B must be " + decoder.numCols + "x" + decoder.numRows
                    + ", got " + feedback.numRows + "x" + feedback.numCols);
        }
        double dot = 0;
        double bb = 0;
        double vv = 0;
        for (int i = 0; i < feedback.numRows; i++) {
            for (int o = 0; o < feedback.numCols; o++) {
                double b = feedback.unsafe_get(i, o);
                double v = decoder.unsafe_get(o, i);
                dot += b * v;
                bb += b * b;
                vv += v * v;
            }
        }
        double c = dot / Math.sqrt(bb * vv);
        return Math.toDegrees(Math.acos(Math.max(-1, Math.min(1, c))));
    }
}
