package org.bcikit.rnn.model;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.factory.LinearSolverFactory_DDRM;
import org.ejml.interfaces.linsol.LinearSolverDense;

/**
 * A nonlinear fixed-point RNN (science.md §5.2): the network's response to input x is the fixed
 * point {@code h* = phi(W h* + U x + b)}, found by damped fixed-point iteration or by Newton's
 * method, with gradients by implicit differentiation — one adjoint solve
 * {@code (I - J)^T lambda = dL/dh*} with {@code J = diag(phi') W}, then
 * {@code dL/dW = (lambda . phi') h*^T} — instead of unrolling the solver (the implicit-function
 * theorem as used by deep equilibrium models, Bai, Kolter and Koltun NeurIPS 2019; for the
 * BCI-learning setting see Payeur, Orsborn and Lajoie 2023, whose linear network is the
 * {@code phi = identity} case).
 *
 * <p>The recurrent matrix is any {@link RecurrentWeights} structure (dense, ColEI, DANN), so
 * Dale's-law networks train through the same code: the model computes dL/dW for the effective
 * matrix and the structure maps it onto its own parameters. The input weights U (N x inputs,
 * named "U") and biases b (N x 1, named "b") are {@link Parameter}s, so plasticity masks and every
 * {@link Optimizer} apply.
 *
 * <p>Batches are batch-major: inputs B x inputs, states B x N (one sample per row), so each
 * iteration is one matrix product for the whole batch. A solve allocates its result and a few
 * B x N work matrices; the iterations themselves allocate nothing. Not thread-safe while being
 * trained (the parameters are shared with the optimiser). It follows the {@link TrainableNetwork}
 * protocol: it owns copies of what it is given, and {@link #gradient} overwrites the gradients.
 */
public final class FixedPointRnn implements TrainableNetwork {

    /** How the fixed point (and the adjoint equation) is solved. */
    public enum Solver {
        /**
         * {@code h <- (1 - a) h + a phi(W h + U x + b)}; the adjoint by the same damped iteration
         * {@code lambda <- (1 - a) lambda + a (J^T lambda + g)}, which converges at the forward
         * rate (both are governed by the spectrum of J).
         */
        DAMPED_ITERATION,
        /**
         * Newton on {@code h - phi(W h + U x + b) = 0} per sample (an LU solve with
         * {@code I - J} each iteration, step scaled by the damping); the adjoint by one LU solve
         * with {@code (I - J)^T}.
         */
        NEWTON
    }

    /**
     * Solver configuration.
     *
     * @param solver iteration or Newton
     * @param damping step fraction a in (0, 1] (1 = plain iteration / full Newton step)
     * @param tolerance convergence threshold on {@code max |h - phi(W h + U x + b)|} (the adjoint
     *        uses it relative to {@code max |dL/dh*|})
     * @param maxIterations iterations allowed before the solve reports non-convergence
     */
    public record Settings(Solver solver, double damping, double tolerance, int maxIterations) {

        public Settings {
            if (solver == null) {
                throw new IllegalArgumentException("fixed-point settings: solver is required");
            }
            if (!(damping > 0 && damping <= 1)) {
                throw new IllegalArgumentException("fixed-point settings: damping must be in (0, 1], got " + damping);
            }
            if (!(tolerance > 0)) {
                throw new IllegalArgumentException("fixed-point settings: tolerance must be positive, got " + tolerance);
            }
            if (maxIterations < 1) {
                throw new IllegalArgumentException("fixed-point settings: maxIterations must be >= 1, got " + maxIterations);
            }
        }

        /** Plain (undamped) iteration to 1e-10, at most 1000 iterations. */
        public static Settings defaults() {
            return new Settings(Solver.DAMPED_ITERATION, 1.0, 1e-10, 1000);
        }

        public Settings withSolver(Solver s) {
            return new Settings(s, damping, tolerance, maxIterations);
        }

