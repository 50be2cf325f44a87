package org.bcikit.rnn.fit;

/**
 * A static network fitted by {@link MomentMatching}: its weights and how the fit went.
 *
 * @param w             recurrent weights (q x q)
 * @param u             input weights (q x K; one-hot inputs, so column k drives target k)
 * @param b             bias (q x 1)
 * @param noiseVariance the private noise variance the fit assumed
 * @param kl            the final mean KL divergence from the recorded Gaussians (nats)
 * @param klTrace       the mean KL at every step, the first at the initial weights
 * @param steps         Adam steps taken
 * @param converged     whether the KL fell below the tolerance
 */
public record MomentFit(org.ejml.data.DMatrixRMaj w, org.ejml.data.DMatrixRMaj u, org.ejml.data.DMatrixRMaj b,
                        double noiseVariance, double kl, double[] klTrace, int steps, boolean converged) {
}
