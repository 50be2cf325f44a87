package org.bcikit.experiments.cli.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import org.bcikit.data.io.JsonFiles;
import org.bcikit.experiments.cli.CliRun;

class RateNetBenchCommandTest {

    @Test
    void printsOneJsonLinePerVariantWithTheTorchScriptsFields() throws Exception {
        CliRun run = CliRun.of("bench", "ratenet", "--steps", "30", "--batch", "32", "--jit-warmup", "0", "--kernels", "plain");
        assertEquals(0, run.code(), run.err());
        String[] lines = run.out().strip().split("\n");
        assertEquals(3, lines.length, run.out());
        String[] variants = {"linear", "unrolled", "implicit"};
        for (int i = 0; i < 3; i++) {
            JsonNode j = JsonFiles.mapper().readTree(lines[i]);
            assertEquals(variants[i], j.get("variant").asText());
            assertEquals(30, j.get("steps").asInt());
            assertTrue(j.get("ms_per_step_median").asDouble() > 0);
            assertTrue(j.get("ms_per_step_mean").asDouble() > 0);
            assertTrue(j.get("total_s").asDouble() > 0);
            // Adam on a teacher task: the loss falls
            assertTrue(j.get("loss_last").asDouble() < j.get("loss_first").asDouble(), lines[i]);
        }
        assertEquals(30.0, JsonFiles.mapper().readTree(lines[1]).get("fwd_iters_mean").asDouble());
        assertTrue(JsonFiles.mapper().readTree(lines[2]).get("fwd_iters_mean").asDouble() > 5);
    }

    @Test
    void anUnknownVariantIsBadInput() {
        CliRun run = CliRun.of("bench", "ratenet", "--variants", "linear,recurrent");
        assertEquals(2, run.code());
        assertTrue(run.err().contains("recurrent"), run.err());
    }
}
