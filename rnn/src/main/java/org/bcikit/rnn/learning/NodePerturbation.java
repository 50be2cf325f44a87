package org.bcikit.rnn.learning;

import java.util.SplittableRandom;

import org.bcikit.data.random.GaussianFill;
import org.bcikit.rnn.model.FixedPointRnn;
import org.bcikit.rnn.model.FixedPointSolution;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;

/**
 * Node perturbation, the gradient-free baseline of science.md §5.5: inject Gaussian noise
 * {@code xi ~ N(0, sigma^2)} into every unit's pre-activation, observe how much the loss changes,
 * and move the weights by that change times the noise (Williams 1992, REINFORCE; Fiete and Seung
 * 2006, Phys Rev Lett 97:048104; Werfel, Xie and Seung 2005, Neural Comput 17:2699). For a
 * fixed-point network the estimate of dL/d(pre-activation drive) for sample s is
 * {@code e_s = (L(h~*_s) - L(h*_s)) xi_s / sigma^2}, whose expectation is the true gradient to
 * first order in sigma; since a constant drive c enters the fixed point exactly as {@code W h*}
 * and {@code U x + b} do, {@code dL/dW = sum_s e_s h*_s^T}, {@code dL/dU = sum_s e_s x_s^T} and
 * {@code dL/db = sum_s e_s} (h* taken from the unperturbed run, the presynaptic activity).
 *
 * <p>{@link #estimate} writes these estimates into the parameters' gradient buffers, so any
 * {@link org.bcikit.rnn.model.Optimizer} takes the step (with {@link GradientDescent} the weight change is
 * {@code -eta (L~ - L) xi h^T / sigma^2}: reward change times injected noise). Every draw comes
 * from the generator given at construction, so a seed fixes the run.
 */
public final class NodePerturbation {

    /** A per-sample loss of the network's fixed points (row {@code sample} of {@code states}). */
    @FunctionalInterface
    public interface SampleLoss {
        double loss(DMatrixRMaj states, int sample);
    }

    private final double sigma;
    private final SplittableRandom random;

    /**
     * @param sigma standard deviation of the injected noise (small against the pre-activations)
     * @param random the source of every noise draw (seed it for reproducible runs)
     */
    public NodePerturbation(double sigma, SplittableRandom random) {
        if (!(sigma > 0) || !Double.isFinite(sigma)) {
            throw new IllegalArgumentException("node perturbation: sigma must be positive and finite, got " + sigma);
        }
        this.sigma = sigma;
        this.random = random;
    }

    public double sigma() {
        return sigma;
    }

    /**
     * Solves the clean and the perturbed fixed points of inputs {@code x} (B x inputs), overwrites
     * every parameter's gradient with the node-perturbation estimate, and returns the clean loss
     * summed over the batch. Throws {@link IllegalStateException} if either solve does not
     * converge (a {@link org.bcikit.rnn.model.TrainingGuard} check on the caller's side gives the step number).
     */
    public double estimate(FixedPointRnn net, DMatrixRMaj x, SampleLoss loss) {
        int batch = x.numRows;
        int n = net.units();
        DMatrixRMaj noise = new DMatrixRMaj(batch, n);
        GaussianFill.fill(noise.data, sigma, random);
        FixedPointSolution clean = net.solve(x);
        FixedPointSolution perturbed = net.solve(x, noise);
        if (!clean.converged() || !perturbed.converged()) {
            throw new IllegalStateException("node perturbation: fixed point did not converge (residuals "
                    + clean.residual() + ", " + perturbed.residual() + ")");
        }
        DMatrixRMaj h = clean.states;
        DMatrixRMaj hp = perturbed.states;
        double total = 0;
        // e_s = (L~_s - L_s) xi_s / sigma^2, stored over the noise
        for (int s = 0; s < batch; s++) {
            double base = loss.loss(h, s);
            double change = loss.loss(hp, s) - base;
            total += base;
            for (int i = 0; i < n; i++) {
                noise.data[s * n + i] *= change / (sigma * sigma);
            }
        }
        DMatrixRMaj gradW = new DMatrixRMaj(n, n);
        CommonOps_DDRM.multTransA(noise, h, gradW);
        net.recurrent().backpropagate(gradW);
        CommonOps_DDRM.multTransA(noise, x, net.inputWeights().gradient());
        DMatrixRMaj gb = net.bias().gradient();
        CommonOps_DDRM.fill(gb, 0.0);
        for (int s = 0; s < batch; s++) {
            for (int i = 0; i < n; i++) {
                gb.data[i] += noise.data[s * n + i];
            }
        }
        return total;
    }
}
