/**
 * Learners fitted to a recording: a static linear-Gaussian network whose activity matches a
 * session's recorded per-target means and shared covariance, then adapted to the session's own
 * perturbed decoder to predict the activity after learning.
 */
package org.bcikit.rnn.fit;
