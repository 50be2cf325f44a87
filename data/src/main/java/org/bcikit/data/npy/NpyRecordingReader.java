package org.bcikit.data.npy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.ejml.data.DMatrixRMaj;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.bcikit.data.FieldMapping;
import org.bcikit.data.InvalidInputException;
import org.bcikit.data.ReadOptions;
import org.bcikit.data.Recording;
import org.bcikit.data.RecordingReader;
import org.bcikit.data.Trial;
import org.bcikit.data.io.JsonFiles;

/**
 * Reads a recording stored as a counts matrix in a {@code .npy} file (total bins x units, trials
 * stacked in order) with an optional JSON sidecar beside it: {@code session.json} for
 * {@code session.npy} (see {@link #sidecarOf(Path)}). Sidecar fields, all optional:
 *
 * <ul>
 *   <li>{@code binWidth} seconds per bin;
 *   <li>{@code unitIds} one string per column (default "0", "1", ...);
 *   <li>{@code trialLengths} bins per trial, or {@code trialStarts} first row of each trial
 *       (starting at 0); neither means one trial;
 *   <li>{@code targets} per trial {@code [x, y]} or null; {@code conditions} per trial an integer
 *       or null; {@code outcomes} per trial "success", "failure" or "unknown";
 *       {@code startTimes} per trial seconds;
 *   <li>{@code cursorPosition}, {@code cursorVelocity}: names of {@code .npy} files in the same
 *       folder holding (total bins x 2) matrices.
 * </ul>
 * Unknown fields are rejected, so a misspelt one is not silently ignored. A lab's own key names
 * can be read with a field mapping ({@link ReadOptions#fields()}, {@code --fields binWidth=dt}):
 * the named key is read as the field's sidecar key ({@code trialStart} is {@code trialStarts}). Without a sidecar the
 * matrix is one trial binned at the {@link ReadOptions} width or 0.045 s; the recording's
 * metadata says so ({@code note}, {@code binWidthSource}).
 */
public final class NpyRecordingReader implements RecordingReader {

    static final Set<String> FIELDS = Set.of("format", "binWidth", "unitIds", "trialLengths", "trialStarts",
            "targets", "conditions", "outcomes", "startTimes", "cursorPosition", "cursorVelocity");

    /** The sidecar of {@code session.npy}: {@code session.json} in the same folder. */
    public static Path sidecarOf(Path npy) {
        String name = npy.getFileName().toString();
        String stem = name.toLowerCase(Locale.ROOT).endsWith(".npy") ? name.substring(0, name.length() - 4) : name;
        return npy.resolveSibling(stem + ".json");
    }

    @Override
    public Recording read(Path file, ReadOptions options) throws IOException {
        DMatrixRMaj counts = NpyArray.readMatrix(file);
        if (counts.numRows == 0 || counts.numCols == 0) {
            throw InvalidInputException.in(file, "expected a (bins x units) matrix with at least one of each, found "
                    + counts.numRows + " x " + counts.numCols);
        }
        for (int k = 0; k < counts.getNumElements(); k++) {
            double v = counts.data[k];
            if (!Double.isFinite(v) || v < 0) {
                throw InvalidInputException.at(file, "counts[" + (k / counts.numCols) + "][" + (k % counts.numCols)
                        + "]", "expected a finite count >= 0, found " + v);
            }
        }
        Path sidecar = sidecarOf(file);
        Recording.Builder b = Recording.builder().source(file.toString());
        if (Files.exists(sidecar)) {
            JsonNode root = renamed(parseSidecar(file, sidecar, options.fields()), options.fields(), file, sidecar);
            b.metadata("sidecar", sidecar.getFileName().toString());
            new NpySidecar(file, sidecar, root, counts.numRows, counts.numCols).apply(b, counts, options);
        } else {
            b.numberedUnits(counts.numCols).metadata("note", "no sidecar " + sidecar.getFileName()
                    + ": read as one trial of " + counts.numRows + " bins");
            options.applyBinWidth(b, Double.NaN, file);
            b.addTrial(checkedTrial(Trial.builder().counts(counts), file, 0));
        }
        try {
            return b.build();
        } catch (InvalidInputException e) {
            throw e.inFile(file);
        }
    }

