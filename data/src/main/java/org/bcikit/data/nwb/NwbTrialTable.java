package org.bcikit.data.nwb;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.jhdf.api.Dataset;
import io.jhdf.api.Group;
import io.jhdf.api.Node;
import org.apache.commons.math3.stat.descriptive.rank.Median;
import org.apache.commons.math3.stat.descriptive.rank.Percentile;

/**
 * One NWB TimeIntervals table ({@code /intervals/trials} or another) read column by column.
 *
 * <p>Columns are every dataset in the group, not only those listed in {@code colnames}: files
 * written by MatNWB carry columns that {@code colnames} omits. Ragged columns (those with a
 * {@code <name>_index} VectorIndex) and columns whose length is not the row count are skipped and
 * reported. Stop times that are NaN (or not after the start) are replaced by the rule in
 * {@link #windows}.
 */
final class NwbTrialTable {

    /** A per-row column: numbers (1-D numeric), texts (1-D strings) or rows (2-D numeric). */
    record Column(String name, double[] numbers, String[] texts, double[][] rows) {

        boolean isNumeric() {
            return numbers != null;
        }

        String text(int row) {
            if (texts != null) {
                return texts[row];
            }
            if (numbers != null) {
                double v = numbers[row];
                return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
            }
            return Arrays.toString(rows[row]);
        }
    }

    /** Trial windows in seconds and how the stop times were decided. */
    record Windows(double[] start, double[] stop, String stopRule) {
    }

    private final String path;
    private final int rows;
    private final double[] startTime;
    private final double[] stopTime;
    private final String[] ids;
    private final Map<String, Column> columns;
    private final List<String> skipped;
    private final List<String> notInColnames;

    private NwbTrialTable(String path, int rows, double[] startTime, double[] stopTime, String[] ids,
                          Map<String, Column> columns, List<String> skipped, List<String> notInColnames) {
        this.path = path;
        this.rows = rows;
        this.startTime = startTime;
        this.stopTime = stopTime;
        this.ids = ids;
        this.columns = columns;
        this.skipped = skipped;
        this.notInColnames = notInColnames;
    }

    static NwbTrialTable read(NwbFile f, String path) {
        Group g = f.groupOrNull(path);
        if (g == null) {
            throw f.error(path, "expected a TimeIntervals table (group), found nothing at this path");
        }
        double[] start = f.numbers(path + "/start_time");
        int n = start.length;
        if (n == 0) {
            throw f.error(path + "/start_time", "expected at least one trial, found an empty column");
        }
        for (int i = 0; i < n; i++) {
            if (!Double.isFinite(start[i])) {
                throw f.error(path + "/start_time", "expected finite times in seconds, found " + start[i]
                        + " in row " + i);
            }
        }
        double[] stop = new double[n];
        Arrays.fill(stop, Double.NaN);
        if (f.exists(path + "/stop_time")) {
            double[] s = f.numbers(path + "/stop_time");
            requireLength(f, path + "/stop_time", s.length, n);
            stop = s;
        }
        String[] ids = null;
        if (f.exists(path + "/id")) {
            long[] id = f.integers(path + "/id");
            requireLength(f, path + "/id", id.length, n);
            ids = new String[n];
            for (int i = 0; i < n; i++) {
                ids[i] = Long.toString(id[i]);
            }
        }

        List<String> names = f.childNames(g);
        Set<String> listed = new LinkedHashSet<>();
        String[] colnames = f.attributeTexts(path, "colnames");
        if (colnames != null) {
            listed.addAll(Arrays.asList(colnames));
        }
        Map<String, Column> columns = new LinkedHashMap<>();
        List<String> skipped = new ArrayList<>();
        List<String> notInColnames = new ArrayList<>();
        for (String name : names) {
            if (name.equals("start_time") || name.equals("stop_time") || name.equals("id")) {
                continue;
            }
            String p = path + "/" + name;
            Node node = f.node(p);
            if (!(node instanceof Dataset)) {
                continue;
            }
            if (name.endsWith("_index") && names.contains(name.substring(0, name.length() - 6))) {
                continue;
            }
            if (colnames != null && !listed.contains(name)) {
                notInColnames.add(name);
            }
            Column c = column(f, p, name, (Dataset) node, n, names.contains(name + "_index"));
            if (c == null) {
                skipped.add(name);
            } else {
                columns.put(name, c);
            }
        }
        return new NwbTrialTable(path, n, start, stop, ids, columns, skipped, notInColnames);
    }

