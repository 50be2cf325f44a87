package org.bcikit.experiments.dale;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import org.bcikit.data.random.GaussianFill;
import org.bcikit.rnn.model.Activation;
import org.bcikit.rnn.model.Optimizer;
import org.bcikit.rnn.model.Parameter;
import org.bcikit.rnn.model.RateRnn;
import org.bcikit.rnn.model.RecurrentWeights;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;

/**
 * A tanh rate network ({@link RateRnn} with {@code alpha = 1}, no noise:
 * {@code h_t = tanh(W h_{t-1} + U x_t + b)}) read out once at the end of a sequence,
 * {@code y = v h_T + c}, and trained by BPTT on {@code L = mean_b (y_b - target_b)^2 / 2}. The
 * recurrent matrix is any {@link RecurrentWeights} (ColEI, DANN or dense): the rate network maps
 * dL/dW onto the structure's own parameters. Written for the dale-spectrum experiment's learning
 * curves (Li et al. NeurIPS 2023 compare the three structures on small recurrent tasks). Buffers
 * are allocated once for one sequence length; one thread at a time.
 */
final class AddingProblemLearner {

    private final RateRnn rnn;
    private final Parameter readout;
    private final Parameter offset;
    private final List<Parameter> parameters;
    private final int length;
    private final double[] in = new double[AddingProblem.INPUTS];
    private final double[] gradH;

    /**
     * A learner around {@code recurrent} for sequences of {@code length} steps. Input weights are
     * N(0, 1/inputs) (drawn from {@code rng}), hidden biases 0; the readout starts at 0 with offset
     * {@code outputOffset}, so the first prediction is that constant for every sequence (the
     * target mean makes the initial loss the target variance).
     */
    AddingProblemLearner(RecurrentWeights recurrent, int length, double outputOffset, SplittableRandom rng) {
        // the rate network trains a copy of recurrent (TrainableNetwork: networks own their parameters)
        int n = recurrent.units();
        DMatrixRMaj u = new DMatrixRMaj(n, AddingProblem.INPUTS);
        GaussianFill.fill(u.data, 1, rng);
        CommonOps_DDRM.divide(u, Math.sqrt(AddingProblem.INPUTS));
        this.rnn = new RateRnn(recurrent, u, new DMatrixRMaj(n, 1), Activation.TANH, 1.0, 0.0, length);
        this.readout = new Parameter("v", new DMatrixRMaj(1, n));
        this.offset = new Parameter("c", new DMatrixRMaj(1, 1, true, outputOffset));
        List<Parameter> all = new ArrayList<>(rnn.parameters());
        all.add(readout);
        all.add(offset);
        this.parameters = List.copyOf(all);
        this.length = length;
        this.gradH = new double[length * n];
    }

    /** The network's recurrent structure (its own copy of the one it was built on). */
    RecurrentWeights recurrent() {
        return rnn.recurrent();
    }

    /** Every trainable parameter: the recurrent structure's, U, b, then v and c. The same list every call. */
    List<Parameter> parameters() {
        return parameters;
    }

    /** The mean squared error {@code mean (y - target)^2} on {@code batch}, without gradients. */
    double meanSquaredError(AddingProblem.Batch batch) {
        int size = batch.target().numCols;
        double ss = 0.0;
        for (int b = 0; b < size; b++) {
            double e = forward(batch, b) - batch.target().data[b];
            ss += e * e;
        }
        return ss / size;
    }

    /**
     * Clears the gradients, then fills every parameter's gradient of
     * {@code L = mean (y - t)^2 / 2} on {@code batch} (the recurrent matrix's as dL/dW in the rate
     * network, mapped to the structure by {@link #update}); returns the mean squared error.
     */
    double gradient(AddingProblem.Batch batch) {
        int n = rnn.units();
        int size = batch.target().numCols;
        rnn.zeroGradients();
        readout.gradient().zero();
        offset.gradient().zero();
        double ss = 0.0;
        double[] v = readout.value().data;
        int last = (length - 1) * n;
        for (int b = 0; b < size; b++) {
            double e = forward(batch, b) - batch.target().data[b];
            ss += e * e;
            double dy = e / size;
            for (int i = 0; i < n; i++) {
                gradH[last + i] = v[i] * dy;
                readout.gradient().data[i] += dy * rnn.state(length, i);
            }
            offset.gradient().data[0] += dy;
            rnn.backward(gradH);
        }
        return ss / size;
    }

    /** Maps the gradient onto the structure, lets {@code rule} step every parameter and re-applies the constraints. */
    void update(Optimizer rule, long step, double loss) {
        rnn.update(rule, parameters, step, loss);
    }

    /** Runs sequence {@code b} of {@code batch}; returns the readout. */
    private double forward(AddingProblem.Batch batch, int b) {
        rnn.start();
        for (int t = 0; t < length; t++) {
            in[0] = batch.inputs()[t].unsafe_get(0, b);
            in[1] = batch.inputs()[t].unsafe_get(1, b);
            rnn.step(in, (double[]) null, null);
        }
        double y = offset.value().data[0];
        double[] v = readout.value().data;
        for (int i = 0; i < v.length; i++) {
            y += v[i] * rnn.state(length, i);
        }
        return y;
    }
}
