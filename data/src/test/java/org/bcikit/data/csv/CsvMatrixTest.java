package org.bcikit.data.csv;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.bcikit.data.InvalidInputException;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvMatrixTest {

    @TempDir
    Path dir;

    @Test
    void roundTripsEveryDoubleExactlyWithAndWithoutHeader() throws Exception {
        double[] v = {1.0 / 3, -0.0, 0, 3, -2.5e-310, Double.MAX_VALUE, Double.NaN, Double.POSITIVE_INFINITY,
            123456789012345678.0, 0.1 + 0.2};
        DMatrixRMaj m = DMatrixRMaj.wrap(2, 5, v.clone());
        Path plain = dir.resolve("plain.csv");
        CsvMatrix.write(plain, m);
        DMatrixRMaj back = CsvMatrix.readMatrix(plain);
        for (int i = 0; i < v.length; i++) {
            assertEquals(Double.doubleToRawLongBits(v[i]), Double.doubleToRawLongBits(back.data[i]), "value " + i);
        }
        Path named = dir.resolve("named.csv");
        CsvMatrix.write(named, m, List.of("a", "b,c", "d \"e\"", "f", "g"));
        CsvMatrix read = CsvMatrix.read(named);
        assertEquals(List.of("a", "b,c", "d \"e\"", "f", "g"), read.header());
        assertArrayEquals(m.data, read.matrix().data);
        assertEquals("3", Files.readAllLines(plain).get(0).split(",")[3], "integers are written without a fraction");
    }

    @Test
    void readsNumpyStyleFilesWithCommentsAndNan() throws Exception {
        Path f = dir.resolve("np.csv");
        Files.writeString(f, "# from numpy.savetxt\n1.000000000000000000e+00,nan\n\n-inf,2.5e-01\n");
        DMatrixRMaj m = CsvMatrix.readMatrix(f);
        assertEquals(2, m.numRows);
        assertTrue(Double.isNaN(m.get(0, 1)));
        assertEquals(Double.NEGATIVE_INFINITY, m.get(1, 0));
        assertEquals(0.25, m.get(1, 1));
    }

    private String bad(String content) throws Exception {
        Path f = dir.resolve("bad.csv");
        Files.writeString(f, content);
        return assertThrows(InvalidInputException.class, () -> CsvMatrix.read(f)).getMessage();
    }

    @Test
    void reportsRaggedRowsNonNumbersAndEmptyFiles() throws Exception {
        assertEquals(dir.resolve("bad.csv") + ": line 3: expected 2 fields, found 3", bad("a,b\n1,2\n3,4,5\n"));
        assertEquals(dir.resolve("bad.csv") + ": line 2, column 2: expected a number, found 'x'", bad("1,2\n3,x\n"));
        assertTrue(bad("# nothing\n").endsWith("expected at least one row of numbers, found none"));
        assertTrue(bad("a,b\n").endsWith("expected at least one row of numbers, found none"));
        assertTrue(bad("\"a,b\n1\n").contains("line 1: expected a closing double quote"));
    }

    @Test
    void refusesAHeaderThatWouldReadBackAsData() {
        assertThrows(IllegalArgumentException.class,
                () -> CsvMatrix.write(dir.resolve("h.csv"), new DMatrixRMaj(1, 2), List.of("1", "2")));
    }
}
