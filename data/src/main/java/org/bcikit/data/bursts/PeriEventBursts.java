package org.bcikit.data.bursts;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

import org.bcikit.data.InvalidInputException;

/**
 * Event rate ER(t) and burst fraction BF(t) aligned to trial events, per condition, in bins
 * (Naud &amp; Sprekeler, PNAS 115:E6329, 2018; the in-vivo use: Naud et al., "Fast burst fraction
 * transients convey information independent of the firing rate", bioRxiv
 * 10.1101/2022.10.07.511138).
 *
 * <p>Bin k covers {@code [a + from + k w, a + from + (k+1) w)} for each alignment time a. Events
 * are counted at their first spike, bursts at their second, so a bin can in principle hold a
 * burst whose event began in the bin before (then BF(t) of that bin may exceed the fraction of
 * its own events). Counts are pooled over units and trials: ER(t) is the mean per unit and trial
 * in Hz, BF(t) = bursts(t)/events(t), NaN where a bin has no events. Windows of neighbouring
 * trials may overlap; each trial then counts the shared spikes, as in any peri-event histogram.
 */
public final class PeriEventBursts {

    private final double from;
    private final double bin;
    private final int bins;

    /**
     * @param from window start relative to the alignment time (seconds, may be negative)
     * @param to window end; the last bin may end up to one bin width beyond it
     * @param bin bin width in seconds
     */
    public PeriEventBursts(double from, double to, double bin) {
        if (!(bin > 0) || !Double.isFinite(bin)) {
            throw new InvalidInputException("bin: expected a finite number of seconds > 0, found " + bin);
        }
        if (!Double.isFinite(from) || !Double.isFinite(to) || !(to > from)) {
            throw new InvalidInputException("window: expected finite seconds A..B with A < B, found " + from
                    + ".." + to);
        }
        double n = Math.ceil((to - from) / bin - 1e-9);
        if (n > 1_000_000) {
            throw new InvalidInputException("window: expected at most 1000000 bins of " + bin + " s, found " + n);
        }
        this.from = from;
        this.bin = bin;
        this.bins = (int) n;
    }

    public int bins() {
        return bins;
    }

    /**
     * Counts the events of every unit around each alignment time, grouped by {@code conditions}
     * (one label per alignment time; conditions appear in sorted order). NaN alignment times
     * (trials without the column's event) are skipped.
     */
    public List<BurstTimeCourse> run(List<SpikeEvents> units, double[] align, String[] conditions) {
        if (align.length != conditions.length) {
            throw new IllegalArgumentException(align.length + " alignment times, " + conditions.length + " labels");
        }
        TreeMap<String, long[][]> counts = new TreeMap<>();
        TreeMap<String, int[]> trials = new TreeMap<>();
        for (int i = 0; i < align.length; i++) {
            if (!Double.isFinite(align[i])) {
                continue;
            }
            long[][] c = counts.computeIfAbsent(conditions[i], k -> new long[2][bins]);
            trials.computeIfAbsent(conditions[i], k -> new int[1])[0]++;
            double start = align[i] + from;
            for (SpikeEvents e : units) {
                addInto(e, start, c);
            }
        }
        List<BurstTimeCourse> out = new ArrayList<>();
        for (String label : counts.keySet()) {
            out.add(BurstTimeCourse.of(label, trials.get(label)[0], units.size(), from, bin, counts.get(label)[0],
                    counts.get(label)[1]));
        }
        return out;
    }

    private void addInto(SpikeEvents e, double start, long[][] c) {
        double end = start + bins * bin;
        // event times increase with k, so the first event at or after start is found by bisection
        int lo = 0;
        int hi = e.events();
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (e.eventTime(mid) < start) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        // a burst whose event began just before the window may have its second spike inside it
        int k = Math.max(0, lo - 1);
        for (; k < e.events(); k++) {
            double t = e.eventTime(k);
            if (t >= end) {
                break;
            }
            int b = binOf(t, start);
            if (b >= 0) {
                c[0][b]++;
            }
            if (e.isBurst(k)) {
                int bb = binOf(e.burstTime(k), start);
                if (bb >= 0) {
                    c[1][bb]++;
                }
            }
        }
    }

    /** The bin holding t, by the edges {@code start + k w} themselves; -1 outside the window. */
    private int binOf(double t, double start) {
        if (t < start) {
            return -1;
        }
        int k = (int) Math.floor((t - start) / bin);
        if (t < start + k * bin) {
            k--;
        } else if (t >= start + (k + 1) * bin) {
            k++;
        }
        return k >= 0 && k < bins ? k : -1;
    }
}
