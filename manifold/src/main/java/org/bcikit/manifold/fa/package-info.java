/**
 * Factor analysis (EM on the sample covariance, SQUAREM-accelerated), its fitted model, and the
 * cross-validated choice of the manifold's dimensionality (science.md section 3).
 */
package org.bcikit.manifold.fa;
