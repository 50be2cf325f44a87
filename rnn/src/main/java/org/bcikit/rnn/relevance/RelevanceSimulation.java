package org.bcikit.rnn.relevance;

import java.util.SplittableRandom;

/**
 * Runs a {@link StimulusSchedule} on a copy of a {@link RelevanceNetwork} with relevance learning at
 * one {@link PlasticSite} (Insel, Guerguiev &amp; Richards 2018, PLoS Comput Biol 14:e1006315;
 * science.md §12). Per step t: inputs {@code x = Poisson(φ_x dt)}, the divisive map, spikes
 * {@code E = min(Poisson(φ_E dt), 1)}, relevance {@code S = |E|_2 − H}, the TD error
 * ({@link TemporalDifference}) and an update with eligibility {@code a = α x(t−1)}, every weight
 * clipped at 0.
 *
 * <p>Pre-training ({@link #pretrain}) follows the paper: no US, the stimulus inputs at a low rate,
 * learning on x→I with its bias at a larger α, whatever site the protocol then trains, so all sites
 * start from a network whose baseline relevance is near 0.
 *
 * @param site  where learning happens
 * @param iota  inhibition scale ι (1 intact, 0.9 the paper's "−10 %")
 */
public record RelevanceSimulation(PlasticSite site, double iota) {

    /** Checks ι. */
    public RelevanceSimulation {
        if (!(iota >= 0 && iota <= 1)) {
            throw new IllegalArgumentException("iota must be in [0, 1], got " + iota);
        }
    }

    /** The paper's pre-training of {@code network} (a trained copy). */
    public RelevanceNetwork pretrain(RelevanceNetwork network, SplittableRandom random) {
        RelevanceConfig c = network.config();
        StimulusSchedule quiet = new StimulusSchedule.Builder(c.dt(), 0.2).until(c.pretrainingSeconds()).build();
        return simulate(network, quiet, PlasticSite.INPUT_TO_INHIBITORY, c.pretrainingRate(),
                c.pretrainingStimulusRate(), true, iota, random).network();
    }

    /** Runs {@code schedule} on a copy of {@code network}. */
    public RelevanceRun run(RelevanceNetwork network, StimulusSchedule schedule, SplittableRandom random) {
        RelevanceConfig c = network.config();
        return simulate(network, schedule, site, c.learningRate(site), Double.NaN,
                site == PlasticSite.INPUT_TO_INHIBITORY, iota, random);
    }

