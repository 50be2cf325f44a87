package org.bcikit.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;

import org.bcikit.data.io.AtomicFiles;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

class RecordingTest {

    private static Trial trial(double[][] counts) {
        return Trial.builder().counts(new DMatrixRMaj(counts)).target(Target.condition(0)).build();
    }

    @Test
    void stacksTrialsInOrder() {
        Recording r = Recording.builder().numberedUnits(2).binWidth(0.045)
                .addTrial(trial(new double[][] {{1, 2}, {3, 4}}))
                .addTrial(trial(new double[][] {{5, 6}}))
                .build();
        DMatrixRMaj all = r.stackedCounts();
        assertEquals(3, r.totalBins());
        assertEquals(3, all.numRows);
        assertEquals(6.0, all.get(2, 1));
        assertEquals(3.0, all.get(1, 0));
    }

    @Test
    void trialIsACopyOfItsInput() {
        DMatrixRMaj counts = new DMatrixRMaj(new double[][] {{1, 2}});
        Trial t = Trial.builder().counts(counts).build();
        counts.set(0, 0, 99);
        t.counts().set(0, 1, 99);
        assertEquals(1.0, t.count(0, 0));
        assertEquals(2.0, t.count(0, 1));
    }

    @Test
    void rejectsNegativeNanAndInfiniteCounts() {
        for (double bad : new double[] {-1, Double.NaN, Double.POSITIVE_INFINITY}) {
            InvalidInputException e = assertThrows(InvalidInputException.class,
                    () -> trial(new double[][] {{1, bad}}));
            assertTrue(e.getMessage().startsWith("counts[0][1]: expected a finite count >= 0"), e.getMessage());
        }
    }

    @Test
    void rejectsEmptyTrialsAndMismatchedShapes() {
        assertThrows(InvalidInputException.class, () -> Trial.builder().counts(new DMatrixRMaj(0, 3)).build());
        InvalidInputException kin = assertThrows(InvalidInputException.class, () -> Trial.builder()
                .counts(new DMatrixRMaj(3, 2)).cursorPosition(new DMatrixRMaj(2, 2)).build());
        assertTrue(kin.getMessage().contains("expected 3 x 2"), kin.getMessage());
        InvalidInputException units = assertThrows(InvalidInputException.class, () -> Recording.builder()
                .numberedUnits(3).binWidth(0.05).addTrial(trial(new double[][] {{1, 2}})).build());
        assertEquals("trials[0].counts: expected 3 units (columns), got 2", units.getMessage());
    }

    @Test
    void rejectsBadBinWidthAndDuplicateUnits() {
        assertThrows(InvalidInputException.class, () -> Recording.builder().numberedUnits(1).binWidth(0).build());
        assertThrows(InvalidInputException.class, () -> Recording.builder().numberedUnits(1)
                .binWidth(Double.NaN).build());
        assertThrows(InvalidInputException.class, () -> Recording.builder()
                .unitIds(java.util.List.of("a", "a")).binWidth(0.1).build());
    }

    @Test
    void atomicWriteReplacesWholeFileAndLeavesNoTemporaries() throws Exception {
        java.nio.file.Path dir = Files.createTempDirectory("bcikit-atomic");
        java.nio.file.Path f = dir.resolve("sub/out.txt");
        AtomicFiles.writeString(f, "first");
        AtomicFiles.writeString(f, "second");
        assertEquals("second", Files.readString(f));
        assertThrows(java.io.IOException.class, () -> AtomicFiles.write(f, out -> {
            out.write("partial".getBytes());
            throw new java.io.IOException("disk full");
        }));
        assertEquals("second", Files.readString(f));
        try (var s = Files.list(f.getParent())) {
            assertEquals(1, s.count());
        }
    }
}
