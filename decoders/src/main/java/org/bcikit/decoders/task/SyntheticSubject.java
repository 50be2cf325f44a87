package org.bcikit.decoders.task;

import java.util.SplittableRandom;

import org.bcikit.data.synthetic.SyntheticSession;

/**
 * The synthetic population of the data layer ({@link org.bcikit.data.synthetic.SyntheticPopulation}: latent
 * factors cosine-tuned to the intended velocity, Poisson counts; after Sadtler et al. 2014, Nature
 * 512:423) as a fixed, non-learning BCI subject: whatever the decoder, it emits the counts its
 * tuning gives for the intended velocity. Drive it with a {@link PopulationEncoder}.
 *
 * <p>Keeps one scratch vector for the latent factors, so one thread at a time.
 */
public final class SyntheticSubject implements VelocityTunedPopulation {

    private final SyntheticSession session;
    private final double[] latent;

    /** The subject of {@code session} (its tuning, loadings and baselines). */
    public SyntheticSubject(SyntheticSession session) {
        this.session = session;
        this.latent = new double[session.config().factors()];
    }

    @Override
    public int units() {
        return session.config().units();
    }

    @Override
    public void counts(double vx, double vy, SplittableRandom random, double[] counts) {
        if (counts.length != units()) {
            throw new org.bcikit.data.InvalidInputException("synthetic subject: writes " + units()
                    + " units, got a buffer of " + counts.length);
        }
        session.sampleCounts(vx, vy, random, counts, latent);
    }
}
