package org.bcikit.rnn.kernels;

import org.bcikit.rnn.model.Activation;
import org.bcikit.rnn.model.FixedPointRnn;
import org.bcikit.rnn.model.FixedPointSolution;
import org.ejml.data.DMatrixRMaj;

/**
 * Fast float32 loss and gradients of a tanh {@link FixedPointRnn} on a whole batch, for training
 * loops where speed matters (the {@code bcikit bench ratenet} workload): loss
 * {@code (1/B) sum_s |D h*_s - y_s|^2} with a fixed readout D, gradients written into the
 * network's {@link org.bcikit.rnn.model.Parameter} buffers (through its {@link org.bcikit.rnn.model.RecurrentWeights} structure), so any
 * {@link org.bcikit.rnn.model.Optimizer} takes the step. Three ways to get h* and its gradient:
 * <ul>
 *   <li>{@link Gradient#LINEAR_SOLVE}: the linear network {@code h = (I - W)^-1 (U x + b)} (phi =
 *       identity, the static model of science.md §5.1), exact inverse, gradient through it;</li>
 *   <li>{@link Gradient#UNROLLED}: K iterations of the tanh map from h = 0, back-propagated
 *       through all K (the states are kept);</li>
 *   <li>{@link Gradient#IMPLICIT}: iterate to the fixed point, then the implicit gradient with the
 *       adjoint {@code lambda = J^T lambda + dL/dh*} iterated for the whole batch at once (no
 *       per-sample linear solves), as {@link FixedPointRnn} does in double precision.</li>
 * </ul>
 *
 * <p>Why float32 and this layout: each iteration is one N x N by N x B product, so the batch is
 * stored unit-major (N x B, batch contiguous) and the products run on {@link FloatKernels} (SIMD
 * when the vector API is available). Float32 keeps about 7 significant digits, ample for
 * stochastic training; use {@link FixedPointRnn} where gradients must be exact to 1e-10. All
 * buffers are allocated at construction; {@link #step} allocates nothing.
 */
public final class BatchedFixedPointTrainer {

    /** How h* and its gradient are computed. */
    public enum Gradient { LINEAR_SOLVE, UNROLLED, IMPLICIT }

    private final FixedPointRnn net;
    private final Gradient mode;
    private final int batch;
    private final int unrolledSteps;
    private final float tolerance;
    private final int maxIterations;
    private final FloatKernels kernels;
    private final int n;
    private final int nIn;
    private final int nOut;
    private final float[] readout;
    private final float[] readoutT;
    private final float[] w;
    private final float[] wt;
    private final float[] u;
    private final float[] b;
    private final float[] xt;
    private final float[] yt;
    private final float[] drive;
    private final float[] zeros;
    private final float[] z;
    private final float[][] states;
    private final float[] out;
    private final float[] g;
    private final float[] lambda;
    private final float[] weighted;
    private final float[] deltaSum;
    private final int padded;
    private final float[] statesT;
    private final float[] gradW;
    private final float[] gradWPart;
    private final float[] gradU;
    private final DMatrixRMaj gradWd;
    private final float[] inverseF;
    private final int[] pivots;
    private int lastIterations;
    private int lastAdjointIterations;
    private float lastResidual;
    private float lastAdjointResidual;