    private static Column column(NwbFile f, String p, String name, Dataset ds, int n, boolean ragged) {
        if (ragged) {
            return null;
        }
        int[] dims = f.guarded(p, ds::getDimensions);
        if (dims.length == 0 || dims[0] != n) {
            return null;
        }
        if (dims.length == 1 && f.isNumeric(ds)) {
            return new Column(name, f.numbers(p), null, null);
        }
        if (dims.length == 1 && f.isString(ds)) {
            return new Column(name, null, f.strings(p), null);
        }
        if (dims.length == 2 && f.isNumeric(ds)) {
            return new Column(name, null, null, f.matrix(p));
        }
        return null;
    }

    private static void requireLength(NwbFile f, String p, int found, int n) {
        if (found != n) {
            throw f.error(p, "expected " + n + " rows (as start_time), found " + found);
        }
    }

    String path() {
        return path;
    }

    int rows() {
        return rows;
    }

    double[] startTime() {
        return startTime.clone();
    }

    /** The row's id from the {@code id} column, or its row number when there is none. */
    String id(int row) {
        return ids == null ? Integer.toString(row) : ids[row];
    }

    Map<String, Column> columns() {
        return columns;
    }

    Column column(String name) {
        return columns.get(name);
    }

    /** Columns not read: ragged, 2-D non-numeric, or with another length than the table. */
    List<String> skipped() {
        return skipped;
    }

    /** Columns present as datasets but missing from the {@code colnames} attribute. */
    List<String> notInColnames() {
        return notInColnames;
    }

    /**
     * Each row's window [start, stop). A stop time that is NaN, infinite or not after the start is
     * replaced by the start time of the next trial in time order; for the last trial by its start
     * plus the median length of the trials whose window is known; and when no window is known at
     * all (a single trial), by {@code fallbackEnd} (the last spike).
     */
    Windows windows(double fallbackEnd) {
        double[] stop = stopTime.clone();
        Integer[] order = new Integer[rows];
        for (int i = 0; i < rows; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Double.compare(startTime[a], startTime[b]));
        int missing = 0;
        int last = -1;
        for (int k = 0; k < rows; k++) {
            int i = order[k];
            if (Double.isFinite(stop[i]) && stop[i] > startTime[i]) {
                continue;
            }
            missing++;
            int next = k + 1;
            while (next < rows && !(startTime[order[next]] > startTime[i])) {
                next++;
            }
            if (next < rows) {
                stop[i] = startTime[order[next]];
            } else {
                stop[i] = Double.NaN;
                last = i;
            }
        }
        String rule = missing == 0 ? "stop_time as stored"
                : "stop_time missing or not after start_time in " + missing + " of " + rows
                + " rows: used the next trial's start_time";
        if (last >= 0) {
            double[] lengths = new double[rows];
            int m = 0;
            for (int i = 0; i < rows; i++) {
                if (Double.isFinite(stop[i])) {
                    lengths[m++] = stop[i] - startTime[i];
                }
            }
            if (m > 0) {
                double median = new Median().withEstimationType(Percentile.EstimationType.R_2)
                        .evaluate(lengths, 0, m);
                stop[last] = startTime[last] + median;
                rule += "; last trial (row " + last + "): start_time + median trial length ("
                        + String.format(java.util.Locale.ROOT, "%.3f", median) + " s)";
            } else {
                stop[last] = fallbackEnd;
                rule += "; the only trial (row " + last + ") ends at the last spike ("
                        + String.format(java.util.Locale.ROOT, "%.3f", fallbackEnd) + " s)";
            }
        }
        return new Windows(startTime.clone(), stop, rule);
    }
}
