/**
 * Perturbations of a decoder (within-manifold, outside-manifold, rotation), the candidates a
 * session can draw, and how a WMP and an OMP of matched initial difficulty are chosen (Sadtler et
 * al. 2014; Payeur et al. 2023).
 */
package org.bcikit.decoders.perturbation;
