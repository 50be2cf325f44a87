package org.bcikit.rnn.model;

/**
 * The exact expected loss of a {@link StaticGaussianNetwork} and its two parts.
 *
 * @param total    variance + mean
 * @param variance {@code 1/2 tr(V Sigma V^T)}: output variance caused by the noise
 * @param mean     {@code 1/(2K) sum_k |V mu_k - t_k|^2}: error of the mean outputs
 */
public record StaticLoss(double total, double variance, double mean) {
}
