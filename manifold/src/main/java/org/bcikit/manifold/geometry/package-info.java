/**
 * How subspaces and populations compare: orthonormal bases, principal angles, manifold overlap
 * and the participation ratio.
 */
package org.bcikit.manifold.geometry;
