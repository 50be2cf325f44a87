package org.bcikit.rnn.rdd;

import org.ejml.data.DMatrixRMaj;

/**
 * The running state of the regression-discontinuity estimate of Guerguiev, Kording and Richards
 * (ICLR 2020, arXiv 1910.01689; science.md §11) for N units against an O-dimensional downstream
 * signal. Per unit a window of {@code window} steps opens when {@code |theta - u| <= band} and none
 * is open; in it the largest u, whether the unit spiked and the sum R of each signal component are
 * tracked. At its end the target {@code R/window - R_start} (R_start the signal as it opened) is fit,
 * one SGD step, to {@code c + m (max u - theta)}: one line for windows with a spike, one without,
 * per unit and signal component. The jump at threshold,
 * {@code beta = c_spike - c_silent}, is the unit's causal effect on the signal: windows that just
 * reached threshold and windows that just missed it differ in the spike and hardly in the inputs
 * that drove them, so a confounder shared with other units cancels. Writing the lines around theta
 * gives the same jump as the paper's {@code (m_a theta + c_a) - (m_b theta + c_b)} with better
 * conditioned SGD (the intercept is no longer nearly collinear with the slope). Mutable;
 * {@link #observe} allocates nothing.
 */
public final class DiscontinuityFits {

    private final int units;
    private final int outputs;
    private final int window;
    private final double band;
    private final double learningRate;

    private final boolean[] open;
    private final int[] elapsed;
    private final double[] maxDrive;
    private final boolean[] spiked;
    private final double[] sum;
    private final double[] start;
    // lines per (unit, output): [0] spiking, [1] silent
    private final double[][] intercept;
    private final double[][] slope;
    private final double[][] targetSum;
    private final long[] spikingWindows;
    private final long[] silentWindows;
    private long steps;

    /**
     * @param units        N
     * @param outputs      O, the signal's dimension
     * @param window       window length in steps (30)
     * @param band         the opening band around the threshold (0.1)
     * @param learningRate SGD learning rate of the lines (1e-3)
     */
    public DiscontinuityFits(int units, int outputs, int window, double band, double learningRate) {
        this.units = units;
        this.outputs = outputs;
        this.window = window;
        this.band = band;
        this.learningRate = learningRate;
        open = new boolean[units];
        elapsed = new int[units];
        maxDrive = new double[units];
        spiked = new boolean[units];
        sum = new double[units * outputs];
        start = new double[units * outputs];
        intercept = new double[][] {new double[units * outputs], new double[units * outputs]};
        slope = new double[][] {new double[units * outputs], new double[units * outputs]};
        targetSum = new double[][] {new double[units * outputs], new double[units * outputs]};
        spikingWindows = new long[units];
        silentWindows = new long[units];
    }

    /**
     * One step: the units' non-reset drives u, their spikes this step and the signal (O values).
     * Opens, advances and closes the windows and fits the closed ones.
     */
    public void observe(double[] drive, boolean[] spikes, double[] signal) {
        steps++;
        for (int i = 0; i < units; i++) {
            int row = i * outputs;
            if (!open[i]) {
                if (Math.abs(LifPopulation.THRESHOLD - drive[i]) > band) {
                    continue;
                }
                open[i] = true;
                elapsed[i] = 0;
                maxDrive[i] = drive[i];
                spiked[i] = false;
                for (int o = 0; o < outputs; o++) {
                    start[row + o] = signal[o];
                    sum[row + o] = 0;
                }
            }
            maxDrive[i] = Math.max(maxDrive[i], drive[i]);
            spiked[i] |= spikes[i];
            for (int o = 0; o < outputs; o++) {
                sum[row + o] += signal[o];
            }
            if (++elapsed[i] == window) {
                close(i);
            }
        }
    }

    private void close(int i) {
        open[i] = false;
        double x = (maxDrive[i] - LifPopulation.THRESHOLD) / band;
        int line = spiked[i] ? 0 : 1;
        if (spiked[i]) {
            spikingWindows[i]++;
        } else {
            silentWindows[i]++;
        }
        double[] c = intercept[line];
        double[] m = slope[line];
        int row = i * outputs;
        for (int o = 0; o < outputs; o++) {
            int k = row + o;
            double target = sum[k] / window - start[k];
            targetSum[line][k] += target;
            double error = c[k] + m[k] * x - target;
            c[k] -= learningRate * error;
            m[k] -= learningRate * error * x;
        }
    }

    /** Writes the jumps at threshold into {@code beta} (N x O). */
    public void beta(DMatrixRMaj beta) {
        if (beta.numRows != units || beta.numCols != outputs) {
            throw new IllegalArgumentException("rdd: beta must be " + units + "x" + outputs + ", got " + beta.numRows
                    + "x" + beta.numCols);
        }
        for (int k = 0; k < units * outputs; k++) {
            beta.data[k] = intercept[0][k] - intercept[1][k];
        }
    }

    /**
     * Writes the naive, correlational estimate into {@code out} (N x O): the mean target of windows
     * with a spike minus that of windows without, ignoring the drive (0 where either is empty). A
     * unit correlated with a causal one gets a spurious share of it here, not in {@link #beta}.
     */
    public void naive(DMatrixRMaj out) {
        for (int i = 0; i < units; i++) {
            for (int o = 0; o < outputs; o++) {
                int k = i * outputs + o;
                out.data[k] = spikingWindows[i] == 0 || silentWindows[i] == 0 ? 0
                        : targetSum[0][k] / spikingWindows[i] - targetSum[1][k] / silentWindows[i];
            }
        }
    }

    /** Closed windows with a spike, per unit (a copy). */
    public long[] spikingWindows() {
        return spikingWindows.clone();
    }

    /** Closed windows without a spike, per unit (a copy). */
    public long[] silentWindows() {
        return silentWindows.clone();
    }

    /** Steps observed so far. */
    public long steps() {
        return steps;
    }

    /** N. */
    public int units() {
        return units;
    }

    /** O. */
    public int outputs() {
        return outputs;
    }
}
