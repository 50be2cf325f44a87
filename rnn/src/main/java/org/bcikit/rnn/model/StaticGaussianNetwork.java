package org.bcikit.rnn.model;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.SplittableRandom;

import org.bcikit.data.random.GaussianFill;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.NormOps_DDRM;
import org.ejml.dense.row.factory.LinearSolverFactory_DDRM;
import org.ejml.interfaces.linsol.LinearSolverDense;

/**
 * The static linear-Gaussian network of Payeur, Orsborn and Lajoie 2023 ("Neural manifolds and
 * gradient-based adaptation in neural-interface tasks", bioRxiv 2023.03.11.532146; science.md §5.1):
 * the fixed point of a linear RNN,
 * <pre>
 *   v = (I - W)^-1 (b + U (x + xi_in) + xi),   xi ~ N(0, s2 I),  xi_in ~ N(0, s2_in I),   y = V v,
 * </pre>
 * trained on a {@link StaticTask} with the exact expected loss (no sampling). With
 * {@code A = (I - W)^-1}, {@code mu_k = A (b + U x_k)} and {@code Sigma = A S0 A^T},
 * {@code S0 = s2 I + s2_in U U^T},
 * <pre>
 *   L = (1/K) sum_k 1/2 [ tr(V Sigma V^T) + |V mu_k - t_k|^2 ]
 *     = 1/2 tr(V Sigma V^T)  (variance part)  +  1/(2K) sum_k |V mu_k - t_k|^2  (mean part).
 * </pre>
 * With {@code P = V A} and errors {@code E = V Mu - T}, the exact gradients are
 * {@code dL/dW = P^T [V Sigma + (1/K) E Mu^T]}, {@code dL/dU = (1/K) P^T E X^T + s2_in P^T P U} and
 * {@code dL/db = (1/K) P^T E 1}. One step is the LU factorisation of {@code I - W} (and of its
 * transpose, for P) with a few triangular solves and small products: A is never formed. Every
 * buffer is allocated once, so {@link #backward()} allocates nothing but the {@link StaticLoss} it
 * returns. Plain gradient descent on dense W needs no factorisation per step at all:
 * {@link WoodburyDescent} gives the same steps in O(N^2).
 *
 * <p>The recurrent matrix is any {@link RecurrentWeights} structure (dense, ColEI, DANN), so Dale's
 * law networks take the same model: {@link #backward()} passes dL/dW to the structure, which fills
 * its own parameters' gradients. The network is mutable (its parameters are trained in place) and
 * not thread-safe; {@link #copy()} gives an independent one. It follows the {@link TrainableNetwork}
 * protocol: it owns copies of what it is given, and {@link #backward()} overwrites the gradients.
 */
public final class StaticGaussianNetwork implements TrainableNetwork {

    private final StaticTask task;
    private final RecurrentWeights weights;
    private final Parameter inputWeights;
    private final Parameter bias;
    private final List<Parameter> parameters;
    private final DMatrixRMaj readout;
    private final double noiseVariance;
    private final double inputNoiseVariance;

    // work buffers, allocated once
    private final LinearSolverDense<DMatrixRMaj> solver;
    private final LinearSolverDense<DMatrixRMaj> transposedSolver;
    private final DMatrixRMaj iMinusW;
    private final DMatrixRMaj iMinusWt;
    private final DMatrixRMaj pt;
    private final DMatrixRMaj ps0t;
    private final DMatrixRMaj aps0t;
    private final DMatrixRMaj drive;
    private final DMatrixRMaj means;
    private final DMatrixRMaj p;
    private final DMatrixRMaj errors;
    private final DMatrixRMaj pu;
    private final DMatrixRMaj ps0;
    private final DMatrixRMaj residual;
    private final DMatrixRMaj inputResidual;
    private final DMatrixRMaj gradW;

