package org.bcikit.decoders;

import org.ejml.data.DMatrixRMaj;

/**
 * A decoder of the linear-dynamical form used on the rig,
 * {@code x_t = M1 x_{t-1} + M2 u_t + m0}. Learners that need gradients through the decoder (for
 * example an RNN trained by backpropagation through the cursor) read these three matrices.
 * The getters return copies.
 */
public interface AffineDecoder extends Decoder {

    /** State transition, 2 x 2 (zero for a memoryless decoder). */
    DMatrixRMaj M1();

    /** Gain on the counts, 2 x q. */
    DMatrixRMaj M2();

    /** Offset, 2 x 1. */
    DMatrixRMaj m0();

    /** The raw (unsmoothed) velocity {@code M2 u + m0} of one bin, written into {@code velocity}. */
    void rawVelocity(double[] counts, double[] velocity);
}
