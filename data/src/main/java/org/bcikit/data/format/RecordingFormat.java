package org.bcikit.data.format;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import org.bcikit.data.InvalidInputException;
import org.bcikit.data.RecordingReader;
import org.bcikit.data.csv.CsvRecordingReader;
import org.bcikit.data.mat.MatReader;
import org.bcikit.data.npy.NpyRecordingReader;
import org.bcikit.data.nwb.NwbReader;

/** The recording formats bcikit reads, each with its file extension and reader. */
public enum RecordingFormat {
    /** Long CSV layout, one row per trial and bin ({@link CsvRecordingReader}). */
    CSV(".csv", CsvRecordingReader::new),
    /** Counts matrix in {@code .npy} with a JSON sidecar ({@link NpyRecordingReader}). */
    NPY(".npy", NpyRecordingReader::new),
    /** Neurodata Without Borders 2.x, HDF5 ({@link NwbReader}). */
    NWB(".nwb", NwbReader::new),
    /** MATLAB {@code .mat}, v5/v7 and v7.3 ({@link MatReader}). */
    MAT(".mat", MatReader::new);

    private final String extension;
    private final Supplier<RecordingReader> reader;

    RecordingFormat(String extension, Supplier<RecordingReader> reader) {
        this.extension = extension;
        this.reader = reader;
    }

    /** The file extension, with its dot: {@code ".csv"}. */
    public String extension() {
        return extension;
    }

    /** A new reader for this format. */
    public RecordingReader reader() {
        return reader.get();
    }

    /** The format of {@code file} by its extension (case-insensitive). */
    public static RecordingFormat forFile(Path file) {
        String name = file.getFileName() == null ? "" : file.getFileName().toString().toLowerCase(Locale.ROOT);
        for (RecordingFormat f : values()) {
            if (name.endsWith(f.extension)) {
                return f;
            }
        }
        throw InvalidInputException.in(file, "unknown file type; expected one of the extensions " + extensions()
                + " (or name the format with --format)");
    }

    /** Parses a {@code --format} value: a format name or extension, any case ({@code npy}, {@code .NPY}). */
    public static RecordingFormat parse(String text) {
        String t = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
        for (RecordingFormat f : values()) {
            if (t.equals(f.name().toLowerCase(Locale.ROOT)) || t.equals(f.extension) || t.equals(f.extension.substring(1))) {
                return f;
            }
        }
        throw new InvalidInputException("--format: expected one of "
                + Arrays.stream(values()).map(f -> f.name().toLowerCase(Locale.ROOT)).collect(Collectors.joining(", "))
                + ", found '" + text + "'");
    }

    private static String extensions() {
        return Arrays.stream(values()).map(RecordingFormat::extension).collect(Collectors.joining(", "));
    }
}
