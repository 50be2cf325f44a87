package org.bcikit.rnn.adaptation;

import org.bcikit.rnn.model.Optimizer;
import org.bcikit.rnn.model.StaticActivity;
import org.bcikit.rnn.model.StaticGaussianNetwork;
import org.bcikit.rnn.model.StaticLoss;
import org.ejml.data.DMatrixRMaj;

/**
 * A static network ready for a BCI perturbation experiment (Payeur, Orsborn and Lajoie 2023,
 * science.md §5.1): the network after its initial training on the task with its own random
 * readout (only W plastic), the PCA-manifold decoder fitted to its activity, and the network's
 * readout replaced by the intuitive decoder {@code V = D C}. Immutable apart from the network,
 * which callers should {@link StaticGaussianNetwork#copy() copy} before adapting it.
 *
 * @param network      the trained network, reading out through the intuitive decoder
 * @param decoder      the fitted manifold decoder (C, D)
 * @param activity     the activity statistics after initial training (the reference for manifold overlap)
 * @param trainingLoss the loss before each initial-training step and after the last (length steps + 1)
 * @param intuitive    the loss with the intuitive decoder
 */
public record StaticBciSetup(StaticGaussianNetwork network, ManifoldDecoder decoder, StaticActivity activity,
        double[] trainingLoss, StaticLoss intuitive) {

    /**
     * Trains a copy of {@code untrained} for {@code steps} exact-gradient steps of {@code optimizer}
     * on its recurrent weights only (Payeur et al.: 500 plain GD steps at learning rate 1e-2), then
     * fits the {@code dimension}-dimensional manifold decoder and installs it as the readout.
     *
     * @throws ArithmeticException if the loss stops being finite during training (naming the step)
     */
    public static StaticBciSetup prepare(StaticGaussianNetwork untrained, Optimizer optimizer, int steps, int dimension) {
        if (steps < 0) {
            throw new IllegalArgumentException("initial training steps must be >= 0, got " + steps);
        }
        StaticGaussianNetwork net = untrained.copy();
        ExactStep learning = ExactStep.of(net, optimizer);
        double[] losses = new double[steps + 1];
        for (int t = 0; t <= steps; t++) {
            double l = t < steps ? learning.evaluate().total() : net.loss().total();
            if (!Double.isFinite(l)) {
                throw new ArithmeticException("initial training: the loss is " + l + " at step " + t
                        + " (learning rate too large for this network?)");
            }
            losses[t] = l;
            if (t < steps) {
                learning.update();
            }
        }
        StaticActivity activity = net.activity();
        ManifoldDecoder decoder = ManifoldDecoder.fit(activity, net.readout(), dimension);
        DMatrixRMaj intuitive = decoder.readout();
        net.setReadout(intuitive);
        return new StaticBciSetup(net, decoder, activity, losses, net.loss());
    }
}
