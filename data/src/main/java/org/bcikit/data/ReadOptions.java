package org.bcikit.data;

import java.nio.file.Path;

/**
 * Choices a reader cannot take from the file alone.
 *
 * @param binWidth bin width in seconds for formats that store spike times (NWB); NaN means the
 *                 format's own value, or {@link #DEFAULT_BIN_WIDTH} where it has none
 * @param fields where the file keeps fields it does not name bcikit's way ({@code --fields});
 *               null means {@link FieldMapping#none()}
 */
public record ReadOptions(double binWidth, FieldMapping fields) {

    public ReadOptions {
        fields = fields == null ? FieldMapping.none() : fields;
    }

    /** Only a bin width, no field mapping. */
    public ReadOptions(double binWidth) {
        this(binWidth, FieldMapping.none());
    }

    /** The rig convention: 45 ms bins (Sadtler et al. 2014). */
    public static final double DEFAULT_BIN_WIDTH = 0.045;

    public static ReadOptions defaults() {
        return new ReadOptions(Double.NaN);
    }

    /** The same options with {@code fields} as the field mapping. */
    public ReadOptions withFields(FieldMapping fields) {
        return new ReadOptions(binWidth, fields);
    }

    /** The bin width to use: the chosen one, or {@code fallback} when none was chosen. */
    public double binWidthOr(double fallback) {
        return Double.isNaN(binWidth) ? fallback : binWidth;
    }

    /**
     * Sets the bin width of {@code b}, recording where it came from as metadata
     * {@code binWidthSource}: the file's own width ({@code fromFile}, NaN if the file has none)
     * wins, then this option, then {@link #DEFAULT_BIN_WIDTH}. A requested width different from
     * the file's is an error naming {@code file}, never a silent re-binning.
     */
    public void applyBinWidth(Recording.Builder b, double fromFile, Path file) {
        if (!Double.isNaN(fromFile)) {
            if (!Double.isNaN(binWidth) && binWidth != fromFile) {
                throw InvalidInputException.at(file, "bin_width", "the file's counts are binned at " + fromFile
                        + " s, but " + binWidth + " s was requested; binned counts cannot be re-binned");
            }
            b.binWidth(fromFile).metadata("binWidthSource", "file");
        } else if (!Double.isNaN(binWidth)) {
            b.binWidth(binWidth).metadata("binWidthSource", "option");
        } else {
            b.binWidth(DEFAULT_BIN_WIDTH).metadata("binWidthSource", "default");
        }
    }
}
