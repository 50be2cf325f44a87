package org.bcikit.experiments.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.bcikit.data.SharedData;
import org.bcikit.experiments.api.StrictJson;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;

/** {@code bcikit session FILE --hypotheses} on the real Golub et al. 2018 session. */
class SessionHypothesesCommandTest {

    private static final String[] NAMES = {"Realignment", "Rescaling", "Reassociation", "PartialRealignment", "Subselection"};
    private static final String[] METRICS = {"overallRepertoireChange", "movementSpecificRepertoireChange",
        "deltaVarianceIntuitivePercent", "deltaVariancePerturbedPercent", "predictedAcquisitionTime", "meanPerturbedProgress"};

    @TempDir
    Path dir;

    @Test
    void writesEveryMetricForTheDataAndTheFiveHypotheses() throws IOException {
        Path out = dir.resolve("out");
        CliRun run = CliRun.of("session", SharedData.golub2018().toString(), "--hypotheses", "--repeats", "2",
                "--seed", "3", "--out", out.toString(), "--quiet");
        assertEquals(0, run.code(), run.err());
        assertTrue(Files.size(out.resolve("hypotheses.png")) > 10_000);
        assertTrue(Files.size(out.resolve("hypotheses.svg")) > 10_000);
        JsonNode j = StrictJson.read(out.resolve("hypotheses.json"));
        assertEquals(2, j.get("repeats").asInt());
        for (String m : METRICS) {
            assertTrue(j.get("recorded").get(m).isNumber(), "recorded." + m);
            for (String h : NAMES) {
                JsonNode v = j.get("hypotheses").get(h).get(m);
                assertTrue(v.get("mean").isNumber(), h + "." + m);
                assertTrue(v.get("sd").isNumber() && v.get("sd").asDouble() >= 0, h + "." + m + ".sd");
            }
        }
        // The recorded gain in perturbed progress that the learners and hypotheses are scored on.
        assertEquals(45.65, j.get("recorded").get("meanPerturbedProgress").asDouble(), 0.01);
        String nearest = j.get("nearestHypothesis").get("overallRepertoireChange").asText();
        assertNotEquals("Realignment", nearest);
        assertNotEquals("Rescaling", nearest);
        assertTrue(run.out().contains("Reassociation"), run.out());
    }

    @Test
    void zeroRepeatsIsBadInput() {
        CliRun run = CliRun.of("session", SharedData.golub2018().toString(), "--hypotheses", "--repeats", "0",
                "--out", dir.resolve("x").toString(), "--quiet");
        assertEquals(2, run.code(), run.err());
        assertTrue(run.err().contains("--repeats"), run.err());
    }
}
