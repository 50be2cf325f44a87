package org.bcikit.data.mat;

import static org.bcikit.data.mat.MatFileTest.mfl;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;

import org.bcikit.data.FieldMapping;
import org.bcikit.data.InvalidInputException;
import org.bcikit.data.ReadOptions;
import org.bcikit.data.Recording;
import org.bcikit.data.SharedData;
import org.bcikit.data.Target;
import org.bcikit.data.Trial;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import us.hebi.matlab.mat.format.Mat5;
import us.hebi.matlab.mat.types.Cell;
import us.hebi.matlab.mat.types.MatlabType;
import us.hebi.matlab.mat.types.Struct;

/** Field mapping, aliases, orientation rules and derived velocity of the generic MATLAB layout. */
class GenericFieldsTest {

    @TempDir
    Path dir;

    private static final Path IME = SharedData.shared("data/ime2015/example_data.mat");

    private static Recording read(Path f, String fields, double binWidth) throws IOException {
        return new MatReader().read(f, new ReadOptions(binWidth, FieldMapping.parse(fields)));
    }

    @Test
    void theIme2015FileIsReadByItsAliasesWithUnitsByBinsCellsTransposed() throws IOException {
        Recording r = read(IME, "", 0.033);
        assertEquals(24, r.units());
        assertEquals(165, r.trials().size());
        assertEquals(3290, r.totalBins());
        assertEquals(16, r.distinctTargets().size());
        assertTrue(r.hasCursorPosition());
        assertTrue(r.hasCursorVelocity());
        assertEquals("counts=data.spike_counts (165 cells of 24 x T double: units x bins, transposed), "
                + "cursorPosition=data.cursor_position (2 x T cells, transposed), targets=data.target_position",
                r.metadata().get("mapping"));
        assertEquals("option", r.metadata().get("binWidthSource"));
        assertTrue(r.metadata().get("positionUnits").contains("the file does not say"));

        // Every number where the file put it: counts(t, u) = spike_counts{k}(u, t), p(t) = cursor_position{k}(:, t).
        try (MatFile mat = MatFile.open(IME)) {
            MatValue data = mat.variable("data");
            for (int k : new int[] {0, 77, 164}) {
                Trial t = r.trials().get(k);
                DMatrixRMaj stored = data.field("spike_counts").element(k).matrix();
                DMatrixRMaj pos = data.field("cursor_position").element(k).matrix();
                assertEquals(stored.numCols, t.bins());
                for (int b = 0; b < t.bins(); b++) {
                    for (int u = 0; u < 24; u++) {
                        assertEquals(stored.get(u, b), t.count(b, u), 0.0);
                    }
                    assertEquals(pos.get(0, b), t.cursorPosition().get(b, 0), 0.0);
                    assertEquals(pos.get(1, b), t.cursorPosition().get(b, 1), 0.0);
                }
                DMatrixRMaj target = data.field("target_position").element(k).matrix();
                assertEquals(Target.at(target.get(0, 0), target.get(1, 0)), t.target());
                // v(t) = (p(t) - p(t-1)) / dt; the first bin repeats the second.
                DMatrixRMaj v = t.cursorVelocity();
                for (int b = 1; b < t.bins(); b++) {
                    assertEquals((pos.get(0, b) - pos.get(0, b - 1)) / 0.033, v.get(b, 0), 1e-12);
                    assertEquals((pos.get(1, b) - pos.get(1, b - 1)) / 0.033, v.get(b, 1), 1e-12);
                }
                assertEquals(v.get(1, 0), v.get(0, 0), 0.0);
                assertEquals(v.get(1, 1), v.get(0, 1), 0.0);
            }
        }
        // Targets lie on the 85 mm circle, in metres as stored.
        for (Target t : r.distinctTargets()) {
            assertEquals(0.085, Math.hypot(t.x(), t.y()), 1e-4);
        }
        // The explicit mapping reads the same numbers.
        Recording mapped = read(IME, "counts=data.spike_counts,cursorPosition=data.cursor_position,"
                + "targets=data.target_position", 0.033);
        assertArrayEquals(r.stackedCounts().data, mapped.stackedCounts().data, 0.0);
        assertEquals(r.distinctTargets(), mapped.distinctTargets());
    }

