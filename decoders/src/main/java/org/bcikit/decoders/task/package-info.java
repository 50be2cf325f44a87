/**
 * The closed-loop centre-out cursor task of Sadtler et al. 2014: what a subject sees each bin,
 * the subjects that answer, trials and blocks, and the session-level learning measures.
 */
package org.bcikit.decoders.task;
