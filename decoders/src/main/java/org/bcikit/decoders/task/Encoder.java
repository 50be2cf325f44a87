package org.bcikit.decoders.task;

import java.util.SplittableRandom;

import org.bcikit.decoders.Decoder;

/**
 * A subject in the closed-loop task: turns what it sees ({@link TaskState}: cursor, target,
 * previous decoded velocity, trial clock) into the activity of the q recorded units for one bin.
 *
 * <p>This is the seam between the task and every learner. A fixed subject (the synthetic
 * population of the data module, {@link PopulationEncoder}) maps an intended velocity to counts
 * and never changes; a learning network (the rnn module's FixedPointRnn or RateRnn) keeps its own
 * hidden state across the bins of a trial and may change its weights between trials or blocks.
 *
 * <p>Contract, in the order the {@link CursorTask} calls it:
 * <ol>
 *   <li>{@link #decoderChanged(Decoder)} at the start of each block and whenever an adaptive
 *       decoder updates its parameters. Learners that train through the decoder (for example by
 *       backpropagating through {@link org.bcikit.decoders.AffineDecoder#M2()}) read it here; subjects that do not
 *       know the decoder ignore it. Never step the decoder passed here.</li>
 *   <li>{@link #reset(SplittableRandom)} at the start of every trial, before the first bin:
 *       clear the hidden state (a network goes back to its initial condition).</li>
 *   <li>{@link #encode(TaskState, SplittableRandom, double[])} once per bin: write the q counts
 *       (or rates; any non-negative real numbers the decoder should read) into the
 *       caller-provided array, which has exactly {@link #units()} entries. Do not keep the state
 *       or the array. Every random draw (Poisson spiking, private noise) must come from the
 *       {@code random} argument, so the same seed gives the same session.</li>
 *   <li>{@link #trialEnded(TrialResult)} after every trial: the outcome, for learners driven by
 *       reward or error; a fixed subject ignores it.</li>
 * </ol>
 * One thread at a time; the task never calls an encoder concurrently.
 */
public interface Encoder {

    /** Number of recorded units q; must equal the decoder's. */
    int units();

    /** Start of a trial: clear the state between trials. */
    void reset(SplittableRandom random);

    /** One bin of activity for {@code state}, written into {@code counts} (length {@link #units()}). */
    void encode(TaskState state, SplittableRandom random, double[] counts);

    /** The decoder now in use (start of a block, or after an adaptive update). Default: ignored. */
    default void decoderChanged(Decoder decoder) {
    }

    /** A trial finished. Default: ignored. */
    default void trialEnded(TrialResult result) {
    }
}
