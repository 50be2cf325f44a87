/**
 * A rig's own decoder work on a recording: calibrating the intuitive decoder (Sadtler et al.
 * 2014), rebuilding the decoder that drove a closed-loop session (Golub, Yu &amp; Chase 2015's
 * timing convention), designing a session's WMPs and OMPs (science.md §9), as commands and as
 * experiment types, with their figures.
 */
package org.bcikit.experiments.calibration;
