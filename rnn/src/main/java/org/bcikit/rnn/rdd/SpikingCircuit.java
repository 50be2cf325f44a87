package org.bcikit.rnn.rdd;

import org.ejml.data.DMatrixRMaj;

/**
 * The circuit a regression-discontinuity estimate observes (science.md §11; Guerguiev, Kording and
 * Richards, ICLR 2020): Poisson input trains, filtered by the synaptic kernel, drive N leaky
 * integrate-and-fire units through {@code I = bias + G x}; the units' filtered spikes h reach an
 * O-dimensional downstream signal {@code R = D h - target}, in a BCI the cursor error of a linear
 * decoder D (Lansdell and Kording, PLoS Comput Biol 19:e1011005, 2023). Shared columns of G make
 * units correlated without one causing the other's effect on R; D is the causal map the estimate
 * should recover. Matrices are copied; {@link #step} allocates nothing. Mutable (the units' state
 * and the input's generator advance).
 */
public final class SpikingCircuit {

    private final PoissonInput input;
    private final SynapticTrace inputTrace;
    private final DMatrixRMaj gain;
    private final double[] bias;
    private final LifPopulation units;
    private final SynapticTrace unitTrace;
    private final DMatrixRMaj readout;
    private final double[] target;
    private final double[] drive;
    private final double[] signal;

    /**
     * @param input   the input trains (M of them)
     * @param gain    G, N x M
     * @param bias    constant drive per unit (N)
     * @param readout D, O x N
     * @param target  subtracted from the readout (O); a constant drops out of the estimate
     */
    public SpikingCircuit(PoissonInput input, DMatrixRMaj gain, double[] bias, DMatrixRMaj readout, double[] target) {
        int n = gain.numRows;
        if (bias.length != n || readout.numCols != n || target.length != readout.numRows) {
            throw new IllegalArgumentException("spiking circuit: G is " + gain.numRows + "x" + gain.numCols + ", bias "
                    + bias.length + ", D " + readout.numRows + "x" + readout.numCols + ", target " + target.length);
        }
        this.input = input;
        this.inputTrace = new SynapticTrace(gain.numCols);
        this.gain = gain.copy();
        this.bias = bias.clone();
        this.units = new LifPopulation(n);
        this.unitTrace = new SynapticTrace(n);
        this.readout = readout.copy();
        this.target = target.clone();
        this.drive = new double[n];
        this.signal = new double[readout.numRows];
    }

    /**
     * A circuit whose unit i is driven by {@code meanDrive + driveStd * (M_i . (x - xbar)) / (|M_i| sd(x))}:
     * the rows of {@code mixing} (N x M, not modified) set which inputs the units share, hence the
     * correlation of their drives, while every unit gets the same mean and (for independent trains)
     * spread of drive, so that all come near threshold.
     */
    public static SpikingCircuit normalised(PoissonInput input, DMatrixRMaj mixing, double meanDrive, double driveStd,
            DMatrixRMaj readout, double[] target) {
        int n = mixing.numRows;
        int m = mixing.numCols;
        double sx = Math.sqrt(input.traceVariance());
        DMatrixRMaj gain = new DMatrixRMaj(n, m);
        double[] bias = new double[n];
        for (int i = 0; i < n; i++) {
            double norm = 0;
            double sum = 0;
            for (int j = 0; j < m; j++) {
                norm += mixing.get(i, j) * mixing.get(i, j);
                sum += mixing.get(i, j);
            }
            double scale = driveStd / (Math.sqrt(norm) * sx);
            for (int j = 0; j < m; j++) {
                gain.set(i, j, mixing.get(i, j) * scale);
            }
            bias[i] = meanDrive - scale * sum * input.meanTrace();
        }
        return new SpikingCircuit(input, gain, bias, readout, target);
    }

    /** One ms: inputs, drive, spikes, signal; then {@code fits} observes the step. */
    public void step(DiscontinuityFits fits) {
        inputTrace.push(input.step());
        double[] x = inputTrace.values();
        int m = gain.numCols;
        for (int i = 0; i < drive.length; i++) {
            double s = bias[i];
            int row = i * m;
            for (int j = 0; j < m; j++) {
                s += gain.data[row + j] * x[j];
            }
            drive[i] = s;
        }
        boolean[] spikes = units.step(drive);
        unitTrace.push(spikes);
        double[] h = unitTrace.values();
        int n = drive.length;
        for (int o = 0; o < signal.length; o++) {
            double s = -target[o];
            int row = o * n;
            for (int i = 0; i < n; i++) {
                s += readout.data[row + i] * h[i];
            }
            signal[o] = s;
        }
        fits.observe(units.drive(), spikes, signal);
    }

    /** N. */
    public int units() {
        return drive.length;
    }

    /** O. */
    public int outputs() {
        return signal.length;
    }
}
