package org.bcikit.rnn.learning;

import java.util.SplittableRandom;

import org.bcikit.rnn.model.StaticGaussianNetwork;
import org.bcikit.rnn.model.StaticTask;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.factory.LinearSolverFactory_DDRM;
import org.ejml.interfaces.linsol.LinearSolverDense;

/**
 * Node perturbation (science.md §5.5; Fiete and Seung, Phys Rev Lett 97:048104, 2006; Werfel, Xie and
 * Seung, Neural Comput 17:2699, 2005) for the static network of Payeur, Orsborn and Lajoie 2023
 * (bioRxiv 2023.03.11.532146, §5.1), gradient-free: the learner never reads the decoder, only the
 * squared cursor error of noisy trials. Per step, {@code samples} trials cycle through the K
 * conditions; trial s has the network's own noise, {@code v_s = mu_k + A xi_s}, and a perturbed copy
 * with extra drive {@code zeta_s ~ N(0, sigma^2 I)}, {@code v~_s = v_s + A zeta_s}; with
 * {@code dL_s = 1/2 |V v~_s - t_k|^2 - 1/2 |V v_s - t_k|^2} the estimate is
 * <pre>
 *   G = (1/S) sum_s (dL_s / sigma^2) zeta_s v_s^T,
 * </pre>
 * whose expectation is, to first order in sigma, {@code A^T V^T E[(V v - t) v^T] = A^T V^T [V Sigma + e mu^T]}:
 * the exact gradient of §5.1, variance part included, because the presynaptic factor is the noisy
 * activity. Only W learns (the BCI protocol). Buffers are allocated at construction; {@link #estimate}
 * allocates nothing. Every draw comes from the generator given at construction.
 */
public final class StaticNodePerturbation {

    private final double sigma;
    private final int samples;
    private final SplittableRandom random;
    private final LinearSolverDense<DMatrixRMaj> solver;
    private final DMatrixRMaj iMinusW;
    private final DMatrixRMaj drive;
    private final DMatrixRMaj means;
    private final DMatrixRMaj noise;
    private final DMatrixRMaj perturbation;
    private final DMatrixRMaj activity;
    private final DMatrixRMaj response;
    private final DMatrixRMaj gradW;

    /**
     * @param network shapes the buffers (N units, K conditions)
     * @param sigma   perturbation standard deviation
     * @param samples trials per step
     * @param random  source of every draw
     */
    public StaticNodePerturbation(StaticGaussianNetwork network, double sigma, int samples, SplittableRandom random) {
        if (!(sigma > 0) || !Double.isFinite(sigma) || samples < 1) {
            throw new IllegalArgumentException("node perturbation: need sigma > 0 and samples >= 1, got " + sigma
                    + ", " + samples);
        }
        int n = network.units();
        this.sigma = sigma;
        this.samples = samples;
        this.random = random;
        solver = LinearSolverFactory_DDRM.lu(n);
        iMinusW = new DMatrixRMaj(n, n);
        drive = new DMatrixRMaj(n, network.task().conditions());
        means = new DMatrixRMaj(n, network.task().conditions());
        noise = new DMatrixRMaj(n, samples);
        perturbation = new DMatrixRMaj(n, samples);
        activity = new DMatrixRMaj(n, samples);
        response = new DMatrixRMaj(n, samples);
        gradW = new DMatrixRMaj(n, n);
    }

    /**
     * Draws this step's trials on {@code network} and passes the estimate G to its recurrent
     * structure's gradients (read-only access to the network otherwise). Returns G (a live view,
     * overwritten by the next call). Fails if I - W is singular.
     */
    public DMatrixRMaj estimate(StaticGaussianNetwork network) {
        int n = network.units();
        StaticTask task = network.task();
        int k = task.conditions();
        CommonOps_DDRM.setIdentity(iMinusW);
        CommonOps_DDRM.subtractEquals(iMinusW, network.recurrent().effective());
        if (!solver.setA(iMinusW)) {
            throw new ArithmeticException("node perturbation: I - W is singular");
        }
        CommonOps_DDRM.mult(network.inputWeights().value(), task.inputs(), drive);
        DMatrixRMaj b = network.bias().value();
        for (int i = 0; i < n; i++) {
            for (int c = 0; c < k; c++) {
                drive.data[i * k + c] += b.data[i];
            }
        }
        solver.solve(drive, means);
        double sd = Math.sqrt(network.noiseVariance());
        for (int idx = 0; idx < noise.data.length; idx++) {
            noise.data[idx] = sd * random.nextGaussian();
            perturbation.data[idx] = sigma * random.nextGaussian();
        }
        addInputNoise(network);
        solver.solve(noise, activity);
        solver.solve(perturbation, response);
        DMatrixRMaj v = network.readout();
        DMatrixRMaj t = task.targets();
        for (int s = 0; s < samples; s++) {
            int c = s % k;
            for (int i = 0; i < n; i++) {
                activity.unsafe_set(i, s, activity.unsafe_get(i, s) + means.unsafe_get(i, c));
            }
            double change = 0;
            for (int o = 0; o < v.numRows; o++) {
                double y = 0;
                double dy = 0;
                for (int i = 0; i < n; i++) {
                    y += v.unsafe_get(o, i) * activity.unsafe_get(i, s);
                    dy += v.unsafe_get(o, i) * response.unsafe_get(i, s);
                }
                double e = y - t.unsafe_get(o, c);
                change += e * dy + 0.5 * dy * dy;
            }
            double w = change / (sigma * sigma * samples);
            for (int i = 0; i < n; i++) {
                perturbation.unsafe_set(i, s, perturbation.unsafe_get(i, s) * w);
            }
        }
        CommonOps_DDRM.multTransB(perturbation, activity, gradW);
        network.recurrent().backpropagate(gradW);
        return gradW;
    }

    private void addInputNoise(StaticGaussianNetwork network) {
        double s2in = network.inputNoiseVariance();
        if (s2in <= 0) {
            return;
        }
        DMatrixRMaj u = network.inputWeights().value();
        double sd = Math.sqrt(s2in);
        for (int s = 0; s < samples; s++) {
            for (int d = 0; d < u.numCols; d++) {
                double z = sd * random.nextGaussian();
                for (int i = 0; i < u.numRows; i++) {
                    noise.add(i, s, u.unsafe_get(i, d) * z);
                }
            }
        }
    }

    /** The perturbation's standard deviation. */
    public double sigma() {
        return sigma;
    }
}
