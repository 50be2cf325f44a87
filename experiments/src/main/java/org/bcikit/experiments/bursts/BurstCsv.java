package org.bcikit.experiments.bursts;

import java.util.List;
import java.util.Locale;

import org.bcikit.data.bursts.BurstStatistics;
import org.bcikit.data.bursts.BurstTimeCourse;

/**
 * The burst code (Naud &amp; Sprekeler, PNAS 115:E6329, 2018) as CSV text: one row per unit, or
 * one per condition and bin. Undefined numbers (NaN) are empty cells.
 */
public final class BurstCsv {

    private BurstCsv() {
    }

    public static String perUnit(List<String> ids, List<BurstStatistics> stats) {
        StringBuilder b = new StringBuilder("unit,spikes,events,bursts,duration_s,firing_rate_hz,event_rate_hz,"
                + "burst_fraction,spikes_per_burst,poisson_burst_fraction,theta_s\n");
        for (int u = 0; u < stats.size(); u++) {
            BurstStatistics s = stats.get(u);
            b.append(quote(ids.get(u))).append(',').append(s.spikes()).append(',').append(s.events()).append(',')
                    .append(s.bursts()).append(',').append(num(s.duration())).append(',')
                    .append(num(s.firingRate())).append(',').append(num(s.eventRate())).append(',')
                    .append(num(s.burstFraction())).append(',').append(num(s.spikesPerBurst())).append(',')
                    .append(num(s.poissonBurstFraction())).append(',').append(num(s.theta())).append('\n');
        }
        return b.toString();
    }

    public static String timeResolved(List<BurstTimeCourse> courses) {
        StringBuilder b = new StringBuilder("condition,trials,time_s,events,bursts,event_rate_hz,burst_fraction\n");
        for (BurstTimeCourse c : courses) {
            double[] t = c.binCentres();
            long[] ev = c.events();
            long[] bu = c.bursts();
            double[] er = c.eventRate();
            double[] bf = c.burstFraction();
            for (int k = 0; k < t.length; k++) {
                b.append(quote(c.condition())).append(',').append(c.trials()).append(',').append(num(t[k]))
                        .append(',').append(ev[k]).append(',').append(bu[k]).append(',').append(num(er[k]))
                        .append(',').append(num(bf[k])).append('\n');
            }
        }
        return b.toString();
    }

    private static String num(double v) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%.6g", v) : "";
    }

    private static String quote(String s) {
        return s.contains(",") || s.contains("\"") || s.contains("\n") ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
    }
}
