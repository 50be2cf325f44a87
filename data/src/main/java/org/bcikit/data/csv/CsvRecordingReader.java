package org.bcikit.data.csv;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.bcikit.data.FieldMapping;
import org.bcikit.data.InvalidInputException;
import org.bcikit.data.ReadOptions;
import org.bcikit.data.Recording;
import org.bcikit.data.RecordingReader;

/**
 * Reads a recording from bcikit's long CSV layout: one row per (trial, bin), comment lines
 * first, then a required header row.
 *
 * <pre>
 * # bin_width=0.045
 * trial,bin,target_x,target_y,condition,outcome,cursor_x,cursor_y,vel_x,vel_y,unit_a,unit_b
 * 0,0,1,0,0,success,0,0,0,0,2,0
 * </pre>
 *
 * <p>{@code trial} (any label; a trial's rows contiguous) and {@code bin} (0, 1, ... within each
 * trial) are required; {@link CsvRecordingWriter#RESERVED} lists the optional columns; every other
 * column is a unit, named by its header, holding finite counts &gt;= 0. Per-trial columns (target,
 * condition, outcome) repeat the trial's value on every row or are empty; a trial's cursor and
 * velocity cells are all numbers or all empty. The bin width in seconds comes from a
 * {@code # bin_width=S} comment, else from {@link ReadOptions}, else 0.045 s (noted in the
 * recording's metadata as {@code binWidthSource}). A lab's own column names for the per-trial and
 * kinematic columns can be read with a field mapping ({@link ReadOptions#fields()},
 * {@code --fields targets=tx,ty,cursorPosition=px,py}).
 */
public final class CsvRecordingReader implements RecordingReader {

    @Override
    public Recording read(Path file, ReadOptions options) throws IOException {
        try {
            return readText(file, options);
        } catch (CharacterCodingException e) {
            throw notText(file);
        }
    }

    /** Where the first byte that is not UTF-8 is: the reader's decoder says only that there is one. */
    private static InvalidInputException notText(Path file) throws IOException {
        byte[] b = Files.readAllBytes(file);
        CharsetDecoder d = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(b);
        CharBuffer out = CharBuffer.allocate(b.length + 1);
        CoderResult r = d.decode(in, out, true);
        int at = r.isError() ? in.position() : b.length;
        int line = 1;
        for (int k = 0; k < at; k++) {
            if (b[k] == '\n') {
                line++;
            }
        }
        String bad = at < b.length ? String.format(Locale.ROOT, "0x%02x at byte %d", b[at] & 0xff, at) : "at the end";
        return InvalidInputException.at(file, "line " + line, "expected UTF-8 text, found a byte that is not ("
                + bad + "): the file is corrupt or not CSV");
    }