    private static RelevanceRun simulate(RelevanceNetwork initial, StimulusSchedule schedule, PlasticSite site,
            double alpha, double quietStimulusRate, boolean learnBias, double iota, SplittableRandom random) {
        RelevanceNetwork net = initial.copy();
        RelevanceConfig c = net.config();
        int nx = c.inputs();
        int ne = c.excitatory();
        int k = c.stimulusInputs();
        double dt = c.dt();
        // P(x = 0) per input when its stimulus is off and on, so a draw is usually one uniform
        double[] offMean = new double[nx];
        for (int j = 0; j < nx; j++) {
            boolean stimulusInput = j < 2 * k;
            offMean[j] = (stimulusInput && !Double.isNaN(quietStimulusRate) ? quietStimulusRate : net.background(j))
                    * dt;
        }
        double[] offZero = new double[nx];
        for (int j = 0; j < nx; j++) {
            offZero[j] = Math.exp(-offMean[j]);
        }
        double onMean = c.stimulusRate() * dt;
        double onZero = Math.exp(-onMean);

        int steps = schedule.steps();
        float[] rateTrace = new float[steps];
        float[] relevanceTrace = new float[steps];
        float[] inhibitionTrace = new float[steps];
        int[] active = new int[nx];
        double[] counts = new double[nx];
        int[] previousActive = new int[nx];
        double[] previousCounts = new double[nx];
        int previousCount = 0;
        double[] drive = new double[ne];
        double[] rates = new double[ne];
        double previousS = 0;
        double previousInhibition = 0;
        boolean previousUs = false;
        for (int t = 0; t < steps; t++) {
            int bits = schedule.stimuli(t);
            int count = 0;
            double inhibitionSum = net.inhibitoryBias;
            java.util.Arrays.fill(drive, 0.0);
            for (int j = 0; j < nx; j++) {
                boolean on = (j < k && (bits & StimulusSchedule.CS1) != 0)
                        || (j >= k && j < 2 * k && (bits & StimulusSchedule.CS2) != 0);
                int spikes = poisson(on ? onMean : offMean[j], on ? onZero : offZero[j], random);
                if (spikes > 0) {
                    active[count] = j;
                    counts[count] = spikes;
                    count++;
                    inhibitionSum += net.inputToInhibitory[j] * spikes;
                    net.addDrive(j, spikes, drive);
                }
            }
            double inhibition = inhibitionSum * dt;
            net.divide(drive, inhibition, iota * schedule.inhibitionFactor(t), rates);
            int fired = 0;
            for (int i = 0; i < ne; i++) {
                // min(Poisson(λ), 1) is a Bernoulli draw with P(1) = 1 − e^−λ
                if (random.nextDouble() < -Math.expm1(-rates[i] * dt)) {
                    fired++;
                }
            }
            double s = Math.sqrt(fired) - c.setPoint();
            if (t > 0) {
                double delta = TemporalDifference.error(c.usAmplitude(), previousUs ? 1.0 : 0.0, c.gamma(), s,
                        previousS);
                learn(net, site, alpha, delta, learnBias, previousActive, previousCounts, previousCount,
                        previousInhibition);
            }
            rateTrace[t] = (float) (fired / (ne * dt));
            relevanceTrace[t] = (float) s;
            inhibitionTrace[t] = (float) inhibition;
            previousS = s;
            previousInhibition = inhibition;
            previousUs = schedule.us(t);
            int[] swapA = previousActive;
            previousActive = active;
            active = swapA;
            double[] swapC = previousCounts;
            previousCounts = counts;
            counts = swapC;
            previousCount = count;
        }
        return new RelevanceRun(net, schedule, rateTrace, relevanceTrace, inhibitionTrace);
    }

    private static void learn(RelevanceNetwork net, PlasticSite site, double alpha, double delta, boolean learnBias,
            int[] previousActive, double[] previousCounts, int previousCount, double previousInhibition) {
        switch (site) {
            case INPUT_TO_INHIBITORY -> {
                for (int a = 0; a < previousCount; a++) {
                    int j = previousActive[a];
                    net.inputToInhibitory[j] = Math.max(0.0,
                            net.inputToInhibitory[j] - delta * alpha * previousCounts[a]);
                }
                if (learnBias) {
                    net.inhibitoryBias = Math.max(0.0, net.inhibitoryBias - alpha * delta);
                }
            }
            case INPUT_TO_EXCITATORY -> {
                int ne = net.inhibitoryToExcitatory.length;
                for (int a = 0; a < previousCount; a++) {
                    int base = previousActive[a] * ne;
                    double change = delta * alpha * previousCounts[a];
                    for (int i = 0; i < ne; i++) {
                        net.inputToExcitatory[base + i] = Math.max(0.0, net.inputToExcitatory[base + i] + change);
                    }
                }
            }
            case INHIBITORY_TO_EXCITATORY -> {
                double change = alpha * delta * previousInhibition;
                double[] w = net.inhibitoryToExcitatory;
                for (int i = 0; i < w.length; i++) {
                    w[i] = Math.max(0.0, w[i] - change);
                }
            }
        }
    }

    /** Inversion sampling; {@code zero} = e^−mean. Counts are small here, so the loop is short. */
    static int poisson(double mean, double zero, SplittableRandom random) {
        double u = random.nextDouble();
        double p = zero;
        double cumulative = p;
        int n = 0;
        while (u > cumulative && n < 1000) {
            n++;
            p *= mean / n;
            cumulative += p;
        }
        return n;
    }
}
