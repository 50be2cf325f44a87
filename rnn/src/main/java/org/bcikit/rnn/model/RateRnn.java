package org.bcikit.rnn.model;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.bcikit.data.random.GaussianFill;

/**
 * A discrete-time leaky rate network unrolled in time and trained by backpropagation through
 * time (science.md §5.3):
 * <pre>
 *   a_t = W h_{t-1} + U x_t + b + xi_t,      xi_t ~ N(0, sigma^2 I)   (private noise)
 *   h_t = (1 - alpha) h_{t-1} + alpha phi(a_t),   alpha = dt / tau,   h_0 = 0
 * </pre>
 * the ReLU network with target and cursor-feedback inputs that Rajeswaran, Payeur, Lajoie and
 * Orsborn (2024, bioRxiv 2024.03.20.585972) train to drive a BCI cursor (the rate-RNN form of
 * Song, Yang and Wang 2016, PLoS Comput Biol 12:e1004792). W comes from any
 * {@link RecurrentWeights} structure, so Dale's-law networks (ColEI, DANN) use the same code.
 *
 * <p>Use: {@link #start()} a trajectory, {@link #step} once per time bin (the trajectory is kept
 * for the backward pass), then {@link #backward} with dL/dh_t for every bin. A batch's loss is a
 * sum over trajectories, and one trajectory is held at a time, so the model sums the gradients of
 * W, U and b over the trajectories backpropagated since {@link #zeroGradients()} in buffers of its
 * own; {@link #writeGradients()} overwrites the parameters' gradient buffers with those sums, as
 * every {@link TrainableNetwork} gradient call does, and {@link #update} checks for divergence,
 * writes the gradients and lets an {@link Optimizer} step. All buffers are allocated once for
 * {@code maxSteps} bins: stepping and backpropagating allocate nothing. The noise of a bin may be
 * drawn from a seeded generator or given explicitly (gradient checks fix it). One thread at a time.
 */
public final class RateRnn implements TrainableNetwork {

    /** Activity above this (in absolute value) counts as exploded by default. */
    public static final double DEFAULT_ACTIVITY_LIMIT = 1e4;

    private final RecurrentWeights weights;
    private final Parameter input;
    private final Parameter bias;
    private final List<Parameter> parameters;
    private final Activation phi;
    private final double alpha;
    private final double noiseStd;
    private final int n;
    private final int m;
    private final int maxSteps;
    private final double[] h;
    private final double[] pre;
    private final double[] x;
    private final double[] noiseBuffer;
    private final DMatrixRMaj gradW;
    private final double[] gradU;
    private final double[] gradB;
    private final double[] carry;
    private final double[] carryNext;
    private final double[] da;
    private double activityLimit = DEFAULT_ACTIVITY_LIMIT;
    private int steps;
    private double maxAbs;
    private boolean nonFinite;

    /**
     * A network over copies of its arguments: it owns its parameters (reach them through
     * {@link #recurrent()}, {@link #inputWeights()}, {@link #bias()}), so training does not change
     * the objects passed in.
     *
     * @param weights  the recurrent structure (copied with {@link RecurrentWeights#copy()})
     * @param inputs   U, N x m (copied)
     * @param bias     b, N x 1 (copied)
     * @param phi      the nonlinearity
     * @param alpha    dt / tau in (0, 1]
     * @param noiseStd standard deviation of the private noise added to the pre-activation
     * @param maxSteps the longest trajectory (bins) the buffers hold
     */
    public RateRnn(RecurrentWeights weights, DMatrixRMaj inputs, DMatrixRMaj bias, Activation phi, double alpha,
            double noiseStd, int maxSteps) {
        this.n = weights.units();
        if (inputs.numRows != n || bias.numRows != n || bias.numCols != 1) {
            throw new IllegalArgumentException("rate RNN: U must be " + n + " x m and b " + n + " x 1, got "
                    + inputs.numRows + "x" + inputs.numCols + " and " + bias.numRows + "x" + bias.numCols);
        }
        if (!(alpha > 0 && alpha <= 1)) {
            throw new IllegalArgumentException("rate RNN: alpha = dt/tau must be in (0, 1], got " + alpha);
        }
        if (!(noiseStd >= 0) || maxSteps < 1) {
            throw new IllegalArgumentException("rate RNN: noise must be >= 0 and maxSteps >= 1, got " + noiseStd
                    + " and " + maxSteps);
        }
        this.weights = weights.copy();
        this.input = new Parameter("U", inputs.copy());
        this.bias = new Parameter("b", bias.copy());
        List<Parameter> all = new ArrayList<>(this.weights.parameters());
        all.add(input);
        all.add(this.bias);
        this.parameters = List.copyOf(all);
        this.phi = phi;
        this.alpha = alpha;
        this.noiseStd = noiseStd;
        this.m = inputs.numCols;
        this.maxSteps = maxSteps;
        this.h = new double[(maxSteps + 1) * n];
        this.pre = new double[maxSteps * n];
        this.x = new double[maxSteps * m];
        this.noiseBuffer = new double[n];
        this.gradW = new DMatrixRMaj(n, n);
        this.gradU = new double[n * m];
        this.gradB = new double[n];
        this.carry = new double[n];
        this.carryNext = new double[n];
        this.da = new double[n];
    }

