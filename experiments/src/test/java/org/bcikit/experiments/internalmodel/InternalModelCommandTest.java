package org.bcikit.experiments.internalmodel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;

import org.bcikit.data.examples.ExampleSession;
import org.bcikit.experiments.BuiltInExperiments;
import org.bcikit.experiments.cli.CliRun;
import org.bcikit.experiments.spec.ExperimentSpec;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import us.hebi.matlab.mat.format.Mat5;
import us.hebi.matlab.mat.format.Mat5File;
import us.hebi.matlab.mat.types.Cell;
import us.hebi.matlab.mat.types.MatlabType;
import us.hebi.matlab.mat.types.Matrix;

/**
 * {@code bcikit internal-model} and the {@code ime2015} experiment on the codepack's example
 * session (Golub, Yu &amp; Chase 2015), with few iterations; damaged copies exit with code 2 and
 * one line naming the file and the field.
 */
class InternalModelCommandTest {

    static Path EXAMPLE;

    @TempDir
    Path dir;

    @BeforeAll
    static void extract() throws IOException {
        EXAMPLE = ExampleSession.IME2015.file();
    }

    @Test
    void writesTheCodepackNumbersFiguresAndParameters() throws IOException {
        Path out = dir.resolve("ime");
        // the bundled copy of the codepack's session
        CliRun run = CliRun.of("internal-model", "--example", "ime2015", "--tau", "3", "--max-iterations", "10",
                "--folds", "0", "--out", out.toString(), "--quiet");
        assertEquals(0, run.code(), run.err());
        assertEquals("", run.err());
        assertTrue(run.out().contains("internal model 3.8766"), run.out());
        JsonNode j = new ObjectMapper().readTree(out.resolve("internal-model.json").toFile());
        assertEquals("example:ime2015", j.get("file").asText());
        assertEquals(3, j.get("tau").asInt());
        assertEquals(10, j.get("iterations").asInt());
        assertEquals(11, j.get("logLikelihoodTrace").size());
        assertEquals(j.get("logLikelihoodTrace").get(10).asDouble(), j.get("logLikelihood").asDouble(), 0.0);
        // example1.m's digits at MAX_ITERS = 10, and the cursor's own error
        assertEquals(3.8766, j.get("angularError").get("internalModel").get("mean").asDouble(), 5e-5);
        assertEquals(7.4010, j.get("angularError").get("cursor").get("mean").asDouble(), 5e-5);
        assertTrue(j.get("angularError").get("cursor").get("sem").asDouble() > 0.1);
        assertEquals(165, j.get("angularError").get("internalModel").get("perTrial").size());
        assertFalse(j.get("angularError").get("crossValidated").asBoolean());
        assertEquals(24, j.get("parameters").get("B").get(0).size());
        assertEquals(2465, j.get("parameters").get("alpha").size());
        for (String f : new String[] {"angular-errors.png", "angular-errors.svg", "whiskers.png", "whiskers.svg"}) {
            assertTrue(Files.size(out.resolve(f)) > 1000, f);
        }
        assertTrue(Files.readString(out.resolve("whiskers.svg")).contains("trial 98"));
    }

    @Test
    void crossValidatesOverBlocksOfOneTrialPerTarget() throws IOException {
        Path out = dir.resolve("cv");
        CliRun run = CliRun.of("internal-model", EXAMPLE.toString(), "--max-iterations", "5", "--folds", "3",
                "--seed", "7", "--out", out.toString(), "--quiet");
        assertEquals(0, run.code(), run.err());
        JsonNode j = new ObjectMapper().readTree(out.resolve("internal-model.json").toFile());
        JsonNode s = j.get("scoring");
        assertTrue(s.get("crossValidated").asBoolean());
        assertEquals(3, s.get("folds").asInt());
        int trials = 0;
        for (JsonNode fold : s.get("foldTrials")) {
            trials += fold.size();
        }
        assertEquals(165, trials);
        assertTrue(j.get("angularError").get("crossValidated").asBoolean());
        // held-out trials are predicted worse than training trials
        assertTrue(j.get("angularError").get("internalModel").get("mean").asDouble()
                > j.get("trainingAngularError").get("internalModel").get("mean").asDouble());
        assertTrue(Double.isFinite(s.get("logLikelihood").asDouble()));
    }

    @Test
    void choosesTauOverARange() throws IOException {
        Path out = dir.resolve("sweep");
        CliRun run = CliRun.of("internal-model", EXAMPLE.toString(), "--tau-range", "2..3", "--max-iterations", "5",
                "--folds", "0", "--out", out.toString(), "--quiet");
        assertEquals(0, run.code(), run.err());
        JsonNode j = new ObjectMapper().readTree(out.resolve("internal-model.json").toFile());
        JsonNode sweep = j.get("tauSweep");
        assertEquals(2, sweep.size());
        int best = 0;
        for (int k = 1; k < 2; k++) {
            if (sweep.get(k).get("logLikelihood").asDouble() > sweep.get(best).get("logLikelihood").asDouble()) {
                best = k;
            }
        }
        assertEquals(sweep.get(best).get("tau").asInt(), j.get("tau").asInt());
        assertTrue(Files.size(out.resolve("tau-sweep.png")) > 1000);
    }

    /** Writes a copy of the example with {@code change} applied to its struct {@code data}. */
    private Path damaged(String name, Consumer<Mat5File> change) throws IOException {
        Path f = dir.resolve(name + ".mat");
        try (Mat5File mat = Mat5.readFromFile(EXAMPLE.toFile())) {
            change.accept(mat);
            Mat5.writeToFile(mat, f.toFile());
        }
        return f;
    }

