package org.bcikit.data.bursts;

import java.util.Arrays;

import org.bcikit.data.InvalidInputException;

/**
 * Splits one spike train into events (bursts and singlets) by the inter-spike-interval
 * threshold θ, following Naud &amp; Sprekeler, "Sparse bursts optimize information transmission in a
 * multiplexed neural code", PNAS 115:E6329 (2018), with the vocabulary of Williams, Payeur, Gidon
 * &amp; Naud, Sci Rep 11:15910 (2021).
 *
 * <p>Rules: times are sorted first; the first spike starts an event; spike s starts a new event
 * iff {@code t_s - t_(s-1) > θ}, so an interval of exactly θ stays in the event (strict, as in
 * the lab's analysis code). The interval is to the previous spike, not to the event's first, so a
 * burst can last longer than θ. An event of two or more spikes is a burst.
 */
public final class BurstDetector {

    /** The threshold used in the Naud lab's simulations; the real data may call for another. */
    public static final double DEFAULT_THETA = 0.016;

    private final double theta;

    /** @param theta the ISI threshold in seconds, finite and {@code > 0} */
    public BurstDetector(double theta) {
        if (!(theta > 0) || !Double.isFinite(theta)) {
            throw new InvalidInputException("burst ISI threshold: expected a finite number of seconds > 0, found "
                    + theta);
        }
        this.theta = theta;
    }

    public double theta() {
        return theta;
    }

    /**
     * Segments {@code spikeTimes} (seconds, any order, not changed).
     *
     * @throws InvalidInputException if a time is not finite
     */
    public SpikeEvents segment(double[] spikeTimes) {
        double[] t = spikeTimes.clone();
        for (int i = 0; i < t.length; i++) {
            if (!Double.isFinite(t[i])) {
                throw new InvalidInputException("spike times: expected finite seconds, found " + t[i]
                        + " at element " + i);
            }
        }
        Arrays.sort(t);
        int[] first = new int[t.length];
        int events = 0;
        for (int s = 0; s < t.length; s++) {
            if (s == 0 || t[s] - t[s - 1] > theta) {
                first[events++] = s;
            }
        }
        return new SpikeEvents(t, Arrays.copyOf(first, events), theta);
    }
}