    /**
     * The network of Rajeswaran et al. 2024: dense {@code W ~ N(0, 1/N)} rescaled to spectral
     * radius {@code gain}, {@code U ~ N(0, 1/m)}, {@code b = 0}.
     */
    public static RateRnn gaussian(int units, int inputs, double gain, Activation phi, double alpha,
            double noiseStd, int maxSteps, SplittableRandom rng) {
        DenseWeights w = new DenseWeights(Initialisation.standardGaussian(units, gain, rng));
        DMatrixRMaj u = new DMatrixRMaj(units, inputs);
        GaussianFill.fill(u.data, 1, rng);
        CommonOps_DDRM.divide(u, Math.sqrt(inputs));
        return new RateRnn(w, u, new DMatrixRMaj(units, 1), phi, alpha, noiseStd, maxSteps);
    }

    /** An independent copy with the same weights (deep-copied structure), no trajectory, zero gradients. */
    @Override
    public RateRnn copy() {
        RateRnn c = new RateRnn(weights, input.value(), bias.value(), phi, alpha, noiseStd, maxSteps);
        c.input.mask(input.mask() == null ? null : input.mask().copy());
        c.bias.mask(bias.mask() == null ? null : bias.mask().copy());
        c.activityLimit = activityLimit;
        return c;
    }

    @Override
    public int units() {
        return n;
    }

    /** Number of inputs m. */
    public int inputs() {
        return m;
    }

    /** Bins the buffers hold. */
    public int maxSteps() {
        return maxSteps;
    }

    /** Bins stepped since {@link #start()}. */
    public int steps() {
        return steps;
    }

    @Override
    public RecurrentWeights recurrent() {
        return weights;
    }

    /** U, N x m. */
    @Override
    public Parameter inputWeights() {
        return input;
    }

    /** b, N x 1. */
    @Override
    public Parameter bias() {
        return bias;
    }

    /** Every trainable parameter: the structure's, then U, then b. The same list on every call. */
    @Override
    public List<Parameter> parameters() {
        return parameters;
    }

    /** Sets the activity bound above which {@link #update} reports an explosion. Returns this. */
    public RateRnn activityLimit(double limit) {
        if (!(limit > 0)) {
            throw new IllegalArgumentException("rate RNN: activity limit must be > 0, got " + limit);
        }
        this.activityLimit = limit;
        return this;
    }

    /** Starts a trajectory from {@code h_0 = 0}. */
    public void start() {
        steps = 0;
        Arrays.fill(h, 0, n, 0.0);
    }

    /** One bin with private noise drawn from {@code random}; writes {@code h_t} into {@code out} (length N). */
    public void step(double[] in, SplittableRandom random, double[] out) {
        if (noiseStd > 0) {
            GaussianFill.fill(noiseBuffer, n, noiseStd, random);
            step(in, noiseBuffer, out);
        } else {
            step(in, (double[]) null, out);
        }
    }

    /**
     * One bin with the given noise {@code xi_t} (length N, or null for none); writes {@code h_t}
     * into {@code out} (length N, may be null).
     */
    public void step(double[] in, double[] noise, double[] out) {
        if (steps >= maxSteps) {
            throw new IllegalStateException("rate RNN: trajectory longer than maxSteps = " + maxSteps);
        }
        if (in.length != m) {
            throw new IllegalArgumentException("rate RNN: expected " + m + " inputs, got " + in.length);
        }
        int t = steps;
        System.arraycopy(in, 0, x, t * m, m);
        double[] w = weights.effective().data;
        double[] u = input.value().data;
        double[] b = bias.value().data;
        int prev = t * n;
        int cur = prev + n;
        int preBase = t * n;
        for (int i = 0; i < n; i++) {
            double a = b[i] + (noise == null ? 0.0 : noise[i]);
            int row = i * n;
            for (int j = 0; j < n; j++) {
                a += w[row + j] * h[prev + j];
            }
            int urow = i * m;
            for (int k = 0; k < m; k++) {
                a += u[urow + k] * in[k];
            }
            pre[preBase + i] = a;
            double v = (1 - alpha) * h[prev + i] + alpha * phi.value(a);
            h[cur + i] = v;
            double abs = Math.abs(v);
            if (!(abs <= Double.MAX_VALUE)) {
                nonFinite = true;
            } else if (abs > maxAbs) {
                maxAbs = abs;
            }
            if (out != null) {
                out[i] = v;
            }
        }
        steps++;
    }

