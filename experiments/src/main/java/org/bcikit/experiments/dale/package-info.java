/**
 * Experiment types on Dale's-law networks and the geometry of plasticity: spectra, EG vs GD on
 * sparse regression, and WMP vs OMP adaptation under GD and EG.
 */
package org.bcikit.experiments.dale;
