package org.bcikit.rnn.feedback;

import org.bcikit.rnn.model.StaticGaussianNetwork;
import org.bcikit.rnn.model.StaticTask;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.factory.LinearSolverFactory_DDRM;
import org.ejml.interfaces.linsol.LinearSolverDense;

/**
 * The static network's weight update with the error carried back by a feedback matrix B instead of
 * the decoder's transpose (science.md §11, on the network of Payeur, Orsborn and Lajoie 2023,
 * bioRxiv 2023.03.11.532146, §5.1). The exact gradient is
 * {@code dL/dW = A^T V^T [V Sigma + (1/K) E Mu^T]}, {@code A = (I - W)^-1}; here the leading
 * {@code V^T} (the backward pass) becomes B while the bracket (the forward pass and the errors
 * {@code E = V Mu - T}) keeps the real, perturbed decoder:
 * <pre>
 *   G_B = A^T B [V Sigma + (1/K) E Mu^T].
 * </pre>
 * With {@code B = V^T} it is the exact gradient. The same factorisations as the exact path (LU of
 * I - W and of its transpose), so a step costs one more triangular solve; every buffer is allocated
 * at construction and {@link #backward} allocates nothing. Only dL/dW is written: in the BCI
 * protocol only W is plastic. Mutable and not thread-safe, like the network it serves.
 */
public final class FeedbackGradient {

    private final int conditions;
    private final LinearSolverDense<DMatrixRMaj> solver;
    private final LinearSolverDense<DMatrixRMaj> transposedSolver;
    private final DMatrixRMaj iMinusW;
    private final DMatrixRMaj iMinusWt;
    private final DMatrixRMaj drive;
    private final DMatrixRMaj means;
    private final DMatrixRMaj vt;
    private final DMatrixRMaj pt;
    private final DMatrixRMaj p;
    private final DMatrixRMaj pu;
    private final DMatrixRMaj errors;
    private final DMatrixRMaj ps0;
    private final DMatrixRMaj ps0t;
    private final DMatrixRMaj aps0t;
    private final DMatrixRMaj residual;
    private final DMatrixRMaj backward;
    private final DMatrixRMaj gradW;

    /** Buffers for networks shaped like {@code network} (N units, O outputs, K conditions). */
    public FeedbackGradient(StaticGaussianNetwork network) {
        int n = network.units();
        StaticTask task = network.task();
        int o = task.outputSize();
        conditions = task.conditions();
        solver = LinearSolverFactory_DDRM.lu(n);
        transposedSolver = LinearSolverFactory_DDRM.lu(n);
        iMinusW = new DMatrixRMaj(n, n);
        iMinusWt = new DMatrixRMaj(n, n);
        drive = new DMatrixRMaj(n, conditions);
        means = new DMatrixRMaj(n, conditions);
        vt = new DMatrixRMaj(n, o);
        pt = new DMatrixRMaj(n, o);
        p = new DMatrixRMaj(o, n);
        pu = new DMatrixRMaj(o, task.inputSize());
        errors = new DMatrixRMaj(o, conditions);
        ps0 = new DMatrixRMaj(o, n);
        ps0t = new DMatrixRMaj(n, o);
        aps0t = new DMatrixRMaj(n, o);
        residual = new DMatrixRMaj(o, n);
        backward = new DMatrixRMaj(n, o);
        gradW = new DMatrixRMaj(n, n);
    }

    /**
     * Computes the exact expected loss of {@code network} and passes {@code G_B} for
     * {@code feedback} (N x O) to its recurrent structure's gradients. Returns the loss (which does
     * not depend on B). Fails if I - W is singular.
     */
    public double backward(StaticGaussianNetwork network, DMatrixRMaj feedback) {
        double loss = forward(network);
        double s2 = network.noiseVariance();
        double s2in = network.inputNoiseVariance();
        DMatrixRMaj u = network.inputWeights().value();
        // V Sigma = (V A) S0 A^T with S0 = s2 I + s2_in U U^T
        ps0.setTo(p);
        CommonOps_DDRM.scale(s2, ps0);
        if (s2in > 0) {
            CommonOps_DDRM.multAddTransB(s2in, pu, u, ps0);
        }
        CommonOps_DDRM.transpose(ps0, ps0t);
        solver.solve(ps0t, aps0t);
        CommonOps_DDRM.transpose(aps0t, residual);
        CommonOps_DDRM.multAddTransB(1.0 / conditions, errors, means, residual);
        transposedSolver.solve(feedback, backward); // A^T B
        CommonOps_DDRM.mult(backward, residual, gradW);
        network.recurrent().backpropagate(gradW);
        return loss;
    }

    /** dL/dW from the last {@link #backward} (a live view, overwritten by the next call). */
    public DMatrixRMaj gradient() {
        return gradW;
    }

    private double forward(StaticGaussianNetwork network) {
        int n = network.units();
        CommonOps_DDRM.setIdentity(iMinusW);
        CommonOps_DDRM.subtractEquals(iMinusW, network.recurrent().effective());
        CommonOps_DDRM.transpose(iMinusW, iMinusWt);
        if (!solver.setA(iMinusW) || !transposedSolver.setA(iMinusWt)) {
            throw new ArithmeticException("feedback gradient: I - W is singular");
        }
        StaticTask task = network.task();
        DMatrixRMaj u = network.inputWeights().value();
        DMatrixRMaj b = network.bias().value();
        CommonOps_DDRM.mult(u, task.inputs(), drive);
        for (int i = 0; i < n; i++) {
            for (int c = 0; c < conditions; c++) {
                drive.data[i * conditions + c] += b.data[i];
            }
        }
        solver.solve(drive, means);
        DMatrixRMaj v = network.readout();
        CommonOps_DDRM.transpose(v, vt);
        transposedSolver.solve(vt, pt);
        CommonOps_DDRM.transpose(pt, p);
        CommonOps_DDRM.mult(v, means, errors);
        CommonOps_DDRM.subtractEquals(errors, task.targets());
        double noise = network.noiseVariance() * squaredNorm(p);
        if (network.inputNoiseVariance() > 0) {
            CommonOps_DDRM.mult(p, u, pu);
            noise += network.inputNoiseVariance() * squaredNorm(pu);
        }
        return 0.5 * noise + 0.5 * squaredNorm(errors) / conditions;
    }

    private static double squaredNorm(DMatrixRMaj m) {
        double s = 0;
        for (int i = 0; i < m.getNumElements(); i++) {
            s += m.data[i] * m.data[i];
        }
        return s;
    }
}