    /**
     * A network over {@code weights} (N units) with input weights {@code u} (N x d), bias {@code b}
     * (N x 1) and readout {@code v} (O x N). All are copied ({@code weights} through
     * {@link RecurrentWeights#copy()}): the network owns its parameters, so later changes to the
     * arguments do not reach it, and training does not change them.
     *
     * @param noiseVariance      private noise variance s2 (Payeur et al.: 1e-2)
     * @param inputNoiseVariance input noise variance s2_in (0 for noiseless inputs)
     */
    public StaticGaussianNetwork(StaticTask task, RecurrentWeights weights, DMatrixRMaj u, DMatrixRMaj b,
            DMatrixRMaj v, double noiseVariance, double inputNoiseVariance) {
        int n = weights.units();
        int d = task.inputSize();
        int o = task.outputSize();
        int k = task.conditions();
        check("U", u, n, d);
        check("b", b, n, 1);
        check("V", v, o, n);
        if (!(noiseVariance >= 0) || !(inputNoiseVariance >= 0)) {
            throw new IllegalArgumentException("static network: noise variances must be >= 0, got "
                    + noiseVariance + ", " + inputNoiseVariance);
        }
        this.task = task;
        this.weights = weights.copy();
        this.inputWeights = new Parameter("U", u.copy());
        this.bias = new Parameter("b", b.copy());
        List<Parameter> all = new ArrayList<>(this.weights.parameters());
        all.add(inputWeights);
        all.add(bias);
        this.parameters = Collections.unmodifiableList(all);
        this.readout = v.copy();
        this.noiseVariance = noiseVariance;
        this.inputNoiseVariance = inputNoiseVariance;
        this.solver = LinearSolverFactory_DDRM.lu(n);
        this.transposedSolver = LinearSolverFactory_DDRM.lu(n);
        this.iMinusW = new DMatrixRMaj(n, n);
        this.iMinusWt = new DMatrixRMaj(n, n);
        this.pt = new DMatrixRMaj(n, o);
        this.ps0t = new DMatrixRMaj(n, o);
        this.aps0t = new DMatrixRMaj(n, o);
        this.drive = new DMatrixRMaj(n, k);
        this.means = new DMatrixRMaj(n, k);
        this.p = new DMatrixRMaj(o, n);
        this.errors = new DMatrixRMaj(o, k);
        this.pu = new DMatrixRMaj(o, d);
        this.ps0 = new DMatrixRMaj(o, n);
        this.residual = new DMatrixRMaj(o, n);
        this.inputResidual = new DMatrixRMaj(o, d);
        this.gradW = new DMatrixRMaj(n, n);
    }

    /**
     * Payeur et al.'s initialisation around the given recurrent weights: {@code U ~ Uniform(-1, 1)},
     * {@code b = 0}, {@code V ~ N(0, 1)} rescaled to {@code |V|_F = 0.2 sqrt(800 / N)}. Draws U then V
     * from {@code rng}.
     */
    public static StaticGaussianNetwork initialise(StaticTask task, RecurrentWeights weights, double noiseVariance,
            double inputNoiseVariance, SplittableRandom rng) {
        int n = weights.units();
        DMatrixRMaj u = new DMatrixRMaj(n, task.inputSize());
        for (int i = 0; i < u.data.length; i++) {
            u.data[i] = 2 * rng.nextDouble() - 1;
        }
        DMatrixRMaj v = new DMatrixRMaj(task.outputSize(), n);
        GaussianFill.fill(v.data, 1.0, rng);
        CommonOps_DDRM.scale(0.2 * Math.sqrt(800.0 / n) / NormOps_DDRM.normF(v), v);
        return new StaticGaussianNetwork(task, weights, u, new DMatrixRMaj(n, 1), v, noiseVariance, inputNoiseVariance);
    }

    /** An independent deep copy (parameters, masks and readout; fresh work buffers). */
    @Override
    public StaticGaussianNetwork copy() {
        StaticGaussianNetwork c = new StaticGaussianNetwork(task, weights, inputWeights.value(), bias.value(), readout,
                noiseVariance, inputNoiseVariance);
        c.inputWeights.mask(inputWeights.mask() == null ? null : inputWeights.mask().copy());
        c.bias.mask(bias.mask() == null ? null : bias.mask().copy());
        return c;
    }

