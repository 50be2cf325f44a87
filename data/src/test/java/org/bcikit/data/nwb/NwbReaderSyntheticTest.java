package org.bcikit.data.nwb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.function.Consumer;

import io.jhdf.HdfFile;
import io.jhdf.WritableHdfFile;
import io.jhdf.api.WritableDataset;
import io.jhdf.api.WritableGroup;

import org.bcikit.data.InvalidInputException;
import org.bcikit.data.Outcome;
import org.bcikit.data.ReadOptions;
import org.bcikit.data.Recording;
import org.bcikit.data.Target;
import org.bcikit.data.Trial;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The NWB reader on small files written here with jHDF, where every number is known in closed
 * form: kinematics on a straight line, spikes on bin edges, target and outcome columns.
 */
class NwbReaderSyntheticTest {

    @TempDir
    Path dir;

    @Test
    void cursorOnAStraightLineGivesExactPositionsAndVelocities() throws IOException {
        Path file = nwb("line.nwb", w -> {
            units(w, new double[] {1.05, 3.55}, new int[] {2}, null);
            trials(w, new double[] {1.0, 3.0}, new double[] {2.0, 4.0});
            double[] t = new double[501];
            double[][] xy = new double[501][];
            for (int i = 0; i < t.length; i++) {
                t[i] = 0.01 * i;
                xy[i] = new double[] {2000 * t[i], 1000 * (1 - t[i])}; // millimetres
            }
            WritableGroup pos = w.putGroup("processing").putGroup("behavior").putGroup("Position");
            WritableGroup cursor = pos.putGroup("cursor_position");
            cursor.putAttribute("neurodata_type", "SpatialSeries");
            WritableDataset data = cursor.putDataset("data", xy);
            data.putAttribute("conversion", 0.001);
            cursor.putDataset("timestamps", t);
            WritableGroup vel = pos.putGroup("cursor_velocity"); // a velocity is not a position
            vel.putDataset("data", new double[][] {{9, 9}, {9, 9}});
            vel.putDataset("timestamps", new double[] {0, 5});
        });
        Recording r = new NwbReader().read(file, new ReadOptions(0.1));
        assertTrue(r.hasCursorPosition());
        assertTrue(r.hasCursorVelocity());
        assertTrue(r.metadata().get("nwb.kinematics").startsWith("/processing/behavior/Position/cursor_position"));
        for (Trial trial : r.trials()) {
            assertEquals(10, trial.bins());
            DMatrixRMaj p = trial.cursorPosition();
            DMatrixRMaj v = trial.cursorVelocity();
            for (int k = 0; k < 10; k++) {
                double c = trial.startTime() + (k + 0.5) * 0.1;
                assertEquals(2 * c, p.get(k, 0), 1e-9);
                assertEquals(1 - c, p.get(k, 1), 1e-9);
                assertEquals(2.0, v.get(k, 0), 1e-9);
                assertEquals(-1.0, v.get(k, 1), 1e-9);
            }
        }
        assertEquals("targets, outcomes", r.metadata().get("bci.absent"));
    }

    @Test
    void kinematicsThatDoNotCoverEveryTrialAreNotUsed() throws IOException {
        Path file = nwb("partial.nwb", w -> {
            units(w, new double[] {1.05}, new int[] {1}, null);
            trials(w, new double[] {1.0, 30.0}, new double[] {2.0, 31.0});
            WritableGroup hand = w.putGroup("acquisition").putGroup("hand");
            hand.putDataset("data", new double[][] {{0, 0}, {1, 1}, {2, 2}});
            hand.putDataset("timestamps", new double[] {0, 1, 2});
        });
        Recording r = new NwbReader().read(file, ReadOptions.defaults());
        assertFalse(r.hasCursorPosition());
        assertTrue(r.metadata().get("nwb.kinematics").startsWith("/acquisition/hand: not used: covers 0.0 to 2.0 s"),
                r.metadata().get("nwb.kinematics"));
        assertTrue(r.metadata().get("bci.absent").startsWith("cursor position, cursor velocity"));
    }

