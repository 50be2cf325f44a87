package org.bcikit.rnn.model;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.MatrixFeatures_DDRM;
import org.ejml.dense.row.factory.LinearSolverFactory_DDRM;
import org.ejml.interfaces.linsol.LinearSolverDense;

/**
 * Plain gradient descent on the dense recurrent weights of a {@link StaticGaussianNetwork} (Payeur,
 * Orsborn and Lajoie 2023, science.md §5.1: only W plastic) in O(N^2) per step, with the same
 * loss, gradient and update as {@link StaticGaussianNetwork#backward()} followed by a plain GD step.
 *
 * <p><b>Why it is cheap.</b> With {@code A = (I - W)^-1}, {@code P = V A} and
 * {@code R = P S0 A^T + (1/K) E Mu^T}, the gradient is {@code dL/dW = P^T R}: rank at most O (the
 * readout's rows, 2 for a cursor), whatever K, the input noise or the bias. A GD step therefore
 * changes {@code I - W} by the rank-O matrix {@code eta P^T R}, and the Woodbury identity
 * <pre>
 *   (I - W + eta P^T R)^-1 = A - (eta A P^T) (I_O + eta R A P^T)^-1 (R A)
 * </pre>
 * keeps A up to date with products of A by O vectors. Everything the loss needs (P, the means
 * {@code Mu = A (U X + b)}, {@code A P^T}) is then a product with A, so no step factorises;
 * every {@code refactorEvery} steps A is recomputed from an LU factorisation of {@code I - W} to
 * bound the drift of the updates (about 1e-15 relative per update).
 *
 * <p>Use: {@link #evaluate()} gives the loss at the current W and fills W's gradient (the network's
 * other queries, such as {@link StaticGaussianNetwork#activity()}, may be called in between);
 * {@link #update()} applies {@code W <- W - eta dL/dW} and updates A. Only for {@link DenseWeights}
 * without a plasticity mask and with U, b and V left as they are during the run; other set-ups take
 * the general path ({@link #supports}). Mutates the network's W; allocates nothing per step.
 */
public final class WoodburyDescent {

    private final StaticGaussianNetwork network;
    private final Parameter w;
    private final double learningRate;
    private final int refactorEvery;
    private final LinearSolverDense<DMatrixRMaj> solver;
    private final DMatrixRMaj iMinusW;
    private final DMatrixRMaj inverse;
    private final DMatrixRMaj drive;
    private final DMatrixRMaj means;
    private final DMatrixRMaj p;
    private final DMatrixRMaj apt;
    private final DMatrixRMaj errors;
    private final DMatrixRMaj pu;
    private final DMatrixRMaj ps0;
    private final DMatrixRMaj residual;
    private final DMatrixRMaj ra;
    private final DMatrixRMaj capacitance;
    private final DMatrixRMaj capacitanceInverse;
    private final DMatrixRMaj correction;
    private int sinceRefactor;
    private boolean evaluated;

    /**
     * GD at {@code learningRate} on {@code network}'s W, refactorising A every
     * {@code refactorEvery} updates. Factorises {@code I - W} once here.
     *
     * @throws IllegalArgumentException if {@link #supports} is false or the arguments are out of range
     * @throws ArithmeticException      if {@code I - W} is singular
     */
    public WoodburyDescent(StaticGaussianNetwork network, double learningRate, int refactorEvery) {
        if (!supports(network)) {
            throw new IllegalArgumentException("Woodbury descent needs dense recurrent weights without a mask");
        }
        if (!(learningRate > 0) || refactorEvery < 1) {
            throw new IllegalArgumentException("Woodbury descent: need learning rate > 0 and refactorEvery >= 1, got "
                    + learningRate + ", " + refactorEvery);
        }
        this.network = network;
        this.w = network.recurrent().parameters().get(0);
        this.learningRate = learningRate;
        this.refactorEvery = refactorEvery;
        int n = network.units();
        int o = network.readout().numRows;
        int k = network.task().conditions();
        this.solver = LinearSolverFactory_DDRM.lu(n);
        this.iMinusW = new DMatrixRMaj(n, n);
        this.inverse = new DMatrixRMaj(n, n);
        this.drive = new DMatrixRMaj(n, k);
        this.means = new DMatrixRMaj(n, k);
        this.p = new DMatrixRMaj(o, n);
        this.apt = new DMatrixRMaj(n, o);
        this.errors = new DMatrixRMaj(o, k);
        this.pu = new DMatrixRMaj(o, network.task().inputSize());
        this.ps0 = new DMatrixRMaj(o, n);
        this.residual = new DMatrixRMaj(o, n);
        this.ra = new DMatrixRMaj(o, n);
        this.capacitance = new DMatrixRMaj(o, o);
        this.capacitanceInverse = new DMatrixRMaj(o, o);
        this.correction = new DMatrixRMaj(o, n);
        refactor();
    }

    /** Whether the fast path applies: dense recurrent weights, every weight plastic. */
    public static boolean supports(StaticGaussianNetwork network) {
        return network.recurrent() instanceof DenseWeights && network.recurrent().parameters().get(0).mask() == null;
    }

