package org.bcikit.data.mat;

import static org.bcikit.data.mat.MatFileTest.mfl;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.MatrixFeatures_DDRM;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.bcikit.data.InvalidInputException;
import org.bcikit.data.Outcome;
import org.bcikit.data.ReadOptions;
import org.bcikit.data.Recording;
import org.bcikit.data.SharedData;
import org.bcikit.data.Target;
import org.bcikit.data.Trial;
import us.hebi.matlab.mat.format.Mat5;
import us.hebi.matlab.mat.types.Cell;
import us.hebi.matlab.mat.types.MatFile;
import us.hebi.matlab.mat.types.MatlabType;
import us.hebi.matlab.mat.types.Struct;

/** {@link MatReader}: the rig session as a Recording, and the generic layout written and read back. */
class MatReaderTest {

    @TempDir
    Path dir;

    /** 10 bins x 3 units; count(b, u) = b + 10 u, so every value says where it belongs. */
    private static double[][] counts() {
        double[][] c = new double[10][3];
        for (int b = 0; b < 10; b++) {
            for (int u = 0; u < 3; u++) {
                c[b][u] = b + 10 * u;
            }
        }
        return c;
    }

    private static double[][] cursor(int bins, double offset) {
        double[][] p = new double[bins][2];
        for (int b = 0; b < bins; b++) {
            p[b][0] = offset + b;
            p[b][1] = -offset - 0.5 * b;
        }
        return p;
    }

    private static Cell strings(String... s) {
        Cell c = Mat5.newCell(1, s.length);
        for (int k = 0; k < s.length; k++) {
            c.set(k, Mat5.newString(s[k]));
        }
        return c;
    }

    private static Recording read(Path f) throws IOException {
        return new MatReader().read(f, ReadOptions.defaults());
    }

    @Test
    void rigSessionBecomesSixteenTrialsOfSixtyNineBinsWithTargetsOnTheUnitCircle() throws IOException {
        Recording r = read(SharedData.golub2018());
        RigSession session = RigSession.read(SharedData.golub2018());
        assertEquals(86, r.units());
        assertEquals(16, r.trials().size());
        assertEquals(0.045, r.binWidth(), 0.0);
        assertEquals("Jeffy", r.metadata().get("monkey"));
        assertEquals("20120305", r.metadata().get("date"));
        assertEquals(16 * 69, r.totalBins());
        for (int k = 0; k < 16; k++) {
            Trial t = r.trials().get(k);
            int target = k % 8;
            assertEquals(k < 8 ? "before" : "after", t.metadata().get("epoch"));
            assertEquals(target, t.target().conditionId());
            assertEquals(Math.cos(Math.toRadians(45 * target)), t.target().x(), 1e-15);
            assertEquals(Math.sin(Math.toRadians(45 * target)), t.target().y(), 1e-15);
            RigSession.Epoch e = k < 8 ? session.before() : session.after();
            assertTrue(MatrixFeatures_DDRM.isIdentical(e.clouds().get(target).spikes(), t.counts(), 0.0));
        }
        assertEquals(8, r.distinctTargets().size());
        assertFalse(r.hasCursorVelocity());
    }

