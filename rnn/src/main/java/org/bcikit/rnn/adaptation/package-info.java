/**
 * A static network adapting to a perturbed BCI readout: the manifold decoder it is read through,
 * matched WMP/OMP readouts, and exact-gradient adaptation with its measurements (Payeur et al.
 * 2023).
 */
package org.bcikit.rnn.adaptation;
