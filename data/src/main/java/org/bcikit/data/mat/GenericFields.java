package org.bcikit.data.mat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.bcikit.data.FieldMapping;
import org.bcikit.data.InvalidInputException;

/**
 * Finds the generic layout's fields in a MATLAB file: by the {@code --fields} mapping when it names
 * a field, else by the first of the field's {@link #ALIASES} present in the scope (the top-level
 * variables, or the fields of the file's only struct when the top level holds no counts). Two
 * aliases of one field both present is an error naming both, never a silent choice.
 */
final class GenericFields {

    /**
     * Names labs use for each field, bcikit's own first. {@code spikes} and {@code dt} are common
     * enough in lab code to be worth the risk; a file where they mean something else can map the
     * field explicitly.
     */
    static final Map<String, List<String>> ALIASES = aliases();

    /** Names of a field that says in which units positions are stored. */
    static final List<String> POSITION_UNITS = List.of("positionUnits", "position_units", "posUnits");

    private final MatFile mat;
    private final MatValue struct;
    private final FieldMapping mapping;
    private final Map<String, MatValue> found = new LinkedHashMap<>();

    private GenericFields(MatFile mat, MatValue struct, FieldMapping mapping) {
        this.mat = mat;
        this.struct = struct;
        this.mapping = mapping;
    }

    private static Map<String, List<String>> aliases() {
        Map<String, List<String>> m = new LinkedHashMap<>();
        m.put("counts", List.of("counts", "spike_counts", "spikes", "binnedSpikes", "binned_spikes", "spikeCounts"));
        m.put("binWidth", List.of("binWidth", "bin_width", "dt"));
        m.put("trialStart", List.of("trialStart", "trial_start", "trialStarts"));
        m.put("unitIds", List.of("unitIds", "unit_ids", "unitNames"));
        m.put("targets", List.of("targets", "target_position", "target", "targetPos", "target_pos"));
        m.put("conditions", List.of("conditions", "condition", "conditionIds"));
        m.put("outcomes", List.of("outcomes", "outcome", "success"));
        m.put("cursorPosition", List.of("cursorPos", "cursor_position", "cursor_pos", "cursorPosition"));
        m.put("cursorVelocity", List.of("cursorVel", "cursor_velocity", "cursor_vel", "cursorVelocity"));
        return m;
    }

    /**
     * The generic layout's fields in {@code mat}, or null when neither the mapping nor an alias
     * finds counts (the caller then describes the file).
     */
    static GenericFields find(MatFile mat, FieldMapping mapping) {
        MatValue struct = null;
        if (!mapping.isEmpty() && mapping.source("counts") != null) {
            GenericFields g = new GenericFields(mat, onlyStruct(mat), mapping);
            g.resolveAll();
            return g;
        }
        if (presentAliases(mat.variableNames(), "counts").isEmpty()) {
            struct = onlyStruct(mat);
            if (struct == null || presentAliases(struct.fieldNames(), "counts").isEmpty()) {
                return null;
            }
        }
        GenericFields g = new GenericFields(mat, struct, mapping);
        g.resolveAll();
        return g;
    }

    /** The file's only variable when it is a 1 x 1 struct, else null. */
    static MatValue onlyStruct(MatFile mat) {
        List<String> names = mat.variableNames();
        if (names.size() != 1) {
            return null;
        }
        MatValue v = mat.variable(names.get(0));
        return v.isStruct() && v.numElements() == 1 ? v : null;
    }

    private static List<String> presentAliases(List<String> names, String field) {
        List<String> out = new ArrayList<>();
        for (String a : ALIASES.get(field)) {
            if (names.contains(a)) {
                out.add(a);
            }
        }
        return out;
    }

    private void resolveAll() {
        for (String field : FieldMapping.FIELDS) {
            MatValue v = resolve(field);
            if (v != null) {
                found.put(field, v);
            }
        }
    }

    private MatValue resolve(String field) {
        FieldMapping.Source s = mapping.source(field);
        if (s != null) {
            if (s.names().size() != 1) {
                throw new InvalidInputException("--fields " + field + "=" + s + ": expected one MATLAB path "
                        + "(e.g. data.cursor_position), found " + s.names().size() + " names");
            }
            return lookup(field, s.names().get(0));
        }
        List<String> names = struct == null ? mat.variableNames() : struct.fieldNames();
        List<String> present = presentAliases(names, field);
        if (present.size() > 1) {
            List<String> paths = present.stream().map(this::where).toList();
            throw InvalidInputException.in(mat.file(), "both " + String.join(" and ", paths) + " could be "
                    + field + "; choose one with --fields " + field + "=" + paths.get(0));
        }
        return present.isEmpty() ? null : get(present.get(0));
    }

