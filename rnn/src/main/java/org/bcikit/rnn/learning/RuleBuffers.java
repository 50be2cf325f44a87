package org.bcikit.rnn.learning;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.bcikit.rnn.model.Parameter;

/**
 * Per-parameter state buffers of the update rules in this package, keyed by parameter name (see
 * {@link org.bcikit.rnn.model.Optimizer}) and allocated, zeroed, the first time a name is stepped.
 * Lookups are by the list the rule is given, so iteration order never depends on the map.
 */
final class RuleBuffers {

    private final Map<String, double[]> state = new HashMap<>();

    /**
     * The buffer of {@code p} (sized like its value), allocated on first use. Fails when the name
     * was stepped before with another shape.
     */
    double[] of(Parameter p) {
        int size = p.value().getNumElements();
        double[] b = state.get(p.name());
        if (b == null) {
            b = new double[size];
            state.put(p.name(), b);
        } else if (b.length != size) {
            throw new IllegalStateException("optimiser state for parameter " + p.name() + " holds " + b.length
                    + " weights but the parameter has " + size + ": a name must keep its shape between steps");
        }
        return b;
    }

    /** Fails when two parameters in one step share a name (their state would be mixed up). */
    static void requireUniqueNames(List<Parameter> parameters) {
        for (int i = 0; i < parameters.size(); i++) {
            String name = parameters.get(i).name();
            for (int j = 0; j < i; j++) {
                if (parameters.get(j).name().equals(name)) {
                    throw new IllegalArgumentException("optimiser step: two parameters are named " + name
                            + "; update rules key their state by name");
                }
            }
        }
    }
}
