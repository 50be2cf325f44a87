package org.bcikit.rnn.rdd;

import java.util.Arrays;

/**
 * Leaky integrate-and-fire units of Guerguiev, Kording and Richards (ICLR 2020, arXiv 1910.01689;
 * science.md §11), Euler steps of 1 ms:
 * <pre>
 *   dv/dt = -g_L v + g_D (I - v),   g_L = 0.1, g_D = 0.6 per ms,
 * </pre>
 * a spike when {@code v >= theta = 1}, then {@code v = -1} held for a 3 ms refractory period. Beside
 * v each unit integrates the same drive into u, which is never reset: u is what v would be had the
 * unit not spiked, the running variable of the regression discontinuity (a spike is decided by
 * whether u reaches theta). Mutable; {@link #step} allocates nothing.
 */
public final class LifPopulation {

    /** Leak conductance per ms. */
    public static final double LEAK = 0.1;
    /** Dendritic conductance per ms. */
    public static final double DENDRITIC = 0.6;
    /** Spike threshold. */
    public static final double THRESHOLD = 1.0;
    /** Potential after a spike. */
    public static final double RESET = -1.0;
    /** Refractory period in steps (ms). */
    public static final int REFRACTORY = 3;

    private final double[] v;
    private final double[] u;
    private final int[] refractory;
    private final boolean[] spikes;

    /** {@code units} units at rest (v = u = 0). */
    public LifPopulation(int units) {
        v = new double[units];
        u = new double[units];
        refractory = new int[units];
        spikes = new boolean[units];
    }

    /** The drive {@code I} at which v settles exactly at threshold: {@code theta (g_L + g_D) / g_D}. */
    public static double rheobase() {
        return THRESHOLD * (LEAK + DENDRITIC) / DENDRITIC;
    }

    /** Advances one ms under {@code drive} (one value per unit); returns the spikes (live view). */
    public boolean[] step(double[] drive) {
        for (int i = 0; i < v.length; i++) {
            double in = drive[i];
            u[i] += -LEAK * u[i] + DENDRITIC * (in - u[i]);
            spikes[i] = false;
            if (refractory[i] > 0) {
                refractory[i]--;
                continue;
            }
            v[i] += -LEAK * v[i] + DENDRITIC * (in - v[i]);
            if (v[i] >= THRESHOLD) {
                spikes[i] = true;
                v[i] = RESET;
                refractory[i] = REFRACTORY;
            }
        }
        return spikes;
    }

    /** The non-reset drives u (live view). */
    public double[] drive() {
        return u;
    }

    /** The membrane potentials v (live view). */
    public double[] potential() {
        return v;
    }

    /** Number of units. */
    public int units() {
        return v.length;
    }

    /** Back to rest. */
    public void reset() {
        Arrays.fill(v, 0);
        Arrays.fill(u, 0);
        Arrays.fill(refractory, 0);
    }
}
