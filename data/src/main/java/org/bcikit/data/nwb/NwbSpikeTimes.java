package org.bcikit.data.nwb;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.bcikit.data.InvalidInputException;

/**
 * The spike times of an NWB file's sorted units, unbinned, with its trials table's times and
 * labels: what analyses of spike timing (bursts) need and a {@link org.bcikit.data.Recording}
 * of binned counts has lost. Made by {@link NwbReader#spikeTimes}; immutable, accessors copy.
 */
public final class NwbSpikeTimes {

    private final Path file;
    private final List<String> unitIds;
    private final double[][] times;
    private final int unsortedUnits;
    private final String trialsTable;
    private final String availableTables;
    private final Map<String, double[]> numbers;
    private final Map<String, String[]> texts;
    private final String conditionColumn;

    NwbSpikeTimes(Path file, List<String> unitIds, double[][] times, int unsortedUnits, String trialsTable,
                  String availableTables, Map<String, double[]> numbers, Map<String, String[]> texts,
                  String conditionColumn) {
        this.file = file;
        this.unitIds = List.copyOf(unitIds);
        this.times = times;
        this.unsortedUnits = unsortedUnits;
        this.trialsTable = trialsTable;
        this.availableTables = availableTables;
        this.numbers = numbers;
        this.texts = texts;
        this.conditionColumn = conditionColumn;
    }

    public Path file() {
        return file;
    }

    public int units() {
        return times.length;
    }

    public List<String> unitIds() {
        return unitIds;
    }

    /** Unit u's spike times in seconds, sorted ascending. */
    public double[] spikeTimes(int u) {
        return times[u].clone();
    }

    /** Units whose stored spike times were out of order (they are sorted here). */
    public int unsortedUnits() {
        return unsortedUnits;
    }

    /** Path of the trials table read, or null when the file has none (see {@link #availableTables}). */
    public String trialsTable() {
        return trialsTable;
    }

    /** The TimeIntervals tables of the file with their row counts, or "none". */
    public String availableTables() {
        return availableTables;
    }

    public boolean hasTrials() {
        return trialsTable != null;
    }

    /** Rows of the trials table (0 without one). */
    public int trials() {
        return hasTrials() ? numbers.get("start_time").length : 0;
    }

    /** Names of the numeric per-trial columns, {@code start_time} and {@code stop_time} first. */
    public List<String> timeColumns() {
        return new ArrayList<>(numbers.keySet());
    }

    /**
     * A numeric per-trial column in seconds ({@code start_time}, {@code stop_time} or any other);
     * {@code stop_time} holds the stop times as {@link NwbReader} uses them (missing ones filled).
     *
     * @throws InvalidInputException naming the file, table and the columns there are
     */
    public double[] trialTimes(String column) {
        double[] v = hasTrials() ? numbers.get(column) : null;
        if (v == null) {
            throw InvalidInputException.in(file, (hasTrials() ? trialsTable + "/" + column
                    + ": expected a numeric column of trial times, found none (numeric columns: "
                    + String.join(", ", numbers.keySet()) + ")"
                    : "expected a trials table to align to, found none (TimeIntervals tables: " + availableTables
                    + ")"));
        }
        return v.clone();
    }

    /** The column trial conditions come from by default (as {@link NwbReader} maps targets), or null. */
    public String conditionColumn() {
        return conditionColumn;
    }

    /**
     * Each trial's value of {@code column} as text (any 1-D or 2-D column).
     *
     * @throws InvalidInputException naming the file, table and the columns there are
     */
    public String[] trialLabels(String column) {
        String[] v = hasTrials() ? texts.get(column) : null;
        if (v == null) {
            throw InvalidInputException.in(file, (hasTrials() ? trialsTable + "/" + column
                    + ": expected a per-trial column, found none (columns: " + String.join(", ", texts.keySet()) + ")"
                    : "expected a trials table, found none (TimeIntervals tables: " + availableTables + ")"));
        }
        return v.clone();
    }

    static Map<String, double[]> numbersOf(NwbTrialTable table, NwbTrialTable.Windows windows) {
        Map<String, double[]> out = new LinkedHashMap<>();
        out.put("start_time", windows.start());
        out.put("stop_time", windows.stop());
        for (NwbTrialTable.Column c : table.columns().values()) {
            if (c.isNumeric()) {
                out.put(c.name(), c.numbers().clone());
            }
        }
        return out;
    }

    static Map<String, String[]> textsOf(NwbTrialTable table) {
        Map<String, String[]> out = new LinkedHashMap<>();
        for (NwbTrialTable.Column c : table.columns().values()) {
            String[] t = new String[table.rows()];
            for (int i = 0; i < t.length; i++) {
                t[i] = c.text(i).trim();
            }
            out.put(c.name(), t);
        }
        return out;
    }
}