    @Test
    void spikesOnBinEdgesCountInTheLaterBinAndOrderDoesNotMatter() throws IOException {
        double s = 0.3;
        double w = 0.1;
        // unsorted; on the start edge, on the edge of bin 3, inside bin 7, on the end edge (not counted)
        double[] spikes = {s + 3 * w, s + 10 * w, s, s + 7.5 * w, s + 3 * w};
        Path file = nwb("edges.nwb", f -> {
            units(f, spikes, new int[] {5}, new int[] {42});
            trials(f, new double[] {s}, new double[] {s + 10 * w});
        });
        Recording r = new NwbReader().read(file, new ReadOptions(w));
        Trial t = r.trials().get(0);
        assertEquals(10, t.bins());
        double[] expected = {1, 0, 0, 2, 0, 0, 0, 1, 0, 0};
        for (int k = 0; k < 10; k++) {
            assertEquals(expected[k], t.count(k, 0), "bin " + k);
        }
        assertEquals("42", r.unitIds().get(0));
        assertEquals("1 unit(s) had spike times out of order; sorted before binning",
                r.metadata().get("nwb.units.unsorted"));
    }

    @Test
    void targetPositionConditionAndSuccessColumnsAreMapped() throws IOException {
        Path file = nwb("targets.nwb", w -> {
            units(w, new double[] {0.5, 1.5, 2.5}, new int[] {3}, null);
            WritableGroup t = trials(w, new double[] {0, 1, 2}, new double[] {1, 2, 3});
            t.putDataset("target_x", new double[] {1, 0, -1});
            t.putDataset("target_y", new double[] {0, 1, 0});
            t.putDataset("target_id", new int[] {0, 2, 4});
            t.putDataset("success", new int[] {1, 0, 1});
        });
        Recording r = new NwbReader().read(file, ReadOptions.defaults());
        assertEquals(Target.of(1, 0, 0), r.trials().get(0).target());
        assertEquals(Target.of(0, 1, 2), r.trials().get(1).target());
        assertEquals(Target.of(-1, 0, 4), r.trials().get(2).target());
        assertEquals(Outcome.SUCCESS, r.trials().get(0).outcome());
        assertEquals(Outcome.FAILURE, r.trials().get(1).outcome());
        assertEquals("target_x, target_y", r.metadata().get("nwb.target.position"));
        assertEquals("cursor position, cursor velocity", r.metadata().get("bci.absent"));
    }

    @Test
    void aSingleTrialWithoutStopTimeEndsAtTheLastSpike() throws IOException {
        Path file = nwb("single.nwb", w -> {
            units(w, new double[] {10.0, 10.5, 11.0}, new int[] {3}, null);
            trials(w, new double[] {10.0}, new double[] {Double.NaN});
        });
        Recording r = new NwbReader().read(file, new ReadOptions(0.25));
        assertEquals(4, r.trials().get(0).bins(), "[10, 11) in 0.25 s bins; the spike at 11.0 is not in a whole bin");
        assertTrue(r.metadata().get("nwb.trials.stop_rule").contains("ends at the last spike"));
    }

    @Test
    void textOutcomesFollowTheDocumentedWords() {
        assertEquals(Outcome.SUCCESS, NwbTrialLabels.outcomeOf("Correct"));
        assertEquals(Outcome.SUCCESS, NwbTrialLabels.outcomeOf("hit"));
        assertEquals(Outcome.FAILURE, NwbTrialLabels.outcomeOf("incorrect"));
        assertEquals(Outcome.FAILURE, NwbTrialLabels.outcomeOf("timeout"));
        assertEquals(Outcome.FAILURE, NwbTrialLabels.outcomeOf("no response"));
        assertEquals(Outcome.UNKNOWN, NwbTrialLabels.outcomeOf("N/A"));
        assertEquals(Outcome.UNKNOWN, NwbTrialLabels.outcomeOf("stimulation"));
    }

