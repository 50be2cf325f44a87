package org.bcikit.rnn.relevance;

import java.util.List;

/**
 * What a schedule did to a network: the trained copy and, per step, the mean excitatory rate, the
 * relevance S and the inhibition I, from which a presentation's response is read.
 *
 * @param network       the network after the schedule
 * @param schedule      the schedule that was run
 * @param excitatoryRate mean excitatory rate per step (Hz: spikes per unit per second)
 * @param relevance     S(t) per step
 * @param inhibition    I(t) per step
 */
public record RelevanceRun(RelevanceNetwork network, StimulusSchedule schedule, float[] excitatoryRate,
        float[] relevance, float[] inhibition) {

    /** Mean excitatory rate over a presentation's window (Hz). */
    public double rate(Presentation p) {
        return mean(excitatoryRate, p);
    }

    /** Mean relevance S over a presentation's window. */
    public double relevance(Presentation p) {
        return mean(relevance, p);
    }

    /** Mean inhibition I over a presentation's window. */
    public double inhibition(Presentation p) {
        return mean(inhibition, p);
    }

    /** The presentations of {@code stimulus} in {@code phase}, in order. */
    public List<Presentation> presentations(String stimulus, String phase) {
        return schedule.presentations().stream()
                .filter(p -> p.stimulus().equals(stimulus) && (phase == null || p.phase().equals(phase))).toList();
    }

    private static double mean(float[] values, Presentation p) {
        int end = Math.min(values.length, p.onset() + p.steps());
        double sum = 0;
        for (int t = p.onset(); t < end; t++) {
            sum += values[t];
        }
        return end > p.onset() ? sum / (end - p.onset()) : Double.NaN;
    }
}
