package org.bcikit.data.bursts;

/**
 * One unit's burst code over a duration (Naud &amp; Sprekeler, PNAS 115:E6329, 2018): firing rate,
 * event rate and burst fraction, with the burst fraction a Poisson train at the same firing rate
 * would have, {@code 1 - exp(-rate θ)} (the chance that the next interval is at most θ). A burst
 * fraction above it means bursting beyond chance; below it, firing more regular than Poisson.
 * Quantities without a denominator (no events, zero duration, no bursts) are NaN.
 *
 * @param theta ISI threshold in seconds
 * @param duration seconds over which the rates are taken
 */
public record BurstStatistics(double theta, double duration, int spikes, int events, int bursts,
                              double firingRate, double eventRate, double burstFraction, double spikesPerBurst,
                              double poissonBurstFraction) {

    /** Over {@code duration} seconds (an analysis window). */
    public static BurstStatistics of(SpikeEvents e, double duration) {
        double rate = duration > 0 ? e.spikes() / duration : Double.NaN;
        double er = duration > 0 ? e.events() / duration : Double.NaN;
        double bf = e.events() > 0 ? (double) e.bursts() / e.events() : Double.NaN;
        double spb = e.bursts() > 0 ? (double) e.spikesInBursts() / e.bursts() : Double.NaN;
        double nullBf = -Math.expm1(-rate * e.theta());
        return new BurstStatistics(e.theta(), duration, e.spikes(), e.events(), e.bursts(), rate, er, bf, spb,
                nullBf);
    }

    /** Over the train's own span, last spike minus first (zero for fewer than two spikes). */
    public static BurstStatistics overTrain(SpikeEvents e) {
        double d = e.spikes() < 2 ? 0 : e.spike(e.spikes() - 1) - e.spike(0);
        return of(e, d);
    }

    /** Burst fraction minus its Poisson null; positive for bursting beyond chance. */
    public double excessBurstFraction() {
        return burstFraction - poissonBurstFraction;
    }
}
