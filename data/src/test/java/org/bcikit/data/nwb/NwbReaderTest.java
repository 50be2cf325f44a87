package org.bcikit.data.nwb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.reflect.Array;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import io.jhdf.HdfFile;
import io.jhdf.WritableHdfFile;
import io.jhdf.api.WritableGroup;

import org.bcikit.data.InvalidInputException;
import org.bcikit.data.Outcome;
import org.bcikit.data.ReadOptions;
import org.bcikit.data.Recording;
import org.bcikit.data.SharedData;
import org.bcikit.data.Trial;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The NWB reader on the three shared DANDI files and on broken input. Expected counts are
 * computed here straight from the raw HDF5 arrays (read with jHDF, split by the ragged index,
 * counted by brute force over every spike), never through the reader's binning code.
 */
class NwbReaderTest {

    static final String ALM = "sub-anm369963_ses-20170228.nwb";
    static final String THALAMUS = "sub_anm00239123_ses_20170627T093549_ecephys_and_ogen.nwb";
    static final String MTL = "sub-4_ses-4_ecephys+image.nwb";
    static final double W = ReadOptions.DEFAULT_BIN_WIDTH;

    static Recording alm;
    static Recording thalamus;
    static Recording mtl;

    @BeforeAll
    static void readAll() throws IOException {
        NwbReader reader = new NwbReader();
        alm = reader.read(SharedData.nwb(ALM), ReadOptions.defaults());
        thalamus = reader.read(SharedData.nwb(THALAMUS), ReadOptions.defaults());
        mtl = reader.read(SharedData.nwb(MTL), ReadOptions.defaults());
    }

    @Test
    void almSessionHasOneUnit178TrialsAndFillsNaNStopTimesFromTheNextStart() throws IOException {
        double[][] spikes = rawSpikes(ALM);
        double[] start = raw(ALM, "/intervals/trials/start_time");
        assertEquals(1, alm.units());
        assertEquals("1001", alm.unitIds().get(0));
        assertEquals(1679, spikes[0].length);
        assertEquals(178, alm.trials().size());
        assertEquals("2.0.2", alm.metadata().get("nwb.version"));
        assertTrue(alm.metadata().get("nwb.trials.stop_rule").contains("178 of 178"));
        assertEquals("1 unit(s) had spike times out of order; sorted before binning",
                alm.metadata().get("nwb.units.unsorted"));
        // colnames is a fixed-length ASCII array here; all seven data columns beyond start/stop are read
        assertEquals("cue_start_time, is_good, pole_in_time, pole_out_time, response, stim_present, type",
                alm.metadata().get("nwb.trials.columns"));
        double[] lengths = new double[177];
        for (int i = 0; i < 178; i++) {
            Trial t = alm.trials().get(i);
            assertEquals(start[i], t.startTime(), 0.0);
            if (i < 177) {
                lengths[i] = start[i + 1] - start[i];
                assertEquals((int) Math.floor(lengths[i] / W + 1e-9), t.bins(), "trial " + i);
            }
        }
        Arrays.sort(lengths);
        assertEquals((int) Math.floor(lengths[88] / W + 1e-9), alm.trials().get(177).bins());
        assertCountsMatch(alm, spikes, 1);
        // Trials tile the session from the first start, so only spikes outside every window are lost.
        long inWindows = 0;
        for (Trial t : alm.trials()) {
            inWindows += countIn(spikes[0], t.startTime(), t.startTime() + t.bins() * W);
        }
        assertEquals(inWindows, Math.round(sum(alm, 0)));
        assertTrue(inWindows >= 1670, "nearly all spikes fall in a trial, got " + inWindows);
    }

    @Test
    void almTrialTypeIsTheConditionAndResponseTheOutcome() throws IOException {
        String[] type = rawStrings(ALM, "/intervals/trials/type");
        String[] response = rawStrings(ALM, "/intervals/trials/response");
        for (int i = 0; i < 178; i++) {
            Trial t = alm.trials().get(i);
            assertEquals(type[i].equals("lick left") ? 0 : 1, t.target().conditionId());
            Outcome expected = response[i].equals("correct") ? Outcome.SUCCESS : Outcome.FAILURE;
            assertEquals(expected, t.outcome(), "trial " + i + " response " + response[i]);
            assertEquals(response[i], t.metadata().get("response"));
        }
        assertTrue(alm.hasTargets());
        assertTrue(alm.hasOutcomes());
        assertEquals("cursor position, cursor velocity, target positions", alm.metadata().get("bci.absent"));
    }

