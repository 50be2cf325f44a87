package org.bcikit.data.mat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.bcikit.data.InvalidInputException;
import org.bcikit.data.Target;
import org.bcikit.data.Trial;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;

/**
 * Closed-loop cursor trials in the layout of the internal-model-estimation codepack of Golub, Yu
 * &amp; Chase, "Internal models for interpreting neural population activity during sensorimotor
 * control", eLife 4:e10015 (2015) ({@code shared/data/ime2015/example_data.mat}): a struct
 * {@code data} (or the same fields at the top level, or as fields of the file's only struct) with
 * <pre>
 *   spike_counts     1 x N cell of q x T_n counts (any numeric class; uint8 in the example)
 *   cursor_position  1 x N cell of 2 x T_n positions, column t the first to reflect spikes column t
 *   target_position  1 x N cell of 2 x 1 target centres
 *   cursor_radius, target_radius   scalars in the units of the positions
 *   exp_id           optional text
 * </pre>
 * Each trial becomes a {@link Trial} bins-first, as everywhere in bcikit: counts T x q, cursor
 * position T x 2 (the transposes of the file's matrices), target at the stored centre. Every
 * complaint names the MATLAB path ({@code data.cursor_position{12}}).
 */
public final class CursorTrials {

    private static final String[] FIELDS = {"spike_counts", "cursor_position", "target_position"};

    private final Path file;
    private final List<Trial> trials;
    private final double cursorRadius;
    private final double targetRadius;
    private final String experimentId;
    /** Where the fields sit: {@code "data."}, or empty for top-level variables. */
    private final String prefix;

    private CursorTrials(Path file, String prefix, List<Trial> trials, double cursorRadius, double targetRadius,
            String id) {
        this.file = file;
        this.prefix = prefix;
        this.trials = Collections.unmodifiableList(trials);
        this.cursorRadius = cursorRadius;
        this.targetRadius = targetRadius;
        this.experimentId = id;
    }

    /** Reads the trials of {@code file} (MATLAB v5/v7 or v7.3). */
    public static CursorTrials read(Path file) throws IOException {
        try (MatFile mat = MatFile.open(file)) {
            return from(mat);
        } catch (InvalidInputException e) {
            throw e.inFile(file);
        }
    }

    private static CursorTrials from(MatFile mat) {
        Fields f = Fields.find(mat);
        MatValue counts = f.get("spike_counts");
        MatValue positions = f.get("cursor_position");
        MatValue targets = f.get("target_position");
        int n = cellLength(counts, -1);
        cellLength(positions, n);
        cellLength(targets, n);
        if (n == 0) {
            throw counts.error("expected at least one trial, found an empty cell array");
        }
        int units = -1;
        List<Trial> out = new ArrayList<>(n);
        for (int k = 0; k < n; k++) {
            MatValue c = counts.element(k);
            DMatrixRMaj u = c.matrix();
            if (k == 0) {
                units = u.numRows;
            } else if (u.numRows != units) {
                throw c.error("expected " + units + " units (rows) like " + counts.path() + "{1}, found "
                        + c.describe());
            }
            for (int i = 0; i < u.getNumElements(); i++) {
                if (!Double.isFinite(u.data[i]) || u.data[i] < 0) {
                    throw c.error("expected finite counts >= 0, found " + u.data[i] + " at row " + (i / u.numCols + 1)
                            + ", column " + (i % u.numCols + 1));
                }
            }
            MatValue p = positions.element(k);
            DMatrixRMaj pos = p.matrix(2, u.numCols);
            for (int i = 0; i < pos.getNumElements(); i++) {
                if (!Double.isFinite(pos.data[i])) {
                    throw p.error("expected finite positions, found " + pos.data[i] + " at row " + (i / pos.numCols + 1)
                            + ", column " + (i % pos.numCols + 1));
                }
            }
            MatValue g = targets.element(k);
            DMatrixRMaj target = g.column(2);
            if (!Double.isFinite(target.data[0]) || !Double.isFinite(target.data[1])) {
                throw g.error("expected a finite target position, found (" + target.data[0] + ", " + target.data[1] + ")");
            }
            DMatrixRMaj countsBinsFirst = new DMatrixRMaj(u.numCols, u.numRows);
            CommonOps_DDRM.transpose(u, countsBinsFirst);
            DMatrixRMaj posBinsFirst = new DMatrixRMaj(pos.numCols, 2);
            CommonOps_DDRM.transpose(pos, posBinsFirst);
            out.add(Trial.builder().counts(countsBinsFirst).cursorPosition(posBinsFirst)
                    .target(Target.at(target.data[0], target.data[1])).build());
        }
        double cursorRadius = radius(f.get("cursor_radius"));
        double targetRadius = radius(f.get("target_radius"));
        String id = f.has("exp_id") ? f.get("exp_id").string() : "";
        return new CursorTrials(mat.file(), f.struct() == null ? "" : f.struct().path() + ".", out, cursorRadius,
                targetRadius, id);
    }

    private static int cellLength(MatValue v, int expected) {
        if (!v.isCell()) {
            throw v.error("expected a 1 x N cell array (one element per trial), found a " + v.describe());
        }
        int n = v.numElements();
        if (expected >= 0 && n != expected) {
            throw v.error("expected " + expected + " trials like spike_counts, found a " + v.describe());
        }
        return n;
    }

    private static double radius(MatValue v) {
        double r = v.scalar();
        if (!(r >= 0) || !Double.isFinite(r)) {
            throw v.error("expected a radius >= 0, found " + r);
        }
        return r;
    }

    /** The file the trials were read from. */
    public Path file() {
        return file;
    }

    /** The trials in file order: counts T x q, cursor position T x 2, target. */
    public List<Trial> trials() {
        return trials;
    }

    /** Units per trial (the same in every trial). */
    public int units() {
        return trials.get(0).units();
    }

    /** {@code cursor_radius}, in the units of the positions. */
    public double cursorRadius() {
        return cursorRadius;
    }

    /** {@code target_radius}, in the units of the positions. */
    public double targetRadius() {
        return targetRadius;
    }

    /**
     * The MATLAB path of trial {@code trial}'s (0-based) element of {@code field}, for messages
     * about it: {@code path("cursor_position", 16)} is {@code data.cursor_position{17}}.
     */
    public String path(String field, int trial) {
        return prefix + field + "{" + (trial + 1) + "}";
    }

    /** {@code exp_id}, or empty when the file has none. */
    public String experimentId() {
        return experimentId;
    }

    /** Where the fields sit: in struct {@code data}, at the top level, or in the file's only struct. */
    private record Fields(MatFile mat, MatValue struct) {

        static Fields find(MatFile mat) {
            if (mat.has("data") && mat.variable("data").isStruct()) {
                return new Fields(mat, mat.variable("data"));
            }
            if (mat.has(FIELDS[0])) {
                return new Fields(mat, null);
            }
            List<String> names = mat.variableNames();
            if (names.size() == 1 && mat.variable(names.get(0)).hasField(FIELDS[0])) {
                return new Fields(mat, mat.variable(names.get(0)));
            }
            throw InvalidInputException.in(mat.file(), "expected a struct 'data' with fields "
                    + String.join(", ", FIELDS) + ", cursor_radius and target_radius (the layout of Golub et al. 2015), "
                    + "found: " + (names.isEmpty() ? "no variables" : String.join(", ", names)));
        }

        boolean has(String name) {
            return struct == null ? mat.has(name) : struct.hasField(name);
        }

        MatValue get(String name) {
            return struct == null ? mat.variable(name) : struct.field(name);
        }
    }
}
