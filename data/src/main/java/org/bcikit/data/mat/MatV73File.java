package org.bcikit.data.mat;

import java.io.IOException;
import java.lang.reflect.Array;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.jhdf.HdfFile;
import io.jhdf.api.Attribute;
import io.jhdf.api.Dataset;
import io.jhdf.api.Group;
import io.jhdf.api.Node;
import io.jhdf.object.datatype.Reference;
import org.bcikit.data.InvalidInputException;

/**
 * A MATLAB v7.3 file: HDF5 behind a 512-byte MATLAB user block, read with jHDF.
 *
 * <p>MATLAB's layout: every variable is a dataset (or, for a struct, a group) carrying the
 * attribute {@code MATLAB_class}. HDF5 dimensions are MATLAB's reversed, so a dataset read
 * flat in HDF5 (C) order is the MATLAB array in column-major order. Cells are datasets of object
 * references into {@code #refs#}; a struct array is a group whose fields are reference datasets
 * without {@code MATLAB_class}; empty arrays carry {@code MATLAB_empty} and store their dims.
 * Char data are UTF-16 code units, logicals are uint8.
 */
final class MatV73File extends MatFile {

    private final HdfFile hdf;
    /** Reference datasets already read, by address: a cell of n trials is dereferenced n times. */
    private final Map<Long, long[]> references = new HashMap<>();

    private MatV73File(Path file, HdfFile hdf) {
        super(file);
        this.hdf = hdf;
    }

    static MatV73File read(Path file) throws IOException {
        try {
            return new MatV73File(file, new HdfFile(file));
        } catch (RuntimeException e) {
            throw InvalidInputException.damaged(file, "MATLAB v7.3 (HDF5) structure", e);
        }
    }

    @Override
    String version() {
        return "v7.3";
    }

    @Override
    List<String> variableNames() {
        List<String> names = new ArrayList<>();
        for (String name : children(hdf).keySet()) {
            if (!name.startsWith("#")) {
                names.add(name);
            }
        }
        return names;
    }

    @Override
    protected MatValue variableOrNull(String name) {
        Node n = name.startsWith("#") ? null : children(hdf).get(name);
        return n == null ? null : new V73Value(name, n);
    }

    @Override
    public void close() {
        hdf.close();
    }

    private Map<String, Node> children(Group g) {
        try {
            return g.getChildren();
        } catch (RuntimeException e) {
            throw InvalidInputException.damaged(file(), g.getPath() + ": HDF5 group", e);
        }
    }

    private static String matlabClass(Node n) {
        Attribute a = n.getAttribute("MATLAB_class");
        if (a == null) {
            return null;
        }
        Object v = a.getData();
        if (v != null && v.getClass().isArray() && Array.getLength(v) == 1) {
            v = Array.get(v, 0);
        }
        return v == null ? null : v.toString().trim();
    }

    private static boolean isReferenceDataset(Node n) {
        return n instanceof Dataset && ((Dataset) n).getDataType() instanceof Reference;
    }

    /** An HDF5 node in MATLAB's layout, or one element of a struct array ({@code element >= 0}). */
    private final class V73Value extends MatValue {
        private final Node node;
        private final int element;
        private double[] numbers;

        V73Value(String path, Node node) {
            this(path, node, -1);
        }

        V73Value(String path, Node node, int element) {
            super(MatV73File.this.file(), path);
            this.node = node;
            this.element = element;
        }

        @Override
        Kind kind() {
            String c = className();
            if (node.isGroup()) {
                return "struct".equals(c) || c == null ? Kind.STRUCT : Kind.OTHER;
            }
            if (node.getAttribute("MATLAB_empty") != null) {
                return Kind.EMPTY;
            }
            if ("cell".equals(c)) {
                return Kind.CELL;
            }
            if ("char".equals(c)) {
                return Kind.CHAR;
            }
            if ("logical".equals(c)) {
                return Kind.LOGICAL;
            }
            if (isReferenceDataset(node)) {
                return Kind.OTHER;
            }
            Class<?> t = ((Dataset) node).getJavaType();
            boolean number = t.isPrimitive() && t != boolean.class && t != char.class
                    || Number.class.isAssignableFrom(t);
            return number ? Kind.NUMERIC : Kind.OTHER;
        }

