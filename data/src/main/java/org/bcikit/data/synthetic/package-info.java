/**
 * Synthetic motor-cortex populations in a centre-out task: latent factors cosine-tuned to
 * intended velocity, Poisson counts, and their exact moments, so tests and the demo have data
 * with a known generating model.
 */
package org.bcikit.data.synthetic;
