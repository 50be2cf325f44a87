package org.bcikit.data.csv;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.bcikit.data.InvalidInputException;
import org.bcikit.data.Outcome;
import org.bcikit.data.Recording;
import org.bcikit.data.Target;
import org.bcikit.data.Trial;
import org.ejml.data.DMatrixRMaj;

/** Groups the data rows of a long-layout CSV into trials, checking each cell as it goes. */
final class CsvTrialAssembler {

    private final Path file;
    private final CsvRecordingReader.CsvColumns cols;
    private final Set<String> finished = new HashSet<>();

    private String label;
    private int firstLine;
    private List<String> firstRow;
    private final List<double[]> counts = new ArrayList<>();
    private final List<double[]> cursor = new ArrayList<>();
    private final List<double[]> velocity = new ArrayList<>();

    CsvTrialAssembler(Path file, CsvRecordingReader.CsvColumns cols) {
        this.file = file;
        this.cols = cols;
    }

    /** Reads every remaining record of {@code in} (the header was read already) into {@code b}. */
    void readRows(CsvLines.Reader in, Recording.Builder b) throws IOException {
        for (CsvLines.Row record = in.next(); record != null; record = in.next()) {
            int lineNo = record.line();
            List<String> row = record.fields();
            if (row == null) {
                throw InvalidInputException.at(file, "line " + lineNo, "expected a closing double quote");
            }
            if (row.size() != cols.names().size()) {
                throw InvalidInputException.at(file, "line " + lineNo, "expected " + cols.names().size()
                        + " fields as in the header, found " + row.size());
            }
            String t = row.get(cols.trial());
            if (t.isEmpty()) {
                throw at(lineNo, cols.trial(), "expected a trial label, found an empty cell");
            }
            if (!t.equals(label)) {
                flush(b);
                if (!finished.add(t)) {
                    throw at(lineNo, cols.trial(), "expected the rows of trial '" + t
                            + "' to be contiguous, found it again after other trials");
                }
                label = t;
                firstLine = lineNo;
                firstRow = row;
            }
            addRow(row, lineNo);
        }
        flush(b);
        if (finished.isEmpty()) {
            throw InvalidInputException.in(file, "expected at least one data row after the header, found none");
        }
    }

    private void addRow(List<String> row, int lineNo) {
        String bin = row.get(cols.bin());
        if (!bin.equals(Integer.toString(counts.size()))) {
            throw at(lineNo, cols.bin(), "expected bin " + counts.size() + " (a trial's bins in order from 0), found '"
                    + bin + "'");
        }
        for (int c : new int[] {cols.targetX(), cols.targetY(), cols.condition(), cols.outcome()}) {
            if (c >= 0 && !row.get(c).equals(firstRow.get(c))) {
                throw at(lineNo, c, "expected the trial's value '" + firstRow.get(c) + "' (line " + firstLine
                        + ") on every row of trial '" + label + "', found '" + row.get(c) + "'");
            }
        }
        int[] units = cols.units();
        double[] u = new double[units.length];
        for (int j = 0; j < units.length; j++) {
            double v = number(row, units[j], lineNo);
            if (!Double.isFinite(v) || v < 0) {
                throw at(lineNo, units[j], "expected a finite count >= 0, found " + row.get(units[j]));
            }
            u[j] = v;
        }
        counts.add(u);
        pair(row, cols.cursorX(), cols.cursorY(), lineNo, cursor);
        pair(row, cols.velX(), cols.velY(), lineNo, velocity);
    }

    /** Adds an (x, y) pair; a trial's pairs must be all present or all empty. */
    private void pair(List<String> row, int cx, int cy, int lineNo, List<double[]> into) {
        if (cx < 0) {
            return;
        }
        boolean empty = row.get(cx).isEmpty() && row.get(cy).isEmpty();
        boolean trialEmpty = firstRow.get(cx).isEmpty() && firstRow.get(cy).isEmpty();
        if (empty != trialEmpty) {
            throw at(lineNo, cx, "expected the cells of trial '" + label + "' to be all numbers or all empty, "
                    + "found a mix (line " + firstLine + " is " + (trialEmpty ? "empty" : "filled") + ")");
        }
        if (empty) {
            return;
        }
        double x = number(row, cx, lineNo);
        double y = number(row, cy, lineNo);
        for (int c : new int[] {cx, cy}) {
            if (!Double.isFinite(number(row, c, lineNo))) {
                throw at(lineNo, c, "expected a finite number, found " + row.get(c));
            }
        }
        into.add(new double[] {x, y});
    }

    private void flush(Recording.Builder b) {
        if (label == null) {
            return;
        }
        Trial.Builder t = Trial.builder().counts(new DMatrixRMaj(counts.toArray(new double[0][])))
                .target(target()).outcome(outcome()).metadata("trial", label);
        if (!cursor.isEmpty()) {
            t.cursorPosition(new DMatrixRMaj(cursor.toArray(new double[0][])));
        }
        if (!velocity.isEmpty()) {
            t.cursorVelocity(new DMatrixRMaj(velocity.toArray(new double[0][])));
        }
        b.addTrial(t.build());
        counts.clear();
        cursor.clear();
        velocity.clear();
        label = null;
    }

    private Target target() {
        boolean hasXy = cols.targetX() >= 0 && !(firstRow.get(cols.targetX()).isEmpty()
                && firstRow.get(cols.targetY()).isEmpty());
        boolean hasCondition = cols.condition() >= 0 && !firstRow.get(cols.condition()).isEmpty();
        Integer condition = null;
        if (hasCondition) {
            try {
                condition = Integer.valueOf(firstRow.get(cols.condition()));
            } catch (NumberFormatException e) {
                throw at(firstLine, cols.condition(), "expected an integer condition id, found '"
                        + firstRow.get(cols.condition()) + "'");
            }
        }
        if (!hasXy) {
            return condition == null ? null : Target.condition(condition);
        }
        double x = number(firstRow, cols.targetX(), firstLine);
        double y = number(firstRow, cols.targetY(), firstLine);
        if (!Double.isFinite(x) || !Double.isFinite(y)) {
            throw at(firstLine, cols.targetX(), "expected a finite target position, found (" + x + ", " + y + ")");
        }
        return condition == null ? Target.at(x, y) : Target.of(x, y, condition);
    }

    private Outcome outcome() {
        if (cols.outcome() < 0 || firstRow.get(cols.outcome()).isEmpty()) {
            return Outcome.UNKNOWN;
        }
        String s = firstRow.get(cols.outcome());
        try {
            return Outcome.valueOf(s.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw at(firstLine, cols.outcome(), "expected success, failure, unknown or empty, found '" + s + "'");
        }
    }

    private double number(List<String> row, int c, int lineNo) {
        Double v = CsvLines.parse(row.get(c));
        if (v == null) {
            throw at(lineNo, c, "expected a number, found '" + row.get(c) + "'");
        }
        return v;
    }

    private InvalidInputException at(int lineNo, int column, String problem) {
        return InvalidInputException.at(file, "line " + lineNo + ", column '" + cols.names().get(column) + "'", problem);
    }
}
