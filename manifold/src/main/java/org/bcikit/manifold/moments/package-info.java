/**
 * Sample moments of data stored samples x units (means and covariances normalised by n, pooled
 * per fold) and the symmetric eigen-decomposition the estimators build on.
 */
package org.bcikit.manifold.moments;
