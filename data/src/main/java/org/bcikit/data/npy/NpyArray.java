package org.bcikit.data.npy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import org.bcikit.data.InvalidInputException;
import org.bcikit.data.io.AtomicFiles;
import org.ejml.data.DMatrixRMaj;

/**
 * A 1-D or 2-D NumPy array in a {@code .npy} file (format versions 1.0, 2.0 and 3.0), held as
 * doubles in C (row-major) order whatever the file's element type, byte order or memory order.
 *
 * <p>Reading accepts float32/64, signed and unsigned 8..64-bit integers and bool in either byte
 * order, C or Fortran order. Writing defaults to little-endian float64 in C order, version 1.0
 * (2.0 when the header needs it), which NumPy reads back bit for bit; other element types are
 * written only when every value fits them exactly.
 */
public final class NpyArray {

    private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};

    private final int[] shape;
    private final double[] values;

    private NpyArray(int[] shape, double[] values) {
        this.shape = shape;
        this.values = values;
    }

    /** A 2-D array holding a copy of {@code m}. */
    public static NpyArray of(DMatrixRMaj m) {
        return new NpyArray(new int[] {m.numRows, m.numCols}, Arrays.copyOf(m.data, m.getNumElements()));
    }

    /** A 1-D array holding a copy of {@code v}. */
    public static NpyArray vector(double... v) {
        return new NpyArray(new int[] {v.length}, v.clone());
    }

    /** The shape: one size for a vector, (rows, columns) for a matrix. */
    public int[] shape() {
        return shape.clone();
    }

    /** 1 or 2. */
    public int dimensions() {
        return shape.length;
    }

    /** A copy of the values in C order. */
    public double[] values() {
        return values.clone();
    }

    /** The array as a matrix; a vector of length n becomes an n x 1 column. */
    public DMatrixRMaj toMatrix() {
        int cols = shape.length == 2 ? shape[1] : 1;
        return DMatrixRMaj.wrap(shape[0], cols, values.clone());
    }

    /** Reads a 1-D or 2-D {@code .npy} file as a matrix (see {@link #toMatrix()}). */
    public static DMatrixRMaj readMatrix(Path file) throws IOException {
        return read(file).toMatrix();
    }

    /** Writes {@code m} as a little-endian float64, C-order {@code .npy} file, atomically. */
    public static void writeMatrix(Path file, DMatrixRMaj m) throws IOException {
        of(m).write(file);
    }

    /** Reads a {@code .npy} file; malformed content is an {@link InvalidInputException} naming the file. */
    public static NpyArray read(Path file) throws IOException {
        return parse(Files.readAllBytes(file), file);
    }

    /** Parses the bytes of a {@code .npy} file; {@code file} only names it in messages. */
    static NpyArray parse(byte[] bytes, Path file) {
        if (bytes.length < MAGIC.length + 4 || !Arrays.equals(bytes, 0, MAGIC.length, MAGIC, 0, MAGIC.length)) {
            throw InvalidInputException.in(file, "expected a NumPy .npy file (magic bytes \\x93NUMPY), found "
                    + (bytes.length < MAGIC.length ? bytes.length + " bytes" : "other content"));
        }
        int major = bytes[6];
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        b.position(8);
        long headerLength;
        if (major == 1) {
            headerLength = Short.toUnsignedInt(b.getShort());
        } else if (major == 2 || major == 3) {
            if (b.remaining() < 4) {
                throw InvalidInputException.at(file, "header", "expected a 4-byte header length, file truncated");
            }
            headerLength = Integer.toUnsignedLong(b.getInt());
        } else {
            throw InvalidInputException.at(file, "version", "expected format version 1, 2 or 3, found " + major
                    + "." + bytes[7]);
        }
        if (headerLength > b.remaining()) {
            throw InvalidInputException.at(file, "header", "expected " + headerLength + " header bytes, found "
                    + b.remaining() + " (file truncated)");
        }
        String dict = new String(bytes, b.position(), (int) headerLength,
                major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
        NpyHeader h = NpyHeader.parse(dict, file);
        b.position(b.position() + (int) headerLength);
        long n = h.elements();
        long expected = n * h.dtype().size();
        if (n > Integer.MAX_VALUE - 8) {
            throw InvalidInputException.at(file, "header.shape", "expected fewer than 2^31 elements, found " + n);
        }
        if (b.remaining() != expected) {
            throw InvalidInputException.at(file, "data", "expected " + expected + " bytes for shape "
                    + Arrays.toString(h.shape()) + " of " + h.dtype().descr(h.order()) + ", found " + b.remaining()
                    + (b.remaining() < expected ? " (file truncated)" : " (trailing bytes)"));
        }
        b.order(h.order());
        double[] v = new double[(int) n];
        if (h.fortranOrder() && h.shape().length == 2) {
            int rows = h.shape()[0];
            int cols = h.shape()[1];
            for (int c = 0; c < cols; c++) {
                for (int r = 0; r < rows; r++) {
                    v[r * cols + c] = h.dtype().get(b);
                }
            }
        } else {
            for (int k = 0; k < v.length; k++) {
                v[k] = h.dtype().get(b);
            }
        }
        return new NpyArray(h.shape(), v);
    }

    /** Receives a block of rows from {@link #readRowBlocks}. */
    @FunctionalInterface
    public interface RowBlocks {
        /**
         * {@code rows} rows of {@code columns} values each, row-major at the start of {@code values}
         * (a buffer reused for the next block: copy what must be kept).
         */
        void accept(double[] values, int rows, int columns);
    }

    /**
     * Reads a 2-D {@code .npy} matrix (a 1-D one as one column) in blocks of at most
     * {@code blockRows} rows, handing each to {@code sink}, without holding the whole array: only
     * one block's bytes and values are in memory, so a file larger than the heap (or than 2^31
     * elements) can be summarised block by block. C-order files are read as they lie; a
     * Fortran-order file is read whole first (its rows are not contiguous). Returns the shape.
     */
    public static int[] readRowBlocks(Path file, int blockRows, RowBlocks sink) throws IOException {
        if (blockRows < 1) {
            throw new IllegalArgumentException("blockRows: expected at least 1, got " + blockRows);
        }
        try (java.nio.channels.FileChannel ch = java.nio.channels.FileChannel.open(file)) {
            long size = ch.size();
            ByteBuffer pre = ByteBuffer.allocate(12).order(ByteOrder.LITTLE_ENDIAN);
            readFully(ch, pre, 0);
            byte[] magic = new byte[MAGIC.length];
            pre.flip();
            if (pre.remaining() < 10) {
                throw InvalidInputException.in(file, "expected a NumPy .npy file (magic bytes \\x93NUMPY), found "
                        + pre.remaining() + " bytes");
            }
            pre.get(magic);
            if (!Arrays.equals(magic, MAGIC)) {
                throw InvalidInputException.in(file, "expected a NumPy .npy file (magic bytes \\x93NUMPY), found other content");
            }
            int major = pre.get();
            pre.get();
            long headerLength;
            int prefix;
            if (major == 1) {
                headerLength = Short.toUnsignedInt(pre.getShort());
                prefix = 10;
            } else if (major == 2 || major == 3) {
                if (pre.remaining() < 4) {
                    throw InvalidInputException.at(file, "header", "expected a 4-byte header length, file truncated");
                }
                headerLength = Integer.toUnsignedLong(pre.getInt());
                prefix = 12;
            } else {
                throw InvalidInputException.at(file, "version", "expected format version 1, 2 or 3, found " + major);
            }
            if (prefix + headerLength > size) {
                throw InvalidInputException.at(file, "header", "expected " + headerLength
                        + " header bytes, file truncated");
            }
            ByteBuffer head = ByteBuffer.allocate((int) headerLength);
            readFully(ch, head, prefix);
            String dict = new String(head.array(), 0, head.position(),
                    major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
            NpyHeader h = NpyHeader.parse(dict, file);
            int[] shape = h.shape();
            if (shape.length != 1 && shape.length != 2) {
                throw InvalidInputException.at(file, "header.shape", "expected a 1-D or 2-D array, found "
                        + Arrays.toString(shape));
            }
            long rows = shape[0];
            int cols = shape.length == 2 ? shape[1] : 1;
            int width = h.dtype().size();
            long expected = rows * cols * width;
            long data = prefix + headerLength;
            if (size - data != expected) {
                throw InvalidInputException.at(file, "data", "expected " + expected + " bytes for shape "
                        + Arrays.toString(shape) + " of " + h.dtype().descr(h.order()) + ", found " + (size - data)
                        + (size - data < expected ? " (file truncated)" : " (trailing bytes)"));
            }
            if (h.fortranOrder() && shape.length == 2 && cols > 1) {
                DMatrixRMaj m = read(file).toMatrix();
                double[] block = new double[(int) Math.min(rows, blockRows) * cols];
                for (int t = 0; t < rows; t += blockRows) {
                    int r = (int) Math.min(blockRows, rows - t);
                    System.arraycopy(m.data, t * cols, block, 0, r * cols);
                    sink.accept(block, r, cols);
                }
                return shape;
            }
            int per = (int) Math.max(1, Math.min(blockRows, Math.min(rows, (Integer.MAX_VALUE - 8) / ((long) cols * width))));
            ByteBuffer bytes = ByteBuffer.allocate(per * cols * width).order(h.order());
            double[] block = new double[per * cols];
            long position = data;
            for (long t = 0; t < rows; t += per) {
                int r = (int) Math.min(per, rows - t);
                bytes.clear().limit(r * cols * width);
                readFully(ch, bytes, position);
                position += (long) r * cols * width;
                bytes.flip();
                for (int k = 0; k < r * cols; k++) {
                    block[k] = h.dtype().get(bytes);
                }
                sink.accept(block, r, cols);
            }
            return shape;
        }
    }

    private static void readFully(java.nio.channels.FileChannel ch, ByteBuffer b, long position) throws IOException {
        long at = position;
        while (b.hasRemaining()) {
            int got = ch.read(b, at);
            if (got < 0) {
                break;
            }
            at += got;
        }
    }

    /** Writes little-endian float64 in C order, atomically. */
    public void write(Path file) throws IOException {
        write(file, NpyDtype.FLOAT64, ByteOrder.LITTLE_ENDIAN, false);
    }

    /**
     * Writes with a chosen element type, byte order and memory order, atomically. Throws
     * {@link IllegalArgumentException} when a value does not fit {@code type} exactly.
     */
    public void write(Path file, NpyDtype type, ByteOrder order, boolean fortranOrder) throws IOException {
        byte[] bytes = toBytes(type, order, fortranOrder, 0);
        AtomicFiles.write(file, out -> out.write(bytes));
    }

    /** The file's bytes; {@code version} 1, 2 or 3 forces a format version, 0 picks the lowest that fits. */
    byte[] toBytes(NpyDtype type, ByteOrder order, boolean fortranOrder, int version) {
        for (double x : values) {
            if (!type.represents(x)) {
                throw new IllegalArgumentException(x + " does not fit " + type + " exactly");
            }
        }
        String dict = new NpyHeader(type, order, fortranOrder, shape).format();
        int major = version != 0 ? version : dict.length() + 11 < 65536 ? 1 : 2;
        int prefix = MAGIC.length + 2 + (major == 1 ? 2 : 4);
        // NumPy pads the header with spaces and a newline so that the data start on a 64-byte boundary.
        int total = prefix + dict.length() + 1;
        int padded = (total + 63) / 64 * 64;
        StringBuilder header = new StringBuilder(dict);
        header.append(" ".repeat(padded - total)).append('\n');
        byte[] head = header.toString().getBytes(major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
        ByteBuffer b = ByteBuffer.allocate(prefix + head.length + values.length * type.size())
                .order(ByteOrder.LITTLE_ENDIAN);
        b.put(MAGIC).put((byte) major).put((byte) 0);
        if (major == 1) {
            b.putShort((short) head.length);
        } else {
            b.putInt(head.length);
        }
        b.put(head).order(order);
        if (fortranOrder && shape.length == 2) {
            for (int c = 0; c < shape[1]; c++) {
                for (int r = 0; r < shape[0]; r++) {
                    type.put(b, values[r * shape[1] + c]);
                }
            }
        } else {
            for (double x : values) {
                type.put(b, x);
            }
        }
        return b.array();
    }
}