    @Test
    void twoAliasesOfOneFieldAreAnErrorNamingBothAndTheChoosingOption() throws IOException {
        Path f = dir.resolve("both.mat");
        Struct s = Mat5.newStruct();
        s.set("counts", mfl(new double[][] {{1, 2}, {3, 4}}, MatlabType.Double));
        s.set("cursorPos", mfl(new double[][] {{0, 0}, {1, 1}}, MatlabType.Double));
        s.set("cursor_pos", mfl(new double[][] {{0, 0}, {2, 2}}, MatlabType.Double));
        Mat5.writeToFile(Mat5.newMatFile().addArray("s", s), f.toFile());
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> read(f, "", 0.05));
        assertEquals(f + ": both s.cursorPos and s.cursor_pos could be cursorPosition; choose one with "
                + "--fields cursorPosition=s.cursorPos", e.getMessage());
        Recording r = read(f, "cursorPosition=s.cursor_pos", 0.05);
        assertEquals(2.0, r.trials().get(0).cursorPosition().get(1, 0), 0.0);
        // derived velocity: (2 - 0) / 0.05 in both bins
        assertEquals(40.0, r.trials().get(0).cursorVelocity().get(0, 0), 1e-12);
        assertEquals(40.0, r.trials().get(0).cursorVelocity().get(1, 1), 1e-12);
    }

    @Test
    void aFileWithoutCountsSaysWhatItHoldsAndWhichFieldsLineWouldMapIt() throws IOException {
        Path f = dir.resolve("lab.mat");
        Struct s = Mat5.newStruct();
        s.set("rates", mfl(new double[10][3], MatlabType.Double));
        s.set("hand_pos", mfl(new double[10][2], MatlabType.Double));
        s.set("name", Mat5.newString("x"));
        Mat5.writeToFile(Mat5.newMatFile().addArray("session", s), f.toFile());
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> read(f, "", 0.05));
        assertTrue(e.getMessage().startsWith(f + ": found no spike counts"), e.getMessage());
        assertTrue(e.getMessage().contains("the file holds session.rates (10 x 3 double), session.hand_pos (10 x 2 double), "
                + "session.name (1 x 1 char)"), e.getMessage());
        assertTrue(e.getMessage().endsWith("--fields counts=session.rates,cursorPosition=session.hand_pos"), e.getMessage());

        Recording r = read(f, "counts=session.rates,cursorPosition=session.hand_pos", 0.05);
        assertEquals(3, r.units());
        assertEquals(10, r.totalBins());

        InvalidInputException wrong = assertThrows(InvalidInputException.class,
                () -> read(f, "counts=session.spikes", 0.05));
        assertEquals(f + ": --fields counts=session.spikes: session has no field 'spikes' (fields: rates, hand_pos, name)",
                wrong.getMessage());
    }

    @Test
    void orientationIsDecidedPerFieldAndStated() throws IOException {
        // A single matrix is bins x units unless :T says it is stored units x bins.
        Path f = dir.resolve("t.mat");
        double[][] unitsByBins = {{1, 2, 3, 4, 5}, {10, 20, 30, 40, 50}};
        Mat5.writeToFile(Mat5.newMatFile().addArray("spikes", mfl(unitsByBins, MatlabType.UInt8))
                .addArray("cursor_pos", mfl(new double[][] {{0, 1, 2, 3, 4}, {0, 0, 0, 0, 0}}, MatlabType.Double)),
                f.toFile());
        // Taken as 2 bins x 5 units, the 5-column positions cannot belong to it: said, not guessed.
        InvalidInputException plain = assertThrows(InvalidInputException.class, () -> read(f, "", 0.1));
        assertEquals(f + ": cursor_pos: expected 2 x 2 (bins x [x, y], like the counts) or 2 x 2, found 2 x 5 double",
                plain.getMessage());
        Recording t = read(f, "counts=spikes:T", 0.1);
        assertEquals(2, t.units());
        assertEquals(5, t.totalBins());
        assertEquals(30.0, t.trials().get(0).count(2, 1), 0.0);
        assertTrue(t.metadata().get("mapping").startsWith("counts=spikes (2 x 5 uint8: units x bins, transposed by :T), "
                + "cursorPosition=cursor_pos (2 x T, transposed)"), t.metadata().get("mapping"));
        assertEquals(10.0, t.trials().get(0).cursorVelocity().get(3, 0), 1e-12);

        // Per-trial cells all of one size: bins x units, and the mapping line says how to choose otherwise.
        Path same = dir.resolve("same.mat");
        Cell c = Mat5.newCell(1, 2);
        c.set(0, mfl(new double[][] {{1, 2, 3}, {4, 5, 6}}, MatlabType.Double));
        c.set(1, mfl(new double[][] {{7, 8, 9}, {1, 1, 1}}, MatlabType.Double));
        Mat5.writeToFile(Mat5.newMatFile().addArray("binned_spikes", c), same.toFile());
        Recording r = read(same, "", 0.1);
        assertEquals(3, r.units());
        assertTrue(r.metadata().get("mapping").contains("every trial the same size, taken as bins x units; add :T"),
                r.metadata().get("mapping"));
        assertEquals(2, read(same, "counts=binned_spikes:T", 0.1).units());

        // Per-trial cells whose sizes vary in both dimensions have no units dimension.
        c.set(1, mfl(new double[][] {{7, 8}}, MatlabType.Double));
        Mat5.writeToFile(Mat5.newMatFile().addArray("binned_spikes", c), same.toFile());
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> read(same, "", 0.1));
        assertEquals(same + ": binned_spikes: expected per-trial matrices with the same number of units in every "
                + "trial (one dimension the same throughout), found rows 1..2 and columns 2..3", e.getMessage());
    }

    @Test
    void perTrialTargetsMayBeACellOfPositionsOrATwoRowMatrix() throws IOException {
        Path f = dir.resolve("targets.mat");
        Cell counts = Mat5.newCell(1, 3);
        Cell targets = Mat5.newCell(1, 3);
        for (int k = 0; k < 3; k++) {
            counts.set(k, mfl(new double[][] {{1, 2, 3, 4}, {0, 0, 1, 1}}, MatlabType.Double));
            targets.set(k, mfl(new double[][] {{k}, {-k}}, MatlabType.Double));
        }
        Mat5.writeToFile(Mat5.newMatFile().addArray("counts", counts).addArray("target", targets), f.toFile());
        Recording r = read(f, "", 0.1);
        assertEquals(Target.at(2, -2), r.trials().get(2).target());
        Set<Target> distinct = new HashSet<>(r.distinctTargets());
        assertEquals(3, distinct.size());

        Mat5.writeToFile(Mat5.newMatFile().addArray("counts", counts)
                .addArray("targetPos", mfl(new double[][] {{0, 1, 2}, {0, -1, -2}}, MatlabType.Double)), f.toFile());
        assertEquals(Target.at(1, -1), read(f, "", 0.1).trials().get(1).target());
        assertFalse(read(f, "", 0.1).hasCursorPosition());
    }

    @Test
    void fieldsTextParsesPairsFlagsAndRejectsUnknownFields() {
        FieldMapping m = FieldMapping.parse("counts=data.spikes:T, targets=tx,ty");
        assertEquals(java.util.List.of("data.spikes"), m.source("counts").names());
        assertTrue(m.source("counts").transposed());
        assertEquals(java.util.List.of("tx", "ty"), m.source("targets").names());
        assertEquals("counts=data.spikes:T,targets=tx,ty", m.toString());
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> FieldMapping.parse("count=x"));
        assertTrue(e.getMessage().startsWith("--fields count=x: unknown field 'count'; expected one of counts, binWidth"),
                e.getMessage());
        assertThrows(InvalidInputException.class, () -> FieldMapping.parse("counts=a,counts=b"));
        assertThrows(InvalidInputException.class, () -> FieldMapping.parse("counts=a:X"));
        assertThrows(InvalidInputException.class, () -> FieldMapping.parse("counts="));
        assertTrue(FieldMapping.parse(" ").isEmpty());
    }

    @Test
    void aV73FileIsMappedByTheSameRulesAndAContinuousTraceIsDifferencedAcrossTrials() throws IOException {
        Path f = dir.resolve("lab73.mat");
        int[][] unitsByBins = new int[3][10];
        double[][] hand = new double[2][10];
        for (int b = 0; b < 10; b++) {
            for (int u = 0; u < 3; u++) {
                unitsByBins[u][b] = b + 10 * u;
            }
            hand[0][b] = b * b;
            hand[1][b] = -b;
        }
        MatV73Files.write(f, root -> {
            var s = MatV73Files.putStruct(root, "rec");
            MatV73Files.putUint8(s, "binned", unitsByBins);
            MatV73Files.putDouble(s, "hand", hand);
            MatV73Files.putDouble(s, "starts", new double[][] {{1, 4}});
            MatV73Files.putString(s, "positionUnits", "mm");
        });
        Recording r = read(f, "counts=rec.binned:T,cursorPosition=rec.hand,trialStart=rec.starts", 0.5);
        assertEquals(3, r.units());
        assertEquals(2, r.trials().size());
        assertEquals(7, r.trials().get(1).bins());
        assertEquals(4 + 20.0, r.trials().get(1).count(1, 2), 0.0); // bin 4, unit 2
        assertEquals("mm (from rec.positionUnits)", r.metadata().get("positionUnits"));
        // Bin 3 is the second trial's first bin: v = (p(3) - p(2)) / 0.5 = (9 - 4) / 0.5, not v(4).
        assertEquals(10.0, r.trials().get(1).cursorVelocity().get(0, 0), 1e-12);
        assertEquals(-2.0, r.trials().get(1).cursorVelocity().get(0, 1), 1e-12);
        // The recording's first bin repeats the second: (1 - 0) / 0.5.
        assertEquals(2.0, r.trials().get(0).cursorVelocity().get(0, 0), 1e-12);
        assertTrue(r.metadata().get("cursorVelocity").contains("across trial boundaries"));
    }
}
