/**
 * Internal model estimation on a real closed-loop session (Golub, Yu &amp; Chase 2015): TAU by
 * held-out likelihood, cross-validated angular errors, and the angular-error and whisker figures;
 * behind {@code bcikit internal-model} and the experiment type {@code internal-model}.
 */
package org.bcikit.experiments.internalmodel;
