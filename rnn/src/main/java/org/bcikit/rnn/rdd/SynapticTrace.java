package org.bcikit.rnn.rdd;

import java.util.Arrays;

/**
 * Spike trains filtered by the difference-of-exponentials synaptic kernel of Guerguiev, Kording and
 * Richards (ICLR 2020, arXiv 1910.01689; science.md §11), in 1 ms steps:
 * {@code kappa(s) = (e^{-s/10} - e^{-s/3}) / (10 - 3)}, {@code s = 0..29}: a spike's effect is forgotten
 * after {@link #MEMORY} steps. {@code kappa(0) = 0}, so a spike is first felt one step after it happens.
 * The last {@link #MEMORY} spike vectors are kept in a ring, so {@link #push} allocates nothing.
 * Mutable.
 */
public final class SynapticTrace {

    /** Steps a spike is remembered for. */
    public static final int MEMORY = 30;

    private static final double[] KERNEL = new double[MEMORY];

    static {
        for (int s = 0; s < MEMORY; s++) {
            KERNEL[s] = (Math.exp(-s / 10.0) - Math.exp(-s / 3.0)) / (10.0 - 3.0);
        }
    }

    private final boolean[][] history;
    private final double[] value;
    private int head;

    /** A trace of {@code sources} spike trains, all silent so far. */
    public SynapticTrace(int sources) {
        history = new boolean[MEMORY][sources];
        value = new double[sources];
    }

    /** The kernel at lag {@code s} steps (0 outside {@code 0..MEMORY-1}). */
    public static double kernel(int s) {
        return s < 0 || s >= MEMORY ? 0 : KERNEL[s];
    }

    /** {@code sum_s kappa(s)} over the memory: the summed effect of one spike. */
    public static double mass() {
        double m = 0;
        for (double k : KERNEL) {
            m += k;
        }
        return m;
    }

    /**
     * Records this step's spikes (read, not kept) and recomputes every source's filtered value
     * {@code sum_s kappa(s) spike(t - s)}.
     */
    public void push(boolean[] spikes) {
        head = (head + 1) % MEMORY;
        System.arraycopy(spikes, 0, history[head], 0, value.length);
        Arrays.fill(value, 0);
        for (int s = 1; s < MEMORY; s++) {
            boolean[] past = history[(head - s + MEMORY) % MEMORY];
            double k = KERNEL[s];
            for (int j = 0; j < value.length; j++) {
                if (past[j]) {
                    value[j] += k;
                }
            }
        }
    }

    /** The filtered values after the last {@link #push} (live view; do not modify). */
    public double[] values() {
        return value;
    }

    /** Number of spike trains. */
    public int sources() {
        return value.length;
    }
}