    /**
     * Computes the exact expected loss and overwrites every gradient: dL/dW through
     * {@link RecurrentWeights#backpropagate}, dL/dU and dL/db into {@link #inputWeights()} and
     * {@link #bias()}. Returns the loss with its two parts (the only allocation). Fails if
     * {@code I - W} is singular.
     */
    public StaticLoss backward() {
        StaticLoss loss = forward();
        int k = task.conditions();
        // V Sigma = P S0 A^T with P S0 = s2 P + s2_in (P U) U^T
        ps0.setTo(p);
        CommonOps_DDRM.scale(noiseVariance, ps0);
        if (inputNoiseVariance > 0) {
            CommonOps_DDRM.multAddTransB(inputNoiseVariance, pu, inputWeights.value(), ps0);
        }
        CommonOps_DDRM.transpose(ps0, ps0t);
        solver.solve(ps0t, aps0t); // A (P S0)^T = (V Sigma)^T
        CommonOps_DDRM.transpose(aps0t, residual);
        CommonOps_DDRM.multAddTransB(1.0 / k, errors, means, residual);
        CommonOps_DDRM.multTransA(p, residual, gradW);
        weights.backpropagate(gradW);

        // dL/dU = P^T [(1/K) E X^T + s2_in P U]
        CommonOps_DDRM.multTransB(1.0 / k, errors, task.inputs(), inputResidual);
        if (inputNoiseVariance > 0) {
            CommonOps_DDRM.addEquals(inputResidual, inputNoiseVariance, pu);
        }
        CommonOps_DDRM.multTransA(p, inputResidual, inputWeights.gradient());
        DMatrixRMaj gb = bias.gradient();
        for (int i = 0; i < gb.numRows; i++) {
            double s = 0;
            for (int o = 0; o < errors.numRows; o++) {
                double rowSum = 0;
                for (int c = 0; c < k; c++) {
                    rowSum += errors.unsafe_get(o, c);
                }
                s += p.unsafe_get(o, i) * rowSum;
            }
            gb.data[i] = s / k;
        }
        return loss;
    }

    /** The exact expected loss and its parts, without gradients. */
    public StaticLoss loss() {
        return forward();
    }

    /**
     * The activity's statistics under the current weights: per-condition means, noise covariance
     * Sigma, mean activity and total covariance. New matrices (not for the per-step hot loop).
     */
    public StaticActivity activity() {
        forward();
        int n = units();
        DMatrixRMaj s0 = CommonOps_DDRM.identity(n);
        CommonOps_DDRM.scale(noiseVariance, s0);
        if (inputNoiseVariance > 0) {
            CommonOps_DDRM.multAddTransB(inputNoiseVariance, inputWeights.value(), inputWeights.value(), s0);
        }
        DMatrixRMaj inverse = new DMatrixRMaj(n, n);
        solver.invert(inverse);
        DMatrixRMaj as0 = new DMatrixRMaj(n, n);
        CommonOps_DDRM.mult(inverse, s0, as0);
        DMatrixRMaj sigma = new DMatrixRMaj(n, n);
        CommonOps_DDRM.multTransB(as0, inverse, sigma);
        DMatrixRMaj transposed = CommonOps_DDRM.transpose(sigma, null);
        CommonOps_DDRM.add(0.5, sigma, 0.5, transposed, sigma); // exactly symmetric despite rounding
        return StaticActivity.of(means.copy(), sigma);
    }

    /**
     * The output Jacobian's kernel {@code J J^T} over the conditions' mean outputs with respect to
     * the effective recurrent weights (the neural tangent kernel used for tangent-kernel alignment,
     * Liu et al. ICLR 2024). Since {@code d(V mu_k)_o / dW_ij = P_oi mu_kj}, the kernel is
     * {@code (P P^T) kron (Mu^T Mu)}: OK x OK, rows indexed {@code o * K + k}. A new matrix.
     */
    public DMatrixRMaj tangentKernel() {
        forward();
        int o = p.numRows;
        int k = task.conditions();
        DMatrixRMaj pp = new DMatrixRMaj(o, o);
        CommonOps_DDRM.multTransB(p, p, pp);
        DMatrixRMaj mm = new DMatrixRMaj(k, k);
        CommonOps_DDRM.multTransA(means, means, mm);
        return CommonOps_DDRM.kron(pp, mm, null);
    }

