package org.bcikit.data;

/** How a trial ended, as far as the recording says. */
public enum Outcome {
    SUCCESS,
    FAILURE,
    /** The recording does not say (calibration blocks, or formats without outcomes). */
    UNKNOWN
}
