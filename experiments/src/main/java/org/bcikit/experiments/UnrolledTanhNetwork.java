package org.bcikit.experiments;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import org.bcikit.rnn.Parameter;
import org.bcikit.rnn.RecurrentWeights;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;

/**
 * A small discrete-time tanh RNN unrolled over a sequence and trained by backpropagation through
 * time: {@code h_0 = 0}, {@code h_t = tanh(W h_{t-1} + U x_t + b)}, read out once at the end,
 * {@code y = v h_T + c}, with loss {@code L = mean_b (y_b - target_b)^2 / 2}. The recurrent matrix
 * comes from any {@link RecurrentWeights} (ColEI, DANN or dense), so the gradient dL/dW is mapped
 * onto the structure's own parameters by {@link RecurrentWeights#backpropagate}; U, b, v and c are
 * unconstrained. Written for the dale-spectrum experiment's learning curves (Li et al. NeurIPS
 * 2023 compare the three structures on small recurrent tasks).
 *
 * <p>Buffers are sized on the first call for one batch size and sequence length and reused; a
 * different shape reallocates them. Not thread-safe (one network per run).
 */
final class UnrolledTanhNetwork {

    private final RecurrentWeights recurrent;
    private final Parameter input;
    private final Parameter bias;
    private final Parameter readout;
    private final Parameter offset;
    private final List<Parameter> parameters;
    private final DMatrixRMaj gradRecurrent;
    private DMatrixRMaj[] states = new DMatrixRMaj[0];
    private DMatrixRMaj output;
    private DMatrixRMaj delta;
    private DMatrixRMaj upstream;
    private DMatrixRMaj work;

    /**
     * A network around {@code recurrent} with {@code inputs} input channels. Input weights are
     * N(0, 1/inputs) (drawn from {@code rng}), hidden biases 0; the readout starts at 0 with offset
     * {@code outputOffset}, so the first prediction is that constant for every sequence (the
     * target mean makes the initial loss the target variance).
     */
    UnrolledTanhNetwork(RecurrentWeights recurrent, int inputs, double outputOffset, SplittableRandom rng) {
        int n = recurrent.size();
        this.recurrent = recurrent;
        this.input = new Parameter("U", gaussian(n, inputs, 1.0 / Math.sqrt(inputs), rng));
        this.bias = new Parameter("b", new DMatrixRMaj(n, 1));
        this.readout = new Parameter("v", new DMatrixRMaj(1, n));
        this.offset = new Parameter("c", new DMatrixRMaj(1, 1, true, outputOffset));
        List<Parameter> all = new ArrayList<>(recurrent.parameters());
        all.addAll(List.of(input, bias, readout, offset));
        this.parameters = List.copyOf(all);
        this.gradRecurrent = new DMatrixRMaj(n, n);
    }

    /** Every trainable parameter: the recurrent structure's first, then U, b, v, c. */
    List<Parameter> parameters() {
        return parameters;
    }

    RecurrentWeights recurrent() {
        return recurrent;
    }

    /** The mean squared error {@code mean (y - target)^2} on {@code batch}, without gradients. */
    double meanSquaredError(AddingProblem.Batch batch) {
        forward(batch);
        return meanSquaredError(batch.target());
    }

    /**
     * Forward and backward pass: fills every parameter's gradient of {@code L = mean (y - t)^2 / 2}
     * (the recurrent structure's through {@link RecurrentWeights#backpropagate}) and returns the
     * mean squared error before the step.
     */
    double gradient(AddingProblem.Batch batch) {
        forward(batch);
        double mse = meanSquaredError(batch.target());
        int size = batch.target().numCols;
        int steps = batch.inputs().length;
        // dL/dy = (y - t) / B
        DMatrixRMaj dy = work;
        CommonOps_DDRM.subtract(output, batch.target(), dy);
        CommonOps_DDRM.scale(1.0 / size, dy);
        CommonOps_DDRM.multTransB(dy, states[steps], readout.gradient());
        offset.gradient().set(0, 0, CommonOps_DDRM.elementSum(dy));
        CommonOps_DDRM.multTransA(readout.value(), dy, upstream);
        gradRecurrent.zero();
        input.gradient().zero();
        bias.gradient().zero();
        DMatrixRMaj w = recurrent.effective();
        for (int t = steps; t >= 1; t--) {
            double[] h = states[t].data;
            double[] up = upstream.data;
            double[] d = delta.data;
            for (int k = 0; k < d.length; k++) {
                d[k] = up[k] * (1.0 - h[k] * h[k]);
            }
            CommonOps_DDRM.multAddTransB(delta, states[t - 1], gradRecurrent);
            CommonOps_DDRM.multAddTransB(delta, batch.inputs()[t - 1], input.gradient());
            int n = delta.numRows;
            for (int i = 0; i < n; i++) {
                double s = 0.0;
                for (int b = 0; b < size; b++) {
                    s += d[i * size + b];
                }
                bias.gradient().data[i] += s;
            }
            if (t > 1) {
                CommonOps_DDRM.multTransA(w, delta, upstream);
            }
        }
        recurrent.backpropagate(gradRecurrent);
        return mse;
    }

    /** Scales every gradient so that their joint Euclidean norm is at most {@code maxNorm}. */
    void clipGradients(double maxNorm) {
        double ss = 0.0;
        for (Parameter p : parameters) {
            for (double g : p.gradient().data) {
                ss += g * g;
            }
        }
        double norm = Math.sqrt(ss);
        if (norm > maxNorm) {
            for (Parameter p : parameters) {
                CommonOps_DDRM.scale(maxNorm / norm, p.gradient());
            }
        }
    }

    private void forward(AddingProblem.Batch batch) {
        int n = recurrent.size();
        int size = batch.target().numCols;
        int steps = batch.inputs().length;
        ensureBuffers(n, size, steps);
        DMatrixRMaj w = recurrent.effective();
        states[0].zero();
        for (int t = 1; t <= steps; t++) {
            DMatrixRMaj h = states[t];
            CommonOps_DDRM.mult(w, states[t - 1], h);
            CommonOps_DDRM.multAdd(input.value(), batch.inputs()[t - 1], h);
            double[] a = h.data;
            for (int i = 0; i < n; i++) {
                double bi = bias.value().data[i];
                for (int b = 0; b < size; b++) {
                    int k = i * size + b;
                    a[k] = Math.tanh(a[k] + bi);
                }
            }
        }
        CommonOps_DDRM.mult(readout.value(), states[steps], output);
        CommonOps_DDRM.add(output, offset.value().get(0, 0), output);
    }

    private double meanSquaredError(DMatrixRMaj target) {
        double ss = 0.0;
        for (int b = 0; b < target.numCols; b++) {
            double e = output.data[b] - target.data[b];
            ss += e * e;
        }
        return ss / target.numCols;
    }

    private void ensureBuffers(int n, int size, int steps) {
        if (states.length == steps + 1 && states[0].numCols == size) {
            return;
        }
        states = new DMatrixRMaj[steps + 1];
        for (int t = 0; t <= steps; t++) {
            states[t] = new DMatrixRMaj(n, size);
        }
        output = new DMatrixRMaj(1, size);
        work = new DMatrixRMaj(1, size);
        delta = new DMatrixRMaj(n, size);
        upstream = new DMatrixRMaj(n, size);
    }

    private static DMatrixRMaj gaussian(int rows, int cols, double sd, SplittableRandom rng) {
        DMatrixRMaj m = new DMatrixRMaj(rows, cols);
        for (int k = 0; k < m.data.length; k++) {
            m.data[k] = sd * rng.nextGaussian();
        }
        return m;
    }
}
