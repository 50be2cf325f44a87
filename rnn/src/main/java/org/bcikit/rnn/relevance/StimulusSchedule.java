package org.bcikit.rnn.relevance;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * What the inputs see at every step of a protocol: which conditioned stimuli are on, whether the US
 * is on, a per-step factor on the inhibition scale ι (the latent-inhibition protocol lowers it by
 * 20 % in one phase), and the list of presentations whose responses are read out. Built with
 * {@link Builder}; immutable once built.
 */
public final class StimulusSchedule {

    /** Bit of CS1 in {@link #stimuli(int)}. */
    public static final int CS1 = 1;
    /** Bit of CS2 in {@link #stimuli(int)}. */
    public static final int CS2 = 2;

    private final byte[] stimuli;
    private final boolean[] us;
    private final double[] inhibitionFactor;
    private final List<Presentation> presentations;

    private StimulusSchedule(byte[] stimuli, boolean[] us, double[] inhibitionFactor,
            List<Presentation> presentations) {
        this.stimuli = stimuli;
        this.us = us;
        this.inhibitionFactor = inhibitionFactor;
        this.presentations = Collections.unmodifiableList(presentations);
    }

    /** Number of steps. */
    public int steps() {
        return us.length;
    }

    /** The CS bits on at {@code step}. */
    public int stimuli(int step) {
        return stimuli[step];
    }

    /** Whether the US is on at {@code step}. */
    public boolean us(int step) {
        return us[step];
    }

    /** Factor on ι at {@code step} (1 unless a phase disrupts inhibition further). */
    public double inhibitionFactor(int step) {
        return inhibitionFactor[step];
    }

    /** The presentations in onset order of their adding. */
    public List<Presentation> presentations() {
        return presentations;
    }

    /**
     * Adds presentations by time in seconds; steps are {@code round(t / dt)}. A stimulus or US that
     * would run past the end is cut at the end.
     */
    public static final class Builder {
        private final double dt;
        private final int stimulusSteps;
        private final List<int[]> cs = new ArrayList<>();
        private final List<int[]> usOnsets = new ArrayList<>();
        private final List<double[]> factors = new ArrayList<>();
        private final List<Presentation> presentations = new ArrayList<>();
        private int end;

        /**
         * @param dt              time step (s)
         * @param stimulusSeconds length of every CS and US (s)
         */
        public Builder(double dt, double stimulusSeconds) {
            this.dt = dt;
            this.stimulusSteps = Math.max(1, (int) Math.round(stimulusSeconds / dt));
        }

        /** The step of time {@code seconds}. */
        public int step(double seconds) {
            return (int) Math.round(seconds / dt);
        }

        /** Shows the stimuli {@code bits} from {@code seconds}, recording a presentation in {@code phase}. */
        public Builder cs(int bits, double seconds, String phase, boolean paired) {
            int onset = step(seconds);
            cs.add(new int[] {bits, onset});
            String name = bits == (CS1 | CS2) ? "CS1+CS2" : bits == CS1 ? "CS1" : "CS2";
            presentations.add(new Presentation(name, phase, onset, stimulusSteps, paired));
            end = Math.max(end, onset + stimulusSteps);
            return this;
        }

        /** Records a window with no stimulus from {@code seconds}, for the baseline response. */
        public Builder blank(double seconds, String phase) {
            int onset = step(seconds);
            presentations.add(new Presentation("none", phase, onset, stimulusSteps, false));
            end = Math.max(end, onset + stimulusSteps);
            return this;
        }

        /** Turns the US on from {@code seconds}. */
        public Builder us(double seconds) {
            int onset = step(seconds);
            usOnsets.add(new int[] {onset});
            end = Math.max(end, onset + stimulusSteps);
            return this;
        }

        /** Multiplies ι by {@code factor} from {@code fromSeconds} (inclusive) to {@code toSeconds}. */
        public Builder inhibitionFactor(double fromSeconds, double toSeconds, double factor) {
            factors.add(new double[] {step(fromSeconds), step(toSeconds), factor});
            return this;
        }

        /** Makes the schedule last at least until {@code seconds}. */
        public Builder until(double seconds) {
            end = Math.max(end, step(seconds));
            return this;
        }

        /** The schedule. */
        public StimulusSchedule build() {
            byte[] stimuli = new byte[end];
            boolean[] us = new boolean[end];
            double[] factor = new double[end];
            java.util.Arrays.fill(factor, 1.0);
            for (int[] c : cs) {
                for (int t = Math.max(0, c[1]); t < Math.min(end, c[1] + stimulusSteps); t++) {
                    stimuli[t] |= (byte) c[0];
                }
            }
            for (int[] u : usOnsets) {
                for (int t = Math.max(0, u[0]); t < Math.min(end, u[0] + stimulusSteps); t++) {
                    us[t] = true;
                }
            }
            for (double[] f : factors) {
                for (int t = Math.max(0, (int) f[0]); t < Math.min(end, (int) f[1]); t++) {
                    factor[t] = f[2];
                }
            }
            List<Presentation> kept = new ArrayList<>();
            for (Presentation p : presentations) {
                if (p.onset() >= 0 && p.onset() < end) {
                    kept.add(p);
                }
            }
            return new StimulusSchedule(stimuli, us, factor, kept);
        }
    }
}
