package org.bcikit.data.mat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.bcikit.data.InvalidInputException;
import org.ejml.data.DMatrixRMaj;

/**
 * One value inside a MATLAB file, named by its MATLAB path ({@code expParams.intuitiveMapping.L},
 * {@code clouds.spikes{3}}, {@code trials(2).counts}) so that every complaint can say where it is.
 * The same interface serves v5/v7 files (MFL) and v7.3 files (HDF5, jHDF); see {@link MatFile}.
 *
 * <p>Orientation: MATLAB stores arrays column-major. {@link #matrix()} returns an {@code r x c}
 * MATLAB array as an {@code r x c} {@link DMatrixRMaj}, element {@code (i, j)} = MATLAB
 * {@code A(i+1, j+1)}; implementations only supply elements by MATLAB's column-major linear index.
 * Integer, single and logical classes are converted to double exactly.
 */
abstract class MatValue {

    /** What a value holds, as far as reading numbers is concerned. */
    enum Kind { NUMERIC, LOGICAL, CHAR, STRUCT, CELL, EMPTY, OTHER }

    private final Path file;
    private final String path;

    protected MatValue(Path file, String path) {
        this.file = file;
        this.path = path;
    }

    abstract Kind kind();

    /** MATLAB's class name: {@code double}, {@code uint8}, {@code struct}, {@code cell}, ... */
    abstract String className();

    /** MATLAB's dimensions, at least two. */
    abstract int[] dims();

    /** Field names of a struct (all elements of a struct array share them); empty otherwise. */
    abstract List<String> fieldNames();

    /** Field {@code name} of element {@code index} of a struct (array), or null when absent. */
    protected abstract MatValue fieldAt(String name, int index, String childPath);

    /** Element {@code index} (column-major) of a cell or struct array. */
    protected abstract MatValue elementAt(int index, String childPath);

    /** Numeric element {@code index} (column-major) as a double; only for NUMERIC and LOGICAL. */
    protected abstract double numberAt(int index);

    /** The characters of a CHAR value in column-major order. */
    protected abstract String chars();

    final Path file() {
        return file;
    }

    /** The MATLAB path of this value inside its file. */
    final String path() {
        return path;
    }

    final int rows() {
        return dims()[0];
    }

    final int cols() {
        int[] d = dims();
        int c = 1;
        for (int k = 1; k < d.length; k++) {
            c *= d[k];
        }
        return c;
    }

    final int numElements() {
        int n = 1;
        for (int v : dims()) {
            n *= v;
        }
        return n;
    }

    final boolean isStruct() {
        return kind() == Kind.STRUCT;
    }

    final boolean isCell() {
        return kind() == Kind.CELL;
    }

    final boolean isNumeric() {
        return kind() == Kind.NUMERIC || kind() == Kind.LOGICAL;
    }

    /** A problem with this value, as an exception naming the file and the path. */
    final InvalidInputException error(String problem) {
        return InvalidInputException.at(file, path, problem);
    }

    /** Shape and class for messages: {@code 86 x 69 uint8}, {@code 1 x 1 struct}. */
    final String describe() {
        StringBuilder sb = new StringBuilder();
        int[] d = dims();
        for (int k = 0; k < d.length; k++) {
            sb.append(k == 0 ? "" : " x ").append(d[k]);
        }
        return sb.append(' ').append(className()).toString();
    }

    final boolean hasField(String name) {
        return isStruct() && fieldNames().contains(name);
    }

    /** Field {@code name} of a scalar struct; an error naming the path when it is missing. */
    final MatValue field(String name) {
        if (!isStruct()) {
            throw error("expected a struct with field '" + name + "', found a " + describe());
        }
        if (numElements() != 1) {
            throw error("expected a 1 x 1 struct, found a " + describe());
        }
        MatValue v = fieldAt(name, 0, path + "." + name);
        if (v == null) {
            throw error("missing field '" + name + "' (fields: " + String.join(", ", fieldNames()) + ")");
        }
        return v;
    }

    /**
     * Element {@code index} (0-based, column-major) of a cell array or struct array. Paths use
     * MATLAB's 1-based notation: {@code x{3}} for cells, {@code x(3)} for structs.
     */
    final MatValue element(int index) {
        if (!isCell() && !isStruct()) {
            throw error("expected a cell array or struct array, found a " + describe());
        }
        if (index < 0 || index >= numElements()) {
            throw error("expected at least " + (index + 1) + " elements, found " + describe());
        }
        String child = path + (isCell() ? "{" + (index + 1) + "}" : "(" + (index + 1) + ")");
        return elementAt(index, child);
    }

    /** All elements of a cell or struct array in column-major order. */
    final List<MatValue> elements() {
        int n = numElements();
        List<MatValue> out = new ArrayList<>(n);
        for (int k = 0; k < n; k++) {
            out.add(element(k));
        }
        return out;
    }

    /** A numeric 2-D array as a new rows x cols matrix in MATLAB's orientation. */
    final DMatrixRMaj matrix() {
        requireNumeric();
        int[] d = dims();
        if (d.length != 2) {
            throw error("expected a 2-D numeric array, found a " + describe());
        }
        DMatrixRMaj m = new DMatrixRMaj(d[0], d[1]);
        for (int j = 0; j < d[1]; j++) {
            for (int i = 0; i < d[0]; i++) {
                m.unsafe_set(i, j, numberAt(i + j * d[0]));
            }
        }
        return m;
    }

    /** A numeric array that must be exactly {@code rows x cols}. */
    final DMatrixRMaj matrix(int rows, int cols) {
        requireNumeric();
        int[] d = dims();
        if (d.length != 2 || d[0] != rows || d[1] != cols) {
            throw error("expected " + rows + " x " + cols + ", found " + describe());
        }
        return matrix();
    }

    /**
     * A numeric vector, stored as 1 x n or n x 1, as a new n x 1 column. {@code n < 0} accepts
     * any length.
     */
    final DMatrixRMaj column(int n) {
        requireNumeric();
        int[] d = dims();
        boolean vector = d.length == 2 && (d[0] == 1 || d[1] == 1);
        int len = numElements();
        if (!vector || (n >= 0 && len != n)) {
            throw error("expected a vector of " + (n >= 0 ? n + " values" : "values")
                    + " (1 x n or n x 1), found " + describe());
        }
        DMatrixRMaj v = new DMatrixRMaj(len, 1);
        for (int k = 0; k < len; k++) {
            v.data[k] = numberAt(k);
        }
        return v;
    }

    /** A numeric 1 x 1 value. */
    final double scalar() {
        requireNumeric();
        if (numElements() != 1) {
            throw error("expected a scalar (1 x 1), found " + describe());
        }
        return numberAt(0);
    }

    /** A char row vector as a string. */
    final String string() {
        if (kind() != Kind.CHAR) {
            throw error("expected text (a char array), found " + describe());
        }
        if (rows() > 1) {
            throw error("expected one line of text (1 x n char), found " + describe());
        }
        return chars();
    }

    private void requireNumeric() {
        if (!isNumeric()) {
            throw error("expected a numeric array, found " + describe());
        }
    }
}