    @Test
    void rigSessionCannotBeRebinned() {
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> new MatReader().read(SharedData.golub2018(), new ReadOptions(0.02)));
        assertTrue(e.getMessage().contains("expParams.intuitiveMapping.dt: the counts are binned at 0.045 s"),
                e.getMessage());
    }

    @Test
    void genericContinuousLayoutRoundTripsExactly() throws IOException {
        Path f = dir.resolve("lab.mat");
        MatFile mat = Mat5.newMatFile()
                .addArray("counts", mfl(counts(), MatlabType.UInt16))
                .addArray("binWidth", Mat5.newScalar(0.05))
                .addArray("trialStart", mfl(new double[][] {{1, 4, 8}}, MatlabType.UInt8))
                .addArray("unitIds", strings("elec1a", "elec2a", "elec7b"))
                .addArray("targets", mfl(new double[][] {{1, 0}, {0, 1}, {-1, 0}}, MatlabType.Double))
                .addArray("conditions", mfl(new double[][] {{0}, {2}, {4}}, MatlabType.Int32))
                .addArray("outcomes", mfl(new double[][] {{1, 0, Double.NaN}}, MatlabType.Double))
                .addArray("cursorPos", mfl(cursor(10, 3), MatlabType.Single));
        Mat5.writeToFile(mat, f.toFile());

        Recording r = read(f);
        assertEquals(List.of("elec1a", "elec2a", "elec7b"), r.unitIds());
        assertEquals(0.05, r.binWidth(), 0.0);
        assertEquals(3, r.trials().size());
        int[] starts = {0, 3, 7};
        int[] bins = {3, 4, 3};
        Outcome[] expected = {Outcome.SUCCESS, Outcome.FAILURE, Outcome.UNKNOWN};
        for (int k = 0; k < 3; k++) {
            Trial t = r.trials().get(k);
            assertEquals(bins[k], t.bins());
            assertEquals(starts[k] * 0.05, t.startTime(), 1e-15);
            for (int b = 0; b < bins[k]; b++) {
                for (int u = 0; u < 3; u++) {
                    assertEquals(starts[k] + b + 10 * u, t.count(b, u), 0.0);
                }
                assertEquals(3 + starts[k] + b, t.cursorPosition().get(b, 0), 0.0);
                assertEquals(-3 - 0.5 * (starts[k] + b), t.cursorPosition().get(b, 1), 0.0);
            }
            assertEquals(2 * k, t.target().conditionId());
            assertEquals(expected[k], t.outcome());
        }
        assertEquals(Target.of(0, 1, 2), r.trials().get(1).target());
    }

    @Test
    void genericCellLayoutTakesTheBinWidthFromTheCallerWhenTheFileHasNone() throws IOException {
        Path f = dir.resolve("cells.mat");
        Cell trials = Mat5.newCell(2, 1);
        trials.set(0, mfl(new double[][] {{1, 2}, {3, 4}, {5, 6}}, MatlabType.Double));
        trials.set(1, mfl(new double[][] {{7, 8}}, MatlabType.Double));
        Cell vel = Mat5.newCell(1, 2);
        vel.set(0, mfl(cursor(3, 1), MatlabType.Double));
        vel.set(1, mfl(cursor(1, 9), MatlabType.Double));
        Mat5.writeToFile(Mat5.newMatFile().addArray("counts", trials).addArray("cursorVel", vel)
                .addArray("unitIds", mfl(new double[][] {{17, 42}}, MatlabType.Double)), f.toFile());

        InvalidInputException missing = assertThrows(InvalidInputException.class, () -> read(f));
        assertTrue(missing.getMessage().startsWith(f + ": binWidth: missing variable"), missing.getMessage());

        Recording r = new MatReader().read(f, new ReadOptions(0.02));
        assertEquals(0.02, r.binWidth(), 0.0);
        assertEquals(List.of("17", "42"), r.unitIds());
        assertEquals(2, r.trials().size());
        assertArrayEquals(new double[] {1, 2, 3, 4, 5, 6}, r.trials().get(0).counts().data, 0.0);
        assertArrayEquals(new double[] {7, 8}, r.trials().get(1).counts().data, 0.0);
        assertEquals(9.0, r.trials().get(1).cursorVelocity().get(0, 0), 0.0);
        assertNull(r.trials().get(0).target());
        assertTrue(Double.isNaN(r.trials().get(0).startTime()));
    }

    @Test
    void genericLayoutInAV73FileRoundTripsExactly() throws IOException {
        Path f = dir.resolve("lab73.mat");
        MatV73Files.write(f, root -> {
            MatV73Files.putDouble(root, "counts", counts());
            MatV73Files.putDouble(root, "binWidth", new double[][] {{0.045}});
            MatV73Files.putUint8(root, "trialStart", new int[][] {{1}, {6}});
            MatV73Files.putDouble(root, "targets", new double[][] {{0.5, -0.5}, {2, 3}});
            MatV73Files.putDouble(root, "cursorPos", cursor(10, 1));
        });
        Recording r = read(f);
        assertEquals("MATLAB v7.3 (generic layout)", r.metadata().get("format"));
        assertEquals(3, r.units());
        assertEquals(2, r.trials().size());
        DMatrixRMaj all = r.stackedCounts();
        for (int b = 0; b < 10; b++) {
            for (int u = 0; u < 3; u++) {
                assertEquals(b + 10 * u, all.get(b, u), 0.0);
            }
        }
        assertEquals(5, r.trials().get(1).bins());
        assertEquals(Target.at(2, 3), r.trials().get(1).target());
        assertEquals(1 + 5, r.trials().get(1).cursorPosition().get(0, 0), 0.0);
    }

    @Test
    void genericCellLayoutInAV73FileIsReadThroughReferences() throws IOException {
        Recording r = read(MatFileTest.cellsV73());
        assertEquals(List.of("a1", "b22"), r.unitIds());
        assertEquals(0.02, r.binWidth(), 0.0);
        assertEquals(2, r.trials().size());
        assertArrayEquals(new double[] {1, 2, 3, 4, 5, 6}, r.trials().get(0).counts().data, 0.0);
        assertArrayEquals(new double[] {7, 8}, r.trials().get(1).counts().data, 0.0);
    }

    @Test
    void genericVariablesMayBeFieldsOfTheFilesOnlyStruct() throws IOException {
        Path f = dir.resolve("wrapped.mat");
        Struct data = Mat5.newStruct().set("counts", mfl(counts(), MatlabType.Double))
                .set("binWidth", Mat5.newScalar(0.05))
                .set("trialStart", mfl(new double[][] {{1, 11}}, MatlabType.Double));
        Mat5.writeToFile(Mat5.newMatFile().addArray("data", data), f.toFile());
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> read(f));
        assertEquals(f + ": data.trialStart: expected 1-based bin indices in 1..10, found 11.0 at 2", e.getMessage());

        data.set("trialStart", mfl(new double[][] {{1, 6}}, MatlabType.Double));
        Mat5.writeToFile(Mat5.newMatFile().addArray("data", data), f.toFile());
        Recording r = read(f);
        assertEquals(2, r.trials().size());
        assertEquals(5, r.trials().get(1).count(0, 0), 0.0);
        assertEquals(0.25, r.trials().get(1).startTime(), 1e-15);
    }

    @Test
    void badGenericFilesAreReportedPrecisely() throws IOException {
        Path none = dir.resolve("none.mat");
        Mat5.writeToFile(Mat5.newMatFile().addArray("rates", Mat5.newScalar(1)), none.toFile());
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> read(none));
        assertTrue(e.getMessage().startsWith(none + ": found no spike counts"), e.getMessage());
        assertTrue(e.getMessage().contains("the file holds rates (1 x 1 double)"), e.getMessage());

        Path order = dir.resolve("order.mat");
        Mat5.writeToFile(Mat5.newMatFile().addArray("counts", mfl(counts(), MatlabType.Double))
                .addArray("binWidth", Mat5.newScalar(0.05))
                .addArray("trialStart", mfl(new double[][] {{1, 5, 5}}, MatlabType.Double)), order.toFile());
        e = assertThrows(InvalidInputException.class, () -> read(order));
        assertEquals(order + ": trialStart: expected strictly increasing bin indices, found 5.0 after 5", e.getMessage());

        Path targets = dir.resolve("targets.mat");
        Mat5.writeToFile(Mat5.newMatFile().addArray("counts", mfl(counts(), MatlabType.Double))
                .addArray("binWidth", Mat5.newScalar(0.05))
                .addArray("targets", mfl(new double[][] {{1, 2, 3}}, MatlabType.Double)), targets.toFile());
        e = assertThrows(InvalidInputException.class, () -> read(targets));
        assertEquals(targets + ": targets: expected 1 x 2, found 1 x 3 double", e.getMessage());

        Path negative = dir.resolve("negative.mat");
        Mat5.writeToFile(Mat5.newMatFile().addArray("counts", mfl(new double[][] {{1, -2}}, MatlabType.Double))
                .addArray("binWidth", Mat5.newScalar(0.05)), negative.toFile());
        e = assertThrows(InvalidInputException.class, () -> read(negative));
        assertEquals(negative + ": trial 1: counts[0][1]: expected a finite count >= 0, got -2.0", e.getMessage());
    }
}
