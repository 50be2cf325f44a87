package org.bcikit.experiments;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.bcikit.data.JsonFiles;
import org.bcikit.data.Recording;
import org.bcikit.data.Recordings;
import org.bcikit.data.SyntheticPopulation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;

class DemoCommandTest {

    @TempDir
    Path dir;

    @Test
    void writesTheSeededSessionFiguresAndSummary() throws Exception {
        CliRun run = CliRun.of("demo", "--out", dir.toString(), "--seed", "3");
        assertEquals(0, run.code(), run.err());
        assertTrue(run.err().startsWith("demo: simulating 60 units, 96 centre-out trials (seed 3)"), run.err());
        for (String f : new String[] {"session.npy", "session.json", "session.cursor.npy", "session.velocity.npy",
            "session.csv", "raster.png", "raster.svg", "tuning.png", "tuning.svg", "summary.json"}) {
            assertTrue(Files.size(dir.resolve(f)) > 0, f);
        }
        Recording expected = SyntheticPopulation.defaults().withSeed(3).generate().recording();
        Recording npy = Recordings.read(dir.resolve("session.npy"));
        Recording csv = Recordings.read(dir.resolve("session.csv"));
        assertArrayEquals(expected.stackedCounts().data, npy.stackedCounts().data);
        assertArrayEquals(expected.stackedCounts().data, csv.stackedCounts().data);
        JsonNode summary = JsonFiles.mapper().readTree(dir.resolve("summary.json").toFile());
        assertEquals(3, summary.get("seed").asLong());
        assertEquals(60, summary.get("population").get("units").asInt());
        assertEquals(96, summary.get("recording").get("trials").asInt());
        double rate = summary.get("meanRateHz").asDouble();
        assertTrue(rate > 10 && rate < 60, "mean rate " + rate);
        assertTrue(Files.readString(dir.resolve("tuning.svg")).startsWith("<?xml") || Files.readString(
                dir.resolve("tuning.svg")).contains("<svg"));
    }

    @Test
    void quietMeansNothingOnStderr() {
        CliRun run = CliRun.of("demo", "--out", dir.resolve("q").toString(), "--quiet");
        assertEquals(0, run.code(), run.err());
        assertEquals("", run.err());
        assertTrue(run.out().startsWith("demo: wrote 10 files to "), run.out());
    }
}
