package org.bcikit.data.nwb;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.jhdf.api.Dataset;
import io.jhdf.api.Group;
import io.jhdf.api.Node;

import org.bcikit.data.InvalidInputException;
import org.bcikit.data.ReadOptions;
import org.bcikit.data.Recording;
import org.bcikit.data.RecordingReader;
import org.bcikit.data.Trial;
import org.ejml.data.DMatrixRMaj;

/**
 * Reads NWB 2.x files (Neurodata Without Borders, HDF5) into a {@link Recording}.
 *
 * <p><b>Units.</b> Spike times come from the Units table {@code /units} (or, when the file has
 * none, the first Units table in a processing module): {@code spike_times} (float)
 * with the ragged-array index {@code spike_times_index} (any integer type), where entry i
 * is the end offset of unit i's spikes. Unit ids come from the {@code id} column when present, else
 * "0".."q-1". Other Units columns (waveforms, electrodes, quality) are ignored and listed in the
 * metadata. Spike times need not be sorted.
 *
 * <p><b>Trials.</b> By default the rows of {@code /intervals/trials}, or of the TimeIntervals
 * table named in {@link #NwbReader(String)}. Each row becomes a trial of whole bins starting at
 * its {@code start_time}: {@code floor((stop - start) / width)} bins, a partial last bin dropped
 * (rows shorter than one bin are dropped and listed). Stop times that are NaN are filled by the
 * rule of {@link NwbTrialTable#windows}. Targets and outcomes are mapped from conventional column
 * names ({@link NwbTrialLabels}); every per-row column is also copied into the trial's metadata
 * as text. Without a trials table (other TimeIntervals tables are not trials: they may overlap
 * and describe other tasks), the recording is <em>one continuous trial</em> from the first spike
 * to the last, and the other tables are listed in the metadata so that one can be chosen.
 *
 * <p><b>Bins.</b> {@link ReadOptions#binWidthOr} with the rig's 45 ms as default; bin k of a
 * trial is {@code [start + k*w, start + (k+1)*w)} (see {@link SpikeTrains}).
 *
 * <p><b>Kinematics.</b> A cursor/hand position series when the file has one ({@link NwbKinematics}).
 * Fields a BCI analysis wants that the file lacks are listed under {@code bci.absent}.
 *
 * <p>Format: NWB 2.x specification, https://nwb-schema.readthedocs.io (Rübel et al. 2022, eLife 11:e78362).
 */
public final class NwbReader implements RecordingReader {

    private final String intervalsTable;

    /** Reads {@code /intervals/trials}, or the whole recording as one trial when there is none. */
    public NwbReader() {
        this.intervalsTable = null;
    }

    /** Reads the rows of {@code /intervals/<intervalsTable>} as trials. */
    public NwbReader(String intervalsTable) {
        if (intervalsTable == null || intervalsTable.isBlank() || intervalsTable.contains("/")) {
            throw new InvalidInputException("intervals table: expected the name of a table under /intervals, got '"
                    + intervalsTable + "'");
        }
        this.intervalsTable = intervalsTable;
    }

    @Override
    public Recording read(Path file, ReadOptions options) throws IOException {
        double width = (options == null ? ReadOptions.defaults() : options).binWidthOr(ReadOptions.DEFAULT_BIN_WIDTH);
        if (!(width > 0) || !Double.isFinite(width)) {
            throw InvalidInputException.in(file, "bin width: expected a finite number of seconds > 0, got " + width);
        }
        try (NwbFile f = NwbFile.open(file)) {
            return read(f, width);
        } catch (InvalidInputException e) {
            throw e.inFile(file);
        }
    }