    @Override
    public int units() {
        return weights.units();
    }

    public StaticTask task() {
        return task;
    }

    /** The recurrent weights (trained in place; call {@link RecurrentWeights#refresh()} after a step). */
    @Override
    public RecurrentWeights recurrent() {
        return weights;
    }

    /** Input weights U (N x d). */
    @Override
    public Parameter inputWeights() {
        return inputWeights;
    }

    /** Bias b (N x 1). */
    @Override
    public Parameter bias() {
        return bias;
    }

    /** Every trainable parameter: the recurrent structure's, then U and b. The same list on every call. */
    @Override
    public List<Parameter> parameters() {
        return parameters;
    }

    /** The readout V (O x N): read it, or change it with {@link #setReadout}. */
    public DMatrixRMaj readout() {
        return readout;
    }

    /** Replaces the readout (a BCI decoder) with a copy of {@code v} (O x N). */
    public void setReadout(DMatrixRMaj v) {
        check("V", v, readout.numRows, readout.numCols);
        readout.setTo(v);
    }

    public double noiseVariance() {
        return noiseVariance;
    }

    public double inputNoiseVariance() {
        return inputNoiseVariance;
    }

    /**
     * LU factors of I - W and its transpose, Mu = A B, P = V A (as P^T = (I - W)^-T V^T),
     * E = V Mu - T and P U into the work buffers; returns the loss and its two parts. Solving
     * instead of inverting keeps a step at two LU factorisations plus O(N^2) work.
     */
    private StaticLoss forward() {
        int n = units();
        CommonOps_DDRM.setIdentity(iMinusW);
        CommonOps_DDRM.subtractEquals(iMinusW, weights.effective());
        CommonOps_DDRM.transpose(iMinusW, iMinusWt);
        if (!solver.setA(iMinusW) || !transposedSolver.setA(iMinusWt)) {
            throw new ArithmeticException("static network: I - W is singular");
        }
        CommonOps_DDRM.mult(inputWeights.value(), task.inputs(), drive);
        for (int i = 0; i < n; i++) {
            double bi = bias.value().data[i];
            for (int c = 0; c < drive.numCols; c++) {
                drive.data[i * drive.numCols + c] += bi;
            }
        }
        solver.solve(drive, means);
        CommonOps_DDRM.transpose(readout, ps0t);
        transposedSolver.solve(ps0t, pt);
        CommonOps_DDRM.transpose(pt, p);
        CommonOps_DDRM.mult(readout, means, errors);
        CommonOps_DDRM.subtractEquals(errors, task.targets());
        double pNorm2 = squaredNorm(p);
        double noise = noiseVariance * pNorm2;
        if (inputNoiseVariance > 0) {
            CommonOps_DDRM.mult(p, inputWeights.value(), pu);
            noise += inputNoiseVariance * squaredNorm(pu);
        }
        double varianceLoss = 0.5 * noise;
        double meanLoss = 0.5 * squaredNorm(errors) / task.conditions();
        return new StaticLoss(varianceLoss + meanLoss, varianceLoss, meanLoss);
    }

    static double squaredNorm(DMatrixRMaj m) {
        double s = 0;
        for (int i = 0; i < m.getNumElements(); i++) {
            s += m.data[i] * m.data[i];
        }
        return s;
    }

    private static void check(String name, DMatrixRMaj m, int rows, int cols) {
        if (m.numRows != rows || m.numCols != cols) {
            throw new IllegalArgumentException("static network: " + name + " must be " + rows + "x" + cols + ", got "
                    + m.numRows + "x" + m.numCols);
        }
    }
}
