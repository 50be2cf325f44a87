package org.bcikit.data;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Where a file keeps the recording's fields when it does not use bcikit's names: the
 * {@code --fields} option, e.g. {@code counts=data.spike_counts:T,cursorPosition=data.cursor_position}.
 *
 * <p>Each entry is {@code field=source}; the fields are {@link #FIELDS}. What a source is depends
 * on the format: a dotted MATLAB path from a top-level variable ({@code data.spike_counts}) for
 * {@code .mat} files, a column name for CSV, a sidecar key for NPY. Fields that are pairs of CSV
 * columns take two names, written {@code targets=tx,ty}: a comma-separated piece without {@code =}
 * continues the entry before it, so the whole mapping stays one shell word. {@code :T} after a
 * MATLAB path says the array is stored transposed (units x bins, 2 x bins), overriding the
 * reader's orientation rules.
 */
public final class FieldMapping {

    /** The recording fields a mapping can name, in the order they are reported. */
    public static final List<String> FIELDS = List.of("counts", "binWidth", "trialStart", "unitIds", "targets",
            "conditions", "outcomes", "cursorPosition", "cursorVelocity");

    private static final FieldMapping NONE = new FieldMapping(Map.of());

    /**
     * Where one field is.
     *
     * @param names one source, or two for a pair of CSV columns
     * @param transposed the {@code :T} flag: stored transposed
     */
    public record Source(List<String> names, boolean transposed) {

        public Source {
            names = List.copyOf(names);
        }

        @Override
        public String toString() {
            return String.join(",", names) + (transposed ? ":T" : "");
        }
    }

    private final Map<String, Source> sources;

    private FieldMapping(Map<String, Source> sources) {
        this.sources = Collections.unmodifiableMap(new LinkedHashMap<>(sources));
    }

    /** No mapping: every reader uses its own names and aliases. */
    public static FieldMapping none() {
        return NONE;
    }

    /**
     * Parses {@code --fields} text; blank text is {@link #none()}. Errors name the option and the
     * entry: an unknown field, a field given twice, an empty source, an unknown flag.
     */
    public static FieldMapping parse(String text) {
        if (text == null || text.isBlank()) {
            return NONE;
        }
        Map<String, List<String>> names = new LinkedHashMap<>();
        Map<String, Boolean> transposed = new LinkedHashMap<>();
        String last = null;
        for (String raw : text.split(",", -1)) {
            String piece = raw.trim();
            int eq = piece.indexOf('=');
            String field = eq < 0 ? last : piece.substring(0, eq).trim();
            String value = eq < 0 ? piece : piece.substring(eq + 1).trim();
            if (field == null) {
                throw bad(text, "expected field=source, found '" + piece + "'");
            }
            if (eq >= 0) {
                if (!FIELDS.contains(field)) {
                    throw bad(text, "unknown field '" + field + "'; expected one of " + String.join(", ", FIELDS));
                }
                if (names.containsKey(field)) {
                    throw bad(text, "field '" + field + "' given twice");
                }
                names.put(field, new ArrayList<>());
                transposed.put(field, false);
            }
            if (value.endsWith(":T")) {
                value = value.substring(0, value.length() - 2).trim();
                transposed.put(field, true);
            } else if (value.contains(":")) {
                throw bad(text, "unknown flag in '" + piece + "'; the only flag is :T (stored transposed)");
            }
            if (value.isEmpty()) {
                throw bad(text, "expected a source name for '" + field + "', found none");
            }
            names.get(field).add(value);
            last = field;
        }
        Map<String, Source> out = new LinkedHashMap<>();
        for (Map.Entry<String, List<String>> e : names.entrySet()) {
            out.put(e.getKey(), new Source(e.getValue(), transposed.get(e.getKey())));
        }
        return new FieldMapping(out);
    }

    private static InvalidInputException bad(String text, String problem) {
        return new InvalidInputException("--fields " + text + ": " + problem
                + " (e.g. --fields counts=data.spike_counts,cursorPosition=data.cursor_position)");
    }

    public boolean isEmpty() {
        return sources.isEmpty();
    }

    /** Where {@code field} is, or null when the mapping does not say. */
    public Source source(String field) {
        return sources.get(field);
    }

    /** The mapped fields in the order they were given. */
    public List<String> fields() {
        return List.copyOf(sources.keySet());
    }

    /** The mapping as {@code --fields} text; empty for none. */
    @Override
    public String toString() {
        List<String> parts = new ArrayList<>();
        sources.forEach((f, s) -> parts.add(f + "=" + s));
        return String.join(",", parts);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FieldMapping m && m.sources.equals(sources);
    }

    @Override
    public int hashCode() {
        return sources.hashCode();
    }
}
