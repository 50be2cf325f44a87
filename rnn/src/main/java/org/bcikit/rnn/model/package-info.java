/**
 * The learner models and their protocol ({@link org.bcikit.rnn.model.TrainableNetwork}): named
 * trainable parameters, recurrent-weight structures, the static linear-Gaussian network,
 * fixed-point and rate RNNs, initialisations, and the guard that stops a broken run (science.md
 * section 5).
 */
package org.bcikit.rnn.model;
