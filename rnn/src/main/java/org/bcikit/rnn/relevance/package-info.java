/**
 * Relevance learning by inhibition (Insel, Guerguiev &amp; Richards, "Irrelevance by inhibition:
 * Learning, computation, and implications for schizophrenia", PLoS Comput Biol 14:e1006315, 2018;
 * science.md §12): Poisson inputs drive an excitatory population through divisive inhibition by one
 * inhibitory unit; the excitatory output's norm is a relevance signal, and a TD(0) error on it
 * teaches the inputs to inhibition which stimuli to ignore. Pavlovian protocols (learning to ignore,
 * blocking, latent inhibition, learned irrelevance) are stimulus schedules run on the network.
 */
package org.bcikit.rnn.relevance;