    /**
     * @param net the network (its parameters receive the gradients); tanh unless {@code LINEAR_SOLVE}
     * @param readout D, outputs x N (copied)
     * @param batch batch size B
     * @param mode how to get h* and the gradient
     * @param unrolledSteps K for {@code UNROLLED}
     * @param tolerance {@code IMPLICIT}: stop the forward and adjoint iterations when an iteration
     *        changes no entry by more than this
     * @param maxIterations {@code IMPLICIT}: iteration cap for the forward and for the adjoint solve
     */
    public BatchedFixedPointTrainer(FixedPointRnn net, DMatrixRMaj readout, int batch, Gradient mode,
            int unrolledSteps, double tolerance, int maxIterations, FloatKernels kernels) {
        if (mode != Gradient.LINEAR_SOLVE && net.activation() != Activation.TANH) {
            throw new IllegalArgumentException("batched fixed-point trainer: " + mode + " needs a tanh network, got "
                    + net.activation());
        }
        if (readout.numCols != net.units()) {
            throw new IllegalArgumentException("batched fixed-point trainer: readout must have " + net.units()
                    + " columns, got " + readout.numRows + "x" + readout.numCols);
        }
        if (batch < 1 || unrolledSteps < 1 || maxIterations < 1 || !(tolerance > 0)) {
            throw new IllegalArgumentException("batched fixed-point trainer: need batch, unrolled steps and max iterations >= 1"
                    + " and a positive tolerance");
        }
        this.net = net;
        this.mode = mode;
        this.batch = batch;
        this.unrolledSteps = unrolledSteps;
        this.tolerance = (float) tolerance;
        this.maxIterations = maxIterations;
        this.kernels = kernels;
        this.n = net.units();
        this.nIn = net.inputs();
        this.nOut = readout.numRows;
        this.readout = new float[nOut * n];
        this.readoutT = new float[n * nOut];
        for (int o = 0; o < nOut; o++) {
            for (int i = 0; i < n; i++) {
                this.readoutT[i * nOut + o] = this.readout[o * n + i] = (float) readout.get(o, i);
            }
        }
        int nb = n * batch;
        w = new float[n * n];
        wt = new float[n * n];
        u = new float[n * nIn];
        b = new float[n];
        xt = new float[nIn * batch];
        yt = new float[nOut * batch];
        drive = new float[nb];
        zeros = new float[nb];
        z = new float[nb];
        states = new float[mode == Gradient.UNROLLED ? unrolledSteps : 1][nb];
        out = new float[nOut * batch];
        g = new float[nb];
        lambda = new float[nb];
        weighted = new float[nb];
        deltaSum = new float[nb];
        // dW = delta h^T runs as delta (N x B) times h^T (B x padded): a product with a long
        // contraction and rows padded to whole blocks of four 16-float vectors, the kernels' fastest path
        padded = (n + 63) / 64 * 64;
        statesT = new float[batch * padded];
        gradW = new float[n * padded];
        gradWPart = new float[n * padded];
        gradU = new float[n * nIn];
        gradWd = new DMatrixRMaj(n, n);
        inverseF = mode == Gradient.LINEAR_SOLVE ? new float[n * n] : null;
        pivots = new int[n];
    }

    public Gradient mode() {
        return mode;
    }

    /** The kernels in use (for benchmark output). */
    public FloatKernels kernels() {
        return kernels;
    }

    /**
     * One forward and backward pass on inputs {@code x} (B x inputs) and targets {@code y}
     * (B x outputs): returns the loss and overwrites every parameter's gradient. Check
     * {@link #lastForward()} / {@link #lastAdjoint()} for convergence (IMPLICIT).
     */
    public double step(DMatrixRMaj x, DMatrixRMaj y) {
        if (x.numRows != batch || x.numCols != nIn || y.numRows != batch || y.numCols != nOut) {
            throw new IllegalArgumentException("batched fixed-point trainer: expected x " + batch + "x" + nIn + " and y "
                    + batch + "x" + nOut + ", got " + x.numRows + "x" + x.numCols + " and " + y.numRows + "x" + y.numCols);
        }
        loadParameters();
        transpose(x, xt);
        transpose(y, yt);
        kernels.mult(u, xt, drive, n, nIn, batch);
        for (int i = 0; i < n; i++) {
            float bi = b[i];
            int row = i * batch;
            for (int s = 0; s < batch; s++) {
                drive[row + s] += bi;
            }
        }
        float[] h;
        switch (mode) {
            case LINEAR_SOLVE:
                h = states[0];
                kernels.mult(inverseF, drive, h, n, n, batch);
                break;
            case UNROLLED:
                kernels.tanhMap(zeros, drive, zeros, states[0], n * batch);
                for (int t = 1; t < unrolledSteps; t++) {
                    kernels.mult(w, states[t - 1], z, n, n, batch);
                    kernels.tanhMap(z, drive, states[t - 1], states[t], n * batch);
                }
                h = states[unrolledSteps - 1];
                lastIterations = unrolledSteps;
                break;
            default:
                h = states[0];
                forwardToFixedPoint(h);
        }
        double loss = lossAndGradient(h);
        java.util.Arrays.fill(gradW, 0f);
        java.util.Arrays.fill(gradU, 0f);
        switch (mode) {
            case LINEAR_SOLVE:
                // lambda = (I - W)^-T g; dW = lambda h^T
                kernels.mult(transposedInverse(), g, lambda, n, n, batch);
                accumulateWeightGradient(lambda, h);
                writeInputGradients(lambda);
                break;
            case UNROLLED:
                backwardUnrolled();
                break;
            default:
                backwardImplicit(h);
        }
        storeGradients();
        return loss;
    }

