package org.bcikit.experiments.api;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A finished sweep: the plan, every run (condition-major, seed order) and each condition's summary.
 * {@link #toJson()} is results.json; it holds no timing, so the same spec and seed always give the
 * same file whatever the thread count, sharding or resumption.
 */
public final class ExperimentResults {

    private final ExperimentPlan<?> plan;
    private final List<RunRecord> runs;
    private final List<ConditionSummary> conditions;

    private ExperimentResults(ExperimentPlan<?> plan, List<RunRecord> runs, List<ConditionSummary> conditions) {
        this.plan = plan;
        this.runs = List.copyOf(runs);
        this.conditions = List.copyOf(conditions);
    }

    /** Summarises all runs of {@code plan}; {@code runs} must be in run order and complete. */
    public static <P> ExperimentResults summarise(ExperimentPlan<P> plan, List<RunRecord> runs) {
        if (runs.size() != plan.runCount()) {
            throw new IllegalArgumentException("expected " + plan.runCount() + " runs, got " + runs.size());
        }
        List<ConditionSummary> summaries = new ArrayList<>();
        int s = plan.seeds();
        for (Condition<P> c : plan.conditions()) {
            List<RunRecord> own = runs.subList(c.index() * s, (c.index() + 1) * s);
            summaries.add(ConditionSummary.of(plan.experiment(), c, own));
        }
        return new ExperimentResults(plan, runs, summaries);
    }

    public ExperimentPlan<?> plan() {
        return plan;
    }

    public List<RunRecord> runs() {
        return runs;
    }

    /** Per-condition summaries in condition order. */
    public List<ConditionSummary> conditions() {
        return conditions;
    }

    /** The summary of the condition named {@code name}, or null. */
    public ConditionSummary condition(String name) {
        for (ConditionSummary c : conditions) {
            if (c.name().equals(name)) {
                return c;
            }
        }
        return null;
    }

    /** The content of results.json. */
    public ObjectNode toJson() {
        JsonNodeFactory f = JsonNodeFactory.instance;
        ObjectNode o = f.objectNode();
        o.put("name", plan.name());
        o.put("experiment", plan.spec().experiment());
        o.put("description", plan.spec().description());
        o.put("bcikitVersion", BuildInfo.version());
        o.set("spec", plan.specTree());
        ObjectNode seeds = o.putObject("seeds");
        seeds.put("base", plan.spec().seed());
        seeds.put("count", plan.seeds());
        seeds.put("derivation", "run seed = hash(base seed, condition name, seed index); see RunSeeds");
        ArrayNode cs = o.putArray("conditions");
        for (ConditionSummary c : conditions) {
            ObjectNode n = cs.addObject();
            n.put("index", c.index());
            n.put("name", c.name());
            n.set("settings", ResultTrees.node(c.settings()));
            n.put("runs", c.runs());
            ArrayNode rs = n.putArray("runSeeds");
            for (long seed : c.runSeeds()) {
                rs.add(seed);
            }
            n.set("metrics", ResultTrees.node(c.metrics()));
            ObjectNode sc = n.putObject("scalars");
            c.scalars().forEach((k, v) -> {
                ObjectNode s = sc.putObject(k);
                s.put("n", v.n());
                s.set("mean", ResultTrees.number(v.mean()));
                s.set("sem", ResultTrees.number(v.sem()));
                s.set("values", ResultTrees.array(v.values()));
            });
            ObjectNode cu = n.putObject("curves");
            c.curves().forEach((k, v) -> {
                ObjectNode s = cu.putObject(k);
                s.set("x", ResultTrees.array(v.x()));
                s.set("mean", ResultTrees.array(v.mean()));
                s.set("sem", ResultTrees.array(v.sem()));
                s.set("n", ResultTrees.array(v.n()));
            });
        }
        return o;
    }
}
