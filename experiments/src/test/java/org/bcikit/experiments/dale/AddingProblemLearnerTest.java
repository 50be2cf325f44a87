package org.bcikit.experiments.dale;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;

import org.bcikit.rnn.dale.ColEiWeights;
import org.bcikit.rnn.dale.DannWeights;
import org.bcikit.rnn.model.DenseWeights;
import org.bcikit.rnn.model.Initialisation;
import org.bcikit.rnn.model.Parameter;
import org.bcikit.rnn.model.RecurrentWeights;
import org.junit.jupiter.api.Test;

class AddingProblemLearnerTest {

    /**
     * The gradients of the readout and, through the rate network's BPTT and each structure's own
     * mapping, of every recurrent, input and bias weight match finite differences of L = MSE / 2.
     */
    @Test
    void gradientsMatchFiniteDifferences() {
        SplittableRandom rng = new SplittableRandom(3);
        RecurrentWeights[] structures = {
            new DenseWeights(Initialisation.standardGaussian(6, 1.2, rng)),
            ColEiWeights.initialise(6, 0.34, 1.2, rng),
            DannWeights.initialise(6, 2, 1.2, rng),
        };
        for (RecurrentWeights given : structures) {
            AddingProblemLearner net = new AddingProblemLearner(given, 5, 0.5, rng);
            RecurrentWeights w = net.recurrent(); // the learner's own copy, which it trains
            // a non-zero readout, so that gradients reach the recurrent weights
            for (int k = 0; k < 6; k++) {
                net.parameters().get(net.parameters().size() - 2).value().data[k] = rng.nextGaussian();
            }
            AddingProblem.Batch batch = AddingProblem.draw(3, 5, rng);
            net.gradient(batch);
            // the update maps dL/dW onto the structure's parameters; a rule that steps nothing leaves the weights
            net.update(parameters -> { }, 1, 1.0);
            for (Parameter p : net.parameters()) {
                double[] analytic = p.gradient().data.clone();
                for (int k = 0; k < analytic.length; k++) {
                    double keep = p.value().data[k];
                    if (w.parameters().contains(p) && (!p.plastic(k) || keep < 1e-4)) {
                        // frozen, or so close to the non-negativity bound that refresh() would clamp the probe
                        continue;
                    }
                    double h = 1e-6;
                    p.value().data[k] = keep + h;
                    w.refresh();
                    double plus = net.meanSquaredError(batch) / 2;
                    p.value().data[k] = keep - h;
                    w.refresh();
                    double minus = net.meanSquaredError(batch) / 2;
                    p.value().data[k] = keep;
                    w.refresh();
                    assertEquals((plus - minus) / (2 * h), analytic[k], 1e-6,
                            w.getClass().getSimpleName() + " " + p.name() + "[" + k + "]");
                }
            }
        }
    }
}