    /** Diagnostics of the last forward pass (UNROLLED: K iterations, residual of the last step). */
    public FixedPointSolution.Diagnostics lastForward() {
        return new FixedPointSolution.Diagnostics(lastIterations, lastResidual,
                mode != Gradient.IMPLICIT || lastResidual < tolerance);
    }

    /** Diagnostics of the last adjoint iteration (IMPLICIT only; otherwise an exact pass). */
    public FixedPointSolution.Diagnostics lastAdjoint() {
        return new FixedPointSolution.Diagnostics(lastAdjointIterations, lastAdjointResidual,
                mode != Gradient.IMPLICIT || lastAdjointResidual < tolerance);
    }

    private void forwardToFixedPoint(float[] h) {
        int nb = n * batch;
        lastResidual = kernels.tanhMap(zeros, drive, zeros, h, nb);
        lastIterations = 1;
        while (!(lastResidual < tolerance) && lastIterations < maxIterations && !Float.isNaN(lastResidual)) {
            kernels.mult(w, h, z, n, n, batch);
            lastResidual = kernels.tanhMap(z, drive, h, h, nb);
            lastIterations++;
        }
    }

    /** Fills g = dL/dh = (2/B) D^T (D h - y) and returns L = (1/B) sum |D h - y|^2. */
    private double lossAndGradient(float[] h) {
        kernels.mult(readout, h, out, nOut, n, batch);
        double loss = 0;
        for (int k = 0; k < out.length; k++) {
            float r = out[k] - yt[k];
            loss += (double) r * r;
            out[k] = r * (2f / batch);
        }
        kernels.mult(readoutT, out, g, n, nOut, batch);
        return loss / batch;
    }

    private void backwardImplicit(float[] h) {
        int nb = n * batch;
        // slopes phi' = 1 - h^2 at the fixed point, kept in deltaSum (free in this mode)
        float[] slope = deltaSum;
        for (int k = 0; k < nb; k++) {
            slope[k] = 1f - h[k] * h[k];
            lambda[k] = g[k];
            weighted[k] = slope[k] * g[k];
        }
        lastAdjointIterations = 0;
        lastAdjointResidual = Float.POSITIVE_INFINITY;
        while (!(lastAdjointResidual < tolerance) && lastAdjointIterations < maxIterations
                && !Float.isNaN(lastAdjointResidual)) {
            kernels.mult(wt, weighted, z, n, n, batch);
            lastAdjointResidual = kernels.adjointUpdate(z, g, slope, lambda, weighted, nb);
            lastAdjointIterations++;
        }
        // weighted = phi' . lambda = dL/d(pre-activation)
        accumulateWeightGradient(weighted, h);
        writeInputGradients(weighted);
    }

    private void backwardUnrolled() {
        int nb = n * batch;
        java.util.Arrays.fill(deltaSum, 0f);
        float[] gradient = g;
        float[] spare = lambda;
        for (int t = unrolledSteps - 1; t >= 0; t--) {
            kernels.tanhBackward(gradient, states[t], weighted, deltaSum, nb);
            if (t > 0) {
                accumulateWeightGradient(weighted, states[t - 1]);
                kernels.mult(wt, weighted, spare, n, n, batch);
                float[] swap = gradient;
                gradient = spare;
                spare = swap;
            }
        }
        writeInputGradients(deltaSum);
    }

