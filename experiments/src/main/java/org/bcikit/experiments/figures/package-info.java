/**
 * The house style of every figure (PNG and SVG pairs) and the figures that stand apart from a
 * sweep: manifold fits and synthetic sessions.
 */
package org.bcikit.experiments.figures;
