package org.bcikit.experiments.api;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.bcikit.data.InvalidInputException;
import org.bcikit.experiments.spec.ExperimentSpec;
import org.bcikit.experiments.spec.SpecReader;

/**
 * The experiment types a spec may name and the built-in specs {@code bcikit run NAME} knows
 * ({@code org.bcikit.experiments.BuiltInExperiments} has bcikit's own). Built-in specs
 * are the JSON files in {@code experiments/specs/}, shipped in the jar under
 * {@code org/bcikit/experiments/specs/}. A registry is an immutable value; {@link #with} returns
 * an extended copy (tests register their own types that way).
 */
public final class ExperimentRegistry {

    private final Map<String, Experiment<?>> types;
    private final List<String> specs;

    private ExperimentRegistry(Map<String, Experiment<?>> types, List<String> specs) {
        this.types = Collections.unmodifiableMap(types);
        this.specs = List.copyOf(specs);
    }

    /** An empty registry (no types, no built-in specs). */
    public static ExperimentRegistry empty() {
        return new ExperimentRegistry(new LinkedHashMap<>(), List.of());
    }

    /** A copy whose built-in specs are {@code names}, read from the jar's {@code org/bcikit/experiments/specs/}. */
    public ExperimentRegistry withBuiltInSpecs(List<String> names) {
        return new ExperimentRegistry(new LinkedHashMap<>(types), names);
    }

    /** A copy that also knows {@code type}. */
    public ExperimentRegistry with(Experiment<?> type) {
        Map<String, Experiment<?>> t = new LinkedHashMap<>(types);
        t.put(type.type(), type);
        return new ExperimentRegistry(t, specs);
    }

    /** The type named {@code name}, or null. */
    public Experiment<?> type(String name) {
        return types.get(name);
    }

    /** The type names, quoted, for messages. */
    public String typeNames() {
        List<String> q = new ArrayList<>();
        types.keySet().forEach(n -> q.add("\"" + n + "\""));
        return String.join(", ", q);
    }

    /** The built-in spec names. */
    public List<String> builtInSpecs() {
        return specs;
    }

    /** True when {@code name} is a built-in spec. */
    public boolean isBuiltIn(String name) {
        return specs.contains(name);
    }

    /** Reads built-in spec {@code name}. */
    public ExperimentSpec builtInSpec(String name) {
        if (!isBuiltIn(name)) {
            throw new InvalidInputException(name + ": neither a spec file nor a built-in experiment (built-in: "
                    + String.join(", ", specs) + ")");
        }
        try (InputStream in = ExperimentRegistry.class.getResourceAsStream("/org/bcikit/experiments/specs/" + name + ".json")) {
            if (in == null) {
                throw new IllegalStateException("built-in spec " + name + " is missing from the jar");
            }
            return SpecReader.read("builtin:" + name, in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