    /** {@code h_t[i]} for t in 0..{@link #steps()} ({@code t = 0} is the initial state). */
    public double state(int t, int i) {
        return h[t * n + i];
    }

    /** Clears the summed gradients and the activity record that {@link #update} checks. */
    public void zeroGradients() {
        Arrays.fill(gradW.data, 0.0);
        Arrays.fill(gradU, 0.0);
        Arrays.fill(gradB, 0.0);
        maxAbs = 0;
        nonFinite = false;
    }

    /**
     * Backpropagates through the current trajectory: {@code gradH} holds dL/dh_t for
     * t = 1..{@link #steps()}, row-major ({@code steps x N}). Adds dL/dW (for the effective
     * matrix), dL/dU and dL/db to the model's sums; the parameters' gradient buffers are left alone
     * until {@link #writeGradients()}.
     */
    public void backward(double[] gradH) {
        if (gradH.length < steps * n) {
            throw new IllegalArgumentException("rate RNN: dL/dh needs " + steps * n + " entries, got " + gradH.length);
        }
        double[] w = weights.effective().data;
        double[] gw = gradW.data;
        double[] gu = gradU;
        double[] gb = gradB;
        Arrays.fill(carry, 0.0);
        for (int t = steps; t >= 1; t--) {
            int g = (t - 1) * n;
            int prev = (t - 1) * n;
            int xb = (t - 1) * m;
            for (int i = 0; i < n; i++) {
                double dh = carry[i] + gradH[g + i];
                da[i] = alpha * phi.derivative(pre[g + i]) * dh;
                carryNext[i] = (1 - alpha) * dh;
            }
            for (int i = 0; i < n; i++) {
                double d = da[i];
                if (d == 0.0) {
                    continue;
                }
                int row = i * n;
                for (int j = 0; j < n; j++) {
                    gw[row + j] += d * h[prev + j];
                    // dL/dh_{t-1} += W^T da, accumulated row by row
                    carryNext[j] += w[row + j] * d;
                }
                int urow = i * m;
                for (int k = 0; k < m; k++) {
                    gu[urow + k] += d * x[xb + k];
                }
                gb[i] += d;
            }
            System.arraycopy(carryNext, 0, carry, 0, n);
        }
    }

    /** The summed dL/dW of the effective matrix (N x N; read-only view). */
    public DMatrixRMaj effectiveGradient() {
        return gradW;
    }

    /**
     * Overwrites every parameter's gradient with the sums since {@link #zeroGradients()}: the
     * structure's through {@link RecurrentWeights#backpropagate}, then U's and b's.
     */
    public void writeGradients() {
        weights.backpropagate(gradW);
        System.arraycopy(gradU, 0, input.gradient().data, 0, gradU.length);
        System.arraycopy(gradB, 0, bias.gradient().data, 0, gradB.length);
    }

    /** Largest |h| since the last {@link #zeroGradients()} (infinite once any value was NaN or infinite). */
    public double maxAbsActivity() {
        return nonFinite ? Double.POSITIVE_INFINITY : maxAbs;
    }

    /**
     * One training step: checks that {@code loss} is finite and the activity since
     * {@link #zeroGradients()} stayed below the limit, writes the gradients ({@link #writeGradients()}), lets
     * {@code optimizer} update {@code trainable} (a fixed sub-list of {@link #parameters()}, the
     * same list every step) and re-applies the structure's constraints.
     *
     * @param step the training step number, for the message
     * @throws TrainingStopped when the loss is not finite or the activity exploded; the weights
     *     are then left as they were before this step
     */
    public void update(Optimizer optimizer, List<Parameter> trainable, long step, double loss) {
        if (nonFinite) {
            throw new TrainingStopped(step, TrainingStopped.Reason.EXPLODING_ACTIVITY, "activity became NaN or infinite");
        }
        if (maxAbs > activityLimit) {
            throw new TrainingStopped(step, TrainingStopped.Reason.EXPLODING_ACTIVITY, "max |h| = " + maxAbs
                    + " exceeds the limit " + activityLimit);
        }
        new TrainingGuard(activityLimit).checkLoss(step, loss);
        for (double g : gradW.data) {
            if (!Double.isFinite(g)) {
                throw new TrainingStopped(step, TrainingStopped.Reason.NON_FINITE_LOSS, "gradient of W is not finite");
            }
        }
        writeGradients();
        optimizer.step(trainable);
        weights.refresh();
    }
}