    @Test
    void thalamusSessionHasFourUnits412TrialsWithStoredStopTimes() throws IOException {
        double[][] spikes = rawSpikes(THALAMUS);
        double[] start = raw(THALAMUS, "/intervals/trials/start_time");
        double[] stop = raw(THALAMUS, "/intervals/trials/stop_time");
        assertEquals(4, thalamus.units());
        assertEquals(java.util.List.of("1", "2", "3", "4"), thalamus.unitIds());
        assertEquals(34057, Arrays.stream(spikes).mapToInt(s -> s.length).sum());
        assertEquals(412, thalamus.trials().size());
        for (int i = 0; i < 412; i++) {
            Trial t = thalamus.trials().get(i);
            assertEquals(start[i], t.startTime(), 0.0);
            assertEquals((int) Math.floor((stop[i] - start[i]) / W + 1e-9), t.bins(), "trial " + i);
        }
        assertCountsMatch(thalamus, spikes, 37);
        assertTrue(thalamus.metadata().get("nwb.units.ignored_columns").contains("waveform_mean"));
        assertEquals(Outcome.UNKNOWN, thalamus.trials().get(0).outcome(), "response N/A says nothing");
    }

    @Test
    void mtlSessionWithoutTrialsTableIsOneContinuousTrialHoldingEverySpike() throws IOException {
        double[][] spikes = rawSpikes(MTL);
        assertEquals(35, mtl.units());
        assertEquals(1, mtl.trials().size());
        assertEquals("2.4.0", mtl.metadata().get("nwb.version"));
        assertTrue(mtl.metadata().get("nwb.units").contains("uint32 spike_times_index"));
        assertTrue(mtl.metadata().get("nwb.trials.source").startsWith("continuous"));
        assertTrue(mtl.metadata().get("nwb.intervals.available").contains("recognition_table (180 rows)"));
        assertEquals("cursor position, cursor velocity, targets, outcomes", mtl.metadata().get("bci.absent"));
        Trial t = mtl.trials().get(0);
        double first = Arrays.stream(spikes).flatMapToDouble(Arrays::stream).min().orElseThrow();
        assertEquals(first, t.startTime(), 0.0);
        for (int u = 0; u < 35; u++) {
            assertEquals(spikes[u].length, Math.round(sum(mtl, u)), "unit " + u + " keeps every spike");
        }
        assertCountsMatch(mtl, spikes, 211);
    }

