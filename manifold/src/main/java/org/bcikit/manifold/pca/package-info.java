/**
 * Principal component analysis and its fitted model, with explained variances.
 */
package org.bcikit.manifold.pca;
