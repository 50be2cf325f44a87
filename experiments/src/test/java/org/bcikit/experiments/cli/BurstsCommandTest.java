package org.bcikit.experiments.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.bcikit.data.SharedData;
import org.bcikit.experiments.api.StrictJson;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;

class BurstsCommandTest {

    private static final String THALAMUS = "sub_anm00239123_ses_20170627T093549_ecephys_and_ogen.nwb";
    private static final String ALM = "sub-anm369963_ses-20170228.nwb";

    @Test
    void thalamusUnitsAgainstTheirPoissonNullsAndPerConditionTimeCourses(@TempDir Path dir) throws Exception {
        CliRun run = CliRun.of("bursts", SharedData.nwb(THALAMUS).toString(), "--out", dir.toString());
        assertEquals(0, run.code(), run.err());
        assertTrue(run.out().contains("units 4: median BF 0.0941, median Poisson null 0.0811; above null 3, below 1"),
                run.out());
        JsonNode json = StrictJson.read(dir.resolve("bursts.json"));
        assertEquals(0.016, json.get("theta").asDouble(), 0.0);
        for (JsonNode u : json.get("units")) {
            assertEquals(u.get("bursts").asDouble() / u.get("events").asDouble(), u.get("burstFraction").asDouble(),
                    1e-12);
            double rate = u.get("spikes").asDouble() / u.get("duration").asDouble();
            assertEquals(1 - Math.exp(-rate * 0.016), u.get("poissonBurstFraction").asDouble(), 1e-12);
        }
        JsonNode conditions = json.get("timeResolved").get("conditions");
        assertEquals(3, conditions.size());
        assertEquals("lick left", conditions.get(0).get("condition").asText());
        assertEquals(172, conditions.get(0).get("trials").asInt());
        boolean undefinedWritten = false;
        for (int k = 0; k < conditions.get(0).get("events").size(); k++) {
            boolean noEvents = conditions.get(0).get("events").get(k).asLong() == 0;
            assertEquals(noEvents, conditions.get(0).get("burstFraction").get(k).isNull(), "bin " + k);
            undefinedWritten |= noEvents;
        }
        assertTrue(undefinedWritten, "this session has bins without events");
        for (String f : new String[] {"bursts.csv", "bursts-time.csv", "bf-vs-null.png", "bf-vs-null.svg",
            "time-1-lick_left.png", "time-3-non-performing.svg", "index.html"}) {
            assertTrue(Files.size(dir.resolve(f)) > 100, f);
        }
        assertEquals(5, Files.readAllLines(dir.resolve("bursts.csv")).size());
    }

    @Test
    void binnedRecordingsAreRefusedWithTheReason(@TempDir Path dir) throws Exception {
        Path csv = dir.resolve("counts.csv");
        Files.writeString(csv, "trial,bin,unit0\n0,0,1\n");
        CliRun run = CliRun.of("bursts", csv.toString(), "--out", dir.resolve("o").toString());
        assertEquals(2, run.code());
        assertTrue(run.err().contains("binned counts") && run.err().contains("NWB"), run.err());
        assertEquals(1, run.err().strip().lines().count(), run.err());
        assertFalse(Files.exists(dir.resolve("o")));
    }

    @Test
    void badParametersExitTwo(@TempDir Path dir) throws Exception {
        String alm = SharedData.nwb(ALM).toString();
        String out = dir.toString();
        CliRun zero = CliRun.of("bursts", alm, "--burst-isi", "0", "--out", out);
        assertEquals(2, zero.code());
        assertTrue(zero.err().contains("--burst-isi"), zero.err());
        assertEquals(2, CliRun.of("bursts", alm, "--burst-isi=-0.016", "--out", out).code());
        assertEquals(2, CliRun.of("bursts", alm, "--window", "2..1", "--out", out).code());
        CliRun column = CliRun.of("bursts", alm, "--align", "no_such_time", "--out", out);
        assertEquals(2, column.code());
        assertTrue(column.err().contains("/intervals/trials/no_such_time"), column.err());
        assertFalse(column.err().contains("\tat "), "no stack trace");
    }
}
