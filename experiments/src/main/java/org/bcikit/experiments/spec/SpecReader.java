package org.bcikit.experiments.spec;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.bcikit.data.InvalidInputException;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Reads an experiment spec file, checks its top level and fills in defaults ({@code seed} 1,
 * {@code seeds} 5, no sweep, figures and CSV on). Every problem is an {@link InvalidInputException}
 * naming the file and the JSON path. The experiment's own parameters are checked later, against
 * its type, by {@link org.bcikit.experiments.api.ExperimentPlan}.
 */
public final class SpecReader {

    /** Default base seed. */
    public static final long DEFAULT_SEED = 1;
    /** Default number of seeds per condition. */
    public static final int DEFAULT_SEEDS = 5;

    private SpecReader() {
    }

    /** Reads a spec file. */
    public static ExperimentSpec read(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return read(file.toString(), in);
        } catch (NoSuchFileException e) {
            throw new InvalidInputException(file + ": no such spec file");
        } catch (IOException e) {
            throw new InvalidInputException(file + ": cannot read: " + e.getMessage(), e);
        }
    }

    /** Reads a spec from a stream; {@code source} names it in messages. */
    public static ExperimentSpec read(String source, InputStream in) {
        return fromTree(source, SpecBinding.readTree(source, in));
    }

    /** Checks and completes a spec already parsed to a tree. */
    public static ExperimentSpec fromTree(String source, JsonNode tree) {
        if (!tree.isObject()) {
            throw new InvalidInputException(source + ": $: expected an object, got " + Validation.shorten(tree.toString()));
        }
        ExperimentSpec s = SpecBinding.bind(tree, ExperimentSpec.class, source, "$", Map.of());
        Validation at = new Validation(source, "$", Map.of());
        at.require(s.experiment() != null && !s.experiment().isBlank(), "experiment", "the experiment type "
                + "(a string, see 'bcikit list')", s.experiment());
        String name = s.name() == null ? s.experiment() : s.name();
        at.require(name.matches("[A-Za-z0-9][A-Za-z0-9._-]*"), "name",
                "a name of letters, digits, '.', '_' or '-'", name);
        long seed = s.seed() == null ? DEFAULT_SEED : s.seed();
        int seeds = s.seeds() == null ? DEFAULT_SEEDS : s.seeds();
        at.atLeast("seeds", seeds, 1);
        ObjectNode parameters = s.parameters() == null ? JsonNodeFactory.instance.objectNode() : s.parameters();
        List<ExperimentSpec.SweepAxis> sweep = new ArrayList<>();
        if (s.sweep() != null) {
            for (int i = 0; i < s.sweep().size(); i++) {
                ExperimentSpec.SweepAxis a = s.sweep().get(i);
                String p = "sweep[" + i + "]";
                at.require(a != null, p, "an object with \"parameter\" and \"values\"", null);
                at.require(a.parameter() != null && !a.parameter().isBlank(), p + ".parameter",
                        "a parameter path such as \"learningRate\"", a.parameter());
                at.require(a.values() != null && !a.values().isEmpty(), p + ".values", "a non-empty array",
                        a.values() == null ? null : "[]");
                for (int j = 0; j < a.values().size(); j++) {
                    at.require(a.values().get(j) != null && !a.values().get(j).isNull(), p + ".values[" + j + "]",
                            "a value", "null");
                }
                sweep.add(new ExperimentSpec.SweepAxis(a.parameter(), List.copyOf(a.values()),
                        a.label() == null ? "{}" : a.label()));
            }
        }
        ExperimentSpec.OutputOptions out = (s.output() == null ? ExperimentSpec.OutputOptions.defaults()
                : s.output()).orDefaults();
        at.require(out.width() >= 200 && out.width() <= 10000, "output.width", "an integer in [200, 10000]", out.width());
        at.require(out.height() >= 200 && out.height() <= 10000, "output.height", "an integer in [200, 10000]",
                out.height());
        String description = s.description() == null ? "" : s.description();
        return new ExperimentSpec(name, s.experiment(), description, seed, seeds, parameters, sweep, out);
    }
}