    /**
     * The units' spike times, unbinned, and the trials table (the one this reader was made for,
     * else {@code /intervals/trials} if present) with its times and labels, for analyses that
     * need spike timing rather than counts.
     */
    public NwbSpikeTimes spikeTimes(Path file) throws IOException {
        try (NwbFile f = NwbFile.open(file)) {
            List<String> unitIds = new ArrayList<>();
            SpikeTrains spikes = readUnits(f, unitIds, new LinkedHashMap<>());
            List<String> available = intervalTables(f);
            String tables = available.isEmpty() ? "none" : String.join(", ", available);
            String table = intervalsTable != null ? intervalsTable : f.exists("/intervals/trials") ? "trials" : null;
            if (table == null) {
                return new NwbSpikeTimes(file, unitIds, spikes.sortedTimes(), spikes.unsortedUnits(), null, tables,
                        Map.of(), Map.of(), null);
            }
            String path = "/intervals/" + table;
            if (!f.exists(path)) {
                throw f.error(path, "expected a TimeIntervals table, found nothing at this path (tables under "
                        + "/intervals: " + tables + ")");
            }
            NwbTrialTable t = NwbTrialTable.read(f, path);
            return new NwbSpikeTimes(file, unitIds, spikes.sortedTimes(), spikes.unsortedUnits(), path, tables,
                    NwbSpikeTimes.numbersOf(t, t.windows(spikes.last())), NwbSpikeTimes.textsOf(t),
                    NwbTrialLabels.conditionColumn(t));
        } catch (InvalidInputException e) {
            throw e.inFile(file);
        }
    }

    private Recording read(NwbFile f, double width) {
        Map<String, String> meta = new LinkedHashMap<>();
        meta.put("format", "NWB");
        put(meta, "nwb.version", f.attributeText("/", "nwb_version"));
        put(meta, "nwb.identifier", f.textOrNull("/identifier"));
        put(meta, "nwb.session_description", f.textOrNull("/session_description"));
        put(meta, "nwb.session_start_time", f.textOrNull("/session_start_time"));

        List<String> unitIds = new ArrayList<>();
        SpikeTrains spikes = readUnits(f, unitIds, meta);
        List<String> available = intervalTables(f);
        meta.put("nwb.intervals.available", available.isEmpty() ? "none" : String.join(", ", available));

        String table = intervalsTable != null ? intervalsTable : f.exists("/intervals/trials") ? "trials" : null;
        List<Window> windows = table == null ? continuous(f, spikes, width, meta)
                : fromTable(f, "/intervals/" + table, spikes, width, meta);

        double[] starts = new double[windows.size()];
        int[] bins = new int[windows.size()];
        for (int i = 0; i < starts.length; i++) {
            starts[i] = windows.get(i).start;
            bins[i] = windows.get(i).bins;
        }
        NwbKinematics kin = NwbKinematics.find(f);
        String kinProblem = kin == null ? null : kin.unusableFor(starts, bins, width);
        meta.put("nwb.kinematics", kin == null ? "none found under /processing or /acquisition"
                : kinProblem == null ? kin.path() + " (position at bin centres, mean velocity per bin)"
                : kin.path() + ": not used: " + kinProblem);
        boolean useKin = kin != null && kinProblem == null;

        Recording.Builder rec = Recording.builder().source(f.path().toString()).unitIds(unitIds).binWidth(width);
        long binned = 0;
        for (Window w : windows) {
            DMatrixRMaj counts = new DMatrixRMaj(w.bins, spikes.units());
            spikes.countInto(w.start, width, counts);
            for (double c : counts.data) {
                binned += (long) c;
            }
            Trial.Builder t = w.trial.counts(counts).startTime(w.start);
            if (useKin) {
                DMatrixRMaj pos = new DMatrixRMaj(w.bins, 2);
                DMatrixRMaj vel = new DMatrixRMaj(w.bins, 2);
                kin.resample(w.start, width, pos, vel);
                t.cursorPosition(pos).cursorVelocity(vel);
            }
            rec.addTrial(t.build());
        }
        meta.put("nwb.spikes.binned", binned + " of " + spikes.totalSpikes() + " spike times fall in trial bins");
        meta.put("binning", String.format(Locale.ROOT, "%.1f ms bins from each trial's start; bin k = [start + k*w, "
                + "start + (k+1)*w); a partial last bin is dropped", 1000 * width));
        List<String> absent = new ArrayList<>();
        if (!useKin) {
            absent.add("cursor position");
            absent.add("cursor velocity");
        }
        Recording probe = rec.build();
        if (!probe.hasTargets()) {
            absent.add(probe.trials().stream().anyMatch(t -> t.target() != null) ? "targets (some trials)" : "targets");
        } else if (probe.trials().stream().anyMatch(t -> !t.target().hasPosition())) {
            absent.add("target positions");
        }
        if (!probe.hasOutcomes()) {
            absent.add("outcomes");
        }
        meta.put("bci.absent", absent.isEmpty() ? "none" : String.join(", ", absent));
        meta.forEach(rec::metadata);
        return rec.build();
    }

