/**
 * The analysis of a real rig session (Golub et al. 2018) as an experiment type and for {@code
 * bcikit session}: reproduction, progress, and their figures.
 */
package org.bcikit.experiments.session;
