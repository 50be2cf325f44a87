package org.bcikit.data.nwb;

import java.util.Arrays;

import org.ejml.data.DMatrixRMaj;

/**
 * Spike times of q units, each sorted ascending, and their binning into counts.
 *
 * <p>Binning rule: bin k of a window starting at {@code start} with width {@code w} is the
 * half-open interval {@code [start + k*w, start + (k+1)*w)}, with the edges computed exactly by
 * that expression. A spike lying on an edge belongs to the later bin. Every spike is assigned
 * by comparing it with those edges, so floating-point rounding in {@code (t - start) / w} can
 * never move a spike into a neighbouring bin.
 */
final class SpikeTrains {

    private final double[][] times;
    private final int unsortedUnits;

    /**
     * Builds sorted copies of per-unit spike times; {@code times} is not changed.
     *
     * @throws IllegalArgumentException if a time is not finite (the caller names the dataset)
     */
    SpikeTrains(double[][] times) {
        this.times = new double[times.length][];
        int unsorted = 0;
        for (int u = 0; u < times.length; u++) {
            double[] t = times[u].clone();
            boolean sorted = true;
            for (int i = 0; i < t.length; i++) {
                if (!Double.isFinite(t[i])) {
                    throw new IllegalArgumentException("unit " + u + " spike " + i + " is " + t[i]);
                }
                if (i > 0 && t[i] < t[i - 1]) {
                    sorted = false;
                }
            }
            if (!sorted) {
                Arrays.sort(t);
                unsorted++;
            }
            this.times[u] = t;
        }
        this.unsortedUnits = unsorted;
    }

    int units() {
        return times.length;
    }

    /** How many units had spike times out of order in the input (they were sorted). */
    int unsortedUnits() {
        return unsortedUnits;
    }

    /** Copies of every unit's sorted times. */
    double[][] sortedTimes() {
        double[][] out = new double[times.length][];
        for (int u = 0; u < out.length; u++) {
            out[u] = times[u].clone();
        }
        return out;
    }

    long totalSpikes() {
        long n = 0;
        for (double[] t : times) {
            n += t.length;
        }
        return n;
    }

    /** Earliest spike over all units; NaN when there are no spikes. */
    double first() {
        double m = Double.NaN;
        for (double[] t : times) {
            if (t.length > 0 && !(t[0] >= m)) {
                m = t[0];
            }
        }
        return m;
    }

    /** Latest spike over all units; NaN when there are no spikes. */
    double last() {
        double m = Double.NaN;
        for (double[] t : times) {
            if (t.length > 0 && !(t[t.length - 1] <= m)) {
                m = t[t.length - 1];
            }
        }
        return m;
    }

    /**
     * Counts spikes into {@code out}, which must be bins x q; it is overwritten. Bins are laid
     * out as in the class comment; spikes outside {@code [start, start + bins*w)} are not counted.
     */
    void countInto(double start, double width, DMatrixRMaj out) {
        int bins = out.numRows;
        int q = times.length;
        if (out.numCols != q) {
            throw new IllegalArgumentException("expected " + q + " columns, got " + out.numCols);
        }
        Arrays.fill(out.data, 0, bins * q, 0.0);
        for (int u = 0; u < q; u++) {
            double[] t = times[u];
            for (int i = lowerBound(t, start); i < t.length; i++) {
                double x = t[i];
                double guess = Math.floor((x - start) / width);
                if (guess > bins) {
                    break;
                }
                int k = (int) guess;
                if (x < start + k * width) {
                    k--;
                } else if (x >= start + (k + 1) * width) {
                    k++;
                }
                if (k >= bins) {
                    break;
                }
                out.data[k * q + u] += 1.0;
            }
        }
    }

    /** Index of the first element {@code >= value} in sorted {@code a} ({@code a.length} if none). */
    private static int lowerBound(double[] a, double value) {
        int lo = 0;
        int hi = a.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (a[mid] < value) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }
}
