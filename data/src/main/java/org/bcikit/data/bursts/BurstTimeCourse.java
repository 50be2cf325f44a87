package org.bcikit.data.bursts;

/**
 * The aligned event and burst counts of one condition, made by {@link PeriEventBursts}
 * (Naud &amp; Sprekeler, PNAS 115:E6329, 2018): immutable; accessors return copies.
 */
public final class BurstTimeCourse {

    private final String condition;
    private final int trials;
    private final int units;
    private final double from;
    private final double bin;
    private final long[] events;
    private final long[] bursts;

    private BurstTimeCourse(String condition, int trials, int units, double from, double bin, long[] events,
                            long[] bursts) {
        this.condition = condition;
        this.trials = trials;
        this.units = units;
        this.from = from;
        this.bin = bin;
        this.events = events;
        this.bursts = bursts;
    }

    static BurstTimeCourse of(String condition, int trials, int units, double from, double bin, long[] events,
                              long[] bursts) {
        return new BurstTimeCourse(condition, trials, units, from, bin, events.clone(), bursts.clone());
    }

    public String condition() {
        return condition;
    }

    /** Trials aligned in this condition. */
    public int trials() {
        return trials;
    }

    public int bins() {
        return events.length;
    }

    public double binWidth() {
        return bin;
    }

    /** Bin centres relative to the alignment time, seconds. */
    public double[] binCentres() {
        double[] c = new double[events.length];
        for (int k = 0; k < c.length; k++) {
            c[k] = from + (k + 0.5) * bin;
        }
        return c;
    }

    public long[] events() {
        return events.clone();
    }

    public long[] bursts() {
        return bursts.clone();
    }

    /** ER(t): events per unit, trial and second (Hz); NaN with no trials or units. */
    public double[] eventRate() {
        double[] r = new double[events.length];
        double norm = (double) trials * units * bin;
        for (int k = 0; k < r.length; k++) {
            r[k] = norm > 0 ? events[k] / norm : Double.NaN;
        }
        return r;
    }

    /** BF(t) = bursts(t)/events(t); NaN where a bin has no events. */
    public double[] burstFraction() {
        double[] f = new double[events.length];
        for (int k = 0; k < f.length; k++) {
            f[k] = events[k] > 0 ? (double) bursts[k] / events[k] : Double.NaN;
        }
        return f;
    }
}
