package org.bcikit.experiments.staticnet;

import java.util.SplittableRandom;

import org.bcikit.rnn.adaptation.MatchedPerturbations;
import org.bcikit.rnn.adaptation.ReadoutPerturbation;
import org.bcikit.rnn.adaptation.StaticBciSetup;
import org.bcikit.rnn.learning.GradientDescent;
import org.bcikit.rnn.model.DenseWeights;
import org.bcikit.rnn.model.Initialisation;
import org.bcikit.rnn.model.StaticGaussianNetwork;
import org.bcikit.rnn.model.StaticTask;

/**
 * What the static-network experiments do before the perturbation (Payeur, Orsborn and Lajoie 2023,
 * science.md §5.1): the initially trained network with its manifold decoder, and the matched WMP
 * and OMP chosen for it, all drawn from the paired seed. The WMP and OMP conditions of a seed index
 * need the same one, so the experiments take it from {@link org.bcikit.experiments.api.RunContext#shared}
 * under a {@link Key}.
 *
 * <p>Shared between runs, so never changed: a run adapts a {@link #adaptable copy} of the network.
 *
 * @param setup     the trained network, its decoder and activity
 * @param selection the matched WMP and OMP
 */
record PairedSetup(StaticBciSetup setup, MatchedPerturbations.Selection selection) {

    /**
     * Everything the preparation depends on, so that equal keys mean equal setups.
     *
     * @param units              N
     * @param targets            K
     * @param noiseVariance      private noise variance
     * @param inputNoiseVariance input noise variance
     * @param manifoldDimension  M
     * @param exponent           e of {@code W ~ N(0,1)/N^e}
     * @param training           the initial training
     * @param selection          the candidates
     * @param pairedSeed         the run's paired seed, the source of every draw
     */
    record Key(int units, int targets, double noiseVariance, double inputNoiseVariance, int manifoldDimension,
            double exponent, StaticPerturbationExperiment.Training training,
            StaticPerturbationExperiment.Selection selection, long pairedSeed) {

        /** The key of a {@link StaticPerturbationExperiment.Network} in {@code regime} ({@code lazy} or {@code rich}). */
        static Key of(StaticPerturbationExperiment.Network n, String regime, StaticPerturbationExperiment.Training training,
                StaticPerturbationExperiment.Selection selection, long pairedSeed) {
            double exponent = regime.equals("lazy") ? n.lazyExponent() : n.richExponent();
            return new Key(n.units(), n.targets(), n.noiseVariance(), n.inputNoiseVariance(), n.manifoldDimension(),
                    exponent, training, selection, pairedSeed);
        }
    }

    /**
     * Draws the network {@code W ~ N(0,1)/N^e} (then U and V) from {@code shared}, trains it and
     * selects its perturbations, drawing the OMP candidates from {@code shared} too.
     */
    static PairedSetup prepare(Key key, SplittableRandom shared) {
        DenseWeights w = new DenseWeights(Initialisation.gaussian(key.units(), key.exponent(), shared));
        StaticGaussianNetwork net = StaticGaussianNetwork.initialise(StaticTask.centerOut(key.targets()), w,
                key.noiseVariance(), key.inputNoiseVariance(), shared);
        return train(net, key.training(), key.selection(), key.manifoldDimension(), shared);
    }

    /** Trains {@code net} (a copy of it), fits its decoder and selects its perturbations from {@code shared}. */
    static PairedSetup train(StaticGaussianNetwork net, StaticPerturbationExperiment.Training training,
            StaticPerturbationExperiment.Selection selection, int manifoldDimension, SplittableRandom shared) {
        StaticBciSetup setup = StaticBciSetup.prepare(net, new GradientDescent(training.learningRate()),
                training.steps(), manifoldDimension);
        return new PairedSetup(setup, MatchedPerturbations.select(setup, selection.ompCandidates(), shared));
    }

    /** A fresh copy of the trained network reading out through {@code perturbation} ({@code WMP} or {@code OMP}). */
    StaticGaussianNetwork adaptable(String perturbation) {
        StaticGaussianNetwork net = setup.network().copy();
        net.setReadout(chosen(perturbation).readout());
        return net;
    }

    /** The chosen perturbation of kind {@code perturbation} ({@code WMP} or {@code OMP}). */
    ReadoutPerturbation chosen(String perturbation) {
        return selection.of(ReadoutPerturbation.Kind.valueOf(perturbation));
    }
}
