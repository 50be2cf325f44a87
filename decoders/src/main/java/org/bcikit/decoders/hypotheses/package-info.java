/**
 * Golub et al. 2018's hypotheses for after-learning activity (realignment, rescaling,
 * reassociation, partial realignment, subselection): each hypothesis' predicted activity for a
 * real rig session, and the population signatures that compare predictions with the recorded
 * after-learning activity (science.md section 8).
 */
package org.bcikit.decoders.hypotheses;
