package org.bcikit.rnn.model;

import java.util.List;


/**
 * An update rule: reads each parameter's gradient and changes its value in place, leaving
 * weights whose plasticity mask is 0 untouched. Implementations keep their own state (momenta,
 * moment estimates) per parameter <em>name</em>, allocated the first time a name is stepped, so a
 * rule may step any list whose names are unique: the same network's list every step, a fixed
 * sub-list of it, or the list of a {@link TrainableNetwork#copy() copy} (which continues the same
 * state). A name must keep its shape between steps.
 */
public interface Optimizer {

    /** Applies one update to every parameter. */
    void step(List<Parameter> parameters);
}
