package org.bcikit.experiments.staticnet;

import org.bcikit.experiments.spec.Validation;

/**
 * The network and task of a static-network experiment that draws its initial weights at one
 * exponent ({@code W0 ~ N(0,1)/N^e}; Payeur, Orsborn and Lajoie 2023), as {@code low-rank} and
 * {@code incremental-omp} do; {@link StaticPerturbationExperiment.Network} holds a lazy and a rich one.
 *
 * @param units              N
 * @param targets            K centre-out targets
 * @param noiseVariance      private noise variance
 * @param inputNoiseVariance input noise variance
 * @param manifoldDimension  M
 * @param exponent           e of the draw (0.55: lazy)
 */
public record SingleExponentNetwork(int units, int targets, double noiseVariance, double inputNoiseVariance,
        int manifoldDimension, double exponent) {

    /** Checks the values at {@code at} (the spec's {@code network} object). */
    public void validate(Validation at) {
        StaticPerturbationExperiment.validateTask(at, units, targets, noiseVariance, inputNoiseVariance,
                manifoldDimension);
        at.positive("exponent", exponent);
    }
}
