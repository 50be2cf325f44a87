package org.bcikit.experiments.api;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One condition's results across seeds: the experiment's named metrics plus the statistics of every
 * scalar and curve the runs recorded.
 *
 * @param index    the condition's position (and colour index)
 * @param name     the condition's name
 * @param settings the swept values
 * @param runs     number of runs summarised
 * @param runSeeds each run's seed, in seed order
 * @param metrics  the experiment's named metrics ({@link Experiment#metrics})
 * @param scalars  statistics of each scalar
 * @param curves   statistics of each curve
 */
public record ConditionSummary(int index, String name, Map<String, JsonNode> settings, int runs, long[] runSeeds,
        Map<String, Object> metrics, Map<String, ScalarStats> scalars, Map<String, CurveStats> curves) {

    /** Summarises {@code runs} (all of one condition, in seed order). */
    public static <P> ConditionSummary of(Experiment<P> experiment, Condition<P> condition, List<RunRecord> runs) {
        Set<String> scalarNames = new LinkedHashSet<>();
        Set<String> curveNames = new LinkedHashSet<>();
        long[] seeds = new long[runs.size()];
        for (int i = 0; i < runs.size(); i++) {
            scalarNames.addAll(runs.get(i).scalars().keySet());
            curveNames.addAll(runs.get(i).curves().keySet());
            seeds[i] = runs.get(i).context().runSeed();
        }
        Map<String, ScalarStats> scalars = new LinkedHashMap<>();
        for (String s : scalarNames) {
            double[] v = new double[runs.size()];
            for (int i = 0; i < v.length; i++) {
                v[i] = runs.get(i).scalar(s);
            }
            scalars.put(s, ScalarStats.of(v));
        }
        Map<String, CurveStats> curves = new LinkedHashMap<>();
        for (String c : curveNames) {
            List<Curve> list = new ArrayList<>();
            for (RunRecord r : runs) {
                if (r.curve(c) != null) {
                    list.add(r.curve(c));
                }
            }
            curves.put(c, CurveStats.of(list));
        }
        Map<String, Object> metrics = new LinkedHashMap<>(experiment.metrics(condition, runs));
        return new ConditionSummary(condition.index(), condition.name(), condition.settings(), runs.size(), seeds,
                metrics, scalars, curves);
    }

    /** Metric {@code name} as a number (NaN when absent or not a number). */
    public double metric(String name) {
        Object v = metrics.get(name);
        return v instanceof Number ? ((Number) v).doubleValue() : Double.NaN;
    }
}