        public Settings withDamping(double a) {
            return new Settings(solver, a, tolerance, maxIterations);
        }

        public Settings withTolerance(double t) {
            return new Settings(solver, damping, t, maxIterations);
        }

        public Settings withMaxIterations(int m) {
            return new Settings(solver, damping, tolerance, m);
        }
    }

    private final RecurrentWeights recurrent;
    private final Parameter input;
    private final Parameter bias;
    private final Activation activation;
    private final Settings settings;
    private final List<Parameter> parameters;

    /**
     * A network over copies of its arguments: it owns its parameters (reach them through
     * {@link #recurrent()}, {@link #inputWeights()}, {@link #bias()}), so training does not change
     * the objects passed in.
     *
     * @param recurrent the recurrent structure (copied with {@link RecurrentWeights#copy()})
     * @param inputWeights U, N x inputs (copied)
     * @param bias b, N x 1 (copied)
     */
    public FixedPointRnn(RecurrentWeights recurrent, DMatrixRMaj inputWeights, DMatrixRMaj bias,
            Activation activation, Settings settings) {
        int n = recurrent.units();
        if (inputWeights.numRows != n) {
            throw new IllegalArgumentException("fixed-point RNN: U must have " + n + " rows (one per unit), got "
                    + inputWeights.numRows + "x" + inputWeights.numCols);
        }
        if (bias.numRows != n || bias.numCols != 1) {
            throw new IllegalArgumentException("fixed-point RNN: b must be " + n + "x1, got " + bias.numRows + "x" + bias.numCols);
        }
        if (activation == null || settings == null) {
            throw new IllegalArgumentException("fixed-point RNN: activation and settings are required");
        }
        this.recurrent = recurrent.copy();
        this.input = new Parameter("U", inputWeights.copy());
        this.bias = new Parameter("b", bias.copy());
        this.activation = activation;
        this.settings = settings;
        List<Parameter> all = new ArrayList<>(this.recurrent.parameters());
        all.add(this.input);
        all.add(this.bias);
        this.parameters = Collections.unmodifiableList(all);
    }

    @Override
    public int units() {
        return recurrent.units();
    }

    /** Number of inputs. */
    public int inputs() {
        return input.value().numCols;
    }

    public Activation activation() {
        return activation;
    }

    public Settings settings() {
        return settings;
    }

    @Override
    public RecurrentWeights recurrent() {
        return recurrent;
    }

    /** U (N x inputs). */
    @Override
    public Parameter inputWeights() {
        return input;
    }

    /** b (N x 1). */
    @Override
    public Parameter bias() {
        return bias;
    }

    /** Every trainable parameter: the recurrent structure's, then U, then b. Same list every call. */
    @Override
    public List<Parameter> parameters() {
        return parameters;
    }

    /** The same network with another solver configuration (shares the parameters). */
    public FixedPointRnn withSettings(Settings s) {
        return new FixedPointRnn(this, s);
    }

    private FixedPointRnn(FixedPointRnn shared, Settings s) {
        this.recurrent = shared.recurrent;
        this.input = shared.input;
        this.bias = shared.bias;
        this.activation = shared.activation;
        this.settings = s;
        this.parameters = shared.parameters;
    }

    /** An independent deep copy (own parameters and masks). */
    @Override
    public FixedPointRnn copy() {
        FixedPointRnn c = new FixedPointRnn(recurrent, input.value(), bias.value(), activation, settings);
        c.input.mask(input.mask() == null ? null : input.mask().copy());
        c.bias.mask(bias.mask() == null ? null : bias.mask().copy());
        return c;
    }

    /** After an optimiser step: lets the recurrent structure apply its constraints and rebuild W. */
    public void refresh() {
        recurrent.refresh();
    }

