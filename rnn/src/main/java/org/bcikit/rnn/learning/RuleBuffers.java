package org.bcikit.rnn.learning;

import java.util.List;

import org.bcikit.rnn.model.Parameter;

/** Per-parameter state buffers of the update rules in this package, allocated on first use. */
final class RuleBuffers {

    private RuleBuffers() {
    }

    /**
     * Makes {@code state} hold one zeroed buffer per parameter (sized like its value) on the first
     * call; later calls check that the same-shaped list is passed, since state is kept by position.
     */
    static void ensure(List<double[]> state, List<Parameter> parameters, boolean needed) {
        if (!needed) {
            return;
        }
        if (state.isEmpty()) {
            for (Parameter p : parameters) {
                state.add(new double[p.value().getNumElements()]);
            }
            return;
        }
        if (state.size() != parameters.size()) {
            throw new IllegalStateException("optimiser state holds " + state.size() + " parameters but step got "
                    + parameters.size() + ": pass the same parameter list on every step");
        }
        for (int i = 0; i < state.size(); i++) {
            if (state.get(i).length != parameters.get(i).value().getNumElements()) {
                throw new IllegalStateException("parameter " + parameters.get(i).name()
                        + " changed size between steps: pass the same parameter list on every step");
            }
        }
    }
}
