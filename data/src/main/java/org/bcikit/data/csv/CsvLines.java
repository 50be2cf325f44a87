package org.bcikit.data.csv;

import java.util.ArrayList;
import java.util.List;

/**
 * The CSV dialect bcikit reads and writes: comma-separated, optional double quotes around a
 * field (a quote inside is doubled), one record per line, {@code #} starts a comment line.
 * Numbers are written in the shortest form that reads back to the same double.
 */
final class CsvLines {

    private CsvLines() {
    }

    /** Splits one line into trimmed fields; returns null when a quote is not closed. */
    static List<String> split(String line) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    cur.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    cur.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                out.add(cur.toString().trim());
                cur.setLength(0);
            } else {
                cur.append(c);
            }
        }
        if (quoted) {
            return null;
        }
        out.add(cur.toString().trim());
        return out;
    }

    /** A field as written: quoted when it holds a comma, quote or surrounding space. */
    static String quote(String field) {
        if (field.contains(",") || field.contains("\"") || !field.equals(field.trim())) {
            return "\"" + field.replace("\"", "\"\"") + "\"";
        }
        return field;
    }

    /** Joins fields into one line, quoting where needed. */
    static String join(List<String> fields) {
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
    static String format(double v) {
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
