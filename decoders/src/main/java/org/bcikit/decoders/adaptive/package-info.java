/**
 * Closed-loop decoder adaptation: decoders that re-fit themselves while the subject uses them
 * (SmoothBatch, recursive maximum likelihood) and the intention estimates they fit to (science.md
 * section 4).
 */
package org.bcikit.decoders.adaptive;