    /**
     * The exact expected loss at the current W; fills W's gradient with dL/dW (as
     * {@link StaticGaussianNetwork#backward()} does for W) and keeps its factors for {@link #update()}.
     */
    public StaticLoss evaluate() {
        StaticTask task = network.task();
        DMatrixRMaj u = network.inputWeights().value();
        DMatrixRMaj v = network.readout();
        int k = task.conditions();
        CommonOps_DDRM.mult(u, task.inputs(), drive);
        double[] b = network.bias().value().data;
        for (int i = 0; i < drive.numRows; i++) {
            for (int c = 0; c < k; c++) {
                drive.data[i * k + c] += b[i];
            }
        }
        CommonOps_DDRM.mult(inverse, drive, means);
        CommonOps_DDRM.mult(v, inverse, p);
        CommonOps_DDRM.mult(v, means, errors);
        CommonOps_DDRM.subtractEquals(errors, task.targets());
        CommonOps_DDRM.multTransB(inverse, p, apt);
        double s2 = network.noiseVariance();
        double s2in = network.inputNoiseVariance();
        double noise = s2 * StaticGaussianNetwork.squaredNorm(p);
        if (s2in > 0) {
            // V Sigma = (P S0) A^T with P S0 = s2 P + s2_in (P U) U^T
            CommonOps_DDRM.mult(p, u, pu);
            noise += s2in * StaticGaussianNetwork.squaredNorm(pu);
            ps0.setTo(p);
            CommonOps_DDRM.scale(s2, ps0);
            CommonOps_DDRM.multAddTransB(s2in, pu, u, ps0);
            CommonOps_DDRM.multTransB(ps0, inverse, residual);
        } else {
            // without input noise P S0 A^T = s2 (A P^T)^T, already at hand
            CommonOps_DDRM.transpose(apt, residual);
            CommonOps_DDRM.scale(s2, residual);
        }
        CommonOps_DDRM.multAddTransB(1.0 / k, errors, means, residual);
        CommonOps_DDRM.multTransA(p, residual, w.gradient());
        evaluated = true;
        double varianceLoss = 0.5 * noise;
        double meanLoss = 0.5 * StaticGaussianNetwork.squaredNorm(errors) / k;
        return new StaticLoss(varianceLoss + meanLoss, varianceLoss, meanLoss);
    }

    /**
     * {@code W <- W - eta dL/dW} with the gradient of the last {@link #evaluate()}, and A updated
     * to {@code (I - W)^-1} by the Woodbury identity (or refactorised, every {@code refactorEvery}
     * updates or when the update's capacitance matrix is not finite).
     *
     * @throws IllegalStateException if no evaluation precedes this update
     * @throws ArithmeticException   if a refactorisation finds {@code I - W} singular
     */
    public void update() {
        if (!evaluated) {
            throw new IllegalStateException("Woodbury descent: evaluate() must precede each update()");
        }
        evaluated = false;
        double[] wv = w.value().data;
        double[] g = w.gradient().data;
        int m = w.value().getNumElements();
        for (int i = 0; i < m; i++) {
            wv[i] -= learningRate * g[i];
        }
        if (++sinceRefactor >= refactorEvery) {
            refactor();
            return;
        }
        // I - W gained eta P^T R: A <- A - (eta A P^T) (I + eta R A P^T)^-1 (R A)
        CommonOps_DDRM.mult(residual, inverse, ra);
        CommonOps_DDRM.mult(learningRate, residual, apt, capacitance);
        for (int i = 0; i < capacitance.numRows; i++) {
            capacitance.add(i, i, 1.0);
        }
        if (!CommonOps_DDRM.invert(capacitance, capacitanceInverse) || MatrixFeatures_DDRM.hasUncountable(capacitanceInverse)) {
            refactor();
            return;
        }
        CommonOps_DDRM.mult(capacitanceInverse, ra, correction);
        CommonOps_DDRM.multAdd(-learningRate, apt, correction, inverse);
    }

    /** The learning rate eta of the step {@code W <- W - eta P^T R}. */
    public double learningRate() {
        return learningRate;
    }

    /**
     * P (O x N) of the last evaluated gradient {@code dL/dW = P^T R}: read-only view, valid until
     * the next {@link #evaluate()} (an update leaves it, so it describes the step just taken).
     */
    public DMatrixRMaj gradientLeft() {
        return p;
    }

    /** R (O x N) of the last evaluated gradient {@code dL/dW = P^T R}; as {@link #gradientLeft()}. */
    public DMatrixRMaj gradientRight() {
        return residual;
    }

    /** The tracked inverse {@code (I - W)^-1} (read-only view, for tests and diagnostics). */
    public DMatrixRMaj inverse() {
        return inverse;
    }

    private void refactor() {
        sinceRefactor = 0;
        CommonOps_DDRM.setIdentity(iMinusW);
        CommonOps_DDRM.subtractEquals(iMinusW, w.value());
        if (!solver.setA(iMinusW)) {
            throw new ArithmeticException("static network: I - W is singular");
        }
        solver.invert(inverse);
    }
}
