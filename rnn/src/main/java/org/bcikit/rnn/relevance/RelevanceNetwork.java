package org.bcikit.rnn.relevance;

import java.util.Arrays;
import java.util.SplittableRandom;

import org.apache.commons.math3.distribution.GammaDistribution;

/**
 * The weights of the relevance network of Insel, Guerguiev &amp; Richards 2018 (PLoS Comput Biol
 * 14:e1006315; science.md §12) and its feed-forward map: one inhibitory unit
 * {@code I = (W_xI x + b_I) dt} divides the excitatory drive,
 * {@code φ_E = W_xE x / (s (W_IE I + floor))}, and disrupted inhibition (ι &lt; 1) mixes in the
 * undivided drive, {@code φ_E ← ι φ_E + (1 − ι) W_xE x}. Every weight stays ≥ 0.
 *
 * <p>A network is a value to {@link RelevanceSimulation}, which trains a {@link #copy()}. The x→E
 * weights are stored input-major (row j holds input j's weights onto every excitatory unit), since
 * only the few inputs that spiked in a step contribute to the drive and to learning.
 */
public final class RelevanceNetwork {

    private final RelevanceConfig config;
    private final double[] background;
    final double[] inputToExcitatory;
    final double[] inputToInhibitory;
    final double[] inhibitoryToExcitatory;
    double inhibitoryBias;

    private RelevanceNetwork(RelevanceConfig config, double[] background, double[] inputToExcitatory,
            double[] inputToInhibitory, double[] inhibitoryToExcitatory, double inhibitoryBias) {
        this.config = config;
        this.background = background;
        this.inputToExcitatory = inputToExcitatory;
        this.inputToInhibitory = inputToInhibitory;
        this.inhibitoryToExcitatory = inhibitoryToExcitatory;
        this.inhibitoryBias = inhibitoryBias;
    }

    /**
     * The paper's initial network, before pre-training: background rates ~ Gamma(shape, scale),
     * {@code W_xE ~ N(μ, σ)} clipped at 0, uniform {@code W_xI} and {@code W_IE}, no bias.
     */
    public static RelevanceNetwork initial(RelevanceConfig c, SplittableRandom random) {
        GammaDistribution gamma = new GammaDistribution(new SplittableAdapter(random), c.backgroundShape(),
                c.backgroundScale());
        double[] background = new double[c.inputs()];
        for (int j = 0; j < background.length; j++) {
            background[j] = gamma.sample();
        }
        double[] wxe = new double[c.inputs() * c.excitatory()];
        for (int k = 0; k < wxe.length; k++) {
            wxe[k] = Math.max(0.0, c.meanInputToExcitatory() + c.sdInputToExcitatory() * gaussian(random));
        }
        double[] wxi = new double[c.inputs()];
        Arrays.fill(wxi, c.inputToInhibitory());
        double[] wie = new double[c.excitatory()];
        Arrays.fill(wie, c.inhibitoryToExcitatory());
        return new RelevanceNetwork(c, background, wxe, wxi, wie, 0.0);
    }

    /**
     * A network with given weights (tests, hand-built cases).
     *
     * @param inputToExcitatory {@code W_xE} as rows of excitatory units (excitatory × inputs)
     */
    public static RelevanceNetwork of(RelevanceConfig c, double[] background, double[][] inputToExcitatory,
            double[] inputToInhibitory, double[] inhibitoryToExcitatory, double inhibitoryBias) {
        double[] wxe = new double[c.inputs() * c.excitatory()];
        for (int i = 0; i < c.excitatory(); i++) {
            for (int j = 0; j < c.inputs(); j++) {
                wxe[j * c.excitatory() + i] = inputToExcitatory[i][j];
            }
        }
        return new RelevanceNetwork(c, background.clone(), wxe, inputToInhibitory.clone(),
                inhibitoryToExcitatory.clone(), inhibitoryBias);
    }

    /** An independent copy. */
    public RelevanceNetwork copy() {
        return new RelevanceNetwork(config, background, inputToExcitatory.clone(), inputToInhibitory.clone(),
                inhibitoryToExcitatory.clone(), inhibitoryBias);
    }

