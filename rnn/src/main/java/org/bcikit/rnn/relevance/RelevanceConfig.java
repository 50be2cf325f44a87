package org.bcikit.rnn.relevance;

/**
 * Sizes and constants of the relevance network (Insel, Guerguiev &amp; Richards 2018, PLoS Comput
 * Biol 14:e1006315; science.md §12). {@link #published()} gives the paper's values; smaller sizes
 * keep the same dynamics (the set point H is a norm, so at least ~100 excitatory units are needed
 * for it to be reachable well inside the population).
 *
 * @param inputs              Poisson inputs x
 * @param excitatory          excitatory units E
 * @param stimulusInputs      inputs a conditioned stimulus drives (CS1 takes the first block, CS2 the next)
 * @param dt                  time step (s)
 * @param stimulusRate        rate of a stimulus's inputs while it is on (Hz)
 * @param backgroundShape     shape of the Gamma distribution of background input rates
 * @param backgroundScale     its scale (Hz)
 * @param setPoint            H, subtracted from {@code |E|_2} to give the relevance S
 * @param usAmplitude         A, the US's bonus in the TD error
 * @param gamma               γ, the discount
 * @param inhibitionFloor     added to the inhibition in the divisor, keeping it away from 0
 * @param inhibitionStrength  s, the I→E scale
 * @param meanInputToExcitatory mean of the initial {@code W_xE} (Gaussian, clipped at 0)
 * @param sdInputToExcitatory   its standard deviation
 * @param inputToInhibitory   initial {@code W_xI} (every input)
 * @param inhibitoryToExcitatory initial {@code W_IE} (every excitatory unit)
 * @param rateInputToInhibitory α when the x→I weights learn
 * @param rateOther           α when the x→E or I→E weights learn
 * @param pretrainingSeconds  pre-training length (no US; stimulus inputs at {@code pretrainingStimulusRate})
 * @param pretrainingStimulusRate rate of the stimulus inputs during pre-training (Hz)
 * @param pretrainingRate     α during pre-training (always on x→I with the inhibitory bias)
 */
public record RelevanceConfig(int inputs, int excitatory, int stimulusInputs, double dt, double stimulusRate,
        double backgroundShape, double backgroundScale, double setPoint, double usAmplitude, double gamma,
        double inhibitionFloor, double inhibitionStrength, double meanInputToExcitatory,
        double sdInputToExcitatory, double inputToInhibitory, double inhibitoryToExcitatory,
        double rateInputToInhibitory, double rateOther, double pretrainingSeconds, double pretrainingStimulusRate,
        double pretrainingRate) {

    /** The paper's network: 1000 inputs, 800 excitatory units, 100 inputs per stimulus. */
    public static RelevanceConfig published() {
        return new RelevanceConfig(1000, 800, 100, 0.02, 20, 0.6, 3, 6.5, 1.4, 0.4, 0.1, 1.0, 0.3, 0.4, 0.5, 0.4,
                0.075, 0.001, 60, 0.3, 0.2);
    }

    /** The same constants at other sizes. */
    public RelevanceConfig withSize(int inputs, int excitatory, int stimulusInputs) {
        return new RelevanceConfig(inputs, excitatory, stimulusInputs, dt, stimulusRate, backgroundShape,
                backgroundScale, setPoint, usAmplitude, gamma, inhibitionFloor, inhibitionStrength,
                meanInputToExcitatory, sdInputToExcitatory, inputToInhibitory, inhibitoryToExcitatory,
                rateInputToInhibitory, rateOther, pretrainingSeconds, pretrainingStimulusRate, pretrainingRate);
    }

    /** The same with another pre-training length. */
    public RelevanceConfig withPretraining(double seconds) {
        return new RelevanceConfig(inputs, excitatory, stimulusInputs, dt, stimulusRate, backgroundShape,
                backgroundScale, setPoint, usAmplitude, gamma, inhibitionFloor, inhibitionStrength,
                meanInputToExcitatory, sdInputToExcitatory, inputToInhibitory, inhibitoryToExcitatory,
                rateInputToInhibitory, rateOther, seconds, pretrainingStimulusRate, pretrainingRate);
    }

    /** α of a plastic site. */
    public double learningRate(PlasticSite site) {
        return site == PlasticSite.INPUT_TO_INHIBITORY ? rateInputToInhibitory : rateOther;
    }

    /** Checks sizes and signs; throws {@link IllegalArgumentException} naming the first bad field. */
    public RelevanceConfig {
        if (inputs < 1 || excitatory < 1 || stimulusInputs < 1 || 2 * stimulusInputs > inputs) {
            throw new IllegalArgumentException("need inputs >= 2 stimulusInputs >= 2 and excitatory >= 1");
        }
        if (!(dt > 0) || !(inhibitionFloor > 0) || !(gamma >= 0) || !(pretrainingSeconds >= 0)) {
            throw new IllegalArgumentException("dt and inhibitionFloor must be > 0, gamma and pretraining >= 0");
        }
    }
}
