package org.bcikit.decoders.task;

import org.bcikit.decoders.Decoder;

/**
 * A decoder that re-fits itself in closed loop (closed-loop decoder adaptation, CLDA; Orsborn et
 * al. 2014, Neuron 82:1380; Dangi et al. 2014, J Neural Eng 11:026003; Gilja et al. 2012, Nat
 * Neurosci 15:1752). The {@link CursorTask} calls {@link #observe} after every decoded bin with the
 * task state, so the decoder can estimate the subject's intention and refit; adaptation can be
 * switched off per block ({@link #setAdapting(boolean)}), for example to freeze the decoder after
 * an adaptation block.
 */
public interface AdaptiveDecoder extends Decoder {

    /**
     * Records one bin: the task state at the start of the bin, the counts the decoder just read
     * and the velocity it produced. Returns true when this call changed the decoder's parameters
     * (the task then tells the encoder through {@link Encoder#decoderChanged(Decoder)}).
     */
    boolean observe(TaskState state, double[] counts, double[] decodedVelocity);

    /** Switches adaptation on or off; while off, {@link #observe} changes nothing. */
    void setAdapting(boolean adapting);

    boolean adapting();

    /** Number of parameter updates so far. */
    int updates();

    /** The decoder as it stands now, with its current parameters (for the encoder or for saving). */
    Decoder current();
}
