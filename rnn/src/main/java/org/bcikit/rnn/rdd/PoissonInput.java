package org.bcikit.rnn.rdd;

import java.util.SplittableRandom;

/**
 * The input protocol of Guerguiev, Kording and Richards (ICLR 2020; science.md §11): a random
 * fraction of the sources (20 %) fire Poisson spikes at a high rate (200 Hz) and the rest are
 * silent, the active set redrawn every 100 ms. Drives the units' fluctuations so that every unit
 * comes near its threshold now and then. Every draw comes from the generator given at construction.
 * Mutable; {@link #step} allocates nothing.
 */
public final class PoissonInput {

    private final double activeFraction;
    private final double spikeProbability;
    private final int redrawEvery;
    private final SplittableRandom random;
    private final boolean[] active;
    private final boolean[] spikes;
    private int time;

    /**
     * @param sources        number of input trains
     * @param activeFraction fraction active in each period (0.2)
     * @param rateHz         rate of an active train (200 Hz; 1 ms steps)
     * @param redrawEvery    steps between redraws of the active set (100)
     * @param random         source of every draw
     */
    public PoissonInput(int sources, double activeFraction, double rateHz, int redrawEvery, SplittableRandom random) {
        if (sources < 1 || !(activeFraction >= 0 && activeFraction <= 1) || !(rateHz >= 0 && rateHz <= 1000)
                || redrawEvery < 1) {
            throw new IllegalArgumentException("poisson input: need sources >= 1, fraction in [0, 1], rate in [0, 1000] Hz,"
                    + " redrawEvery >= 1; got " + sources + ", " + activeFraction + ", " + rateHz + ", " + redrawEvery);
        }
        this.activeFraction = activeFraction;
        this.spikeProbability = rateHz / 1000.0;
        this.redrawEvery = redrawEvery;
        this.random = random;
        this.active = new boolean[sources];
        this.spikes = new boolean[sources];
    }

    /** The protocol's values: 20 % of the sources at 200 Hz, redrawn every 100 ms. */
    public static PoissonInput guerguiev(int sources, SplittableRandom random) {
        return new PoissonInput(sources, 0.2, 200, 100, random);
    }

    /** Draws one 1 ms step; returns the spikes (live view, overwritten by the next step). */
    public boolean[] step() {
        if (time % redrawEvery == 0) {
            for (int j = 0; j < active.length; j++) {
                active[j] = random.nextDouble() < activeFraction;
            }
        }
        time++;
        for (int j = 0; j < active.length; j++) {
            spikes[j] = active[j] && random.nextDouble() < spikeProbability;
        }
        return spikes;
    }

    /**
     * Variance of one filtered train: the on/off switching, {@code f (1 - f) (p sum kappa)^2}, plus
     * the shot noise of an active train, {@code f p (1 - p) sum kappa^2}.
     */
    public double traceVariance() {
        double k2 = 0;
        for (int s = 0; s < SynapticTrace.MEMORY; s++) {
            k2 += SynapticTrace.kernel(s) * SynapticTrace.kernel(s);
        }
        double on = spikeProbability * SynapticTrace.mass();
        return activeFraction * (1 - activeFraction) * on * on
                + activeFraction * spikeProbability * (1 - spikeProbability) * k2;
    }

    /** Expected filtered value of one train, {@code fraction * p * sum kappa}. */
    public double meanTrace() {
        return activeFraction * spikeProbability * SynapticTrace.mass();
    }
}
