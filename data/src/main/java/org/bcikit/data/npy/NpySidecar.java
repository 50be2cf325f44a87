package org.bcikit.data.npy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;

import com.fasterxml.jackson.databind.JsonNode;
import org.bcikit.data.InvalidInputException;
import org.bcikit.data.Outcome;
import org.bcikit.data.ReadOptions;
import org.bcikit.data.Recording;
import org.bcikit.data.Target;
import org.bcikit.data.Trial;

/**
 * Applies the fields of an NPY recording's JSON sidecar, checking each against the counts' shape.
 * Messages name the {@code .npy} file, then the sidecar and its field.
 */
final class NpySidecar {

    private final Path npy;
    private final Path sidecar;
    private final JsonNode root;
    private final int rows;
    private final int units;

    NpySidecar(Path npy, Path sidecar, JsonNode root, int rows, int units) {
        this.npy = npy;
        this.sidecar = sidecar;
        this.root = root;
        this.rows = rows;
        this.units = units;
    }

    void apply(Recording.Builder b, DMatrixRMaj counts, ReadOptions options) throws IOException {
        double binWidth = Double.NaN;
        if (root.has("binWidth")) {
            JsonNode w = root.get("binWidth");
            if (!w.isNumber() || !(w.asDouble() > 0) || Double.isInfinite(w.asDouble())) {
                throw fail("binWidth", "expected seconds per bin > 0, found " + w);
            }
            binWidth = w.asDouble();
        }
        options.applyBinWidth(b, binWidth, npy);
        b.unitIds(unitIds());
        int[] starts = trialStarts();
        int n = starts.length;
        JsonNode targets = perTrial("targets", n);
        JsonNode conditions = perTrial("conditions", n);
        JsonNode outcomes = perTrial("outcomes", n);
        JsonNode startTimes = perTrial("startTimes", n);
        DMatrixRMaj cursor = kinematics("cursorPosition");
        DMatrixRMaj velocity = kinematics("cursorVelocity");
        for (int i = 0; i < n; i++) {
            int end = i + 1 < n ? starts[i + 1] : rows;
            Trial.Builder t = Trial.builder().counts(CommonOps_DDRM.extract(counts, starts[i], end, 0, units))
                    .target(target(targets, conditions, i)).outcome(outcome(outcomes, i));
            if (startTimes != null) {
                t.startTime(number(startTimes.get(i), "startTimes[" + i + "]"));
            }
            if (cursor != null) {
                t.cursorPosition(CommonOps_DDRM.extract(cursor, starts[i], end, 0, 2));
            }
            if (velocity != null) {
                t.cursorVelocity(CommonOps_DDRM.extract(velocity, starts[i], end, 0, 2));
            }
            b.addTrial(NpyRecordingReader.checkedTrial(t, npy, i));
        }
    }

    private List<String> unitIds() {
        JsonNode ids = root.get("unitIds");
        List<String> out = new ArrayList<>();
        if (ids == null) {
            for (int i = 0; i < units; i++) {
                out.add(Integer.toString(i));
            }
            return out;
        }
        if (!ids.isArray() || ids.size() != units) {
            throw fail("unitIds", "expected an array of " + units + " strings (one per column), found "
                    + describe(ids));
        }
        for (JsonNode id : ids) {
            if (!id.isTextual() && !id.isIntegralNumber()) {
                throw fail("unitIds", "expected strings, found " + id);
            }
            out.add(id.asText());
        }
        return out;
    }

