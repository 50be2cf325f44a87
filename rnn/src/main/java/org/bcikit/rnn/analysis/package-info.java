/**
 * Analyses of weight matrices: eigenvalue and singular-value spectra (normalised SVD entropy),
 * weight distributions with log-normal fits, and how lazily a network learned.
 */
package org.bcikit.rnn.analysis;
