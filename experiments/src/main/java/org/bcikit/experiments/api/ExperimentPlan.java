package org.bcikit.experiments.api;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.bcikit.data.InvalidInputException;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.bcikit.experiments.spec.ExperimentSpec;
import org.bcikit.experiments.spec.SpecBinding;
import org.bcikit.experiments.spec.Trees;
import org.bcikit.experiments.spec.Validation;

/**
 * A spec resolved against its experiment type: full parameters (defaults, then the spec's values),
 * validated, and expanded into conditions (the sweep grid) and runs (conditions x seeds). Runs are
 * numbered condition-major: run {@code k} is condition {@code k / seeds}, seed {@code k % seeds}.
 *
 * @param <P> the experiment's parameter record
 */
public final class ExperimentPlan<P> {

    private final String source;
    private final ExperimentSpec spec;
    private final Experiment<P> experiment;
    private final List<Condition<P>> conditions;

    private ExperimentPlan(String source, ExperimentSpec spec, Experiment<P> experiment, List<Condition<P>> conditions) {
        this.source = source;
        this.spec = spec;
        this.experiment = experiment;
        this.conditions = Collections.unmodifiableList(conditions);
    }

    /** Resolves {@code spec} (read from {@code source}) with the types in {@code registry}. */
    public static ExperimentPlan<?> resolve(ExperimentSpec spec, String source, ExperimentRegistry registry) {
        Experiment<?> type = registry.type(spec.experiment());
        if (type == null) {
            throw new InvalidInputException(source + ": $.experiment: expected one of "
                    + registry.typeNames() + ", got \"" + spec.experiment() + "\"");
        }
        return resolveTyped(spec, source, type);
    }

    private static <P> ExperimentPlan<P> resolveTyped(ExperimentSpec spec, String source, Experiment<P> type) {
        ObjectNode params = SpecBinding.mapper().valueToTree(type.defaults());
        Trees.merge(params, spec.parameters());
        P base = SpecBinding.bind(params, type.parametersType(), source, "$.parameters", Map.of());
        type.validate(base, new Validation(source, "$.parameters", Map.of()));

        List<ExperimentSpec.SweepAxis> axes = spec.sweep();
        for (int i = 0; i < axes.size(); i++) {
            String p = axes.get(i).parameter();
            if (Trees.get(params, p) == null) {
                throw new InvalidInputException(source + ": $.sweep[" + i + "].parameter: expected a parameter of "
                        + type.type() + " (" + leafPaths(params) + "), got \"" + p + "\"");
            }
        }
        List<Condition<P>> conditions = new ArrayList<>();
        Set<String> names = new HashSet<>();
        int total = 1;
        for (ExperimentSpec.SweepAxis a : axes) {
            total *= a.values().size();
        }
        for (int c = 0; c < total; c++) {
            ObjectNode tree = params.deepCopy();
            Map<String, JsonNode> settings = new LinkedHashMap<>();
            Map<String, String> origins = new HashMap<>();
            List<String> labels = new ArrayList<>();
            int rest = c;
            int stride = total;
            for (int i = 0; i < axes.size(); i++) {
                ExperimentSpec.SweepAxis a = axes.get(i);
                stride /= a.values().size();
                int j = rest / stride;
                rest %= stride;
                JsonNode v = a.values().get(j);
                Trees.set(tree, a.parameter(), v);
                settings.put(a.parameter(), v);
                origins.put("." + a.parameter(), "$.sweep[" + i + "].values[" + j + "]");
                labels.add(a.label(v));
            }
            String name = axes.isEmpty() ? spec.name() : String.join("/", labels);
            if (!names.add(name)) {
                throw new InvalidInputException(source + ": $.sweep: two conditions are both named \"" + name
                        + "\"; make the values or labels distinct");
            }
            P p = SpecBinding.bind(tree, type.parametersType(), source, "$.parameters", origins);
            type.validate(p, new Validation(source, "$.parameters", origins));
            conditions.add(new Condition<>(c, name, Collections.unmodifiableMap(settings), p));
        }
        ExperimentSpec resolved = spec.withParameters(params);
        return new ExperimentPlan<>(source, resolved, type, conditions);
    }

    private static String leafPaths(JsonNode node) {
        List<String> out = new ArrayList<>();
        collect(node, "", out);
        return String.join(", ", out);
    }

    private static void collect(JsonNode node, String prefix, List<String> out) {
        node.fields().forEachRemaining(e -> {
            String p = prefix.isEmpty() ? e.getKey() : prefix + "." + e.getKey();
            if (e.getValue().isObject()) {
                collect(e.getValue(), p, out);
            } else {
                out.add(p);
            }
        });
    }

    /** Where the spec came from (a file or {@code builtin:NAME}). */
    public String source() {
        return source;
    }

    /** The spec with every parameter filled in: what spec.json and results.json record. */
    public ExperimentSpec spec() {
        return spec;
    }

    public Experiment<P> experiment() {
        return experiment;
    }

    public List<Condition<P>> conditions() {
        return conditions;
    }

    public String name() {
        return spec.name();
    }

    public int seeds() {
        return spec.seeds();
    }

    /** Number of runs: conditions x seeds. */
    public int runCount() {
        return conditions.size() * spec.seeds();
    }

    /** Run {@code k} in condition-major order. */
    public RunContext run(int k) {
        Condition<P> c = conditions.get(k / spec.seeds());
        int s = k % spec.seeds();
        return new RunContext(c.index(), c.name(), s, RunSeeds.runSeed(spec.seed(), c.name(), s),
                RunSeeds.pairedSeed(spec.seed(), s));
    }

    /** The resolved spec as a JSON tree. */
    public ObjectNode specTree() {
        // through text, so numbers have the node types a reader of spec.json gets (42 is an int, not a long)
        try {
            return (ObjectNode) SpecBinding.mapper().readTree(SpecBinding.mapper().writeValueAsString(spec));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * What decides the runs' numbers: experiment type, base seed, parameters and sweep. Two folders
     * with equal identities hold interchangeable runs (seeds and output options may differ).
     */
    public ObjectNode identity() {
        ObjectNode t = specTree();
        t.remove(List.of("name", "description", "seeds", "output"));
        return t;
    }
}
