package org.bcikit.data.csv;

import java.io.BufferedReader;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The CSV dialect bcikit reads and writes, the one writer and reader of every CSV file it makes:
 * comma-separated, optional double quotes around a field (a quote inside is doubled, and a quoted
 * field may span lines), one record per line, {@code #} at the start of a line outside a quoted
 * field starts a comment line, blank lines between records are ignored. Spaces around an unquoted
 * field are dropped; inside quotes everything is kept, which is why the writer quotes a field with
 * surrounding spaces, a comma, a quote, a line break, or a leading {@code #} (which would otherwise
 * read back as a comment when it opens a line). Numbers are written in the shortest form that reads
 * back to the same double.
 */
public final class CsvLines {

    private CsvLines() {
    }

    /** One record and the line it starts on; {@code fields} is null when a quote is never closed. */
    record Row(int line, List<String> fields) {
    }

    /** Receives the comment lines met before a record, with their line numbers. */
    @FunctionalInterface
    interface CommentHandler {
        void comment(String line, int lineNo);
    }

    /** Reads records one by one from {@code in}, counting lines from {@code linesBefore} + 1. */
    static final class Reader {
        private final BufferedReader in;
        private int lineNo;

        Reader(BufferedReader in, int linesBefore) {
            this.in = in;
            this.lineNo = linesBefore;
        }

        /** Lines read so far. */
        int lines() {
            return lineNo;
        }

        /** The next record, skipping blank lines and comments (ignored); null at the end. */
        Row next() throws IOException {
            return next((line, no) -> { });
        }

        /** The next record, passing the comment lines before it to {@code comments}; null at the end. */
        Row next(CommentHandler comments) throws IOException {
            String raw;
            String line;
            do {
                raw = readLine();
                if (raw == null) {
                    return null;
                }
                lineNo++;
                line = withoutBreak(raw);
                if (line.startsWith("#")) {
                    comments.comment(line, lineNo);
                }
            } while (line.isBlank() || line.startsWith("#"));
            int first = lineNo;
            StringBuilder record = new StringBuilder(raw);
            List<String> fields = split(line);
            // an open quote at the end of a line continues the field, line break included, on the next
            while (fields == null) {
                String more = readLine();
                if (more == null) {
                    return new Row(first, null);
                }
                lineNo++;
                record.append(more);
                fields = split(withoutBreak(record.toString()));
            }
            return new Row(first, fields);
        }

        /**
         * One physical line with its line break ({@code \n}, {@code \r\n} or {@code \r}, as
         * {@link BufferedReader#readLine} splits them); null at the end. The break is kept because
         * inside a quoted field it is part of the value.
         */
        private String readLine() throws IOException {
            StringBuilder sb = new StringBuilder();
            int c;
            while ((c = in.read()) >= 0) {
                sb.append((char) c);
                if (c == '\n') {
                    break;
                }
                if (c == '\r') {
                    in.mark(1);
                    if (in.read() == '\n') {
                        sb.append('\n');
                    } else {
                        in.reset();
                    }
                    break;
                }
            }
            return c < 0 && sb.length() == 0 ? null : sb.toString();
        }

        private static String withoutBreak(String raw) {
            int cut = raw.endsWith("\r\n") ? 2 : raw.endsWith("\n") || raw.endsWith("\r") ? 1 : 0;
            return raw.substring(0, raw.length() - cut);
        }
    }

    /**
     * Splits one record into fields, keeping what is inside quotes as it is and trimming what is
     * outside; returns null when a quote is not closed.
     */
    static List<String> split(String line) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        int quotedFrom = -1; // where the first quoted part of the current field starts in cur
        int quotedTo = -1;   // where its last quoted part ends
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    cur.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                    quotedTo = cur.length();
                } else {
                    cur.append(c);
                }
            } else if (c == '"') {
                quoted = true;
                if (quotedFrom < 0) {
                    quotedFrom = cur.length();
                }
            } else if (c == ',') {
                out.add(field(cur, quotedFrom, quotedTo));
                cur.setLength(0);
                quotedFrom = -1;
                quotedTo = -1;
            } else {
                cur.append(c);
            }
        }
        if (quoted) {
            return null;
        }
        out.add(field(cur, quotedFrom, quotedTo));
        return out;
    }

    /** {@code cur} with the unquoted spaces at either end removed. */
    private static String field(StringBuilder cur, int quotedFrom, int quotedTo) {
        if (quotedFrom < 0) {
            return cur.toString().trim();
        }
        // trimmed as String.trim does (every char <= ' '), like an unquoted field
        int from = 0;
        while (from < quotedFrom && cur.charAt(from) <= ' ') {
            from++;
        }
        int to = cur.length();
        while (to > quotedTo && cur.charAt(to - 1) <= ' ') {
            to--;
        }
        return cur.substring(from, to);
    }

    /** A field as written: quoted when reading it back unquoted would change it. */
    public static String quote(String field) {
        if (field.contains(",") || field.contains("\"") || field.contains("\n") || field.contains("\r")
                || field.startsWith("#") || !field.equals(field.trim())) {
            return "\"" + field.replace("\"", "\"\"") + "\"";
        }
        return field;
    }

    /** Joins fields into one record, quoting where needed. */
    public static String join(List<String> fields) {
        if (fields.size() == 1 && fields.get(0).isEmpty()) {
            return "\"\""; // else a blank line, which readers skip
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < fields.size(); i++) {
            if (i > 0) {
                sb.append(',');
            }
            sb.append(quote(fields.get(i)));
        }
        return sb.toString();
    }

    /** Integers without a fraction ("3"), everything else in Java's shortest round-trip form. */
    public static String format(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e15 && !(v == 0 && 1 / v < 0)) {
            return Long.toString((long) v);
        }
        return Double.toString(v);
    }

    /** Parses a number, also accepting NumPy's "nan", "inf" and "-inf"; null when it is not a number. */
    static Double parse(String s) {
        switch (s.toLowerCase(java.util.Locale.ROOT)) {
            case "nan": return Double.NaN;
            case "inf": case "+inf": case "infinity": case "+infinity": return Double.POSITIVE_INFINITY;
            case "-inf": case "-infinity": return Double.NEGATIVE_INFINITY;
            default:
                break;
        }
        if (s.isEmpty() || !(Character.isDigit(s.charAt(s.length() - 1)) || s.endsWith("."))) {
            return null; // rejects Java-only suffixes such as "1d" or "2f"
        }
        try {
            return Double.parseDouble(s);
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