        @Override
        String className() {
            String c = matlabClass(node);
            if (c != null && node.getAttribute("MATLAB_sparse") != null) {
                return "sparse " + c;
            }
            return c != null ? c : node.isGroup() ? "struct" : "HDF5 " + ((Dataset) node).getJavaType().getSimpleName();
        }

        @Override
        int[] dims() {
            if (element >= 0) {
                return new int[] {1, 1};
            }
            if (node.isGroup()) {
                Dataset field = structArrayField();
                return field == null ? new int[] {1, 1} : matlabDims(field.getDimensions());
            }
            Dataset ds = (Dataset) node;
            if (node.getAttribute("MATLAB_empty") != null) {
                return new int[] {0, 0};
            }
            return matlabDims(ds.isScalar() ? new int[0] : ds.getDimensions());
        }

        @Override
        List<String> fieldNames() {
            if (!node.isGroup()) {
                return List.of();
            }
            return new ArrayList<>(children((Group) node).keySet());
        }

        /** A field of a struct array (a reference dataset without MATLAB_class), or null for a scalar struct. */
        private Dataset structArrayField() {
            for (Node child : children((Group) node).values()) {
                if (isReferenceDataset(child) && matlabClass(child) == null) {
                    return (Dataset) child;
                }
            }
            return null;
        }

        @Override
        protected MatValue fieldAt(String name, int index, String childPath) {
            Node child = children((Group) node).get(name);
            if (child == null) {
                return null;
            }
            if (isReferenceDataset(child) && matlabClass(child) == null) {
                int at = element >= 0 ? element : index;
                return new V73Value(childPath, dereference((Dataset) child, at, childPath));
            }
            return new V73Value(childPath, child);
        }

        @Override
        protected MatValue elementAt(int index, String childPath) {
            if (node.isGroup()) {
                return new V73Value(childPath, node, index);
            }
            return new V73Value(childPath, dereference((Dataset) node, index, childPath));
        }

        private Node dereference(Dataset refs, int index, String childPath) {
            try {
                long[] addresses = references.computeIfAbsent(refs.getAddress(), a -> (long[]) refs.getDataFlat());
                return hdf.getNodeByAddress(addresses[index]);
            } catch (RuntimeException e) {
                throw InvalidInputException.damaged(file(), childPath + ": HDF5 reference", e);
            }
        }

        @Override
        protected double numberAt(int index) {
            return numbers()[index];
        }

        @Override
        protected String chars() {
            double[] codes = numbers();
            StringBuilder sb = new StringBuilder(codes.length);
            for (double c : codes) {
                sb.append((char) c);
            }
            return sb.toString();
        }

        /** The dataset's values as doubles in HDF5 (= MATLAB column-major) order, read once. */
        private double[] numbers() {
            if (numbers == null) {
                Object data;
                try {
                    data = ((Dataset) node).getDataFlat();
                } catch (RuntimeException e) {
                    throw InvalidInputException.damaged(file(), path() + ": HDF5 data", e);
                }
                if (data instanceof double[]) {
                    numbers = (double[]) data;
                } else if (!data.getClass().isArray()) {
                    numbers = new double[] {toDouble(data)};
                } else {
                    double[] out = new double[Array.getLength(data)];
                    for (int k = 0; k < out.length; k++) {
                        out[k] = toDouble(Array.get(data, k));
                    }
                    numbers = out;
                }
            }
            return numbers;
        }

        private double toDouble(Object v) {
            if (v instanceof Boolean) {
                return (Boolean) v ? 1 : 0;
            }
            if (v instanceof Number) {
                return ((Number) v).doubleValue();
            }
            throw error("expected numbers, found HDF5 values of type " + v.getClass().getSimpleName());
        }
    }

    /** MATLAB dims from HDF5 dims: reversed, at least two. */
    private static int[] matlabDims(int[] hdfDims) {
        if (hdfDims.length == 0) {
            return new int[] {1, 1};
        }
        if (hdfDims.length == 1) {
            return new int[] {hdfDims[0], 1};
        }
        int[] d = new int[hdfDims.length];
        for (int k = 0; k < d.length; k++) {
            d[k] = hdfDims[d.length - 1 - k];
        }
        return d;
    }
}
