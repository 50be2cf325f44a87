/**
 * Feedback weights learned by regression discontinuity (science.md §11; Guerguiev, Kording and
 * Richards, ICLR 2020, arXiv 1910.01689; the BCI form of Lansdell and Kording, PLoS Comput Biol
 * 19:e1011005, 2023): leaky integrate-and-fire units with their non-reset drive, the kernel-filtered
 * spike trains, the near-threshold windows and their two linear fits per unit, whose jump at the
 * threshold is each unit's causal effect on a downstream signal, and the feedback estimator that
 * applies it to the static network's cursor error.
 */
package org.bcikit.rnn.rdd;
