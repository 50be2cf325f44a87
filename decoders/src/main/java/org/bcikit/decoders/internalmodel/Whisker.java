package org.bcikit.decoders.internalmodel;

/**
 * One whisker of an {@link InternalModel} (Golub, Yu &amp; Chase 2015, Fig. 4A,B): at step t the
 * subject's internal predictions {@code p̃_{t-TAU} ... p̃_t} of the cursor position (the first is
 * the seen position P(t−TAU)) and {@code ṽ_{t-TAU} ... ṽ_t} of its velocity, given the feedback and
 * the spikes since, not the target. State {@code k = 0 ... TAU} is time t − TAU + k; the last
 * velocity is the intended command at t.
 */
public final class Whisker {

    private final int step;
    private final double[] chain;

    Whisker(int step, double[] means, int offset, int states) {
        this.step = step;
        this.chain = java.util.Arrays.copyOfRange(means, offset, offset + 4 * states);
    }

    /** The 0-based step t of the trial. */
    public int step() {
        return step;
    }

    /** TAU + 1 states. */
    public int states() {
        return chain.length / 4;
    }

    public double positionX(int k) {
        return chain[4 * k];
    }

    public double positionY(int k) {
        return chain[4 * k + 1];
    }

    public double velocityX(int k) {
        return chain[4 * k + 2];
    }

    public double velocityY(int k) {
        return chain[4 * k + 3];
    }
}
