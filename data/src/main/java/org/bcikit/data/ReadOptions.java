package org.bcikit.data;

/**
 * Choices a reader cannot take from the file alone.
 *
 * @param binWidth bin width in seconds for formats that store spike times (NWB); NaN means the
 *                 format's own value, or {@link #DEFAULT_BIN_WIDTH} where it has none
 */
public record ReadOptions(double binWidth) {

    /** The rig convention: 45 ms bins (Sadtler et al. 2014). */
    public static final double DEFAULT_BIN_WIDTH = 0.045;

    public static ReadOptions defaults() {
        return new ReadOptions(Double.NaN);
    }

    /** The bin width to use: the chosen one, or {@code fallback} when none was chosen. */
    public double binWidthOr(double fallback) {
        return Double.isNaN(binWidth) ? fallback : binWidth;
    }
}