    private static Recording readText(Path file, ReadOptions options) throws IOException {
        double[] fileBinWidth = {Double.NaN};
        int lines;
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            CsvLines.Reader records = new CsvLines.Reader(in, 0);
            CsvLines.Row row = records.next((line, lineNo) ->
                    fileBinWidth[0] = binWidthComment(line, fileBinWidth[0], file, lineNo));
            if (row != null) {
                List<String> header = row.fields();
                if (header == null) {
                    throw InvalidInputException.at(file, "line " + row.line(), "expected a closing double quote");
                }
                CsvColumns cols = CsvColumns.of(renamed(header, options.fields(), file, row.line()), file, row.line());
                Recording.Builder b = Recording.builder().source(file.toString()).unitIds(cols.unitIds());
                options.applyBinWidth(b, fileBinWidth[0], file);
                new CsvTrialAssembler(file, cols).readRows(records, b);
                try {
                    return b.build();
                } catch (InvalidInputException e) {
                    throw e.inFile(file);
                }
            }
            lines = records.lines();
        }
        throw InvalidInputException.at(file, "header", "expected a header row starting 'trial,bin,' followed by "
                + "unit columns, found " + (lines == 0 ? "an empty file" : "only comments"));
    }

    /** The standard column names each {@code --fields} field stands for. */
    private static final Map<String, List<String>> COLUMNS = Map.of("targets", List.of("target_x", "target_y"),
            "conditions", List.of("condition"), "outcomes", List.of("outcome"),
            "cursorPosition", List.of("cursor_x", "cursor_y"), "cursorVelocity", List.of("vel_x", "vel_y"));

    /**
     * The header with the columns {@code mapping} names renamed to bcikit's
     * ({@code targets=tx,ty} reads columns {@code tx}, {@code ty} as {@code target_x},
     * {@code target_y}); renamed columns are no longer units.
     */
    static List<String> renamed(List<String> header, FieldMapping mapping, Path file, int lineNo) {
        if (mapping.isEmpty()) {
            return header;
        }
        List<String> out = new ArrayList<>(header);
        for (String field : mapping.fields()) {
            FieldMapping.Source src = mapping.source(field);
            String option = "--fields " + field + "=" + src;
            List<String> standard = COLUMNS.get(field);
            if (standard == null) {
                throw InvalidInputException.in(file, option + ": a CSV recording's units are its other columns and "
                        + "its bin width a '# bin_width=S' comment; only these fields name columns: "
                        + String.join(", ", new TreeSet<>(COLUMNS.keySet())));
            }
            if (src.names().size() != standard.size() || src.transposed()) {
                throw InvalidInputException.in(file, option + ": expected " + standard.size() + " column name(s) for "
                        + String.join(", ", standard) + (standard.size() == 2 ? " (e.g. " + field + "=x,y)" : "")
                        + ", without :T");
            }
            for (int k = 0; k < standard.size(); k++) {
                String name = src.names().get(k);
                int at = header.indexOf(name);
                if (at < 0) {
                    throw InvalidInputException.at(file, "line " + lineNo + ": header", option + ": no column '"
                            + name + "' (columns: " + String.join(", ", header) + ")");
                }
                if (!name.equals(standard.get(k)) && header.contains(standard.get(k))) {
                    throw InvalidInputException.at(file, "line " + lineNo + ": header", option + ": the header has "
                            + "both '" + name + "' and '" + standard.get(k) + "'; map one or remove one");
                }
                out.set(at, standard.get(k));
            }
        }
        return out;
    }

    private static double binWidthComment(String line, double current, Path file, int lineNo) {
        String body = line.substring(1).trim().toLowerCase(Locale.ROOT);
        if (!body.startsWith("bin_width")) {
            return current;
        }
        String value = body.substring("bin_width".length()).trim();
        Double v = value.startsWith("=") ? CsvLines.parse(value.substring(1).trim()) : null;
        if (v == null || !(v > 0) || v.isInfinite()) {
            throw InvalidInputException.at(file, "line " + lineNo + ": bin_width",
                    "expected '# bin_width=S' with S in seconds > 0, found '" + line.trim() + "'");
        }
        return v;
    }

    /** Column positions of a header row; -1 for an absent optional column. */
    record CsvColumns(int trial, int bin, int targetX, int targetY, int condition, int outcome,
                      int cursorX, int cursorY, int velX, int velY, int[] units, List<String> names) {

        static CsvColumns of(List<String> names, Path file, int lineNo) {
            Set<String> seen = new HashSet<>();
            for (String n : names) {
                if (n.isEmpty() || !seen.add(n)) {
                    throw InvalidInputException.at(file, "line " + lineNo + ": header",
                            "expected unique, non-empty column names, found " + (n.isEmpty() ? "an empty one" : "'" + n + "' twice"));
                }
            }
            int trial = names.indexOf("trial");
            int bin = names.indexOf("bin");
            if (trial < 0 || bin < 0) {
                throw InvalidInputException.at(file, "line " + lineNo + ": header", "expected the required columns "
                        + "'trial' and 'bin', found " + names);
            }
            int[] units = java.util.stream.IntStream.range(0, names.size())
                    .filter(i -> !CsvRecordingWriter.RESERVED.contains(names.get(i))).toArray();
            if (units.length == 0) {
                throw InvalidInputException.at(file, "line " + lineNo + ": header",
                        "expected at least one unit column besides " + CsvRecordingWriter.RESERVED + ", found none");
            }
            return new CsvColumns(trial, bin, pair(names, "target_x", "target_y", file, lineNo),
                    names.indexOf("target_y"), names.indexOf("condition"), names.indexOf("outcome"),
                    pair(names, "cursor_x", "cursor_y", file, lineNo), names.indexOf("cursor_y"),
                    pair(names, "vel_x", "vel_y", file, lineNo), names.indexOf("vel_y"), units, names);
        }

        private static int pair(List<String> names, String x, String y, Path file, int lineNo) {
            if (names.contains(x) != names.contains(y)) {
                throw InvalidInputException.at(file, "line " + lineNo + ": header", "expected both '" + x
                        + "' and '" + y + "' or neither, found only '" + (names.contains(x) ? x : y) + "'");
            }
            return names.indexOf(x);
        }

        List<String> unitIds() {
            return java.util.Arrays.stream(units).mapToObj(names::get).toList();
        }
    }
}
