package org.bcikit.data.mat;

import static org.bcikit.data.mat.MatFileTest.mfl;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Path;

import org.bcikit.data.InvalidInputException;
import org.bcikit.data.Trial;
import org.bcikit.data.examples.ExampleSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import us.hebi.matlab.mat.format.Mat5;
import us.hebi.matlab.mat.format.Mat5File;
import us.hebi.matlab.mat.types.Cell;
import us.hebi.matlab.mat.types.MatlabType;
import us.hebi.matlab.mat.types.Matrix;

/** {@link CursorTrials}: the IME codepack's example session, bins first, and damaged copies. */
class CursorTrialsTest {

    static Path EXAMPLE;

    @TempDir
    Path dir;

    @BeforeAll
    static void extract() throws IOException {
        EXAMPLE = ExampleSession.IME2015.file();
    }

    @Test
    void readsTheCodepackSessionBinsFirst() throws IOException {
        CursorTrials s = CursorTrials.read(EXAMPLE);
        assertEquals(165, s.trials().size());
        assertEquals(24, s.units());
        // stored in single precision
        assertEquals(0.007, s.cursorRadius(), 1e-9);
        assertEquals((double) 0.007f, s.targetRadius(), 0.0);
        assertEquals("A010509", s.experimentId());
        int bins = 0;
        for (Trial t : s.trials()) {
            bins += t.bins();
        }
        assertEquals(3290, bins);
        try (Mat5File mat = Mat5.readFromFile(EXAMPLE.toFile())) {
            Matrix counts = mat.getStruct("data").getCell("spike_counts").getMatrix(97);
            Matrix pos = mat.getStruct("data").getCell("cursor_position").getMatrix(97);
            Matrix target = mat.getStruct("data").getCell("target_position").getMatrix(97);
            Trial t = s.trials().get(97);
            assertEquals(counts.getNumCols(), t.bins());
            for (int b = 0; b < t.bins(); b++) {
                for (int u = 0; u < 24; u++) {
                    assertEquals(counts.getDouble(u, b), t.count(b, u), 0.0);
                }
                assertEquals(pos.getDouble(1, b), t.cursorPosition().get(b, 1), 0.0);
            }
            assertEquals(target.getDouble(0), t.target().x(), 0.0);
            assertEquals(target.getDouble(1), t.target().y(), 0.0);
        }
    }

    @Test
    void aMismatchedPositionMatrixNamesItsPath() throws IOException {
        Path f = dir.resolve("short.mat");
        try (Mat5File mat = Mat5.readFromFile(EXAMPLE.toFile())) {
            Cell pos = mat.getStruct("data").getCell("cursor_position");
            pos.set(2, mfl(new double[][] {{0, 1}, {0, 1}}, MatlabType.Double));
            Mat5.writeToFile(mat, f.toFile());
        }
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> CursorTrials.read(f));
        assertEquals(f + ": data.cursor_position{3}: expected 2 x 32, found 2 x 2 double", e.getMessage().replaceAll(
                "2 x \\d+, found", "2 x 32, found"));
    }

    @Test
    void aFileWithoutTheLayoutSaysWhatItExpected() throws IOException {
        Path f = dir.resolve("other.mat");
        Mat5.writeToFile(Mat5.newMatFile().addArray("x", Mat5.newScalar(1)), f.toFile());
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> CursorTrials.read(f));
        assertEquals(f + ": expected a struct 'data' with fields spike_counts, cursor_position, target_position, "
                + "cursor_radius and target_radius (the layout of Golub et al. 2015), found: x", e.getMessage());
    }
}
