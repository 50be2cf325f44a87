package org.bcikit.decoders.task;

import java.util.SplittableRandom;

/**
 * A fixed neural population that emits one bin of counts for an intended velocity — the
 * generative side of a BCI (velocity-tuned units with shared latent variability). The data
 * module's synthetic population is the standard implementation.
 */
public interface VelocityTunedPopulation {

    int units();

    /** Writes one bin of counts for intended velocity (vx, vy) into {@code counts}, drawing from {@code random}. */
    void counts(double vx, double vy, SplittableRandom random, double[] counts);
}