    /**
     * Solves for the fixed points of a batch of inputs (B x inputs, one sample per row), starting
     * from h = 0. Never throws on non-convergence: check {@link FixedPointSolution#converged()}
     * (or let a {@link TrainingGuard} do it).
     */
    public FixedPointSolution solve(DMatrixRMaj x) {
        return solve(x, null);
    }

    /**
     * As {@link #solve(DMatrixRMaj)} with an extra additive drive {@code xi} (B x N, or null) on
     * every unit's pre-activation, {@code h* = phi(W h* + U x + b + xi)}: the injected noise of
     * {@link org.bcikit.rnn.learning.NodePerturbation}, or an external stimulation.
     */
    public FixedPointSolution solve(DMatrixRMaj x, DMatrixRMaj perturbation) {
        if (perturbation != null && (perturbation.numRows != x.numRows || perturbation.numCols != units())) {
            throw new IllegalArgumentException("fixed-point RNN: perturbation must be " + x.numRows + "x" + units()
                    + ", got " + perturbation.numRows + "x" + perturbation.numCols);
        }
        if (x.numCols != inputs()) {
            throw new IllegalArgumentException("fixed-point RNN: inputs must have " + inputs() + " columns, got "
                    + x.numRows + "x" + x.numCols);
        }
        int batch = x.numRows;
        int n = units();
        DMatrixRMaj drive = new DMatrixRMaj(batch, n);
        CommonOps_DDRM.multTransB(x, input.value(), drive);
        for (int s = 0; s < batch; s++) {
            for (int i = 0; i < n; i++) {
                drive.data[s * n + i] += bias.value().data[i];
            }
        }
        if (perturbation != null) {
            CommonOps_DDRM.addEquals(drive, perturbation);
        }
        DMatrixRMaj h = new DMatrixRMaj(batch, n);
        DMatrixRMaj z = new DMatrixRMaj(batch, n);
        int iterations = settings.solver() == Solver.NEWTON ? newton(drive, h) : iterate(drive, h, z);
        // Diagnose at the returned h and keep phi' there: exactly what the adjoint needs.
        DMatrixRMaj slopes = new DMatrixRMaj(batch, n);
        double residual = evaluate(h, drive, z, slopes);
        boolean converged = residual <= settings.tolerance();
        return new FixedPointSolution(x.copy(), h, slopes,
                new FixedPointSolution.Diagnostics(iterations, residual, converged));
    }

    /**
     * Writes {@code z <- phi(h W^T + drive)} and {@code slopes <- phi'} at that pre-activation, and
     * returns {@code max |phi(...) - h|} (NaN/infinite if anything is not finite).
     */
    private double evaluate(DMatrixRMaj h, DMatrixRMaj drive, DMatrixRMaj z, DMatrixRMaj slopes) {
        CommonOps_DDRM.multTransB(h, recurrent.effective(), z);
        double residual = 0.0;
        for (int k = 0; k < z.data.length; k++) {
            double pre = z.data[k] + drive.data[k];
            double f = activation.value(pre);
            z.data[k] = f;
            if (slopes != null) {
                slopes.data[k] = activation.derivativeFromValue(f, pre);
            }
            double r = Math.abs(f - h.data[k]);
            if (!(r <= residual)) {
                residual = r;
                if (!Double.isFinite(r)) {
                    return r;
                }
            }
        }
        return residual;
    }

    /** Damped iteration on the whole batch; h (zero on entry) holds the result. */
    private int iterate(DMatrixRMaj drive, DMatrixRMaj h, DMatrixRMaj z) {
        double a = settings.damping();
        for (int it = 1; it <= settings.maxIterations(); it++) {
            double residual = evaluate(h, drive, z, null);
            if (!Double.isFinite(residual)) {
                h.setTo(z);
                return it;
            }
            if (residual <= settings.tolerance()) {
                // return h itself (not phi(h)) so the reported residual is exactly the one tested
                return it;
            }
            for (int k = 0; k < h.data.length; k++) {
                h.data[k] += a * (z.data[k] - h.data[k]);
            }
        }
        return settings.maxIterations();
    }

