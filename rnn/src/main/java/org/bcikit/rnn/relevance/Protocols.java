package org.bcikit.rnn.relevance;

import java.util.SplittableRandom;

/**
 * The Pavlovian schedules of Insel, Guerguiev &amp; Richards 2018 (PLoS Comput Biol 14:e1006315;
 * science.md §12). CS and US last 0.2 s; a paired CS1 starts 0.1 s before its US. Every interval
 * is drawn from the generator given, so a schedule is fixed by the run's seed.
 */
public final class Protocols {

    private static final double LENGTH = 0.2;
    private static final double DELAY = 0.1;

    private Protocols() {
    }

    /**
     * Learning to ignore: for {@code seconds}, a US every U(20, 30) s with CS1 0.1 s before it, and
     * as many CS2 at uniformly random times (phase {@code training}).
     */
    public static StimulusSchedule learningToIgnore(double dt, double seconds, SplittableRandom random) {
        StimulusSchedule.Builder b = new StimulusSchedule.Builder(dt, LENGTH).until(seconds);
        int pairs = 0;
        double t = 0;
        while (true) {
            t += 20 + 10 * random.nextDouble();
            if (t > seconds - LENGTH) {
                break;
            }
            b.us(t).cs(StimulusSchedule.CS1, t - DELAY, "training", true);
            pairs++;
        }
        double[] cs2 = new double[pairs];
        for (int i = 0; i < pairs; i++) {
            cs2[i] = dt + (seconds - LENGTH - dt) * random.nextDouble();
        }
        java.util.Arrays.sort(cs2);
        for (double onset : cs2) {
            b.cs(StimulusSchedule.CS2, onset, "training", false);
        }
        return b.build();
    }

    /**
     * Blocking: {@code preExposures} of CS1 and of CS2 (two streams, 10–15 s apart), {@code trials}
     * CS1+US ({@code conditioning}), {@code trials} CS1+CS2+US ({@code compound}), then
     * {@code tests} of CS1 and of CS2 alone and as many windows without a stimulus ({@code test}),
     * 10–15 s apart.
     */
    public static StimulusSchedule blocking(double dt, int preExposures, int trials, int tests,
            SplittableRandom random) {
        StimulusSchedule.Builder b = new StimulusSchedule.Builder(dt, LENGTH);
        double t1 = 0;
        double t2 = 0;
        for (int i = 0; i < preExposures; i++) {
            t1 += gap(random);
            t2 += gap(random);
            b.cs(StimulusSchedule.CS1, t1, "pre-exposure", false);
            b.cs(StimulusSchedule.CS2, t2, "pre-exposure", false);
            t1 += LENGTH;
            t2 += LENGTH;
        }
        double t = Math.max(t1, t2);
        for (int i = 0; i < trials; i++) {
            t += gap(random);
            b.us(t).cs(StimulusSchedule.CS1, t - DELAY, "conditioning", true);
            t += LENGTH;
        }
        for (int i = 0; i < trials; i++) {
            t += gap(random);
            b.us(t).cs(StimulusSchedule.CS1 | StimulusSchedule.CS2, t - DELAY, "compound", true);
            t += LENGTH;
        }
        // one stimulus (or none) per slot keeps the test responses from overlapping
        for (int i = 0; i < tests; i++) {
            for (int which = 0; which < 3; which++) {
                t += gap(random);
                if (which == 2) {
                    b.blank(t, "test");
                } else {
                    b.cs(which == 0 ? StimulusSchedule.CS1 : StimulusSchedule.CS2, t, "test", false);
                }
                t += LENGTH;
            }
        }
        return b.until(t + 1).build();
    }

    /**
     * Latent inhibition: {@code preExposures} CS1 4 s apart (none for the control), 3 CS1 with the
     * US at its onset ({@code conditioning}), 4 CS1 tests ({@code test}); ι is multiplied by
     * {@code factor} during {@code reducedPhase} ({@code conditioning}, {@code test} or
     * {@code none}).
     */
    public static StimulusSchedule latentInhibition(double dt, int preExposures, String reducedPhase,
            double factor) {
        StimulusSchedule.Builder b = new StimulusSchedule.Builder(dt, LENGTH);
        double t = 0;
        for (int i = 0; i < preExposures; i++) {
            t += 4;
            b.cs(StimulusSchedule.CS1, t, "pre-exposure", false);
            t += LENGTH;
        }
        double conditioning = t;
        for (int i = 0; i < 3; i++) {
            t += 4;
            b.us(t).cs(StimulusSchedule.CS1, t, "conditioning", true);
            t += LENGTH;
        }
        double test = t;
        for (int i = 0; i < 4; i++) {
            t += 4;
            b.cs(StimulusSchedule.CS1, t, "test", false);
            t += LENGTH;
        }
        t += 1;
        if (reducedPhase.equals("conditioning")) {
            b.inhibitionFactor(conditioning, test, factor);
        } else if (reducedPhase.equals("test")) {
            b.inhibitionFactor(test, t, factor);
        }
        return b.until(t).build();
    }

    /**
     * Learned irrelevance (relevance part only; the paper's competitive output units are not
     * modelled): with {@code preExposureSeconds} &gt; 0, that long a phase of {@code uncorrelated} USs
     * and as many CS1 at independent uniform times ({@code pre-exposure}); then {@code pairings}
     * CS1→US pairings 5 s apart ({@code conditioning}).
     */
    public static StimulusSchedule learnedIrrelevance(double dt, double preExposureSeconds, int uncorrelated,
            int pairings, SplittableRandom random) {
        StimulusSchedule.Builder b = new StimulusSchedule.Builder(dt, LENGTH);
        if (preExposureSeconds > 0) {
            for (int i = 0; i < uncorrelated; i++) {
                b.us(1 + (preExposureSeconds - 2) * random.nextDouble());
            }
            double[] cs = new double[uncorrelated];
            for (int i = 0; i < uncorrelated; i++) {
                cs[i] = 1 + (preExposureSeconds - 2) * random.nextDouble();
            }
            java.util.Arrays.sort(cs);
            for (double onset : cs) {
                b.cs(StimulusSchedule.CS1, onset, "pre-exposure", false);
            }
        }
        double t = preExposureSeconds;
        for (int i = 0; i < pairings; i++) {
            t += 5;
            b.us(t).cs(StimulusSchedule.CS1, t - DELAY, "conditioning", true);
            t += LENGTH;
        }
        return b.until(t + 1).build();
    }

    private static double gap(SplittableRandom random) {
        return 10 + 5 * random.nextDouble();
    }
}
