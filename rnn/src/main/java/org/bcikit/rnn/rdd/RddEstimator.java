package org.bcikit.rnn.rdd;

import org.ejml.data.DMatrixRMaj;

/**
 * Regression-discontinuity estimation of each unit's causal effect on a downstream signal
 * (Guerguiev, Kording and Richards, "Spike-based causal inference for weight alignment", ICLR 2020,
 * arXiv 1910.01689; science.md §11): configuration in, {@link #fit} runs a {@link SpikingCircuit}
 * for a simulated time while {@link DiscontinuityFits} regress the windowed signal on the
 * near-threshold drive, and returns an immutable {@link RddEstimate}. The estimate is the jump of the
 * windowed signal at threshold, in signal units per window; {@link RddEstimate#perSpike()} divides by
 * the windowed mass of one spike's kernel so that a unit reading into the signal with weight w has
 * a jump of about w.
 */
public final class RddEstimator {

    private final int window;
    private final double band;
    private final double learningRate;

    /**
     * @param window       steps per window (30)
     * @param band         opening band {@code |theta - u| <= band} (0.1)
     * @param learningRate SGD learning rate of the two lines (1e-3)
     */
    public RddEstimator(int window, double band, double learningRate) {
        if (window < 1 || window > SynapticTrace.MEMORY * 10 || !(band > 0) || !(learningRate > 0)
                || !Double.isFinite(band) || !Double.isFinite(learningRate)) {
            throw new IllegalArgumentException("rdd: need 1 <= window <= 300 steps, band > 0 and learningRate > 0, got "
                    + window + ", " + band + ", " + learningRate);
        }
        this.window = window;
        this.band = band;
        this.learningRate = learningRate;
    }

    /** The paper's constants: 30 ms windows, band 0.1, learning rate 1e-3. */
    public static RddEstimator guerguiev() {
        return new RddEstimator(30, 0.1, 1e-3);
    }

    /** Fresh fits for a circuit of {@code units} units and {@code outputs} signal components. */
    public DiscontinuityFits newFits(int units, int outputs) {
        return new DiscontinuityFits(units, outputs, window, band, learningRate);
    }

    /** Runs {@code circuit} (mutated) for {@code steps} ms from fresh fits. */
    public RddEstimate fit(SpikingCircuit circuit, int steps) {
        return fit(circuit, steps, newFits(circuit.units(), circuit.outputs()));
    }

    /** Runs {@code circuit} (mutated) for {@code steps} ms, continuing {@code fits} (mutated). */
    public RddEstimate fit(SpikingCircuit circuit, int steps, DiscontinuityFits fits) {
        if (steps < 0) {
            throw new IllegalArgumentException("rdd: steps must be >= 0, got " + steps);
        }
        if (fits.units() != circuit.units() || fits.outputs() != circuit.outputs()) {
            throw new IllegalArgumentException("rdd: fits for " + fits.units() + "x" + fits.outputs()
                    + " do not match the circuit's " + circuit.units() + "x" + circuit.outputs());
        }
        for (int t = 0; t < steps; t++) {
            circuit.step(fits);
        }
        DMatrixRMaj beta = new DMatrixRMaj(fits.units(), fits.outputs());
        fits.beta(beta);
        DMatrixRMaj naive = new DMatrixRMaj(fits.units(), fits.outputs());
        fits.naive(naive);
        return new RddEstimate(beta, naive, fits.spikingWindows(), fits.silentWindows(), fits.steps(), spikeMass());
    }

    /** The mean over a window of one spike's kernel, the spike at the window's start. */
    double spikeMass() {
        double m = 0;
        for (int t = 0; t < window; t++) {
            m += SynapticTrace.kernel(t);
        }
        return m / window;
    }
}
