package org.bcikit.data.npy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;

import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

/**
 * Files written by NumPy itself ({@code make_numpy_fixtures.py} beside them, NumPy 2.4.6), so the
 * reader is checked against the format's reference writer and not only against bcikit's own.
 */
class NpyNumpyFixtureTest {

    private static NpyArray fixture(String name) throws Exception {
        return NpyArray.read(Path.of(NpyNumpyFixtureTest.class.getResource(name).toURI()));
    }

    @Test
    void float64InCOrder() throws Exception {
        NpyArray a = fixture("float64_c.npy");
        assertArrayEquals(new int[] {3, 4}, a.shape());
        DMatrixRMaj m = a.toMatrix();
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 4; j++) {
                assertEquals(10.0 * i + j - 2.5, m.get(i, j), 0, "[" + i + "][" + j + "]");
            }
        }
    }

    @Test
    void float32InFortranOrder() throws Exception {
        NpyArray a = fixture("float32_fortran.npy");
        assertArrayEquals(new int[] {3, 4}, a.shape());
        DMatrixRMaj m = a.toMatrix();
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 4; j++) {
                assertEquals(0.5 * i - j, m.get(i, j), 0, "[" + i + "][" + j + "]");
            }
        }
    }

    @Test
    void bigEndianInt16() throws Exception {
        DMatrixRMaj m = fixture("int16_big.npy").toMatrix();
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 4; j++) {
                assertEquals(100 * i - 7 * j, m.get(i, j), 0, "[" + i + "][" + j + "]");
            }
        }
    }

    @Test
    void uint8Vector() throws Exception {
        NpyArray a = fixture("uint8_vector.npy");
        assertArrayEquals(new int[] {4}, a.shape());
        assertArrayEquals(new double[] {0, 1, 2, 255}, a.values(), 0);
    }
}
