package org.bcikit.data.mat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.bcikit.data.InvalidInputException;
import us.hebi.matlab.mat.format.Mat5;
import us.hebi.matlab.mat.types.Array;
import us.hebi.matlab.mat.types.Cell;
import us.hebi.matlab.mat.types.Char;
import us.hebi.matlab.mat.types.MatlabType;
import us.hebi.matlab.mat.types.Matrix;
import us.hebi.matlab.mat.types.Source;
import us.hebi.matlab.mat.types.Sources;
import us.hebi.matlab.mat.types.Struct;

/** A MATLAB v5/v6/v7 file, read entirely into memory with MFL ({@code us.hebi.matlab.mat}). */
final class MatV5File extends MatFile {

    private final us.hebi.matlab.mat.types.MatFile mat;

    private MatV5File(Path file, us.hebi.matlab.mat.types.MatFile mat) {
        super(file);
        this.mat = mat;
    }

    static MatV5File read(Path file) throws IOException {
        // Opening failures are the file system's (IOException); everything MFL says after that is
        // about the content. Reading all at once keeps those failures here and the handle short-lived.
        Source source = Sources.openFile(file.toFile());
        try (source) {
            return new MatV5File(file, Mat5.newReader(source).readMat());
        } catch (IOException | RuntimeException | OutOfMemoryError e) {
            // MFL says what broke in its own terms; walking the file again says where.
            String where = MatV5Damage.find(file);
            if (where != null) {
                throw new InvalidInputException(file + ": " + where, e);
            }
            throw InvalidInputException.damaged(file, "MATLAB v5/v7 data", e);
        }
    }

    @Override
    String version() {
        return "v5";
    }

    @Override
    List<String> variableNames() {
        List<String> names = new ArrayList<>();
        for (us.hebi.matlab.mat.types.MatFile.Entry e : mat.getEntries()) {
            names.add(e.getName());
        }
        return names;
    }

    @Override
    protected MatValue variableOrNull(String name) {
        for (us.hebi.matlab.mat.types.MatFile.Entry e : mat.getEntries()) {
            if (e.getName().equals(name)) {
                return new V5Value(file(), name, e.getValue(), -1);
            }
        }
        return null;
    }

    @Override
    public void close() throws IOException {
        mat.close();
    }

    /** An MFL array, or one element of an MFL struct array ({@code element >= 0}). */
    private static final class V5Value extends MatValue {
        private final Array array;
        private final int element;

        V5Value(Path file, String path, Array array, int element) {
            super(file, path);
            this.array = array;
            this.element = element;
        }

        @Override
        Kind kind() {
            MatlabType t = array.getType();
            if (array instanceof Struct) {
                return Kind.STRUCT;
            }
            if (array instanceof Cell) {
                return Kind.CELL;
            }
            if (array instanceof Char) {
                return Kind.CHAR;
            }
            if (array instanceof Matrix) {
                Matrix m = (Matrix) array;
                if (m.isComplex()) {
                    return Kind.OTHER;
                }
                return m.isLogical() ? Kind.LOGICAL : (t == null ? Kind.OTHER : Kind.NUMERIC);
            }
            return Kind.OTHER;
        }

        @Override
        String className() {
            if (array instanceof Matrix && ((Matrix) array).isLogical()) {
                return "logical";
            }
            String name = String.valueOf(array.getType());
            return array instanceof Matrix && ((Matrix) array).isComplex() ? "complex " + name : name;
        }

        @Override
        int[] dims() {
            return element >= 0 ? new int[] {1, 1} : array.getDimensions().clone();
        }

        @Override
        List<String> fieldNames() {
            return array instanceof Struct ? ((Struct) array).getFieldNames() : List.of();
        }

        @Override
        protected MatValue fieldAt(String name, int index, String childPath) {
            Struct s = (Struct) array;
            if (!s.getFieldNames().contains(name)) {
                return null;
            }
            int at = element >= 0 ? element : index;
            return new V5Value(file(), childPath, s.get(name, at), -1);
        }

        @Override
        protected MatValue elementAt(int index, String childPath) {
            if (array instanceof Cell) {
                return new V5Value(file(), childPath, ((Cell) array).get(index), -1);
            }
            return new V5Value(file(), childPath, array, element >= 0 ? element : index);
        }

        @Override
        protected double numberAt(int index) {
            Matrix m = (Matrix) array;
            if (array.getType() == MatlabType.UInt64) {
                // MFL hands uint64 back as a signed long; MATLAB's value is unsigned.
                long v = m.getLong(index);
                return v >= 0 ? v : (double) (v >>> 1) * 2.0 + (v & 1);
            }
            return m.getDouble(index);
        }

        @Override
        protected String chars() {
            Char c = (Char) array;
            StringBuilder sb = new StringBuilder(c.getNumElements());
            for (int k = 0; k < c.getNumElements(); k++) {
                sb.append(c.getChar(k));
            }
            return sb.toString();
        }
    }
}
