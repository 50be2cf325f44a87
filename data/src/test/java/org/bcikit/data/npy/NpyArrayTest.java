package org.bcikit.data.npy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.bcikit.data.InvalidInputException;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NpyArrayTest {

    private static final Path F = Path.of("m.npy");

    /** A file as NumPy lays it out: magic, version, header length, dict padded to 64, data. */
    private static byte[] npy(int major, String dict, byte[] data) {
        int lenBytes = major == 1 ? 2 : 4;
        int total = 8 + lenBytes + dict.length() + 1;
        String header = dict + " ".repeat((total + 63) / 64 * 64 - total) + "\n";
        ByteBuffer b = ByteBuffer.allocate(8 + lenBytes + header.length() + data.length).order(ByteOrder.LITTLE_ENDIAN);
        b.put((byte) 0x93).put("NUMPY".getBytes(StandardCharsets.US_ASCII)).put((byte) major).put((byte) 0);
        if (major == 1) {
            b.putShort((short) header.length());
        } else {
            b.putInt(header.length());
        }
        return b.put(header.getBytes(StandardCharsets.ISO_8859_1)).put(data).array();
    }

    private static byte[] doubles(ByteOrder order, double... v) {
        ByteBuffer b = ByteBuffer.allocate(8 * v.length).order(order);
        for (double x : v) {
            b.putDouble(x);
        }
        return b.array();
    }

    @Test
    void readsHandWrittenLittleEndianFloat64() {
        byte[] f = npy(1, "{'descr': '<f8', 'fortran_order': False, 'shape': (2, 3), }",
                doubles(ByteOrder.LITTLE_ENDIAN, 1, 2, 3, 4, 5, 6.5));
        NpyArray a = NpyArray.parse(f, F);
        assertArrayEquals(new int[] {2, 3}, a.shape());
        DMatrixRMaj m = a.toMatrix();
        assertEquals(6.5, m.get(1, 2));
        assertEquals(2.0, m.get(0, 1));
    }

    @Test
    void readsBigEndianFortranOrderInt16AndVersion3() {
        // Fortran order stores column by column: [[1, 2], [3, 4]] is 1, 3, 2, 4.
        ByteBuffer data = ByteBuffer.allocate(8).order(ByteOrder.BIG_ENDIAN);
        data.putShort((short) 1).putShort((short) 3).putShort((short) 2).putShort((short) -4);
        for (int major : new int[] {1, 2, 3}) {
            NpyArray a = NpyArray.parse(npy(major, "{'descr': '>i2', 'fortran_order': True, 'shape': (2, 2), }",
                    data.array()), F);
            assertArrayEquals(new double[] {1, 2, 3, -4}, a.values());
        }
    }

    @Test
    void readsUnsignedAndOneDimensionalArrays() {
        byte[] f = npy(1, "{'descr': '|u1', 'fortran_order': False, 'shape': (3,), }", new byte[] {0, (byte) 200, 7});
        NpyArray a = NpyArray.parse(f, F);
        assertEquals(1, a.dimensions());
        DMatrixRMaj col = a.toMatrix();
        assertEquals(3, col.numRows);
        assertEquals(1, col.numCols);
        assertEquals(200.0, col.get(1, 0));
    }

    @Test
    void writesTheBytesNumpyWrites() {
        byte[] ours = NpyArray.of(new DMatrixRMaj(new double[][] {{1, 2, 3}, {4, 5, 6.5}}))
                .toBytes(NpyDtype.FLOAT64, ByteOrder.LITTLE_ENDIAN, false, 0);
        byte[] expected = npy(1, "{'descr': '<f8', 'fortran_order': False, 'shape': (2, 3), }",
                doubles(ByteOrder.LITTLE_ENDIAN, 1, 2, 3, 4, 5, 6.5));
        assertArrayEquals(expected, ours);
        assertEquals(0, (ours.length - 48) % 64, "data start on a 64-byte boundary");
    }

    @Test
    void rowBlocksReadTheSameValuesAsTheWholeFile(@TempDir Path dir) throws Exception {
        DMatrixRMaj m = new DMatrixRMaj(7, 3);
        for (int k = 0; k < m.data.length; k++) {
            m.data[k] = k * 3 % 11;
        }
        Path f = dir.resolve("m.npy");
        for (NpyDtype t : new NpyDtype[] {NpyDtype.FLOAT64, NpyDtype.FLOAT32, NpyDtype.INT16}) {
            for (ByteOrder order : new ByteOrder[] {ByteOrder.LITTLE_ENDIAN, ByteOrder.BIG_ENDIAN}) {
                for (boolean fortran : new boolean[] {false, true}) {
                    for (int version = 1; version <= 2; version++) {
                        java.nio.file.Files.write(f, NpyArray.of(m).toBytes(t, order, fortran, version));
                        java.util.List<Double> got = new java.util.ArrayList<>();
                        int[] blocks = {0};
                        int[] shape = NpyArray.readRowBlocks(f, 3, (v, rows, cols) -> {
                            assertEquals(3, cols);
                            assertEquals(blocks[0] < 2 ? 3 : 1, rows);
                            blocks[0]++;
                            for (int k = 0; k < rows * cols; k++) {
                                got.add(v[k]);
                            }
                        });
                        assertArrayEquals(new int[] {7, 3}, shape);
                        assertEquals(3, blocks[0]);
                        assertArrayEquals(m.data, got.stream().mapToDouble(Double::doubleValue).toArray(),
                                t + " " + order + " fortran=" + fortran + " v" + version);
                    }
                }
            }
        }
        byte[] whole = NpyArray.of(m).toBytes(NpyDtype.FLOAT64, ByteOrder.LITTLE_ENDIAN, false, 1);
        java.nio.file.Files.write(f, java.util.Arrays.copyOf(whole, whole.length - 8));
        assertThrows(InvalidInputException.class, () -> NpyArray.readRowBlocks(f, 3, (v, r, c) -> { }));
    }

    @Test
    void roundTripsEveryTypeOrderAndVersion(@TempDir Path dir) throws Exception {
        DMatrixRMaj m = new DMatrixRMaj(new double[][] {{0, 1, 127}, {5, 64, 100}});
        for (NpyDtype t : NpyDtype.values()) {
            if (t == NpyDtype.BOOL) {
                continue;
            }
            for (ByteOrder order : new ByteOrder[] {ByteOrder.LITTLE_ENDIAN, ByteOrder.BIG_ENDIAN}) {
                for (boolean fortran : new boolean[] {false, true}) {
                    for (int version = 1; version <= 3; version++) {
                        byte[] bytes = NpyArray.of(m).toBytes(t, order, fortran, version);
                        DMatrixRMaj back = NpyArray.parse(bytes, F).toMatrix();
                        assertArrayEquals(m.data, back.data, t + " " + order + " fortran=" + fortran + " v" + version);
                    }
                }
            }
        }
        Path f = dir.resolve("b.npy");
        NpyArray.vector(1, 0, 1).write(f, NpyDtype.BOOL, ByteOrder.LITTLE_ENDIAN, false);
        assertArrayEquals(new double[] {1, 0, 1}, NpyArray.read(f).values());
    }

    @Test
    void roundTripsFloat64ExactlyIncludingSpecialValues(@TempDir Path dir) throws Exception {
        double[] v = {1.0 / 3, -0.0, Double.MIN_VALUE, Double.MAX_VALUE, Double.NaN, Double.NEGATIVE_INFINITY, 1e-300};
        DMatrixRMaj m = DMatrixRMaj.wrap(1, v.length, v.clone());
        Path f = dir.resolve("x.npy");
        NpyArray.writeMatrix(f, m);
        DMatrixRMaj back = NpyArray.readMatrix(f);
        for (int i = 0; i < v.length; i++) {
            assertEquals(Double.doubleToRawLongBits(v[i]), Double.doubleToRawLongBits(back.data[i]), "value " + i);
        }
        double big = 0x1p63 + 2048;
        byte[] u64 = NpyArray.vector(big).toBytes(NpyDtype.UINT64, ByteOrder.BIG_ENDIAN, false, 0);
        assertEquals(big, NpyArray.parse(u64, F).values()[0]);
    }

    @Test
    void refusesToWriteValuesATypeCannotHold() {
        assertThrows(IllegalArgumentException.class,
                () -> NpyArray.vector(0.1).toBytes(NpyDtype.FLOAT32, ByteOrder.LITTLE_ENDIAN, false, 0));
        assertThrows(IllegalArgumentException.class,
                () -> NpyArray.vector(256).toBytes(NpyDtype.UINT8, ByteOrder.LITTLE_ENDIAN, false, 0));
        assertThrows(IllegalArgumentException.class,
                () -> NpyArray.vector(1.5).toBytes(NpyDtype.INT32, ByteOrder.LITTLE_ENDIAN, false, 0));
    }

    private static String badMessage(byte[] bytes) {
        return assertThrows(InvalidInputException.class, () -> NpyArray.parse(bytes, F)).getMessage();
    }

    @Test
    void reportsMalformedFilesNamingFileFieldAndExpectation() throws Exception {
        byte[] good = npy(1, "{'descr': '<f8', 'fortran_order': False, 'shape': (2, 2), }",
                doubles(ByteOrder.LITTLE_ENDIAN, 1, 2, 3, 4));
        String magic = badMessage("a,b\n1,2\n".getBytes(StandardCharsets.US_ASCII));
        assertTrue(magic.startsWith("m.npy: expected a NumPy .npy file"), magic);
        String truncated = badMessage(java.util.Arrays.copyOf(good, good.length - 5));
        assertTrue(truncated.startsWith("m.npy: data: expected 32 bytes") && truncated.contains("truncated"), truncated);
        String trailing = badMessage(java.util.Arrays.copyOf(good, good.length + 8));
        assertTrue(trailing.contains("trailing bytes"), trailing);
        String header = badMessage(java.util.Arrays.copyOf(good, 30));
        assertTrue(header.startsWith("m.npy: header: expected"), header);
        String dtype = badMessage(npy(1, "{'descr': '<c16', 'fortran_order': False, 'shape': (1,), }", new byte[16]));
        assertTrue(dtype.startsWith("m.npy: header.descr: expected a float, integer or bool dtype")
                && dtype.contains("'<c16'"), dtype);
        String shape = badMessage(npy(1, "{'descr': '<f8', 'fortran_order': False, 'shape': (1, 1, 1), }", new byte[8]));
        assertTrue(shape.startsWith("m.npy: header.shape: expected a 1-D or 2-D array, found 3-D"), shape);
        byte[] v9 = good.clone();
        v9[6] = 9;
        assertTrue(badMessage(v9).startsWith("m.npy: version: expected format version 1, 2 or 3"));
        String structured = badMessage(npy(1, "{'descr': [('a', '<f8')], 'fortran_order': False, 'shape': (1,), }",
                new byte[8]));
        assertTrue(structured.contains("structured arrays are not supported"), structured);
        ByteArrayOutputStream empty = new ByteArrayOutputStream();
        assertTrue(badMessage(empty.toByteArray()).contains("found 0 bytes"));
    }
}
