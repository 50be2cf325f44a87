package org.bcikit.experiments.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.bcikit.data.Recording;
import org.bcikit.data.format.Recordings;
import org.bcikit.data.synthetic.SyntheticPopulation;
import org.bcikit.experiments.api.StrictJson;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;

class DemoCommandTest {

    @TempDir
    Path dir;

    /** The demo pipeline at toy sizes: the same code path, a few seconds instead of a minute. */
    private static CliRun demo(int seeds, String... extra) {
        List<String> args = new ArrayList<>(List.of("demo", "--seeds", Integer.toString(seeds), "--threads", "2",
                "--set", "staticNetwork.initialTraining.steps=100",
                "--set", "staticNetwork.selection.ompCandidates=50",
                "--set", "staticNetwork.adaptation.steps=120",
                "--set", "closedLoop.subject.pretrainingTrials=120",
                "--set", "closedLoop.practiceTrials=16",
                "--set", "closedLoop.perturbationBlocks=2",
                "--set", "closedLoop.candidates=50"));
        args.addAll(List.of(extra));
        return CliRun.of(args.toArray(String[]::new));
    }

    @Test
    void runsThePipelineAndWritesResultsFiguresSessionAndSummary() throws Exception {
        CliRun run = demo(2, "--out", dir.toString(), "--seed", "3");
        assertEquals(0, run.code(), run.err());
        assertTrue(run.err().startsWith("demo: 1/3 learners adapting"), run.err());
        for (String f : new String[] {"results.json", "curves.csv", "summary.json",
            "static-learning-curves.png", "static-learning-curves.svg", "closed-loop-success-rate.png",
            "closed-loop-success-rate.svg", "amount-of-learning.png", "amount-of-learning.svg",
            "session/session.npy", "session/session.json", "session/session.csv", "session/raster.png",
            "session/tuning.svg"}) {
            assertTrue(Files.size(dir.resolve(f)) > 0, f);
        }
        JsonNode results = StrictJson.read(dir.resolve("results.json"));
        assertEquals(6, results.get("conditions").size());
        assertEquals("static-lazy/WMP", results.at("/conditions/0/name").asText());
        assertEquals("rate-rnn/OMP", results.at("/conditions/5/name").asText());

        Recording expected = SyntheticPopulation.defaults().withSeed(3).generate().recording();
        assertArrayEquals(expected.stackedCounts().data, Recordings.read(dir.resolve("session/session.npy")).stackedCounts().data);
        assertArrayEquals(expected.stackedCounts().data, Recordings.read(dir.resolve("session/session.csv")).stackedCounts().data);

        StrictJson.read(dir.resolve("session/session.json"));
        for (String r : new String[] {"timing.json", "spec.json"}) {
            StrictJson.read(dir.resolve(r));
        }
        JsonNode summary = StrictJson.read(dir.resolve("summary.json"));
        assertEquals(3, summary.get("seed").asLong());
        double perf = summary.at("/adaptation/static-lazy~1WMP/performanceAt100").asDouble();
        assertTrue(perf > 0 && perf <= 1, "performance at step 100 " + perf);
        assertTrue(summary.at("/adaptation/rate-rnn~1OMP/amountOfLearning").isNumber());
        // the population has 6 generating factors; with 96 trials of 20 bins CV lands near them
        int d = summary.at("/session/manifold/crossValidatedDims").asInt();
        assertTrue(Math.abs(d - 6) <= 1, "cross-validated dimensionality " + d);
        assertTrue(run.out().contains("static-lazy/WMP") && run.out().contains("amount of learning"), run.out());
    }

    @Test
    void quietMeansNothingOnStderr() {
        CliRun run = demo(1, "--out", dir.resolve("q").toString(), "--quiet");
        assertEquals(0, run.code(), run.err());
        assertEquals("", run.err());
        assertTrue(run.out().startsWith("demo: results and figures in "), run.out());
    }
}
