package org.bcikit.rnn.burstprop;

import org.ejml.data.DMatrixRMaj;

/**
 * A supervised task of a few patterns: {@code inputs} (patterns x inputs) and {@code targets}
 * (patterns x outputs, in [0, 1]). A pattern counts as classified when every output is on the
 * target's side of 1/2.
 *
 * @param inputs  patterns x inputs
 * @param targets patterns x outputs
 */
public record Patterns(DMatrixRMaj inputs, DMatrixRMaj targets) {

    /** Checks shapes and the target range; copies nothing (the caller gives up the matrices). */
    public Patterns {
        if (inputs.numRows != targets.numRows || inputs.numRows == 0) {
            throw new IllegalArgumentException("patterns: " + inputs.numRows + " inputs and " + targets.numRows
                    + " targets; need the same, at least one");
        }
        for (double t : targets.data) {
            if (!(t >= 0 && t <= 1)) {
                throw new IllegalArgumentException("patterns: targets must lie in [0, 1], got " + t);
            }
        }
    }

    /** XOR: inputs (0,0), (0,1), (1,0), (1,1) with targets 0, 1, 1, 0. */
    public static Patterns xor() {
        return new Patterns(new DMatrixRMaj(4, 2, true, 0, 0, 0, 1, 1, 0, 1, 1),
                new DMatrixRMaj(4, 1, true, 0, 1, 1, 0));
    }

    /** Number of patterns. */
    public int size() {
        return inputs.numRows;
    }
}