    /** The constants. */
    public RelevanceConfig config() {
        return config;
    }

    /** Background rate of input {@code j} (Hz). */
    public double background(int j) {
        return background[j];
    }

    /** The inhibitory unit's activity for input counts {@code x}. */
    public double inhibition(double[] x) {
        double sum = inhibitoryBias;
        for (int j = 0; j < x.length; j++) {
            sum += inputToInhibitory[j] * x[j];
        }
        return sum * config.dt();
    }

    /**
     * Excitatory rates (Hz) for input counts {@code x} (dense; the simulation uses a sparse path
     * with the same arithmetic) at inhibition scale ι.
     */
    public double[] excitatoryRates(double[] x, double iota) {
        int n = config.excitatory();
        double[] drive = new double[n];
        for (int j = 0; j < x.length; j++) {
            if (x[j] != 0.0) {
                addDrive(j, x[j], drive);
            }
        }
        double[] rates = new double[n];
        divide(drive, inhibition(x), iota, rates);
        return rates;
    }

    void addDrive(int input, double count, double[] drive) {
        int n = drive.length;
        int base = input * n;
        for (int i = 0; i < n; i++) {
            drive[i] += count * inputToExcitatory[base + i];
        }
    }

    void divide(double[] drive, double inhibition, double iota, double[] rates) {
        double s = config.inhibitionStrength();
        double floor = config.inhibitionFloor();
        for (int i = 0; i < drive.length; i++) {
            double divided = drive[i] / (s * (inhibitoryToExcitatory[i] * inhibition + floor));
            rates[i] = iota == 1.0 ? divided : iota * divided + (1.0 - iota) * drive[i];
        }
    }

    /** {@code W_xI} of input {@code j}. */
    public double inputToInhibitory(int j) {
        return inputToInhibitory[j];
    }

    /** The inhibitory bias {@code b_I}. */
    public double inhibitoryBias() {
        return inhibitoryBias;
    }

    /** {@code W_xE} from input {@code j} to excitatory unit {@code i}. */
    public double inputToExcitatory(int i, int j) {
        return inputToExcitatory[j * config.excitatory() + i];
    }

    /** {@code W_IE} onto excitatory unit {@code i}. */
    public double inhibitoryToExcitatory(int i) {
        return inhibitoryToExcitatory[i];
    }

    /** The smallest weight or bias anywhere (the model keeps it ≥ 0). */
    public double smallestWeight() {
        double min = inhibitoryBias;
        for (double w : inputToExcitatory) {
            min = Math.min(min, w);
        }
        for (double w : inputToInhibitory) {
            min = Math.min(min, w);
        }
        for (double w : inhibitoryToExcitatory) {
            min = Math.min(min, w);
        }
        return min;
    }

    /** Mean {@code W_xI} over the inputs of stimulus block {@code block} (0 = CS1, 1 = CS2). */
    public double meanInputToInhibitory(int block) {
        int k = config.stimulusInputs();
        double sum = 0;
        for (int j = block * k; j < (block + 1) * k; j++) {
            sum += inputToInhibitory[j];
        }
        return sum / k;
    }

    private static double gaussian(SplittableRandom random) {
        // Box-Muller on the run's own generator keeps every draw on the user's seed
        double u = 1.0 - random.nextDouble();
        double v = random.nextDouble();
        return Math.sqrt(-2.0 * Math.log(u)) * Math.cos(2.0 * Math.PI * v);
    }

    /** Commons Math's samplers drawing from a {@link SplittableRandom}. */
    private static final class SplittableAdapter extends org.apache.commons.math3.random.AbstractRandomGenerator {
        private final SplittableRandom random;

        SplittableAdapter(SplittableRandom random) {
            this.random = random;
        }

        @Override
        public void setSeed(long seed) {
            throw new UnsupportedOperationException("seeded by the run");
        }

        @Override
        public double nextDouble() {
            return random.nextDouble();
        }
    }
}
