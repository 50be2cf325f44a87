package org.bcikit.data.mat;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.function.Consumer;

import io.jhdf.HdfFile;
import io.jhdf.WritableHdfFile;
import io.jhdf.api.DatasetCreationOptions;
import io.jhdf.api.WritableGroup;
import io.jhdf.checksum.ChecksumUtils;

/**
 * Writes small files in MATLAB's v7.3 layout for tests, since MATLAB itself is not available:
 * jHDF writes the HDF5 part; this class puts MATLAB's 512-byte header in front, as MATLAB does
 * with an HDF5 user block, and moves the superblock's base address to 512 (fixing its checksum).
 * MATLAB dims are reversed in HDF5, so a MATLAB r x c matrix is written as a c x r dataset.
 * jHDF 0.13 cannot write object references, so cells and struct arrays cannot be made here.
 */
final class MatV73Files {

    private static final int USER_BLOCK = 512;

    private MatV73Files() {
    }

    /** Writes {@code file}: a MATLAB header, then the HDF5 data that {@code content} puts in the root. */
    static void write(Path file, Consumer<WritableGroup> content) throws IOException {
        Path hdf = Files.createTempFile(file.getParent(), "v73", ".h5");
        try (WritableHdfFile w = HdfFile.write(hdf)) {
            content.accept(w);
        }
        byte[] body = Files.readAllBytes(hdf);
        Files.delete(hdf);
        if (body[8] != 2 && body[8] != 3) {
            throw new IllegalStateException("expected jHDF to write superblock version 2 or 3, got " + body[8]);
        }
        ByteBuffer sb = ByteBuffer.wrap(body).order(ByteOrder.LITTLE_ENDIAN);
        int checksumAt = 8 + 4 + 4 * 8;
        if (ChecksumUtils.checksum(Arrays.copyOf(body, checksumAt)) != sb.getInt(checksumAt)) {
            throw new IllegalStateException("unexpected superblock layout from jHDF");
        }
        sb.putLong(12, USER_BLOCK);
        sb.putInt(checksumAt, ChecksumUtils.checksum(Arrays.copyOf(body, checksumAt)));

        byte[] out = new byte[USER_BLOCK + body.length];
        Arrays.fill(out, 0, 116, (byte) ' ');
        byte[] text = "MATLAB 7.3 MAT-file, Platform: GLNXA64, Created on: Mon Nov 23 00:00:00 2026 HDF5 schema 1.00 ."
                .getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(text, 0, out, 0, text.length);
        out[124] = 0;
        out[125] = 2;
        out[126] = 'I';
        out[127] = 'M';
        System.arraycopy(body, 0, out, USER_BLOCK, body.length);
        Files.write(file, out);
    }

    /** Puts a MATLAB double matrix, given by rows, as a dataset with reversed dims. */
    static void putDouble(WritableGroup g, String name, double[][] rows) {
        int r = rows.length;
        int c = rows[0].length;
        double[][] hdf = new double[c][r];
        for (int i = 0; i < r; i++) {
            for (int j = 0; j < c; j++) {
                hdf[j][i] = rows[i][j];
            }
        }
        g.putDataset(name, hdf).putAttribute("MATLAB_class", "double");
    }

    /** Puts a MATLAB uint8 matrix, given by rows, as an unsigned dataset with reversed dims. */
    static void putUint8(WritableGroup g, String name, int[][] rows) {
        int r = rows.length;
        int c = rows[0].length;
        byte[][] hdf = new byte[c][r];
        for (int i = 0; i < r; i++) {
            for (int j = 0; j < c; j++) {
                hdf[j][i] = (byte) rows[i][j];
            }
        }
        g.putDataset(name, hdf, DatasetCreationOptions.builder().unsigned().build())
                .putAttribute("MATLAB_class", "uint8");
    }

    /** Puts a MATLAB 1 x n char row (UTF-16 code units). */
    static void putString(WritableGroup g, String name, String s) {
        short[][] hdf = new short[s.length()][1];
        for (int k = 0; k < s.length(); k++) {
            hdf[k][0] = (short) s.charAt(k);
        }
        g.putDataset(name, hdf, DatasetCreationOptions.builder().unsigned().build())
                .putAttribute("MATLAB_class", "char");
    }

    /** Puts a scalar struct: a group whose children are its fields. */
    static WritableGroup putStruct(WritableGroup g, String name) {
        WritableGroup s = g.putGroup(name);
        s.putAttribute("MATLAB_class", "struct");
        return s;
    }
}