    @Test
    void duplicateUnitIdsAndNaNSpikeTimesAreRejectedNamingTheFile() throws IOException {
        Path dup = nwb("dup.nwb", w -> units(w, new double[] {0.1, 0.2}, new int[] {1, 2}, new int[] {7, 7}));
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> new NwbReader().read(dup, ReadOptions.defaults()));
        assertTrue(e.getMessage().startsWith(dup + ": units: expected unique unit ids"), e.getMessage());
        Path nan = nwb("nan.nwb", w -> units(w, new double[] {0.1, Double.NaN}, new int[] {2}, null));
        e = assertThrows(InvalidInputException.class, () -> new NwbReader().read(nan, ReadOptions.defaults()));
        assertEquals(nan + ": /units/spike_times: expected finite times in seconds, found NaN at element 1",
                e.getMessage());
    }

    @Test
    void trialsShorterThanOneBinAreDroppedAndListed() throws IOException {
        Path file = nwb("short.nwb", w -> {
            units(w, new double[] {0.5}, new int[] {1}, null);
            trials(w, new double[] {0, 1}, new double[] {1, 1.01});
        });
        Recording r = new NwbReader().read(file, ReadOptions.defaults());
        assertEquals(1, r.trials().size());
        assertEquals("1 row(s) shorter than one bin, ids: 1", r.metadata().get("nwb.trials.dropped"));
        assertNull(r.trials().get(0).target());
    }

    @Test
    void aUnitsTableInAProcessingModuleIsUsedWhenThereIsNoTopLevelOne() throws IOException {
        Path file = nwb("module.nwb", w -> {
            WritableGroup u = w.putGroup("processing").putGroup("ecephys").putGroup("sorted_units");
            u.putAttribute("neurodata_type", "Units");
            u.putDataset("spike_times", new double[] {0.01, 0.02, 0.5});
            u.putDataset("spike_times_index", new long[] {2, 3});
        });
        Recording r = new NwbReader().read(file, new ReadOptions(0.1));
        assertEquals(2, r.units());
        assertTrue(r.metadata().get("nwb.units").startsWith("/processing/ecephys/sorted_units: 2 units, 3 spike times"),
                r.metadata().get("nwb.units"));
        Trial t = r.trials().get(0);
        assertEquals(0.01, t.startTime(), 0.0);
        assertEquals(5, t.bins(), "continuous from 0.01 s; the spike at 0.5 s lies in bin 4");
        assertEquals(2.0, t.count(0, 0));
        assertEquals(1.0, t.count(4, 1));
    }

    @Test
    void aDamagedStopTimeIsAnErrorNamingTheRowNotAnIntegerOverflow() throws IOException {
        // A flipped exponent bit turned 4.0 into 3.4e+38 in a damaged copy of a real file.
        Path file = nwb("huge.nwb", w -> {
            units(w, new double[] {1.05, 3.55}, new int[] {2}, null);
            trials(w, new double[] {1.0, 3.0}, new double[] {2.0, 3.4e38});
        });
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> org.bcikit.data.format.Recordings.read(file, null, new ReadOptions(0.1)));
        assertEquals(file + ": /intervals/trials: row 1 (id 1): expected a trial of at most 10000000 bins of 0.1 s, "
                + "found 3.0 s to 3.4E38 s (a damaged or wrongly scaled time?)", e.getMessage());
    }

    // ---- writing small NWB-shaped files ------------------------------------------------------

    private Path nwb(String name, Consumer<WritableHdfFile> body) {
        Path file = dir.resolve(name);
        try (WritableHdfFile w = HdfFile.write(file)) {
            w.putAttribute("nwb_version", "2.7.0");
            w.putDataset("identifier", "synthetic");
            body.accept(w);
        }
        return file;
    }

    private static void units(WritableHdfFile w, double[] times, int[] index, int[] ids) {
        WritableGroup u = w.putGroup("units");
        u.putDataset("spike_times", times);
        u.putDataset("spike_times_index", index);
        if (ids != null) {
            u.putDataset("id", ids);
        }
    }

    private static WritableGroup trials(WritableHdfFile w, double[] start, double[] stop) {
        WritableGroup t = w.putGroup("intervals").putGroup("trials");
        t.putAttribute("colnames", new String[] {"start_time", "stop_time"});
        t.putDataset("start_time", start);
        t.putDataset("stop_time", stop);
        return t;
    }
}
