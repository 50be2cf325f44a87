/**
 * Internal model estimation (IME; Golub, Yu &amp; Chase, eLife 4:e10015, 2015): the decoder a
 * subject believes it controls, estimated from closed-loop cursor trials by EM with a visual
 * feedback delay, its whisker predictions, and the angular errors of cursor and internal model.
 */
package org.bcikit.decoders.internalmodel;
