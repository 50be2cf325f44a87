package org.bcikit.data.npy;

import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.bcikit.data.InvalidInputException;

/**
 * The header of a {@code .npy} file (NumPy format versions 1.0, 2.0 and 3.0): a Python dict
 * literal with {@code descr}, {@code fortran_order} and {@code shape}. See
 * <a href="https://numpy.org/doc/stable/reference/generated/numpy.lib.format.html">numpy.lib.format</a>.
 */
record NpyHeader(NpyDtype dtype, ByteOrder order, boolean fortranOrder, int[] shape) {

    private static final Pattern DESCR = Pattern.compile("'descr'\\s*:\\s*'([^']*)'");
    private static final Pattern FORTRAN = Pattern.compile("'fortran_order'\\s*:\\s*(True|False)");
    private static final Pattern SHAPE = Pattern.compile("'shape'\\s*:\\s*\\(([^)]*)\\)");

    /** Number of elements the shape holds. */
    long elements() {
        long n = 1;
        for (int s : shape) {
            n *= s;
        }
        return n;
    }

    /** Parses the dict literal; every problem names {@code file} and the header field. */
    static NpyHeader parse(String dict, Path file) {
        Matcher d = DESCR.matcher(dict);
        if (!d.find()) {
            throw InvalidInputException.at(file, "header.descr",
                    "expected a simple dtype such as '<f8' (structured arrays are not supported), found "
                            + abbreviate(dict));
        }
        String descr = d.group(1);
        NpyDtype type = NpyDtype.fromDescr(descr);
        if (type == null) {
            throw InvalidInputException.at(file, "header.descr",
                    "expected a float, integer or bool dtype (f4, f8, i1..i8, u1..u8, b1), found '" + descr + "'");
        }
        Matcher f = FORTRAN.matcher(dict);
        if (!f.find()) {
            throw InvalidInputException.at(file, "header.fortran_order", "expected True or False, found "
                    + abbreviate(dict));
        }
        Matcher s = SHAPE.matcher(dict);
        if (!s.find()) {
            throw InvalidInputException.at(file, "header.shape", "expected a tuple of sizes, found "
                    + abbreviate(dict));
        }
        int[] shape = parseShape(s.group(1), file);
        return new NpyHeader(type, NpyDtype.orderOf(descr), f.group(1).equals("True"), shape);
    }

    private static int[] parseShape(String tuple, Path file) {
        String[] parts = tuple.split(",");
        int n = 0;
        int[] dims = new int[parts.length];
        for (String p : parts) {
            String t = p.trim();
            if (t.isEmpty()) {
                continue;
            }
            try {
                long v = Long.parseLong(t.endsWith("L") ? t.substring(0, t.length() - 1) : t);
                if (v < 0 || v > Integer.MAX_VALUE) {
                    throw new NumberFormatException();
                }
                dims[n++] = (int) v;
            } catch (NumberFormatException e) {
                throw InvalidInputException.at(file, "header.shape",
                        "expected non-negative integer sizes, found (" + tuple + ")");
            }
        }
        int[] shape = java.util.Arrays.copyOf(dims, n);
        if (shape.length < 1 || shape.length > 2) {
            throw InvalidInputException.at(file, "header.shape",
                    "expected a 1-D or 2-D array, found " + shape.length + "-D (" + tuple + ")");
        }
        return shape;
    }

    /** The dict literal NumPy itself writes, without padding. */
    String format() {
        String dims = shape.length == 1 ? shape[0] + "," : shape[0] + ", " + shape[1];
        return "{'descr': '" + dtype.descr(order) + "', 'fortran_order': " + (fortranOrder ? "True" : "False")
                + ", 'shape': (" + dims + "), }";
    }

    private static String abbreviate(String s) {
        String t = s.strip();
        return t.length() > 80 ? t.substring(0, 77) + "..." : t;
    }
}
