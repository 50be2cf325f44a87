package org.bcikit.data.mat;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.bcikit.data.InvalidInputException;
import org.bcikit.data.SharedData;
import us.hebi.matlab.mat.format.Mat5;
import us.hebi.matlab.mat.types.Cell;
import us.hebi.matlab.mat.types.MatlabType;
import us.hebi.matlab.mat.types.Matrix;
import us.hebi.matlab.mat.types.Struct;

/** MATLAB file access: orientation, class conversion, nesting and bad files, for v5 and v7.3. */
class MatFileTest {

    @TempDir
    Path dir;

    /** A(i, j) = 10 (i+1) + (j+1): any transposition or column-major slip shows. */
    private static final double[][] A = {{11, 12, 13}, {21, 22, 23}};

    static Matrix mfl(double[][] rows, MatlabType type) {
        Matrix m = Mat5.newMatrix(rows.length, rows[0].length, type);
        for (int i = 0; i < rows.length; i++) {
            for (int j = 0; j < rows[0].length; j++) {
                m.setDouble(i, j, rows[i][j]);
            }
        }
        return m;
    }

    @Test
    void v5MatricesKeepMatlabOrientationAndConvertEveryClassExactly() throws IOException {
        Path f = dir.resolve("classes.mat");
        Struct s = Mat5.newStruct();
        s.set("inner", Mat5.newStruct().set("u16", mfl(new double[][] {{60000, 1}}, MatlabType.UInt16)));
        Matrix logical = Mat5.newLogical(1, 3);
        logical.setBoolean(0, true);
        logical.setBoolean(2, true);
        Struct arr = Mat5.newStruct(1, 2);
        arr.set("v", 0, Mat5.newScalar(5));
        arr.set("v", 1, Mat5.newScalar(7));
        Cell cell = Mat5.newCell(1, 2);
        cell.set(0, mfl(A, MatlabType.Double));
        cell.set(1, Mat5.newString("hi"));
        Mat5.writeToFile(Mat5.newMatFile()
                .addArray("a", mfl(A, MatlabType.Double))
                .addArray("u8", mfl(new double[][] {{0, 200, 255}}, MatlabType.UInt8))
                .addArray("i16", mfl(new double[][] {{-32768}, {32767}}, MatlabType.Int16))
                .addArray("single", mfl(new double[][] {{0.1}}, MatlabType.Single))
                .addArray("flags", logical)
                .addArray("s", s)
                .addArray("arr", arr)
                .addArray("c", cell)
                .addArray("name", Mat5.newString("Jeffy")), f.toFile());

        try (MatFile mat = MatFile.open(f)) {
            assertEquals("v5", mat.version());
            DMatrixRMaj a = mat.variable("a").matrix(2, 3);
            for (int i = 0; i < 2; i++) {
                for (int j = 0; j < 3; j++) {
                    assertEquals(A[i][j], a.get(i, j), 0.0, "A(" + (i + 1) + "," + (j + 1) + ")");
                }
            }
            assertArrayEquals(new double[] {0, 200, 255}, mat.variable("u8").column(3).data, 0.0);
            assertArrayEquals(new double[] {-32768, 32767}, mat.variable("i16").column(2).data, 0.0);
            assertEquals((double) 0.1f, mat.variable("single").scalar(), 0.0);
            assertArrayEquals(new double[] {1, 0, 1}, mat.variable("flags").column(3).data, 0.0);
            assertEquals(60000, mat.path("s.inner.u16").column(2).data[0], 0.0);
            MatValue structArray = mat.variable("arr");
            assertEquals(2, structArray.numElements());
            assertEquals(7, structArray.element(1).field("v").scalar(), 0.0);
            assertEquals("arr(2).v", structArray.element(1).field("v").path());
            assertEquals(23, mat.variable("c").element(0).matrix().get(1, 2), 0.0);
            assertEquals("hi", mat.variable("c").element(1).string());
            assertEquals("Jeffy", mat.variable("name").string());
        }
    }

    @Test
    void v73FilesAreRecognisedByTheirHdf5SignatureAndReadInMatlabOrientation() throws IOException {
        Path f = dir.resolve("v73.mat");
        MatV73Files.write(f, root -> {
            MatV73Files.putDouble(root, "a", A);
            MatV73Files.putUint8(root, "u8", new int[][] {{0, 200, 255}});
            MatV73Files.putString(root, "name", "Jeffy");
            MatV73Files.putDouble(MatV73Files.putStruct(MatV73Files.putStruct(root, "s"), "inner"), "x",
                    new double[][] {{1.5}});
        });
        byte[] bytes = Files.readAllBytes(f);
        assertArrayEquals(MatFile.HDF5_SIGNATURE, Arrays.copyOfRange(bytes, 512, 520));

        try (MatFile mat = MatFile.open(f)) {
            assertEquals("v7.3", mat.version());
            assertEquals(List.of("a", "name", "s", "u8"), mat.variableNames().stream().sorted().toList());
            DMatrixRMaj a = mat.variable("a").matrix(2, 3);
            for (int i = 0; i < 2; i++) {
                for (int j = 0; j < 3; j++) {
                    assertEquals(A[i][j], a.get(i, j), 0.0, "A(" + (i + 1) + "," + (j + 1) + ")");
                }
            }
            assertEquals("2 x 3 double", mat.variable("a").describe());
            assertArrayEquals(new double[] {0, 200, 255}, mat.variable("u8").column(3).data, 0.0);
            assertEquals("Jeffy", mat.variable("name").string());
            assertEquals(1.5, mat.path("s.inner.x").scalar(), 0.0);
        }
    }

