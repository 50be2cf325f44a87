package org.bcikit.experiments.spec;

import java.util.Collection;
import java.util.Map;

import org.bcikit.data.InvalidInputException;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;

/**
 * Checks on bound spec values that name the JSON path of the value and what was expected:
 * {@code lazy-rich.json: $.parameters.learningRate: expected a number > 0, got -1.0}. A value that
 * came from the sweep grid is reported at its place in the grid ({@code $.sweep[0].values[3]}).
 * Experiments call these from {@link org.bcikit.experiments.api.Experiment#validate}.
 */
public final class Validation {

    private final String source;
    private final String base;
    private final Map<String, String> origins;

    /**
     * @param source  the spec's file or built-in name, prefixed to every message
     * @param base    the JSON path of the object being checked, such as {@code $.parameters}
     * @param origins relative paths (such as {@code .learningRate}) whose value came from elsewhere
     */
    public Validation(String source, String base, Map<String, String> origins) {
        this.source = source;
        this.base = base;
        this.origins = Map.copyOf(origins);
    }

    /** Fails unless {@code ok}; {@code field} is a dotted path below the base, e.g. {@code adaptation.learningRate}. */
    public void require(boolean ok, String field, String expected, Object got) {
        if (!ok) {
            throw failure(field, "expected " + expected + ", got " + render(got));
        }
    }

    /** The error for {@code field}, for checks these helpers do not cover. */
    public InvalidInputException failure(String field, String problem) {
        String rel = "." + field;
        return new InvalidInputException(source + ": " + origins.getOrDefault(rel, base + rel) + ": " + problem);
    }

    /**
     * The checks of the object at {@code field} below this one, for an experiment whose parameters
     * nest another experiment's (its messages keep naming the full JSON path).
     */
    public Validation below(String field) {
        String prefix = "." + field;
        Map<String, String> nested = new java.util.HashMap<>();
        origins.forEach((rel, origin) -> {
            if (rel.startsWith(prefix + ".")) {
                nested.put(rel.substring(prefix.length()), origin);
            }
        });
        return new Validation(source, base + prefix, nested);
    }

    public void positive(String field, double value) {
        require(value > 0 && Double.isFinite(value), field, "a number > 0", value);
    }

    public void nonNegative(String field, double value) {
        require(value >= 0 && Double.isFinite(value), field, "a number >= 0", value);
    }

    public void atLeast(String field, long value, long min) {
        require(value >= min, field, "an integer >= " + min, value);
    }

    public void inRange(String field, double value, double lo, double hi) {
        require(value >= lo && value <= hi, field, "a number in [" + lo + ", " + hi + "]", value);
    }

    public void oneOf(String field, String value, Collection<String> allowed) {
        require(value != null && allowed.contains(value), field, "one of " + quoted(allowed), value);
    }

    private static String quoted(Collection<String> values) {
        StringBuilder sb = new StringBuilder();
        for (String v : values) {
            sb.append(sb.length() == 0 ? "" : ", ").append('"').append(v).append('"');
        }
        return sb.toString();
    }

    private static String render(Object got) {
        if (got == null) {
            return "null";
        }
        if (got instanceof String) {
            return shorten(JsonNodeFactory.instance.textNode((String) got).toString());
        }
        if (got instanceof Double) {
            return JsonNodeFactory.instance.numberNode((Double) got).toString();
        }
        return shorten(String.valueOf(got));
    }

    static String shorten(String s) {
        return s.length() <= 60 ? s : s.substring(0, 57) + "...";
    }
}