    @Test
    void mtlNamedIntervalsTableGivesItsRowsAndColumnsMissingFromColnames() throws IOException {
        Recording r = new NwbReader("recognition_table").read(SharedData.nwb(MTL), ReadOptions.defaults());
        assertEquals(180, r.trials().size());
        assertTrue(r.metadata().get("nwb.trials.columns_not_in_colnames").contains("response_time"));
        assertCountsMatch(r, rawSpikes(MTL), 13);
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> new NwbReader("trials").read(SharedData.nwb(MTL), ReadOptions.defaults()));
        assertTrue(e.getMessage().contains("/intervals/trials: expected a TimeIntervals table"), e.getMessage());
        assertTrue(e.getMessage().contains("encoding_table (90 rows)"), e.getMessage());
    }

    @Test
    void binWidthOptionChangesBinsNotSpikes() throws IOException {
        Recording r = new NwbReader().read(SharedData.nwb(ALM), new ReadOptions(0.1));
        assertEquals(0.1, r.binWidth(), 0.0);
        Trial t = r.trials().get(0);
        assertEquals((int) Math.floor((310.271 - 302.371) / 0.1 + 1e-9), t.bins());
        double[][] spikes = rawSpikes(ALM);
        for (int i = 0; i < r.trials().size(); i++) {
            Trial ti = r.trials().get(i);
            assertEquals(countIn(spikes[0], ti.startTime(), ti.startTime() + ti.bins() * 0.1), colSum(ti, 0), 0.0);
        }
    }

    // ---- bad input -------------------------------------------------------------------------

    @Test
    void floatSpikeTimesIndexIsRejectedNamingFileDatasetAndTypes(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("session.nwb");
        try (WritableHdfFile w = HdfFile.write(file)) {
            WritableGroup u = w.putGroup("units");
            u.putDataset("spike_times", new double[] {0.1, 0.2, 0.3});
            u.putDataset("spike_times_index", new double[] {1.0, 3.0});
        }
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> read(file));
        assertEquals(file + ": /units/spike_times_index: expected an integer array, found a float64 dataset",
                e.getMessage());
    }

    @Test
    void missingUnitsTableIsRejected(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("nounits.nwb");
        try (WritableHdfFile w = HdfFile.write(file)) {
            w.putAttribute("nwb_version", "2.7.0");
            w.putGroup("acquisition");
        }
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> read(file));
        assertTrue(e.getMessage().startsWith(file + ": /units: expected the Units table"), e.getMessage());
        Path v1 = dir.resolve("v1.nwb");
        try (WritableHdfFile w = HdfFile.write(v1)) {
            w.putDataset("nwb_version", "NWB-1.0.6");
        }
        e = assertThrows(InvalidInputException.class, () -> read(v1));
        assertTrue(e.getMessage().endsWith("(the file says NWB-1.0.6; only NWB 2.x is read)"), e.getMessage());
    }

    @Test
    void indexThatDoesNotEndAtTheLastSpikeIsRejected(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("short.nwb");
        try (WritableHdfFile w = HdfFile.write(file)) {
            WritableGroup u = w.putGroup("units");
            u.putDataset("spike_times", new double[] {0.1, 0.2, 0.3});
            u.putDataset("spike_times_index", new int[] {1, 2});
        }
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> read(file));
        assertTrue(e.getMessage().contains("/units/spike_times_index: expected the last end offset to equal "
                + "the number of spike times (3), found 2"), e.getMessage());
    }

    @Test
    void filesThatAreNotHdf5AreRejected(@TempDir Path dir) throws IOException {
        Path text = dir.resolve("notes.nwb");
        Files.writeString(text, "MATLAB 5.0 MAT-file, not HDF5 at all, padding padding padding");
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> read(text));
        assertTrue(e.getMessage().startsWith(text + ": expected an HDF5 file (NWB 2.x), found no HDF5 signature"),
                e.getMessage());
        Path empty = dir.resolve("empty.nwb");
        Files.write(empty, new byte[0]);
        e = assertThrows(InvalidInputException.class, () -> read(empty));
        assertEquals(empty + ": expected an HDF5 file (NWB 2.x), found an empty file", e.getMessage());
    }

    @Test
    void truncatedCopiesOfARealFileAreRejectedWithoutAStackTraceEscaping(@TempDir Path dir) throws IOException {
        byte[] all = Files.readAllBytes(SharedData.nwb(ALM));
        for (int n : new int[] {4, 100, 5_000, all.length / 2, all.length * 3 / 4, all.length - 1}) {
            Path cut = dir.resolve("cut" + n + ".nwb");
            Files.write(cut, Arrays.copyOf(all, n));
            InvalidInputException e = assertThrows(InvalidInputException.class, () -> read(cut), "length " + n);
            assertTrue(e.getMessage().startsWith(cut.toString() + ": "), e.getMessage());
            assertTrue(n < 8 ? e.getMessage().contains("no HDF5 signature") : e.getMessage().contains("truncated"),
                    e.getMessage());
        }
    }

    @Test
    void missingFileIsAnIoError(@TempDir Path dir) {
        assertThrows(IOException.class, () -> read(dir.resolve("absent.nwb")));
    }

    // ---- independent expectations ------------------------------------------------------------

    /** Every unit's per-trial sum, and every {@code stride}-th bin, equal brute-force counts. */
    static void assertCountsMatch(Recording r, double[][] spikes, int stride) {
        double w = r.binWidth();
        int bin = 0;
        for (int i = 0; i < r.trials().size(); i++) {
            Trial t = r.trials().get(i);
            double s = t.startTime();
            for (int u = 0; u < spikes.length; u++) {
                assertEquals(countIn(spikes[u], s, s + t.bins() * w), colSum(t, u), 0.0, "trial " + i + " unit " + u);
            }
            for (int k = 0; k < t.bins(); k++, bin++) {
                if (bin % stride == 0) {
                    for (int u = 0; u < spikes.length; u++) {
                        assertEquals(countIn(spikes[u], s + k * w, s + (k + 1) * w), t.count(k, u), 0.0,
                                "trial " + i + " bin " + k + " unit " + u);
                    }
                }
            }
        }
    }

    static int countIn(double[] times, double from, double to) {
        int n = 0;
        for (double x : times) {
            if (x >= from && x < to) {
                n++;
            }
        }
        return n;
    }

    static double colSum(Trial t, int u) {
        double s = 0;
        for (int k = 0; k < t.bins(); k++) {
            s += t.count(k, u);
        }
        return s;
    }

    static double sum(Recording r, int u) {
        return r.trials().stream().mapToDouble(t -> colSum(t, u)).sum();
    }

    /** Spike times per unit, split by the ragged index exactly as the NWB spec defines it. */
    static double[][] rawSpikes(String name) throws IOException {
        double[] times = raw(name, "/units/spike_times");
        double[] end = raw(name, "/units/spike_times_index");
        double[][] out = new double[end.length][];
        int from = 0;
        for (int u = 0; u < end.length; u++) {
            out[u] = Arrays.copyOfRange(times, from, (int) end[u]);
            from = (int) end[u];
        }
        return out;
    }

    static double[] raw(String name, String path) {
        try (HdfFile f = new HdfFile(SharedData.nwb(name))) {
            Object data = f.getDatasetByPath(path).getData();
            double[] out = new double[Array.getLength(data)];
            for (int i = 0; i < out.length; i++) {
                out[i] = ((Number) Array.get(data, i)).doubleValue();
            }
            return out;
        }
    }

    static String[] rawStrings(String name, String path) {
        try (HdfFile f = new HdfFile(SharedData.nwb(name))) {
            return (String[]) f.getDatasetByPath(path).getData();
        }
    }

    static Recording read(Path file) throws IOException {
        return new NwbReader().read(file, ReadOptions.defaults());
    }
}