    /** Newton per sample; h (zero on entry) holds the result. Returns the most iterations any sample took. */
    private int newton(DMatrixRMaj drive, DMatrixRMaj h) {
        int n = units();
        double[] w = recurrent.effective().data;
        DMatrixRMaj jac = new DMatrixRMaj(n, n);
        DMatrixRMaj residual = new DMatrixRMaj(n, 1);
        DMatrixRMaj step = new DMatrixRMaj(n, 1);
        double[] slope = new double[n];
        LinearSolverDense<DMatrixRMaj> lu = LinearSolverFactory_DDRM.lu(n);
        int worst = 0;
        for (int s = 0; s < drive.numRows; s++) {
            int row = s * n;
            int used = settings.maxIterations();
            for (int it = 1; it <= settings.maxIterations(); it++) {
                double max = 0.0;
                for (int i = 0; i < n; i++) {
                    double pre = drive.data[row + i];
                    for (int j = 0; j < n; j++) {
                        pre += w[i * n + j] * h.data[row + j];
                    }
                    double f = activation.value(pre);
                    slope[i] = activation.derivativeFromValue(f, pre);
                    residual.data[i] = h.data[row + i] - f;
                    max = Math.max(max, Math.abs(residual.data[i]));
                }
                if (!Double.isFinite(max) || max <= settings.tolerance()) {
                    used = it;
                    break;
                }
                // I - diag(phi') W
                for (int i = 0; i < n; i++) {
                    for (int j = 0; j < n; j++) {
                        jac.data[i * n + j] = (i == j ? 1.0 : 0.0) - slope[i] * w[i * n + j];
                    }
                }
                if (!lu.setA(jac)) {
                    used = it;
                    break;
                }
                lu.solve(residual, step);
                for (int i = 0; i < n; i++) {
                    h.data[row + i] -= settings.damping() * step.data[i];
                }
            }
            worst = Math.max(worst, used);
        }
        return worst;
    }

    /**
     * The implicit gradient of a loss L(h*) given {@code dLdh} = dL/dh* (B x N, row per sample,
     * summed over the batch): solves the adjoint {@code (I - J)^T lambda = dL/dh*} for every sample
     * with this network's solver, then overwrites the gradients of every parameter — the recurrent
     * structure's (through {@link RecurrentWeights#backpropagate}), U's and b's. The solution must
     * have been computed with the current parameter values. Returns the adjoint solve's
     * diagnostics; when it did not converge the gradients are not to be trusted.
     */
    public FixedPointSolution.Diagnostics gradient(FixedPointSolution solution, DMatrixRMaj dLdh) {
        DMatrixRMaj h = solution.states;
        if (dLdh.numRows != h.numRows || dLdh.numCols != h.numCols) {
            throw new IllegalArgumentException("fixed-point RNN: dL/dh* must be " + h.numRows + "x" + h.numCols
                    + ", got " + dLdh.numRows + "x" + dLdh.numCols);
        }
        DMatrixRMaj lambda = new DMatrixRMaj(h.numRows, h.numCols);
        FixedPointSolution.Diagnostics adjoint = settings.solver() == Solver.NEWTON
                ? adjointByLu(solution.slopes, dLdh, lambda)
                : adjointByIteration(solution.slopes, dLdh, lambda);
        // delta = phi' . lambda; then dW = delta^T h, dU = delta^T x, db = column sums of delta
        DMatrixRMaj delta = lambda;
        for (int k = 0; k < delta.data.length; k++) {
            delta.data[k] *= solution.slopes.data[k];
        }
        int n = units();
        DMatrixRMaj gradW = new DMatrixRMaj(n, n);
        CommonOps_DDRM.multTransA(delta, h, gradW);
        recurrent.backpropagate(gradW);
        CommonOps_DDRM.multTransA(delta, solution.inputs, input.gradient());
        double[] gb = bias.gradient().data;
        java.util.Arrays.fill(gb, 0.0);
        for (int s = 0; s < delta.numRows; s++) {
            for (int i = 0; i < n; i++) {
                gb[i] += delta.data[s * n + i];
            }
        }
        return adjoint;
    }