    /** The h5py-made fixture (see make_cells_v73.py beside it): cells and struct arrays by reference. */
    static Path cellsV73() {
        try {
            return Path.of(MatFileTest.class.getResource("cells-v73.mat").toURI());
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void v73CellsAndStructArraysAreFollowedThroughTheirReferences() throws IOException {
        try (MatFile mat = MatFile.open(cellsV73())) {
            assertEquals("v7.3", mat.version());
            assertEquals(List.of("binWidth", "counts", "flags", "s", "unitIds"),
                    mat.variableNames().stream().sorted().toList());
            MatValue counts = mat.variable("counts");
            assertEquals("1 x 2 cell", counts.describe());
            DMatrixRMaj first = counts.element(0).matrix(3, 2);
            assertArrayEquals(new double[] {1, 2, 3, 4, 5, 6}, first.data, 0.0);
            assertEquals("1 x 2 uint8", counts.element(1).describe());
            assertEquals("counts{2}", counts.element(1).path());
            assertArrayEquals(new double[] {7, 8}, counts.element(1).column(2).data, 0.0);
            assertEquals("b22", mat.variable("unitIds").element(1).string());
            MatValue s = mat.variable("s");
            assertEquals(2, s.numElements());
            assertEquals(5, s.element(0).field("v").scalar(), 0.0);
            assertArrayEquals(new double[] {1, 2, 3}, s.element(1).field("v").column(3).data, 0.0);
            assertEquals("s(2).v", s.element(1).field("v").path());
            assertEquals("logical", mat.variable("flags").className());
            assertArrayEquals(new double[] {1, 0, 1}, mat.variable("flags").column(3).data, 0.0);
        }
    }

    @Test
    void shapeAndFieldProblemsNameTheFileAndThePath() throws IOException {
        Path f = dir.resolve("shapes.mat");
        Mat5.writeToFile(Mat5.newMatFile().addArray("a", mfl(A, MatlabType.Double))
                .addArray("s", Mat5.newStruct().set("x", Mat5.newScalar(1))), f.toFile());
        try (MatFile mat = MatFile.open(f)) {
            InvalidInputException shape = assertThrows(InvalidInputException.class, () -> mat.variable("a").matrix(3, 2));
            assertEquals(f + ": a: expected 3 x 2, found 2 x 3 double", shape.getMessage());
            InvalidInputException field = assertThrows(InvalidInputException.class, () -> mat.path("s.y"));
            assertEquals(f + ": s: missing field 'y' (fields: x)", field.getMessage());
            InvalidInputException variable = assertThrows(InvalidInputException.class, () -> mat.variable("b"));
            assertTrue(variable.getMessage().startsWith(f + ": b: missing variable (the file has: a, s)"),
                    variable.getMessage());
            InvalidInputException notStruct = assertThrows(InvalidInputException.class, () -> mat.path("a.x"));
            assertEquals(f + ": a: expected a struct with field 'x', found a 2 x 3 double", notStruct.getMessage());
        }
    }

    @Test
    void wrongMagicTinyAndTruncatedFilesAreInvalidInput() throws IOException {
        Path text = dir.resolve("notes.mat");
        Files.writeString(text, "x,y\n".repeat(100), StandardCharsets.US_ASCII);
        InvalidInputException magic = assertThrows(InvalidInputException.class, () -> MatFile.open(text));
        assertTrue(magic.getMessage().startsWith(text + ": expected a MATLAB .mat file"), magic.getMessage());

        Path tiny = dir.resolve("tiny.mat");
        Files.write(tiny, new byte[] {1, 2, 3});
        InvalidInputException small = assertThrows(InvalidInputException.class, () -> MatFile.open(tiny));
        assertTrue(small.getMessage().contains("found only 3 bytes"), small.getMessage());

        byte[] real = Files.readAllBytes(SharedData.golub2018());
        Path cut = dir.resolve("cut.mat");
        Files.write(cut, Arrays.copyOf(real, real.length / 2));
        InvalidInputException truncated = assertThrows(InvalidInputException.class, () -> RigSession.read(cut));
        assertTrue(truncated.getMessage().startsWith(cut + ": "), truncated.getMessage());

        Path v73 = dir.resolve("v73.mat");
        MatV73Files.write(v73, root -> MatV73Files.putDouble(root, "a", A));
        Path cut73 = dir.resolve("cut73.mat");
        Files.write(cut73, Arrays.copyOf(Files.readAllBytes(v73), 400));
        InvalidInputException noSignature = assertThrows(InvalidInputException.class, () -> MatFile.open(cut73));
        assertTrue(noSignature.getMessage().contains("expected the HDF5 signature"), noSignature.getMessage());
        Path half73 = dir.resolve("half73.mat");
        byte[] full73 = Files.readAllBytes(v73);
        Files.write(half73, Arrays.copyOf(full73, 512 + 60));
        InvalidInputException brokenHdf = assertThrows(InvalidInputException.class, () -> {
            try (MatFile mat = MatFile.open(half73)) {
                mat.variable("a").matrix();
            }
        });
        assertTrue(brokenHdf.getMessage().startsWith(half73 + ": "), brokenHdf.getMessage());
    }
}