    /** Jackson's description without its pointer into the parser's source, which says nothing to a user. */
    private static String jsonProblem(JsonProcessingException e) {
        String m = String.valueOf(e.getOriginalMessage());
        for (String cut : new String[] {" (start marker at", "\n"}) {
            int at = m.indexOf(cut);
            if (at >= 0) {
                m = m.substring(0, at);
            }
        }
        return m.trim();
    }

    private static boolean mapped(FieldMapping mapping, String key) {
        for (String field : mapping.fields()) {
            if (mapping.source(field).names().contains(key)) {
                return true;
            }
        }
        return false;
    }

    static Trial checkedTrial(Trial.Builder t, Path file, int trial) {
        try {
            return t.build();
        } catch (InvalidInputException e) {
            throw InvalidInputException.at(file, "trial " + trial, e.getMessage());
        }
    }

    /** The sidecar key each {@code --fields} field stands for. */
    private static final Map<String, String> KEYS = Map.of("binWidth", "binWidth", "trialStart", "trialStarts",
            "unitIds", "unitIds", "targets", "targets", "conditions", "conditions", "outcomes", "outcomes",
            "cursorPosition", "cursorPosition", "cursorVelocity", "cursorVelocity");

    /**
     * The sidecar with the keys {@code mapping} names renamed to bcikit's ({@code binWidth=dt}
     * reads key {@code dt} as {@code binWidth}), so the rest of the reader sees one vocabulary.
     */
    private static JsonNode renamed(JsonNode root, FieldMapping mapping, Path npy, Path sidecar) {
        if (mapping.isEmpty()) {
            return root;
        }
        String where = "sidecar " + sidecar.getFileName();
        ObjectNode out = ((ObjectNode) root).deepCopy();
        for (String field : mapping.fields()) {
            FieldMapping.Source src = mapping.source(field);
            String option = "--fields " + field + "=" + src;
            String key = KEYS.get(field);
            if (key == null) {
                throw InvalidInputException.in(npy, option + ": the counts of an NPY recording are the .npy file "
                        + "itself; only sidecar keys can be mapped (" + String.join(", ", new TreeSet<>(KEYS.keySet())) + ")");
            }
            if (src.names().size() != 1 || src.transposed()) {
                throw InvalidInputException.in(npy, option + ": expected one sidecar key, without :T");
            }
            String name = src.names().get(0);
            if (!root.has(name)) {
                throw InvalidInputException.at(npy, where, option + ": no key '" + name + "' (keys: "
                        + String.join(", ", (Iterable<String>) root::fieldNames) + ")");
            }
            if (!name.equals(key) && root.has(key)) {
                throw InvalidInputException.at(npy, where, option + ": the sidecar has both '" + name + "' and '"
                        + key + "'; remove one");
            }
            out.remove(name);
            out.set(key, root.get(name));
        }
        return out;
    }

    private static JsonNode parseSidecar(Path npy, Path sidecar, FieldMapping mapping) throws IOException {
        String where = "sidecar " + sidecar.getFileName();
        JsonNode root;
        try {
            root = JsonFiles.mapper().readTree(sidecar.toFile());
        } catch (JsonProcessingException e) {
            throw InvalidInputException.at(npy, where, "expected valid JSON, found an error at line "
                    + e.getLocation().getLineNr() + ": " + jsonProblem(e));
        }
        if (root == null || !root.isObject()) {
            throw InvalidInputException.at(npy, where, "expected a JSON object with fields " + FIELDS);
        }
        List<String> unknown = new ArrayList<>();
        for (Iterator<String> it = root.fieldNames(); it.hasNext();) {
            String f = it.next();
            if (!FIELDS.contains(f) && !mapped(mapping, f)) {
                unknown.add(f);
            }
        }
        if (!unknown.isEmpty()) {
            throw InvalidInputException.at(npy, where + ": " + unknown.get(0), "unknown field; expected one of "
                    + new java.util.TreeSet<>(FIELDS));
        }
        return root;
    }
}