    private int[] trialStarts() {
        JsonNode lengths = root.get("trialLengths");
        JsonNode starts = root.get("trialStarts");
        if (lengths != null && starts != null) {
            throw fail("trialStarts", "expected trialLengths or trialStarts, not both");
        }
        if (lengths == null && starts == null) {
            return new int[] {0};
        }
        String field = lengths != null ? "trialLengths" : "trialStarts";
        JsonNode a = lengths != null ? lengths : starts;
        if (!a.isArray() || a.isEmpty()) {
            throw fail(field, "expected a non-empty array of integers, found " + describe(a));
        }
        int[] out = new int[a.size()];
        long sum = 0;
        for (int i = 0; i < a.size(); i++) {
            JsonNode v = a.get(i);
            if (!v.isIntegralNumber()) {
                throw fail(field + "[" + i + "]", "expected an integer, found " + v);
            }
            long x = v.asLong();
            if (lengths != null) {
                if (x < 1) {
                    throw fail(field + "[" + i + "]", "expected a trial length >= 1 bin, found " + x);
                }
                out[i] = (int) Math.min(sum, Integer.MAX_VALUE);
                sum += x;
            } else {
                long lo = i == 0 ? 0 : out[i - 1] + 1L;
                if (x < lo || x >= rows || (i == 0 && x != 0)) {
                    throw fail(field + "[" + i + "]", "expected " + (i == 0 ? "0 (the first row)"
                            : "a row in [" + lo + ", " + (rows - 1) + "] (increasing, each trial non-empty)")
                            + ", found " + x);
                }
                out[i] = (int) x;
            }
        }
        if (lengths != null && sum != rows) {
            throw fail(field, "expected lengths summing to " + rows + " (the rows of the counts matrix), found " + sum);
        }
        return out;
    }

    private JsonNode perTrial(String field, int n) {
        JsonNode a = root.get(field);
        if (a != null && (!a.isArray() || a.size() != n)) {
            throw fail(field, "expected an array with one entry per trial (" + n + "), found " + describe(a));
        }
        return a;
    }

    private Target target(JsonNode targets, JsonNode conditions, int i) {
        Integer condition = null;
        if (conditions != null && !conditions.get(i).isNull()) {
            if (!conditions.get(i).isIntegralNumber()) {
                throw fail("conditions[" + i + "]", "expected an integer or null, found " + conditions.get(i));
            }
            condition = conditions.get(i).asInt();
        }
        JsonNode xy = targets == null ? null : targets.get(i);
        if (xy == null || xy.isNull()) {
            return condition == null ? null : Target.condition(condition);
        }
        if (!xy.isArray() || xy.size() != 2) {
            throw fail("targets[" + i + "]", "expected [x, y] or null, found " + xy);
        }
        double x = number(xy.get(0), "targets[" + i + "][0]");
        double y = number(xy.get(1), "targets[" + i + "][1]");
        return condition == null ? Target.at(x, y) : Target.of(x, y, condition);
    }

    private Outcome outcome(JsonNode outcomes, int i) {
        if (outcomes == null || outcomes.get(i).isNull()) {
            return Outcome.UNKNOWN;
        }
        String s = outcomes.get(i).asText();
        try {
            return Outcome.valueOf(s.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw fail("outcomes[" + i + "]", "expected \"success\", \"failure\" or \"unknown\", found "
                    + outcomes.get(i));
        }
    }

    private DMatrixRMaj kinematics(String field) throws IOException {
        JsonNode name = root.get(field);
        if (name == null) {
            return null;
        }
        if (!name.isTextual() || name.asText().isEmpty()) {
            throw fail(field, "expected the name of a .npy file beside " + npy.getFileName() + ", found " + name);
        }
        Path f = npy.resolveSibling(name.asText());
        if (!Files.isRegularFile(f)) {
            throw fail(field, "expected the file " + f + ", found none");
        }
        DMatrixRMaj m = NpyArray.readMatrix(f);
        if (m.numRows != rows || m.numCols != 2) {
            throw fail(field, "expected " + rows + " x 2 (one [x, y] per row of "
                    + npy.getFileName() + ") in " + f.getFileName() + ", found " + m.numRows + " x " + m.numCols);
        }
        return m;
    }

    private double number(JsonNode v, String field) {
        if (v == null || !v.isNumber() || !Double.isFinite(v.asDouble())) {
            throw fail(field, "expected a finite number, found " + v);
        }
        return v.asDouble();
    }

    private static String describe(JsonNode n) {
        return n.isArray() ? "an array of " + n.size() : n.getNodeType().toString().toLowerCase(Locale.ROOT) + " " + n;
    }

    private InvalidInputException fail(String field, String problem) {
        return InvalidInputException.at(npy, "sidecar " + sidecar.getFileName() + ": " + field, problem);
    }
}
