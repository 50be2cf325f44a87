package org.bcikit.experiments.staticnet;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.bcikit.experiments.BuiltInExperiments;
import org.bcikit.experiments.api.Curve;
import org.bcikit.experiments.api.ExperimentPlan;
import org.bcikit.experiments.api.ExperimentRegistry;
import org.bcikit.experiments.api.Measurements;
import org.bcikit.experiments.api.RunContext;
import org.bcikit.experiments.api.RunRecord;
import org.bcikit.experiments.results.ResultsFolder;
import org.bcikit.experiments.spec.ExperimentSpec;
import org.bcikit.experiments.sweep.Shard;
import org.bcikit.experiments.sweep.SweepRunner;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import com.fasterxml.jackson.databind.node.IntNode;

/**
 * The static-network experiments share their prepared network between the conditions of a seed
 * index; a run that took it from a partner (on another thread, while the partner adapts its own
 * copy) must measure exactly what the run computes alone, or the shared setup was changed.
 */
class PairedSetupSharingTest {

    private static <P> Measurements alone(ExperimentPlan<P> plan, int k) throws Exception {
        return plan.experiment().run(plan.conditions().get(k / plan.seeds()).parameters(), plan.run(k));
    }

    private static <P> Object key(ExperimentPlan<P> plan, int k) {
        return plan.experiment().sharedWorkKey(plan.conditions().get(k / plan.seeds()).parameters(), plan.run(k));
    }

    @ParameterizedTest
    @CsvSource({"lazy-rich, 4", "low-rank, 4", "incremental-omp, 2"})
    void runsSharingTheirSetupMeasureWhatEachMeasuresAlone(String name, int keysPerTwoSeeds, @TempDir Path dir)
            throws Exception {
        ExperimentRegistry registry = BuiltInExperiments.registry();
        ExperimentSpec spec = registry.builtInSpec(name).withSeeds(2)
                .withParameter("network.units", IntNode.valueOf(20))
                .withParameter("network.manifoldDimension", IntNode.valueOf(4))
                .withParameter("initialTraining.steps", IntNode.valueOf(40))
                .withParameter("selection.ompCandidates", IntNode.valueOf(30))
                .withParameter("adaptation.steps", IntNode.valueOf(30));
        if (name.equals("low-rank")) {
            // ranks that fit 20 units, each with its WMP and OMP
            spec = spec.withParameter("rank", IntNode.valueOf(20)).withSweep(List.of(new ExperimentSpec.SweepAxis("rank", List.of(IntNode.valueOf(2),
                    IntNode.valueOf(20)), "rank={}"), spec.sweep().get(1)));
        }
        ExperimentPlan<?> plan = ExperimentPlan.resolve(spec, "builtin:" + name, registry);
        Set<Object> keys = new HashSet<>();
        for (int k = 0; k < plan.runCount(); k++) {
            keys.add(key(plan, k));
        }
        assertEquals(keysPerTwoSeeds, keys.size(), "one setup per regime or rank and seed index");

        SweepRunner.Outcome shared = SweepRunner.run(plan, ResultsFolder.prepare(dir, plan, false),
                new SweepRunner.Options(2, Shard.ALL, false, null));
        for (int k = 0; k < plan.runCount(); k++) {
            RunRecord r = shared.runs().get(k);
            RunContext c = plan.run(k);
            Measurements m = alone(plan, k);
            assertEquals(m.scalars(), r.scalars(), c.condition() + " seed " + c.seedIndex());
            for (Map.Entry<String, Curve> e : m.curves().entrySet()) {
                assertArrayEquals(e.getValue().y(), r.curve(e.getKey()).y(), c.condition() + " " + e.getKey());
            }
        }
    }
}
