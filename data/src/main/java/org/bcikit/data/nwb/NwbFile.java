package org.bcikit.data.nwb;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Array;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;

import io.jhdf.HdfFile;
import io.jhdf.api.Attribute;
import io.jhdf.api.Dataset;
import io.jhdf.api.Group;
import io.jhdf.api.Node;
import io.jhdf.exceptions.HdfInvalidPathException;
import io.jhdf.object.datatype.DataType;
import io.jhdf.object.datatype.FixedPoint;
import io.jhdf.object.datatype.FloatingPoint;
import io.jhdf.object.datatype.Reference;
import io.jhdf.object.datatype.StringData;
import io.jhdf.object.datatype.VariableLength;
import org.bcikit.data.InvalidInputException;

/**
 * An open NWB file (HDF5) with typed reads. Every read checks the dataset's type and shape and
 * fails with an {@link InvalidInputException} naming the file, the HDF5 path, what was expected
 * and what was found; jHDF's own exceptions (corrupt or truncated files) are wrapped the same way
 * so that none escapes as a bare stack trace.
 */
final class NwbFile implements AutoCloseable {

    private static final byte[] HDF5_SIGNATURE = {(byte) 0x89, 'H', 'D', 'F', '\r', '\n', 0x1a, '\n'};

    private final Path file;
    private final HdfFile hdf;

    private NwbFile(Path file, HdfFile hdf) {
        this.file = file;
        this.hdf = hdf;
    }

