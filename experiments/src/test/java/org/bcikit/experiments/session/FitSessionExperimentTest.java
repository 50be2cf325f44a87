package org.bcikit.experiments.session;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.bcikit.experiments.cli.CliRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** {@code bcikit run fit-session} on the bundled Golub et al. 2018 session. */
class FitSessionExperimentTest {

    @TempDir
    Path dir;

    @Test
    void theFittedLearnersPredictionIsNearerTheDataThanAnyHypothesisAndFarFromRealignment() throws IOException {
        Path out = dir.resolve("fit");
        CliRun run = CliRun.of("run", "fit-session", "--seeds", "1", "--set", "regime=lazy", "--set", "draws=1",
                "--out", out.toString(), "--quiet");
        assertEquals(0, run.code(), run.err());
        JsonNode s = new ObjectMapper().readTree(out.resolve("results.json").toFile())
                .get("conditions").get(0).get("scalars");
        double toData = s.get("distance.recorded").get("mean").asDouble();
        for (String h : new String[] {"Realignment", "Rescaling", "Reassociation", "PartialRealignment", "Subselection"}) {
            assertTrue(toData < s.get("distanceFromRecorded." + h).get("mean").asDouble(),
                    "the learner is nearer the data than " + h + " is");
        }
        // Nearest one of the repertoire-keeping hypotheses (reassociation, partial realignment,
        // subselection lie within a few hundredths of each other), never realignment or rescaling.
        int nearest = s.get("nearestHypothesis").get("mean").asInt();
        assertTrue(nearest >= 2, "nearest hypothesis index " + nearest);
        assertTrue(s.get("distance.Realignment").get("mean").asDouble() > 5 * toData);
        assertEquals(1, s.get("adaptation.reachedRecordedProgress").get("mean").asInt());
        assertTrue(Files.size(out.resolve("progress.svg")) > 1000);
    }

    @Test
    void theSameSeedGivesTheSameResultsOnOneAndTwoThreads() throws IOException {
        byte[][] results = new byte[2][];
        for (int t = 1; t <= 2; t++) {
            Path out = dir.resolve("t" + t);
            CliRun run = CliRun.of("run", "fit-session", "--seeds", "1", "--set", "hypothesisDraws=0",
                    "--set", "adaptation.maxSteps=100", "--set", "draws=1", "--threads", String.valueOf(t),
                    "--out", out.toString(), "--quiet");
            assertEquals(0, run.code(), run.err());
            results[t - 1] = Files.readAllBytes(out.resolve("results.json"));
        }
        assertArrayEquals(results[0], results[1]);
    }
}
