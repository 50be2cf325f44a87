package org.bcikit.data.bursts;

/**
 * One unit's spike train split into events by {@link BurstDetector}: immutable. Event k spans
 * spikes {@code first(k) .. first(k+1) - 1} of the sorted train; it is a burst when it has two
 * or more spikes. An event is time-stamped at its first spike, a burst at its second (the spike
 * that reveals it to be a burst), as in the Naud lab's burst trains.
 */
public final class SpikeEvents {

    private final double[] times;
    private final int[] first;
    private final double theta;
    private final int bursts;

    SpikeEvents(double[] sortedTimes, int[] first, double theta) {
        this.times = sortedTimes;
        this.first = first;
        this.theta = theta;
        int b = 0;
        for (int k = 0; k < first.length; k++) {
            if (size(k) >= 2) {
                b++;
            }
        }
        this.bursts = b;
    }

    /** The ISI threshold in seconds that made these events. */
    public double theta() {
        return theta;
    }

    public int spikes() {
        return times.length;
    }

    public int events() {
        return first.length;
    }

    public int bursts() {
        return bursts;
    }

    public int singlets() {
        return first.length - bursts;
    }

    /** Spikes in event k. */
    public int size(int k) {
        int end = k + 1 < first.length ? first[k + 1] : times.length;
        return end - first[k];
    }

    public boolean isBurst(int k) {
        return size(k) >= 2;
    }

    /** Time of event k: its first spike. */
    public double eventTime(int k) {
        return times[first[k]];
    }

    /** Time stamp of burst k: its second spike; NaN for a singlet. */
    public double burstTime(int k) {
        return isBurst(k) ? times[first[k] + 1] : Double.NaN;
    }

    /** Spike i of the sorted train. */
    public double spike(int i) {
        return times[i];
    }

    /** Spikes that belong to bursts. */
    public int spikesInBursts() {
        return times.length - singlets();
    }
}
