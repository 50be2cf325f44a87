package org.bcikit.decoders;

/**
 * A BCI decoder: turns one bin of spike counts into a cursor velocity, keeping whatever state it
 * needs between bins (a Kalman filter keeps its previous velocity estimate).
 *
 * <p>Per-bin vectors are plain {@code double[]} so closed-loop code can reuse buffers and allocate
 * nothing per step. A decoder is driven by one thread at a time.
 */
public interface Decoder {

    /** Number of recorded units q the decoder reads. */
    int units();

    /**
     * Decodes one bin: reads {@code counts} (length q, not modified), advances the internal state
     * and writes the 2-D velocity into {@code velocity} (length 2).
     *
     * @throws org.bcikit.data.InvalidInputException when {@code counts} does not have q entries
     */
    void step(double[] counts, double[] velocity);

    /** Forgets the state between bins (the decoded velocity starts again from zero). */
    void reset();
}
