/**
 * Experiments on burstprop, the burst-dependent learning rule (Payeur et al., Nat Neurosci 2021;
 * science.md §11): {@code burstprop-xor}, XOR on a two-layer network with fixed random or
 * Kolen–Pollack feedback against the backprop reference.
 */
package org.bcikit.experiments.burstprop;