    /** lambda <- (1 - a) lambda + a ((phi' . lambda) W + g), batch-major: row s is lambda_s^T. */
    private FixedPointSolution.Diagnostics adjointByIteration(DMatrixRMaj slopes, DMatrixRMaj g, DMatrixRMaj lambda) {
        double scale = Math.max(CommonOps_DDRM.elementMaxAbs(g), Double.MIN_NORMAL);
        double a = settings.damping();
        DMatrixRMaj weighted = new DMatrixRMaj(g.numRows, g.numCols);
        DMatrixRMaj next = new DMatrixRMaj(g.numRows, g.numCols);
        lambda.setTo(g);
        double residual = Double.NaN;
        for (int it = 1; it <= settings.maxIterations(); it++) {
            for (int k = 0; k < weighted.data.length; k++) {
                weighted.data[k] = slopes.data[k] * lambda.data[k];
            }
            CommonOps_DDRM.mult(weighted, recurrent.effective(), next);
            residual = 0.0;
            for (int k = 0; k < next.data.length; k++) {
                double target = next.data[k] + g.data[k];
                double r = Math.abs(target - lambda.data[k]);
                residual = r > residual || Double.isNaN(r) ? r : residual;
                lambda.data[k] += a * (target - lambda.data[k]);
            }
            residual /= scale;
            if (!(residual > settings.tolerance())) {
                return new FixedPointSolution.Diagnostics(it, residual, Double.isFinite(residual));
            }
        }
        return new FixedPointSolution.Diagnostics(settings.maxIterations(), residual, false);
    }

    /** One LU solve of (I - diag(phi') W)^T lambda = g per sample. */
    private FixedPointSolution.Diagnostics adjointByLu(DMatrixRMaj slopes, DMatrixRMaj g, DMatrixRMaj lambda) {
        int n = units();
        double[] w = recurrent.effective().data;
        DMatrixRMaj system = new DMatrixRMaj(n, n);
        DMatrixRMaj rhs = new DMatrixRMaj(n, 1);
        DMatrixRMaj sol = new DMatrixRMaj(n, 1);
        LinearSolverDense<DMatrixRMaj> lu = LinearSolverFactory_DDRM.lu(n);
        double scale = Math.max(CommonOps_DDRM.elementMaxAbs(g), Double.MIN_NORMAL);
        double worst = 0.0;
        for (int s = 0; s < g.numRows; s++) {
            int row = s * n;
            // (I - D W)^T = I - W^T D: entry (i, j) = delta_ij - W_ji phi'_j
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < n; j++) {
                    system.data[i * n + j] = (i == j ? 1.0 : 0.0) - w[j * n + i] * slopes.data[row + j];
                }
            }
            System.arraycopy(g.data, row, rhs.data, 0, n);
            if (!lu.setA(system)) {
                return new FixedPointSolution.Diagnostics(1, Double.POSITIVE_INFINITY, false);
            }
            lu.solve(rhs, sol);
            System.arraycopy(sol.data, 0, lambda.data, row, n);
            // residual of the original equation, from W and phi' (the solver may have overwritten system)
            for (int i = 0; i < n; i++) {
                double r = sol.data[i] - rhs.data[i];
                for (int j = 0; j < n; j++) {
                    r -= w[j * n + i] * slopes.data[row + j] * sol.data[j];
                }
                worst = Math.abs(r) > worst || Double.isNaN(r) ? Math.abs(r) : worst;
            }
        }
        double residual = worst / scale;
        return new FixedPointSolution.Diagnostics(1, residual, residual <= settings.tolerance());
    }
}
