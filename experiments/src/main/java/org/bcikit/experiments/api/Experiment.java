package org.bcikit.experiments.api;

import java.util.List;
import java.util.Map;

import org.bcikit.experiments.figures.NamedFigure;
import org.bcikit.experiments.spec.Validation;

/**
 * An experiment type: what one run does and how runs are summarised and drawn. Implementations
 * are stateless values (all state lives in the parameters and the run's seed), so the sweep
 * runner can call {@link #run} from many threads at once.
 *
 * <p>A spec names the type ({@code "experiment": "static-perturbation"}), gives parameters
 * (bound to {@link #parametersType()}, a record; omitted fields take {@link #defaults()}) and a
 * sweep grid over them; every grid point is a {@link Condition}, run once per seed.
 *
 * @param <P> the parameter record
 */
public interface Experiment<P> {

    /** The name specs use in {@code "experiment"}. */
    String type();

    /** One line saying what a run does. */
    String description();

    /** The parameter record type, bound strictly (unknown fields are errors). */
    Class<P> parametersType();

    /** The parameters a spec starts from. */
    P defaults();

    /** Checks parameter values beyond their JSON types; report with {@code at}'s methods. */
    default void validate(P parameters, Validation at) {
    }

    /**
     * One run: a condition's parameters with one seed. Must depend only on its arguments (draw
     * every random number from {@link RunContext#random()} or {@link RunContext#pairedRandom()}).
     */
    Measurements run(P parameters, RunContext context) throws Exception;

    /**
     * The key of the work this run has in common with other runs (null, the default: none). Runs
     * that differ only in what comes after that work, such as the WMP and OMP conditions of one
     * network, return equal keys, and {@link #run} takes the work from
     * {@link RunContext#shared(Object, java.util.function.Supplier)} with this key, so a sweep does
     * it once. The key must hold everything the work depends on (parameters and the paired seed),
     * so that equal keys mean equal work.
     */
    default Object sharedWorkKey(P parameters, RunContext context) {
        return null;
    }

    /**
     * The experiment's named metrics for one condition (written under {@code metrics} in
     * results.json, beside the generic statistics of every scalar and curve). {@code runs} are in
     * seed order.
     */
    default Map<String, Object> metrics(Condition<P> condition, List<RunRecord> runs) {
        return Map.of();
    }

    /** The figures for a finished sweep (may be empty). */
    List<NamedFigure> figures(ExperimentResults results);
}
