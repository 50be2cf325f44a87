package org.bcikit.experiments.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.bcikit.data.InvalidInputException;
import org.bcikit.data.io.JsonFiles;
import org.bcikit.experiments.api.BuildInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import org.bcikit.experiments.api.ConditionSummary;
import org.bcikit.experiments.api.ExperimentPlan;
import org.bcikit.experiments.api.ExperimentResults;
import org.bcikit.experiments.api.NoisyLearningExperiment;
import org.bcikit.experiments.api.TestSpecs;
import org.bcikit.experiments.cli.Bcikit;
import org.bcikit.experiments.results.ResultsFolder;
import org.bcikit.experiments.results.RunStore;

class SweepRunnerTest {

    private static SweepRunner.Options options(int threads, Shard shard, boolean resume) {
        return new SweepRunner.Options(threads, shard, resume, null);
    }

    private static String results(Path dir) throws IOException {
        return Files.readString(dir.resolve("results.json"));
    }

    private static long runFiles(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir.resolve("runs"))) {
            return s.filter(p -> p.toString().endsWith(".json")).count();
        }
    }

    @Test
    void sameSpecAndSeedGiveIdenticalResultsOnOneThreadAndOnMany(@TempDir Path tmp) throws IOException {
        ExperimentPlan<?> plan = TestSpecs.plan(TestSpecs.GRID);
        SweepJob.run(plan, tmp.resolve("one"), options(1, Shard.ALL, false));
        SweepJob.run(plan, tmp.resolve("many"), options(4, Shard.ALL, false));
        assertEquals(results(tmp.resolve("one")), results(tmp.resolve("many")));
        assertEquals(12, runFiles(tmp.resolve("one")));
        for (String f : List.of("curves.csv", "learning-curves.png", "learning-curves.svg", "timing.json", "spec.json")) {
            assertTrue(Files.size(tmp.resolve("one").resolve(f)) > 0, f);
        }
        // another base seed changes the numbers
        SweepJob.run(TestSpecs.plan(TestSpecs.GRID.replace("\"seed\": 42", "\"seed\": 43")), tmp.resolve("other"),
                options(2, Shard.ALL, false));
        assertNotEquals(results(tmp.resolve("one")).replace("\"base\" : 42", ""),
                results(tmp.resolve("other")).replace("\"base\" : 43", ""));
    }

    @Test
    void resultsHoldSummariesMetricsAndPairedSeeds(@TempDir Path tmp) throws IOException {
        ExperimentResults r = SweepJob.run(TestSpecs.plan(TestSpecs.GRID), tmp, options(2, Shard.ALL, false));
        ConditionSummary fast = r.condition("lr=0.2/2");
        ConditionSummary slow = r.condition("lr=0.05/1");
        // 1 - exp(-0.4 * 29) is ~1 and 1 - exp(-0.05 * 29) is ~0.77; noise sd 0.05 over 3 seeds
        assertEquals(1.0, fast.scalars().get("final").mean(), 0.15);
        assertEquals(1 - Math.exp(-0.05 * 29), slow.scalars().get("final").mean(), 0.15);
        assertEquals(3, fast.metrics().get("highFinalSeeds"));
        assertEquals(2, fast.scalars().get("sometimes").n(), "NaN values are left out");
        // paired draws are shared across conditions at one seed index, run draws are not
        assertEquals(fast.scalars().get("shared").values()[1], slow.scalars().get("shared").values()[1]);
        assertNotEquals(fast.runSeeds()[1], slow.runSeeds()[1]);
        JsonNode json = JsonFiles.mapper().readTree(tmp.resolve("results.json").toFile());
        assertEquals("grid", json.get("name").asText());
        assertEquals(BuildInfo.version(), json.get("bcikitVersion").asText());
        assertEquals(4, json.get("conditions").size());
        assertTrue(json.at("/conditions/0/scalars/sometimes/values/1").isNull(), "NaN is written as null");
        assertEquals(30, json.at("/conditions/0/curves/performance/mean").size());
        assertFalse(json.toString().contains("seconds"), "no timing in results.json");
        String csv = Files.readString(tmp.resolve("curves.csv"));
        assertTrue(csv.startsWith("condition,curve,x,mean,sem,n\nlr=0.05/1,performance,0,"), csv.substring(0, 80));
        assertEquals(1 + 4 * 30, csv.lines().count());
        String svg = Files.readString(tmp.resolve("learning-curves.svg"));
        assertTrue(svg.contains(">lr=0.2/2<") && svg.contains(">step<"), "legend and axis label are text in the SVG");
    }

    @Test
    void shardsMergeIntoTheSameResultsAsOneSweep(@TempDir Path tmp) throws Exception {
        ExperimentPlan<?> plan = TestSpecs.plan(TestSpecs.GRID);
        SweepJob.run(plan, tmp.resolve("whole"), options(2, Shard.ALL, false));
        for (int i = 0; i < 3; i++) {
            assertEquals(null, SweepJob.run(plan, tmp.resolve("shard" + i), options(1, new Shard(i, 3), false)));
            assertEquals(4, runFiles(tmp.resolve("shard" + i)));
            assertFalse(Files.exists(tmp.resolve("shard" + i).resolve("results.json")));
        }
        int code = Bcikit.commandLine(TestSpecs.REGISTRY).execute("merge", "--out", tmp.resolve("merged").toString(),
                tmp.resolve("shard0").toString(), tmp.resolve("shard1").toString(), tmp.resolve("shard2").toString());
        assertEquals(0, code);
        assertEquals(results(tmp.resolve("whole")), results(tmp.resolve("merged")));
        assertTrue(Files.exists(tmp.resolve("merged").resolve("learning-curves.png")));
        // two shards of three are not a whole sweep
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> {
            ResultsFolder f = ResultsFolder.prepare(tmp.resolve("shard0"), plan, true);
            SweepJob.finishFromFolder(plan, f);
        });
        assertTrue(e.getMessage().contains("8 of 12 runs are missing"), e.getMessage());
    }

    @Test
    void resumeRunsOnlyWhatIsMissingAndEndsWithTheSameResults(@TempDir Path tmp) throws IOException {
        ExperimentPlan<?> plan = TestSpecs.plan(TestSpecs.GRID);
        Path whole = tmp.resolve("whole");
        SweepJob.run(plan, whole, options(2, Shard.ALL, false));
        String expected = results(whole);
        // simulate a kill: some runs never written, one half-written temp file, one truncated file
        RunStore store = new RunStore(whole.resolve("runs"));
        Files.delete(store.file(plan.run(0)));
        Files.delete(store.file(plan.run(7)));
        Path truncated = store.file(plan.run(5));
        Files.writeString(truncated, Files.readString(truncated).substring(0, 40));
        Files.writeString(store.dir().resolve(".c000-x.json123.tmp"), "{\"condi");
        Files.delete(whole.resolve("results.json"));
        ResultsFolder f = ResultsFolder.prepare(whole, plan, true);
        SweepRunner.Outcome o = SweepRunner.run(plan, f, options(2, Shard.ALL, true));
        assertEquals(3, o.ran());
        assertEquals(9, o.reused());
        SweepJob.finish(plan, f, o.runs(), null);
        assertEquals(expected, results(whole));
        assertEquals(12, runFiles(whole));
        try (Stream<Path> s = Files.list(f.runs().dir())) {
            assertEquals(0, s.filter(p -> p.toString().endsWith(".tmp")).count());
        }
    }

    @Test
    void sharedWorkIsDoneOncePerKeyWithTheSameResultsOnAnyThreadCountShardSplitAndResume(@TempDir Path tmp)
            throws Exception {
        // 4 conditions x 3 seeds; the two learning rates of a rate share: 6 keys of 2 runs
        NoisyLearningExperiment one = new NoisyLearningExperiment();
        ExperimentPlan<?> plan = TestSpecs.plan(TestSpecs.SHARED_GRID, TestSpecs.registry(one));
        SweepJob.run(plan, tmp.resolve("one"), options(1, Shard.ALL, false));
        assertEquals(6, one.sharedComputations());
        NoisyLearningExperiment many = new NoisyLearningExperiment();
        SweepJob.run(TestSpecs.plan(TestSpecs.SHARED_GRID, TestSpecs.registry(many)), tmp.resolve("many"),
                options(4, Shard.ALL, false));
        assertEquals(6, many.sharedComputations());
        String expected = results(tmp.resolve("one"));
        assertEquals(expected, results(tmp.resolve("many")));
        // the same numbers as runs that share nothing (results.json differs only in the parameter)
        SweepJob.run(TestSpecs.plan(TestSpecs.GRID), tmp.resolve("alone"), options(2, Shard.ALL, false));
        assertEquals(results(tmp.resolve("alone")), expected.replace("\"sharedWork\" : true", "\"sharedWork\" : false"));

        // 4 shards put every run's partner (6 runs later) in another shard: each does its own work
        NoisyLearningExperiment sharded = new NoisyLearningExperiment();
        ExperimentPlan<?> shardPlan = TestSpecs.plan(TestSpecs.SHARED_GRID, TestSpecs.registry(sharded));
        List<String> merge = new java.util.ArrayList<>(List.of("merge", "--out", tmp.resolve("merged").toString()));
        for (int i = 0; i < 4; i++) {
            SweepJob.run(shardPlan, tmp.resolve("shard" + i), options(2, new Shard(i, 4), false));
            merge.add(tmp.resolve("shard" + i).toString());
        }
        assertEquals(12, sharded.sharedComputations());
        assertEquals(0, Bcikit.commandLine(TestSpecs.registry(new NoisyLearningExperiment()))
                .execute(merge.toArray(String[]::new)));
        assertEquals(expected, results(tmp.resolve("merged")));

        // resume: run 0 lost alone (its partner, run 6, is done), runs 1 and 7 lost together
        Path whole = tmp.resolve("one");
        RunStore store = new RunStore(whole.resolve("runs"));
        for (int k : new int[] {0, 1, 7}) {
            Files.delete(store.file(plan.run(k)));
        }
        Files.delete(whole.resolve("results.json"));
        NoisyLearningExperiment resumed = new NoisyLearningExperiment();
        ExperimentPlan<?> resumePlan = TestSpecs.plan(TestSpecs.SHARED_GRID, TestSpecs.registry(resumed));
        ResultsFolder f = ResultsFolder.prepare(whole, resumePlan, true);
        SweepRunner.Outcome o = SweepRunner.run(resumePlan, f, options(2, Shard.ALL, true));
        assertEquals(3, o.ran());
        assertEquals(2, resumed.sharedComputations());
        SweepJob.finish(resumePlan, f, o.runs(), null);
        assertEquals(expected, results(whole));
    }

    @Test
    void partnersAreHandedOutTogetherButEachThreadStartsOnItsOwnKey() {
        List<Object> keys = java.util.Arrays.asList("a", "b", "c", null, "a", "b", "c", null);
        assertEquals(List.of(0, 1, 4, 5, 2, 3, 6, 7), SweepRunner.submissionOrder(keys, 2));
        assertEquals(List.of(0, 4, 1, 5, 2, 6, 3, 7), SweepRunner.submissionOrder(keys, 1));
        List<Object> none = java.util.Arrays.asList(null, null, null);
        assertEquals(List.of(0, 1, 2), SweepRunner.submissionOrder(none, 2), "runs that share nothing keep their order");
    }

    @Test
    void aFreshRunDeletesTheFiguresOfAnEarlierOne(@TempDir Path tmp) throws IOException {
        ExperimentPlan<?> plan = TestSpecs.plan(TestSpecs.GRID);
        SweepJob.run(plan, tmp, options(2, Shard.ALL, false));
        Files.writeString(tmp.resolve("old-figure.svg"), "<svg/>");
        Files.writeString(tmp.resolve("old-figure.png"), "png");
        Files.writeString(tmp.resolve("notes.txt"), "the user's");
        SweepJob.run(plan, tmp, options(2, Shard.ALL, false));
        assertFalse(Files.exists(tmp.resolve("old-figure.svg")));
        assertFalse(Files.exists(tmp.resolve("old-figure.png")));
        assertTrue(Files.exists(tmp.resolve("learning-curves.svg")) && Files.exists(tmp.resolve("results.json")));
        assertTrue(Files.exists(tmp.resolve("notes.txt")), "only what a sweep writes is deleted");
    }

    @Test
    void theReportShowsFiguresInTheOrderTheExperimentDrawsThem(@TempDir Path tmp) throws IOException {
        SweepJob.run(TestSpecs.plan(TestSpecs.GRID), tmp, options(2, Shard.ALL, false));
        String html = Files.readString(tmp.resolve("index.html"));
        int first = html.indexOf("learning-curves.svg");
        int second = html.indexOf("final-vs-learning-rate.svg");
        assertTrue(first >= 0 && second > first, "learning-curves first, as the experiment lists it, not by name");
    }

    @Test
    void resumeRefusesAFolderOfAnotherExperiment(@TempDir Path tmp) throws IOException {
        SweepJob.run(TestSpecs.plan(TestSpecs.GRID), tmp, options(2, Shard.ALL, false));
        ExperimentPlan<?> other = TestSpecs.plan(TestSpecs.GRID.replace("\"steps\": 30", "\"steps\": 31"));
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> ResultsFolder.prepare(tmp, other, true));
        assertTrue(e.getMessage().contains("holds runs of a different experiment"), e.getMessage());
        Path foreign = tmp.resolve("foreign");
        Files.createDirectories(foreign);
        Files.writeString(foreign.resolve("thesis.tex"), "x");
        assertThrows(InvalidInputException.class, () -> ResultsFolder.prepare(foreign, other, false));
    }

    @Test
    void aNumericalFailureFailsItsRunWithTheReasonAndExitsOneNotTwo(@TempDir Path tmp) throws IOException {
        Path spec = tmp.resolve("failing.json");
        Files.writeString(spec, TestSpecs.GRID.replace("\"steps\": 30,", "\"steps\": 30, \"failSeed\": 1,"));
        java.io.StringWriter err = new java.io.StringWriter();
        picocli.CommandLine cl = Bcikit.commandLine(TestSpecs.REGISTRY);
        cl.setErr(new java.io.PrintWriter(err));
        int code = cl.execute("run", spec.toString(), "--out", tmp.resolve("out").toString(), "--threads", "1",
                "--quiet");
        assertEquals(1, code, err.toString());
        assertTrue(err.toString().contains("run lr=0.05/1 seed 1 failed, a numerical failure (not bad input): "
                + "Kalman gain: Riccati iteration did not converge (test)"), err.toString());
        Path failed = tmp.resolve("out/runs/c000-lr=0.05_1-s0001.json.failed");
        assertTrue(Files.readString(failed).contains("Riccati iteration did not converge"));
        assertFalse(Files.exists(tmp.resolve("out/results.json")));
    }
}
