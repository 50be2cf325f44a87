/**
 * Experiment types on the static linear-Gaussian network: WMP vs OMP from lazy and rich starts,
 * learning rates, incremental OMP training, low-rank starts (Payeur et al. 2023; Liu et al.
 * 2024).
 */
package org.bcikit.experiments.staticnet;
