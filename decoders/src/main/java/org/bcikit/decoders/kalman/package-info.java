/**
 * The rig's intuitive decoder: the velocity Kalman filter on factor-analysis factors, its steady-
 * state gain, and its calibration from recorded counts and intended velocities (Sadtler et al.
 * 2014; science.md section 2).
 */
package org.bcikit.decoders.kalman;