    /** One trial-to-be: where its bins start, how many, and its labels. */
    private record Window(double start, int bins, Trial.Builder trial) {
    }

    private static SpikeTrains readUnits(NwbFile f, List<String> ids, Map<String, String> meta) {
        String at = "/units";
        Group units = f.groupOrNull(at);
        if (units == null) {
            at = unitsInProcessing(f);
            units = at == null ? null : f.groupOrNull(at);
        }
        if (units == null) {
            String v1 = f.textOrNull("/nwb_version");
            throw f.error("/units", "expected the Units table (a group with spike_times and spike_times_index), "
                    + "found nothing at this path" + (v1 == null ? "" : " (the file says " + v1
                    + "; only NWB 2.x is read)"));
        }
        double[] times = f.floats(at + "/spike_times");
        long[] index = f.integers(at + "/spike_times_index");
        if (index.length == 0) {
            throw f.error(at + "/spike_times_index", "expected at least one unit, found an empty index");
        }
        double[][] perUnit = new double[index.length][];
        long from = 0;
        for (int u = 0; u < index.length; u++) {
            if (index[u] < from || index[u] > times.length) {
                throw f.error(at + "/spike_times_index", "expected non-decreasing end offsets within 0.."
                        + times.length + ", found " + index[u] + " for unit " + u);
            }
            perUnit[u] = Arrays.copyOfRange(times, (int) from, (int) index[u]);
            from = index[u];
        }
        if (from != times.length) {
            throw f.error(at + "/spike_times_index", "expected the last end offset to equal the number of spike "
                    + "times (" + times.length + "), found " + from);
        }
        for (int i = 0; i < times.length; i++) {
            if (!Double.isFinite(times[i])) {
                throw f.error(at + "/spike_times", "expected finite times in seconds, found " + times[i]
                        + " at element " + i);
            }
        }
        if (f.exists(at + "/id")) {
            long[] id = f.integers(at + "/id");
            if (id.length != index.length) {
                throw f.error(at + "/id", "expected " + index.length + " ids (one per unit), found " + id.length);
            }
            for (long v : id) {
                ids.add(Long.toString(v));
            }
        } else {
            for (int u = 0; u < index.length; u++) {
                ids.add(Integer.toString(u));
            }
        }
        SpikeTrains spikes = new SpikeTrains(perUnit);
        meta.put("nwb.units", at + ": " + index.length + " units, " + times.length + " spike times (spike_times, "
                + f.typeName(f.dataset(at + "/spike_times_index")) + " spike_times_index"
                + (f.exists(at + "/id") ? ", id" : "; no id column, units numbered from 0") + ")");
        if (spikes.unsortedUnits() > 0) {
            meta.put("nwb.units.unsorted", spikes.unsortedUnits() + " unit(s) had spike times out of order; "
                    + "sorted before binning");
        }
        List<String> ignored = new ArrayList<>(f.childNames(units));
        ignored.removeAll(List.of("spike_times", "spike_times_index", "id"));
        meta.put("nwb.units.ignored_columns", ignored.isEmpty() ? "none" : String.join(", ", ignored));
        return spikes;
    }

    /** NWB 2.x also allows Units tables in processing modules; the first one found, or null. */
    private static String unitsInProcessing(NwbFile f) {
        Group processing = f.groupOrNull("/processing");
        if (processing == null) {
            return null;
        }
        for (String module : f.childNames(processing)) {
            String m = "/processing/" + module;
            if (!(f.node(m) instanceof Group)) {
                continue;
            }
            for (String child : f.childNames((Group) f.node(m))) {
                String p = m + "/" + child;
                if ("Units".equals(f.attributeText(p, "neurodata_type")) && f.exists(p + "/spike_times")) {
                    return p;
                }
            }
        }
        return null;
    }

