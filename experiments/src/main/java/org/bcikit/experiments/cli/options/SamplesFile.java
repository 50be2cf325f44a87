package org.bcikit.experiments.cli.options;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.bcikit.data.InvalidInputException;
import org.bcikit.data.ReadOptions;
import org.bcikit.data.Recording;
import org.bcikit.data.format.RecordingFormat;
import org.bcikit.data.format.Recordings;
import org.bcikit.data.npy.NpyArray;
import org.bcikit.data.npy.NpyRecordingReader;
import org.ejml.data.DMatrixRMaj;

/**
 * A samples x units matrix read from a file, with the units' ids: what the manifold commands fit.
 * Recordings in any format are read by {@link Recordings#read} and their trials stacked. A
 * {@code .npy} file without a sidecar is a plain samples x units matrix and is taken as it is,
 * negative values included: factor analysis needs real numbers, not counts, and the benchmark
 * data of {@code shared/bench/make_fa_data.py} is Gaussian (the recording reader, which checks
 * for counts, would reject it).
 *
 * @param samples n x q, samples as rows
 * @param unitIds one id per column
 * @param source the file, for messages
 */
public record SamplesFile(DMatrixRMaj samples, List<String> unitIds, Path source) {

    /** Reads {@code file} as {@code reading} says (format, bin width, field mapping). */
    public static SamplesFile read(Path file, RecordingOptions reading) throws IOException {
        ReadOptions options = reading.readOptions();
        RecordingFormat f = reading.format(file);
        if (f == RecordingFormat.NPY && Files.isRegularFile(file)
                && !Files.exists(NpyRecordingReader.sidecarOf(file))) {
            DMatrixRMaj m = readMatrix(file);
            List<String> ids = new ArrayList<>();
            for (int i = 0; i < m.numCols; i++) {
                ids.add(Integer.toString(i));
            }
            return new SamplesFile(m, ids, file);
        }
        Recording r = Recordings.read(file, f, options);
        return new SamplesFile(r.stackedCounts(), r.unitIds(), file);
    }

    /** True if {@code file} is read as a plain samples x units {@code .npy} matrix (no sidecar). */
    public static boolean isPlainNpy(Path file, RecordingOptions reading) {
        return reading.format(file) == RecordingFormat.NPY && Files.isRegularFile(file)
                && !Files.exists(NpyRecordingReader.sidecarOf(file));
    }

    /** Reads a plain {@code .npy} matrix (the benchmark's input), rejecting other shapes. */
    public static DMatrixRMaj readMatrix(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw InvalidInputException.in(file, Files.exists(file) ? "expected a file, found a folder" : "no such file");
        }
        NpyArray a = NpyArray.read(file);
        if (a.dimensions() != 2) {
            throw InvalidInputException.in(file, "expected a 2-D (samples x units) matrix, found shape "
                    + java.util.Arrays.toString(a.shape()));
        }
        return a.toMatrix();
    }

    /** The same file without the units at {@code columns} (ascending). */
    public SamplesFile without(int[] columns) {
        int q = samples.numCols;
        boolean[] drop = new boolean[q];
        for (int c : columns) {
            drop[c] = true;
        }
        List<String> ids = new ArrayList<>();
        int[] keep = new int[q - columns.length];
        for (int i = 0, k = 0; i < q; i++) {
            if (!drop[i]) {
                keep[k++] = i;
                ids.add(unitIds.get(i));
            }
        }
        DMatrixRMaj out = new DMatrixRMaj(samples.numRows, keep.length);
        for (int t = 0; t < samples.numRows; t++) {
            for (int k = 0; k < keep.length; k++) {
                out.data[t * keep.length + k] = samples.data[t * q + keep[k]];
            }
        }
        return new SamplesFile(out, ids, source);
    }

    /** The ids of the units at {@code columns}. */
    public List<String> ids(int[] columns) {
        List<String> out = new ArrayList<>();
        for (int c : columns) {
            out.add(unitIds.get(c));
        }
        return out;
    }
}