    /** A dotted path from a top-level variable through scalar struct fields; errors say what is there. */
    private MatValue lookup(String field, String dotted) {
        String[] parts = dotted.split("\\.", -1);
        String option = "--fields " + field + "=" + dotted;
        if (!mat.has(parts[0])) {
            throw InvalidInputException.in(mat.file(), option + ": no variable '" + parts[0] + "' (the file has: "
                    + String.join(", ", mat.variableNames()) + ")");
        }
        MatValue v = mat.variable(parts[0]);
        for (int k = 1; k < parts.length; k++) {
            if (!v.isStruct() || v.numElements() != 1 || !v.hasField(parts[k])) {
                throw InvalidInputException.in(mat.file(), option + ": " + v.path() + " has no field '" + parts[k]
                        + "' (" + (v.isStruct() && v.numElements() == 1 ? "fields: " + String.join(", ", v.fieldNames())
                        : "it is a " + v.describe()) + ")");
            }
            v = v.field(parts[k]);
        }
        return v;
    }

    private MatValue get(String name) {
        return struct == null ? mat.variable(name) : struct.field(name);
    }

    private String where(String name) {
        return struct == null ? name : struct.path() + "." + name;
    }

    boolean has(String field) {
        return found.containsKey(field);
    }

    MatValue get(String field, boolean required) {
        MatValue v = found.get(field);
        if (v == null && required) {
            throw InvalidInputException.at(mat.file(), where(field), "missing");
        }
        return v;
    }

    /** True when {@code --fields} marks {@code field} as stored transposed. */
    boolean transposed(String field) {
        FieldMapping.Source s = mapping.source(field);
        return s != null && s.transposed();
    }

    /** Where a missing field would be looked for, for messages: {@code binWidth} or {@code data.binWidth}. */
    String whereMissing(String field) {
        return where(field);
    }

    /** The position units the file states, or null. */
    String positionUnits() {
        List<String> names = struct == null ? mat.variableNames() : struct.fieldNames();
        for (String n : POSITION_UNITS) {
            if (names.contains(n)) {
                MatValue v = get(n);
                return v.kind() == MatValue.Kind.CHAR ? v.string() + " (from " + v.path() + ")" : null;
            }
        }
        return null;
    }

    Path file() {
        return mat.file();
    }

    String version() {
        return mat.version();
    }

    /**
     * Why {@code mat} could not be read: what it holds (each variable, or the only struct's
     * fields, with MATLAB class and size) and a {@code --fields} line that would map it, with the
     * likeliest candidates filled in.
     */
    static InvalidInputException unmapped(MatFile mat) {
        MatValue struct = onlyStruct(mat);
        List<MatValue> values = new ArrayList<>();
        if (struct != null) {
            for (String f : struct.fieldNames()) {
                values.add(struct.field(f));
            }
        } else {
            for (String n : mat.variableNames()) {
                values.add(mat.variable(n));
            }
        }
        List<String> held = new ArrayList<>();
        MatValue counts = null;
        MatValue position = null;
        MatValue targets = null;
        for (MatValue v : values) {
            held.add(v.path() + " (" + v.describe() + ")");
            String name = v.path().substring(v.path().lastIndexOf('.') + 1).toLowerCase(java.util.Locale.ROOT);
            boolean data = v.isCell() || v.isNumeric() && v.numElements() > 1;
            if (data && (counts == null || v.numElements() > counts.numElements()) && !name.contains("pos")
                    && !name.contains("target") && !name.contains("vel")) {
                counts = v;
            }
            if (data && position == null && name.contains("pos") && !name.contains("target")) {
                position = v;
            }
            if (data && targets == null && name.contains("target")) {
                targets = v;
            }
        }
        String suggestion = "counts=" + (counts == null ? "VARIABLE" : counts.path())
                + (position == null ? "" : ",cursorPosition=" + position.path())
                + (targets == null ? "" : ",targets=" + targets.path());
        return InvalidInputException.in(mat.file(), "found no spike counts: expected the rig session layout "
                + "(expParams, beforeLearning, afterLearning) or a variable named " + String.join(", ", ALIASES.get("counts"))
                + " (at the top level or in the file's only struct); the file holds "
                + (held.isEmpty() ? "no variables" : String.join(", ", held))
                + "; name the fields with e.g. --fields " + suggestion);
    }
}
