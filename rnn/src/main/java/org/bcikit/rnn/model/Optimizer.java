package org.bcikit.rnn.model;

import java.util.List;


/**
 * An update rule: reads each parameter's gradient and changes its value in place, leaving
 * weights whose plasticity mask is 0 untouched. Implementations keep their own state (momenta,
 * moment estimates) per parameter position in the list, allocated on the first step, so the same
 * list must be passed on every step.
 */
public interface Optimizer {

    /** Applies one update to every parameter. */
    void step(List<Parameter> parameters);
}
