/**
 * Learners that must estimate their own feedback (science.md §11): the static network's error
 * returns through a feedback matrix B instead of the decoder's transpose, with B exact, stale,
 * fixed random (feedback alignment, Lillicrap et al. 2016) or regressed from how activity co-varies
 * with the cursor; the feedback gradient, its adaptation loop and the angle between B and the
 * decoder.
 */
package org.bcikit.rnn.feedback;