    /** gradW += delta h^T, through h transposed into statesT (padding columns stay 0). */
    private void accumulateWeightGradient(float[] delta, float[] h) {
        for (int i = 0; i < n; i++) {
            int row = i * batch;
            for (int s = 0; s < batch; s++) {
                statesT[s * padded + i] = h[row + s];
            }
        }
        kernels.mult(delta, statesT, gradWPart, n, batch, padded);
        for (int k = 0; k < gradW.length; k++) {
            gradW[k] += gradWPart[k];
        }
    }

    /** dU = delta x^T into gradU, db = row sums of delta into b's gradient. */
    private void writeInputGradients(float[] delta) {
        kernels.multTransBAdd(delta, xt, gradU, n, batch, nIn);
        double[] gb = net.bias().gradient().data;
        for (int i = 0; i < n; i++) {
            double s = 0;
            int row = i * batch;
            for (int k = 0; k < batch; k++) {
                s += delta[row + k];
            }
            gb[i] = s;
        }
    }

    private void storeGradients() {
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                gradWd.data[i * n + j] = gradW[i * padded + j];
            }
        }
        net.recurrent().backpropagate(gradWd);
        double[] gu = net.inputWeights().gradient().data;
        for (int k = 0; k < gu.length; k++) {
            gu[k] = gradU[k];
        }
    }

    private void loadParameters() {
        DMatrixRMaj weights = net.recurrent().effective();
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                float v = (float) weights.data[i * n + j];
                w[i * n + j] = v;
                wt[j * n + i] = v;
            }
        }
        double[] ud = net.inputWeights().value().data;
        for (int k = 0; k < u.length; k++) {
            u[k] = (float) ud[k];
        }
        double[] bd = net.bias().value().data;
        for (int k = 0; k < n; k++) {
            b[k] = (float) bd[k];
        }
        if (mode == Gradient.LINEAR_SOLVE) {
            invertIdentityMinusW();
        }
    }

    /**
     * {@code inverseF = (I - W)^-1} by in-place Gauss-Jordan elimination with partial pivoting,
     * in float32 with the kernels' row updates (an LU-based double inverse costs several times the
     * rest of the step at N = 100; I - W is well conditioned while the network is stable).
     */
    private void invertIdentityMinusW() {
        float[] a = inverseF;
        for (int k = 0; k < a.length; k++) {
            a[k] = -w[k];
        }
        for (int i = 0; i < n; i++) {
            a[i * n + i] += 1f;
        }
        for (int k = 0; k < n; k++) {
            int p = k;
            float best = Math.abs(a[k * n + k]);
            for (int i = k + 1; i < n; i++) {
                float v = Math.abs(a[i * n + k]);
                if (v > best) {
                    best = v;
                    p = i;
                }
            }
            if (!(best > 0f)) {
                throw new IllegalStateException("batched fixed-point trainer: I - W is singular");
            }
            pivots[k] = p;
            if (p != k) {
                for (int j = 0; j < n; j++) {
                    float t = a[k * n + j];
                    a[k * n + j] = a[p * n + j];
                    a[p * n + j] = t;
                }
            }
            float inv = 1f / a[k * n + k];
            a[k * n + k] = 1f;
            for (int j = 0; j < n; j++) {
                a[k * n + j] *= inv;
            }
            for (int i = 0; i < n; i++) {
                float f = a[i * n + k];
                if (i != k && f != 0f) {
                    a[i * n + k] = 0f;
                    kernels.axpyNeg(f, a, k * n, a, i * n, n);
                }
            }
        }
        // row interchanges of A are column interchanges of A^-1, undone in reverse order
        for (int k = n - 1; k >= 0; k--) {
            int p = pivots[k];
            if (p != k) {
                for (int i = 0; i < n; i++) {
                    float t = a[i * n + k];
                    a[i * n + k] = a[i * n + p];
                    a[i * n + p] = t;
                }
            }
        }
    }

    /** (I - W)^-T as floats, into wt (free once the forward product is done). */
    private float[] transposedInverse() {
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                wt[j * n + i] = inverseF[i * n + j];
            }
        }
        return wt;
    }

    private static void transpose(DMatrixRMaj m, float[] into) {
        int rows = m.numRows;
        int cols = m.numCols;
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                into[c * rows + r] = (float) m.data[r * cols + c];
            }
        }
    }
}