    /** Opens {@code file}, checking first that it is a complete HDF5 file. */
    static NwbFile open(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new NoSuchFileException(file.toString());
        }
        long size = Files.size(file);
        checkSignature(file, size);
        HdfFile hdf;
        try {
            hdf = new HdfFile(file);
        } catch (RuntimeException e) {
            throw InvalidInputException.damaged(file, "HDF5 structure (NWB 2.x)", e);
        }
        try {
            long eof = hdf.getHdfBackingStorage().getSuperblock().getEndOfFileAddress()
                    + hdf.getUserBlockSize();
            if (size < eof) {
                throw InvalidInputException.in(file, "file is truncated: its HDF5 superblock says " + eof
                        + " bytes, found " + size + " bytes");
            }
        } catch (RuntimeException e) {
            hdf.close();
            throw e instanceof InvalidInputException ? e
                    : InvalidInputException.damaged(file, "HDF5 superblock", e);
        }
        return new NwbFile(file, hdf);
    }

    /** HDF5 puts its signature at byte 0, 512, 1024, 2048, ... (after an optional user block). */
    private static void checkSignature(Path file, long size) throws IOException {
        if (size == 0) {
            throw InvalidInputException.in(file, "expected an HDF5 file (NWB 2.x), found an empty file");
        }
        byte[] head = new byte[8];
        try (InputStream in = Files.newInputStream(file)) {
            int n = in.readNBytes(head, 0, 8);
            if (n == 8 && Arrays.equals(head, HDF5_SIGNATURE)) {
                return;
            }
        }
        try (var channel = Files.newByteChannel(file)) {
            for (long offset = 512; offset + 8 <= size; offset *= 2) {
                var buf = java.nio.ByteBuffer.allocate(8);
                channel.position(offset);
                while (buf.hasRemaining() && channel.read(buf) > 0) {
                    // fill the 8 bytes
                }
                if (Arrays.equals(buf.array(), HDF5_SIGNATURE)) {
                    return;
                }
            }
        }
        throw InvalidInputException.in(file, "expected an HDF5 file (NWB 2.x), found no HDF5 signature (file starts with '"
                + printable(head) + "')");
    }

    private static String printable(byte[] bytes) {
        StringBuilder sb = new StringBuilder();
        for (byte b : bytes) {
            sb.append(b >= 32 && b < 127 ? (char) b : '.');
        }
        return sb.toString();
    }

    Path path() {
        return file;
    }

    /** A failure at {@code path} of this file. */
    InvalidInputException error(String path, String problem) {
        return InvalidInputException.at(file, path, problem);
    }

    /** Runs a jHDF read, turning any jHDF failure into an {@link InvalidInputException} at {@code path}. */
    <T> T guarded(String path, Supplier<T> read) {
        try {
            return read.get();
        } catch (InvalidInputException e) {
            throw e;
        } catch (RuntimeException | OutOfMemoryError e) {
            throw InvalidInputException.damaged(file, path, e);
        }
    }

    /** The node at {@code path}, or null when there is none. */
    Node node(String path) {
        return guarded(path, () -> {
            if (path.equals("/")) {
                return hdf;
            }
            try {
                return hdf.getByPath(path);
            } catch (HdfInvalidPathException e) {
                return null;
            }
        });
    }

    boolean exists(String path) {
        return node(path) != null;
    }

    /** The group at {@code path}, or null when there is none; fails when something else is there. */
    Group groupOrNull(String path) {
        Node n = node(path);
        if (n == null) {
            return null;
        }
        if (!(n instanceof Group)) {
            throw error(path, "expected a group, found a dataset");
        }
        return (Group) n;
    }

    /** The dataset at {@code path}; fails when there is none. */
    Dataset dataset(String path) {
        Node n = node(path);
        if (n == null) {
            throw error(path, "expected a dataset, found nothing at this path");
        }
        if (!(n instanceof Dataset)) {
            throw error(path, "expected a dataset, found a group");
        }
        return (Dataset) n;
    }

    /** Names of the children of a group, in the file's order; links are left out. */
    List<String> childNames(Group g) {
        return guarded(g.getPath(), () -> {
            List<String> names = new ArrayList<>();
            for (Node n : g.getChildren().values()) {
                if (!n.isLink()) {
                    names.add(n.getName());
                }
            }
            return names;
        });
    }

    /** A 1-D numeric dataset (integer or floating point) as doubles. */
    double[] numbers(String path) {
        Dataset ds = dataset(path);
        DataType t = type(ds);
        if (!(t instanceof FloatingPoint || t instanceof FixedPoint) || ds.getDimensions().length != 1) {
            throw error(path, "expected a 1-D numeric array, found " + describe(ds));
        }
        return toDoubles(path, guarded(path, ds::getData));
    }

    /** A numeric scalar (or one-element) dataset. */
    double scalar(String path) {
        Dataset ds = dataset(path);
        if (!isNumeric(ds) || guarded(path, ds::getSize) != 1) {
            throw error(path, "expected a single number, found " + describe(ds));
        }
        Object data = guarded(path, ds::getData);
        if (data != null && data.getClass().isArray()) {
            data = Array.get(data, 0);
        }
        return ((Number) data).doubleValue();
    }

    /** A 1-D floating-point dataset as doubles. */
    double[] floats(String path) {
        Dataset ds = dataset(path);
        if (!(type(ds) instanceof FloatingPoint) || ds.getDimensions().length != 1) {
            throw error(path, "expected a 1-D floating-point array, found " + describe(ds));
        }
        return toDoubles(path, guarded(path, ds::getData));
    }

    /** A 1-D integer dataset (signed or unsigned, any width) as longs. */
    long[] integers(String path) {
        Dataset ds = dataset(path);
        if (!(type(ds) instanceof FixedPoint) || ds.getDimensions().length != 1) {
            throw error(path, "expected an integer array, found " + describe(ds));
        }
        Object data = guarded(path, ds::getData);
        int n = Array.getLength(data);
        long[] out = new long[n];
        for (int i = 0; i < n; i++) {
            Object v = Array.get(data, i);
            if (!(v instanceof Number)) {
                throw error(path, "expected an integer array, found elements of type "
                        + v.getClass().getSimpleName());
            }
            out[i] = ((Number) v).longValue();
        }
        return out;
    }

    /** A 2-D numeric dataset as rows of doubles. */
    double[][] matrix(String path) {
        Dataset ds = dataset(path);
        DataType t = type(ds);
        if (!(t instanceof FloatingPoint || t instanceof FixedPoint) || ds.getDimensions().length != 2) {
            throw error(path, "expected a 2-D numeric array, found " + describe(ds));
        }
        Object data = guarded(path, ds::getData);
        int rows = Array.getLength(data);
        double[][] out = new double[rows][];
        for (int i = 0; i < rows; i++) {
            out[i] = toDoubles(path, Array.get(data, i));
        }
        return out;
    }

    /** A 1-D string dataset (fixed- or variable-length). */
    String[] strings(String path) {
        Dataset ds = dataset(path);
        if (!isString(ds) || ds.getDimensions().length != 1) {
            throw error(path, "expected a 1-D string array, found " + describe(ds));
        }
        Object data = guarded(path, ds::getData);
        String[] out = new String[Array.getLength(data)];
        for (int i = 0; i < out.length; i++) {
            Object v = Array.get(data, i);
            out[i] = v == null ? "" : v.toString();
        }
        return out;
    }

    /** A scalar or 1-D text dataset joined with "; ", or null when absent or not text. */
    String textOrNull(String path) {
        Node n = node(path);
        if (!(n instanceof Dataset) || !isString((Dataset) n)) {
            return null;
        }
        Object data = guarded(path, ((Dataset) n)::getData);
        if (data == null) {
            return null;
        }
        if (data.getClass().isArray()) {
            List<String> parts = new ArrayList<>();
            for (int i = 0; i < Array.getLength(data); i++) {
                parts.add(String.valueOf(Array.get(data, i)));
            }
            return String.join("; ", parts);
        }
        return data.toString();
    }

    /** A text attribute of the node at {@code path} (string arrays joined with ", "), or null. */
    String attributeText(String path, String name) {
        String[] values = attributeTexts(path, name);
        return values == null ? null : String.join(", ", values);
    }

    /** A string or string-array attribute as an array, or null when absent. */
    String[] attributeTexts(String path, String name) {
        Node n = node(path);
        if (n == null) {
            return null;
        }
        return guarded(path + "@" + name, () -> {
            Attribute a = n.getAttribute(name);
            if (a == null) {
                return null;
            }
            Object data = a.getData();
            if (data == null) {
                return null;
            }
            if (data.getClass().isArray()) {
                String[] out = new String[Array.getLength(data)];
                for (int i = 0; i < out.length; i++) {
                    out[i] = String.valueOf(Array.get(data, i));
                }
                return out;
            }
            return new String[] {data.toString()};
        });
    }

    /** A numeric attribute, or NaN when absent or not a number. */
    double attributeNumber(String path, String name) {
        Node n = node(path);
        if (n == null) {
            return Double.NaN;
        }
        return guarded(path + "@" + name, () -> {
            Attribute a = n.getAttribute(name);
            Object data = a == null ? null : a.getData();
            if (data != null && data.getClass().isArray() && Array.getLength(data) == 1) {
                data = Array.get(data, 0);
            }
            return data instanceof Number ? ((Number) data).doubleValue() : Double.NaN;
        });
    }

    boolean isString(Dataset ds) {
        DataType t = type(ds);
        return t instanceof StringData || (t instanceof VariableLength && ds.getJavaType() == String.class);
    }

    boolean isNumeric(Dataset ds) {
        DataType t = type(ds);
        return t instanceof FloatingPoint || t instanceof FixedPoint;
    }

    /** A short description of a dataset for messages: "a float64 dataset", "a 2-D float32 dataset [4 x 29]". */
    String describe(Dataset ds) {
        int[] dims = guarded(ds.getPath(), ds::getDimensions);
        String shape = dims.length <= 1 ? "" : dims.length + "-D ";
        String what = shape + typeName(ds) + (dims.length == 0 ? " scalar" : " dataset")
                + (dims.length <= 1 ? "" : " " + Arrays.toString(dims).replace(", ", " x "));
        return ("aeiou".indexOf(what.charAt(0)) >= 0 ? "an " : "a ") + what;
    }

    /** The element type in NumPy style: float64, int32, uint32, string, ... */
    String typeName(Dataset ds) {
        DataType t = type(ds);
        if (t instanceof FloatingPoint) {
            return "float" + 8 * t.getSize();
        }
        if (t instanceof FixedPoint) {
            return (((FixedPoint) t).isSigned() ? "int" : "uint") + 8 * t.getSize();
        }
        if (isString(ds)) {
            return "string";
        }
        if (t instanceof Reference) {
            return "object-reference";
        }
        return t.getClass().getSimpleName().toLowerCase(java.util.Locale.ROOT);
    }

    private DataType type(Dataset ds) {
        return guarded(ds.getPath(), ds::getDataType);
    }

    private double[] toDoubles(String path, Object data) {
        if (data instanceof double[]) {
            return (double[]) data;
        }
        if (data == null || !data.getClass().isArray()) {
            throw error(path, "expected an array, found " + (data == null ? "nothing" : "a scalar"));
        }
        int n = Array.getLength(data);
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            Object v = Array.get(data, i);
            if (!(v instanceof Number)) {
                throw error(path, "expected numbers, found elements of type " + v.getClass().getSimpleName());
            }
            out[i] = ((Number) v).doubleValue();
        }
        return out;
    }

    @Override
    public void close() {
        try {
            hdf.close();
        } catch (RuntimeException e) {
            // Closing a read-only mapping cannot lose data; a failure here must not hide the real result.
        }
    }
}
