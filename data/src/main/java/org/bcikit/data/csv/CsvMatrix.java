package org.bcikit.data.csv;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.bcikit.data.InvalidInputException;
import org.bcikit.data.io.AtomicFiles;
import org.ejml.data.DMatrixRMaj;

/**
 * A plain numeric matrix in a CSV file: one row per line, an optional header row of column
 * names (recognised because at least one of its fields is not a number), {@code #} comment lines and
 * blank lines ignored. Values may be NaN or infinite ({@code nan}, {@code inf} as NumPy writes
 * them); callers that need finite values check for themselves.
 */
public final class CsvMatrix {

    private final List<String> header;
    private final DMatrixRMaj matrix;

    private CsvMatrix(List<String> header, DMatrixRMaj matrix) {
        this.header = List.copyOf(header);
        this.matrix = matrix;
    }

    /** Column names from the header row; empty when the file has none. */
    public List<String> header() {
        return header;
    }

    /** A copy of the values. */
    public DMatrixRMaj matrix() {
        return matrix.copy();
    }

    /** Reads the matrix alone. */
    public static DMatrixRMaj readMatrix(Path file) throws IOException {
        return read(file).matrix;
    }

    /** Reads the header (if any) and the values; every row must have the same number of fields. */
    public static CsvMatrix read(Path file) throws IOException {
        List<String> header = List.of();
        List<double[]> rows = new ArrayList<>();
        int cols = -1;
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            CsvLines.Reader records = new CsvLines.Reader(in, 0);
            for (CsvLines.Row record = records.next(); record != null; record = records.next()) {
                int lineNo = record.line();
                List<String> fields = record.fields();
                if (fields == null) {
                    throw InvalidInputException.at(file, "line " + lineNo, "expected a closing double quote");
                }
                if (cols < 0 && header.isEmpty() && fields.stream().anyMatch(f -> CsvLines.parse(f) == null)) {
                    header = fields;
                    cols = fields.size();
                    continue;
                }
                if (cols >= 0 && fields.size() != cols) {
                    throw InvalidInputException.at(file, "line " + lineNo, "expected " + cols + " fields, found "
                            + fields.size());
                }
                cols = fields.size();
                double[] row = new double[cols];
                for (int c = 0; c < cols; c++) {
                    Double v = CsvLines.parse(fields.get(c));
                    if (v == null) {
                        throw InvalidInputException.at(file, "line " + lineNo + ", column " + (c + 1),
                                "expected a number, found '" + fields.get(c) + "'");
                    }
                    row[c] = v;
                }
                rows.add(row);
            }
        }
        if (rows.isEmpty()) {
            throw InvalidInputException.in(file, "expected at least one row of numbers, found none");
        }
        DMatrixRMaj m = new DMatrixRMaj(rows.size(), cols);
        for (int r = 0; r < rows.size(); r++) {
            System.arraycopy(rows.get(r), 0, m.data, r * cols, cols);
        }
        return new CsvMatrix(header, m);
    }

    /** Writes {@code m} without a header, atomically, every value exactly. */
    public static void write(Path file, DMatrixRMaj m) throws IOException {
        write(file, m, List.of());
    }

    /** Writes {@code m} with a header row of column names (none when empty), atomically. */
    public static void write(Path file, DMatrixRMaj m, List<String> header) throws IOException {
        if (!header.isEmpty() && header.size() != m.numCols) {
            throw new IllegalArgumentException(header.size() + " column names for " + m.numCols + " columns");
        }
        if (!header.isEmpty() && header.stream().allMatch(h -> CsvLines.parse(h) != null)) {
            // A header of numbers alone would read back as a row of data.
            throw new IllegalArgumentException("column names must not all be numbers: " + header);
        }
        StringBuilder sb = new StringBuilder();
        if (!header.isEmpty()) {
            sb.append(CsvLines.join(header)).append('\n');
        }
        for (int r = 0; r < m.numRows; r++) {
            for (int c = 0; c < m.numCols; c++) {
                if (c > 0) {
                    sb.append(',');
                }
                sb.append(CsvLines.format(m.unsafe_get(r, c)));
            }
            sb.append('\n');
        }
        AtomicFiles.writeString(file, sb.toString());
    }
}