    private void assertBadInput(Path file, String expected, String... args) {
        String[] all = new String[args.length + 5];
        all[0] = "internal-model";
        all[1] = file.toString();
        all[2] = "--out";
        all[3] = dir.resolve("bad").toString();
        all[4] = "--quiet";
        System.arraycopy(args, 0, all, 5, args.length);
        CliRun run = CliRun.of(all);
        assertEquals(2, run.code(), run.err());
        String[] lines = run.err().strip().split("\n");
        assertEquals(1, lines.length, run.err());
        assertEquals("bcikit: " + expected, lines[0]);
        assertEquals("", run.out());
    }

    @Test
    void aTauLongerThanTheShortestTrialAllowsExitsTwo() {
        // trial 17 is one of the shortest, 9 steps
        assertBadInput(EXAMPLE, EXAMPLE + ": data.cursor_position{" + shortestTrial() + "}: TAU = 7 needs trials of at "
                + "least 10 steps (TAU + 3), this one has 9; the largest TAU these trials allow is 6", "--tau", "7",
                "--max-iterations", "1");
        assertBadInput(EXAMPLE, EXAMPLE + ": data.cursor_position{" + shortestTrial() + "}: TAU = 8 needs trials of at "
                + "least 11 steps (TAU + 3), this one has 9; the largest TAU these trials allow is 6", "--tau-range",
                "0..8", "--max-iterations", "1");
    }

    private static int shortestTrial() {
        try (Mat5File mat = Mat5.readFromFile(EXAMPLE.toFile())) {
            Cell c = mat.getStruct("data").getCell("cursor_position");
            int best = 0;
            for (int k = 1; k < c.getNumElements(); k++) {
                if (c.getMatrix(k).getNumCols() < c.getMatrix(best).getNumCols()) {
                    best = k;
                }
            }
            return best + 1;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void nanPositionsExitTwo() throws IOException {
        Path f = damaged("nan", mat -> mat.getStruct("data").getCell("cursor_position").getMatrix(4)
                .setDouble(0, 2, Double.NaN));
        assertBadInput(f, f + ": data.cursor_position{5}: expected finite positions, found NaN at row 1, column 3");
    }

    @Test
    void trialsWithDifferentUnitCountsExitTwo() throws IOException {
        Path f = damaged("units", mat -> {
            Cell counts = mat.getStruct("data").getCell("spike_counts");
            Matrix old = counts.getMatrix(6);
            Matrix fewer = Mat5.newMatrix(23, old.getNumCols(), MatlabType.UInt8);
            counts.set(6, fewer);
        });
        int cols;
        try (Mat5File mat = Mat5.readFromFile(EXAMPLE.toFile())) {
            cols = mat.getStruct("data").getCell("spike_counts").getMatrix(6).getNumCols();
        }
        assertBadInput(f, f + ": data.spike_counts{7}: expected 24 units (rows) like data.spike_counts{1}, found 23 x "
                + cols + " uint8");
    }

    @Test
    void badOptionsExitTwo() {
        assertBadInput(EXAMPLE, EXAMPLE + ": --folds: expected 2..11 (blocks of at most one trial per target; 0 for none), "
                + "got 12", "--folds", "12", "--max-iterations", "1");
        assertBadInput(EXAMPLE, "--tau and --tau-range: give one (a fixed TAU or a range to choose from)", "--tau", "3",
                "--tau-range", "0..4");
        assertBadInput(EXAMPLE, "--tau-range: expected A..B with 0 <= A < B (e.g. 0..6), got 3-5", "--tau-range", "3-5");
    }

    @Test
    void internalModelExperimentScoresEveryTauOnTheSameSteps() throws IOException {
        // the built-in ime2015 sweeps TAU 0..6 at 100 iterations; the same type on two TAUs, briefly
        Path spec = dir.resolve("ime.json");
        Files.writeString(spec, "{\"name\": \"ime\", \"experiment\": \"internal-model\", \"seeds\": 1, "
                + "\"parameters\": {\"input\": \"" + EXAMPLE + "\", \"maxIterations\": 10, \"scoreFromTau\": 3}, "
                + "\"sweep\": [{\"parameter\": \"tau\", \"values\": [2, 3], \"label\": \"tau={}\"}]}");
        Path out = dir.resolve("run");
        CliRun run = CliRun.of("run", spec.toString(), "--out", out.toString(), "--quiet");
        assertEquals(0, run.code(), run.err());
        JsonNode results = new ObjectMapper().readTree(out.resolve("results.json").toFile());
        assertEquals("internal-model", results.get("experiment").asText());
        JsonNode conditions = results.get("conditions");
        assertEquals(2, conditions.size());
        assertEquals("tau=2", conditions.get(0).get("name").asText());
        JsonNode two = conditions.get(0).get("metrics");
        JsonNode three = conditions.get(1).get("metrics");
        // the same steps: the cursor's error does not depend on TAU
        assertEquals(two.get("angularErrorCursor").asDouble(), three.get("angularErrorCursor").asDouble(), 0.0);
        assertEquals(7.4010, three.get("angularErrorCursor").asDouble(), 5e-5);
        // TAU = 3 scored from its own first step is example1's number at 10 iterations
        assertEquals(3.8766, three.get("angularErrorInternalModel").asDouble(), 5e-5);
        assertEquals(10, three.get("iterations").asInt());
        for (String f : new String[] {"tau-sweep.png", "tau-sweep.svg", "angular-errors.png", "angular-errors.svg"}) {
            assertTrue(Files.size(out.resolve(f)) > 1000, f);
        }
        ExperimentSpec builtIn = BuiltInExperiments.registry().builtInSpec("ime2015");
        assertEquals("internal-model", builtIn.experiment());
    }
}