    private static List<String> intervalTables(NwbFile f) {
        List<String> out = new ArrayList<>();
        Group g = f.groupOrNull("/intervals");
        if (g == null) {
            return out;
        }
        for (String name : f.childNames(g)) {
            Node start = f.node("/intervals/" + name + "/start_time");
            if (start instanceof Dataset) {
                int[] dims = f.guarded(start.getPath(), ((Dataset) start)::getDimensions);
                out.add(name + " (" + (dims.length == 1 ? dims[0] : 0) + " rows)");
            }
        }
        return out;
    }

    /**
     * The most bins one trial may span: 10^7 bins of 45 ms are five days, far beyond any session,
     * so more means a damaged or wrongly scaled time, and binning it would exhaust memory.
     */
    static final int MAX_BINS = 10_000_000;

    private static List<Window> continuous(NwbFile f, SpikeTrains spikes, double width, Map<String, String> meta) {
        double first = spikes.first();
        if (Double.isNaN(first)) {
            throw f.error("/units", "expected spike times to bin (there is no /intervals/trials), "
                    + "found none");
        }
        double last = spikes.last();
        double span = Math.floor((last - first) / width) + 1;
        if (!(span <= MAX_BINS)) {
            throw f.error("/units/spike_times", "expected spike times spanning at most " + MAX_BINS + " bins of "
                    + width + " s, found " + first + " s to " + last + " s (a damaged or wrongly scaled time?)");
        }
        int bins = (int) span;
        meta.put("nwb.trials.source", "continuous: no /intervals/trials, so one trial from the first spike ("
                + first + " s) through the last (" + last + " s); name another table with new NwbReader(table)");
        Trial.Builder t = Trial.builder().metadata("window", "continuous");
        return List.of(new Window(first, bins, t));
    }

    private static List<Window> fromTable(NwbFile f, String path, SpikeTrains spikes, double width,
                                          Map<String, String> meta) {
        if (!f.exists(path)) {
            throw f.error(path, "expected a TimeIntervals table, found nothing at this path (tables under "
                    + "/intervals: " + String.join(", ", intervalTables(f)) + ")");
        }
        NwbTrialTable table = NwbTrialTable.read(f, path);
        NwbTrialLabels labels = NwbTrialLabels.of(table);
        NwbTrialTable.Windows win = table.windows(spikes.last());
        meta.put("nwb.trials.source", path + " (" + table.rows() + " rows)");
        meta.put("nwb.trials.stop_rule", win.stopRule());
        meta.put("nwb.trials.columns", String.join(", ", table.columns().keySet()));
        if (!table.notInColnames().isEmpty()) {
            meta.put("nwb.trials.columns_not_in_colnames", String.join(", ", table.notInColnames()));
        }
        if (!table.skipped().isEmpty()) {
            meta.put("nwb.trials.skipped_columns", String.join(", ", table.skipped()));
        }
        meta.putAll(labels.notes());
        List<Window> out = new ArrayList<>();
        List<String> dropped = new ArrayList<>();
        for (int i = 0; i < table.rows(); i++) {
            double start = win.start()[i];
            double stop = win.stop()[i];
            double span = Math.floor((stop - start) / width + 1e-9);
            if (span > MAX_BINS) {
                throw f.error(path, "row " + i + " (id " + table.id(i) + "): expected a trial of at most " + MAX_BINS
                        + " bins of " + width + " s, found " + start + " s to " + stop
                        + " s (a damaged or wrongly scaled time?)");
            }
            long bins = (long) span;
            if (!(bins >= 1)) {
                dropped.add(table.id(i));
                continue;
            }
            Trial.Builder t = Trial.builder().target(labels.target(i)).outcome(labels.outcome(i))
                    .metadata("id", table.id(i)).metadata("stop_time_used", Double.toString(stop));
            for (NwbTrialTable.Column c : table.columns().values()) {
                t.metadata(c.name(), c.text(i));
            }
            out.add(new Window(start, (int) bins, t));
        }
        if (!dropped.isEmpty()) {
            meta.put("nwb.trials.dropped", dropped.size() + " row(s) shorter than one bin, ids: "
                    + String.join(", ", dropped));
        }
        if (out.isEmpty()) {
            throw f.error(path, "expected at least one trial at least one bin (" + width + " s) long, found none");
        }
        return out;
    }

    private static void put(Map<String, String> meta, String key, String value) {
        meta.put(key, value == null ? "" : value);
    }
}
