package org.bcikit.experiments.session;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.bcikit.data.SharedData;
import org.bcikit.experiments.BuiltInExperiments;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.bcikit.experiments.cli.CliRun;

/** The built-in {@code golub2018} experiment: the session analysis through the runner's layout. */
class Golub2018ExperimentTest {

    @TempDir
    Path dir;

    @Test
    void runsTheSessionAnalysisFromInputIntoTheResultsFolder() throws IOException {
        Path out = dir.resolve("golub");
        CliRun run = CliRun.of("run", "golub2018", "--input", SharedData.golub2018().toString(), "--out",
                out.toString(), "--quiet");
        assertEquals(0, run.code(), run.err());
        JsonNode results = new ObjectMapper().readTree(out.resolve("results.json").toFile());
        assertEquals("rig-session", results.get("experiment").asText());
        assertEquals(SharedData.golub2018().toString(), results.get("spec").get("parameters").get("input").asText());
        JsonNode c = results.get("conditions").get(0);
        assertEquals("golub2018", c.get("name").asText());
        JsonNode metrics = c.get("metrics");
        assertTrue(metrics.get("withinTolerance").asBoolean(), metrics.toString());
        assertTrue(metrics.get("maxRelativeError").asDouble() <= 1e-6);
        for (String q : new String[] {"K", "M1", "M2", "m0", "vraw"}) {
            assertTrue(metrics.get("relativeErrors").get(q).asDouble() <= 1e-6, q);
        }
        JsonNode progress = metrics.get("progress");
        assertTrue(progress.get("perturbed").get("after").asDouble() > progress.get("perturbed").get("before").asDouble() + 10);
        // the per-target curves are the session command's numbers
        JsonNode curve = c.get("curves").get("progress.perturbed.after");
        assertEquals(8, curve.get("x").size());
        assertEquals(315.0, curve.get("x").get(7).asDouble(), 0.0);
        for (String f : new String[] {"progress-per-target.png", "progress-per-target.svg", "factor-clouds.png",
            "factor-clouds.svg", "curves.csv", "spec.json"}) {
            assertTrue(Files.size(out.resolve(f)) > 100, f);
        }
        try (var runs = Files.list(out.resolve("runs"))) {
            assertEquals(1, runs.count());
        }
        // same numbers as 'bcikit session'
        Path sessionOut = dir.resolve("session");
        assertEquals(0, CliRun.of("session", SharedData.golub2018().toString(), "--out", sessionOut.toString(), "-q").code());
        JsonNode session = new ObjectMapper().readTree(sessionOut.resolve("session.json").toFile());
        assertEquals(session.get("progress").get("perturbed").get("after").get("mean").asDouble(),
                progress.get("perturbed").get("after").asDouble(), 0.0);
        assertEquals(session.get("reproduction").get("maxRelativeError").asDouble(),
                metrics.get("maxRelativeError").asDouble(), 0.0);
    }

    @Test
    void theDefaultIsTheBundledSessionWithTheSameNumbersAsTheSharedFile() throws IOException {
        // the default never looks at ../shared: it is the session extracted from the jar
        Path found = RigSessionExperiment.resolve(RigSessionExperiment.DEFAULT_INPUT);
        assertEquals("example:golub2018", RigSessionExperiment.DEFAULT_INPUT);
        assertFalse(found.toAbsolutePath().normalize().startsWith(SharedData.shared("")), found.toString());
        assertArrayEquals(Files.readAllBytes(SharedData.golub2018()), Files.readAllBytes(found));

        CliRun byDefault = CliRun.of("run", "golub2018", "--out", dir.resolve("default").toString(), "--quiet");
        assertEquals(0, byDefault.code(), byDefault.err());
        CliRun byExample = CliRun.of("run", "golub2018", "--example", "golub2018", "--out",
                dir.resolve("example").toString(), "--quiet");
        assertEquals(0, byExample.code(), byExample.err());
        CliRun byFile = CliRun.of("run", "golub2018", "--input", SharedData.golub2018().toString(), "--out",
                dir.resolve("file").toString(), "--quiet");
        assertEquals(0, byFile.code(), byFile.err());
        JsonNode reference = results("file");
        for (String run : new String[] {"default", "example"}) {
            JsonNode r = results(run);
            // results say which file was used
            assertEquals("example:golub2018", r.get("spec").get("parameters").get("input").asText(), run);
            JsonNode c = r.get("conditions").get(0);
            assertEquals(reference.get("conditions").get(0).get("metrics"), c.get("metrics"), run);
            assertEquals(reference.get("conditions").get(0).get("curves"), c.get("curves"), run);
        }
        double pa = reference.get("conditions").get(0).get("metrics").get("progress").get("perturbed").get("after")
                .asDouble();
        assertEquals(45.65, pa, 0.005);
    }

    private JsonNode results(String run) throws IOException {
        return new ObjectMapper().readTree(dir.resolve(run).resolve("results.json").toFile());
    }

    @Test
    void aMissingInputOrAnUnknownExampleExitsTwo() {
        CliRun missing = CliRun.of("run", "golub2018", "--input", dir.resolve("nope.mat").toString(), "--out",
                dir.resolve("m").toString(), "--quiet");
        assertEquals(2, missing.code(), missing.err());
        assertTrue(missing.err().contains("nope.mat: no such file"), missing.err());
        assertEquals(1, missing.err().strip().split("\n").length, missing.err());

        CliRun unknown = CliRun.of("run", "golub2018", "--set", "input=example:golub", "--out",
                dir.resolve("u").toString(), "--quiet");
        assertEquals(2, unknown.code(), unknown.err());
        assertTrue(unknown.err().contains("input") && unknown.err().contains("\"example:golub2018\", \"example:ime2015\""),
                unknown.err());

        CliRun both = CliRun.of("run", "golub2018", "--input", "x.mat", "--example", "golub2018", "--out",
                dir.resolve("b").toString(), "--quiet");
        assertEquals(2, both.code(), both.err());
        assertTrue(both.err().contains("give --input FILE or --example NAME, not both"), both.err());
    }

    @Test
    void isListed() {
        assertTrue(BuiltInExperiments.registry().isBuiltIn("golub2018"));
        assertEquals("rig-session", BuiltInExperiments.registry().builtInSpec("golub2018").experiment());
    }
}
