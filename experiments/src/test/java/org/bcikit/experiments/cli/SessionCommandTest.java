package org.bcikit.experiments.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;

import org.bcikit.data.SharedData;
import org.bcikit.experiments.api.StrictJson;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;

import us.hebi.matlab.mat.format.Mat5;
import us.hebi.matlab.mat.format.Mat5File;
import us.hebi.matlab.mat.types.Matrix;
import us.hebi.matlab.mat.types.Struct;

/**
 * {@code bcikit session} on the real Golub et al. 2018 session, through the command line:
 * reproduction within 1e-6, progress before and after learning, figures; and damaged copies of
 * the session (mismatched unit counts, rank-deficient calibration, no Kalman steady state) fail
 * with one line and exit code 2.
 */
class SessionCommandTest {

    @TempDir
    Path dir;

    @Test
    void reproducesTheRigAndWritesSessionJsonAndFigures() throws IOException {
        Path out = dir.resolve("out");
        CliRun run = CliRun.of("session", SharedData.golub2018().toString(), "--out", out.toString(), "--quiet");
        assertEquals(0, run.code(), run.err());
        assertEquals("", run.err());
        assertTrue(run.out().contains("WMP [0, 3, 2, 7, 5, 1, 6, 9, 4, 8]"), run.out());
        for (String f : SessionCommand.FILES) {
            assertTrue(Files.size(out.resolve(f)) > 1000, f);
        }
        String html = Files.readString(out.resolve("index.html"));
        assertEquals(2, html.split("<svg ", -1).length - 1, "both figures in the report");
        assertTrue(html.contains("<td class=\"key\">perturbation</td><td class=\"text\">WMP [0, 3, 2, 7, 5, 1, 6, 9, 4, 8]<"),
                "the session's numbers in the report");
        JsonNode j = StrictJson.read(out.resolve("session.json"));
        JsonNode rep = j.get("reproduction");
        assertTrue(rep.get("withinTolerance").asBoolean());
        assertTrue(rep.get("maxRelativeError").asDouble() <= 1e-6, rep.toString());
        for (String mapping : new String[] {"intuitive", "perturbed"}) {
            JsonNode m = rep.get(mapping);
            for (String q : new String[] {"K", "M1", "M2", "m0"}) {
                assertTrue(m.get(q).get("relativeError").asDouble() <= 1e-6, mapping + " " + q);
                assertTrue(m.get(q).get("storedMaxAbs").asDouble() > 0, mapping + " " + q);
            }
            for (String epoch : new String[] {"before", "after"}) {
                JsonNode v = m.get("vraw").get(epoch);
                assertTrue(v.get("relativeError").asDouble() <= 1e-6, mapping + " vraw " + epoch);
                assertTrue(v.get("maxAbsError").asDouble() <= 1e-6 * v.get("storedMaxAbs").asDouble());
            }
        }
        JsonNode p = j.get("progress");
        double ib = p.get("intuitive").get("before").get("mean").asDouble();
        double pb = p.get("perturbed").get("before").get("mean").asDouble();
        double pa = p.get("perturbed").get("after").get("mean").asDouble();
        assertEquals(8, p.get("perturbed").get("after").get("perTarget").size());
        // the WMP impairs, and learning raises progress under it (Golub et al. 2018)
        assertTrue(pb < 0.5 * ib, pb + " vs " + ib);
        assertTrue(pa > pb + 10, pb + " -> " + pa);
        assertTrue(Files.readString(out.resolve("factor-clouds.svg")).contains("orthonormalised factor 1"));
    }

    /** Writes a copy of the session with {@code change} applied to its MATLAB structs. */
    private Path damaged(String name, Consumer<Mat5File> change) throws IOException {
        Path f = dir.resolve(name + ".mat");
        try (Mat5File mat = Mat5.readFromFile(SharedData.golub2018().toFile())) {
            change.accept(mat);
            Mat5.writeToFile(mat, f.toFile());
        }
        return f;
    }

    private static Struct mapping(Mat5File mat, String which) {
        return mat.getStruct("expParams").getStruct(which);
    }

    private void assertBadInput(Path file, String... expected) {
        CliRun run = CliRun.of("session", file.toString(), "--out", dir.resolve("bad").toString(), "--quiet");
        assertEquals(2, run.code(), run.err());
        String[] lines = run.err().strip().split("\n");
        assertEquals(1, lines.length, run.err());
        assertTrue(lines[0].startsWith("bcikit: " + file + ": "), lines[0]);
        for (String e : expected) {
            assertTrue(lines[0].contains(e), lines[0]);
        }
        assertFalse(run.err().contains("Exception") || run.err().contains("\tat "), run.err());
        assertEquals("", run.out());
    }

    @Test
    void mismatchedUnitCountsExitTwo() throws IOException {
        Path spikes = damaged("spikes", mat -> mat.getStruct("beforeLearning").getStruct("clouds").getCell("spikes")
                .set(0, Mat5.newMatrix(85, 69)));
        assertBadInput(spikes, "beforeLearning.clouds.spikes{1}", "expected 86 units");
        Path mu = damaged("mu", mat -> mapping(mat, "perturbedMapping").set("mu_u", Mat5.newMatrix(87, 1)));
        assertBadInput(mu, "expParams.perturbedMapping.mu_u", "87");
    }

    @Test
    void rankDeficientCalibrationExitsTwo() throws IOException {
        // a unit that never varied in the calibration data: 1/std is infinite
        Path silent = damaged("silent", mat -> {
            Matrix s = mapping(mat, "intuitiveMapping").getMatrix("Sigma_u");
            s.setDouble(4, 4, Double.POSITIVE_INFINITY);
        });
        assertBadInput(silent, "expParams.intuitiveMapping: Sigma_u: rank-deficient calibration: unit 5");
        // two identical loading columns: the factors are not independent
        Path loadings = damaged("loadings", mat -> {
            Matrix l = mapping(mat, "perturbedMapping").getMatrix("L");
            for (int i = 0; i < 86; i++) {
                l.setDouble(i, 3, l.getDouble(i, 2));
            }
        });
        assertBadInput(loadings, "expParams.perturbedMapping: rank-deficient calibration: L", "column 3");
    }

    @Test
    void kalmanModelWithoutSteadyStateExitsTwo() throws IOException {
        // C = 0: the factors say nothing about velocity, the state covariance grows without bound
        Path blind = damaged("blind", mat -> {
            Matrix c = mapping(mat, "intuitiveMapping").getMatrix("C");
            for (int i = 0; i < 10; i++) {
                c.setDouble(i, 0, 0);
                c.setDouble(i, 1, 0);
            }
        });
        assertBadInput(blind, "expParams.intuitiveMapping: Kalman gain: Riccati iteration", "no steady state");
        // an observation noise that is not a covariance
        Path negative = damaged("negative", mat -> {
            Matrix r = mapping(mat, "perturbedMapping").getMatrix("R");
            for (int i = 0; i < 10; i++) {
                r.setDouble(i, i, -1);
            }
        });
        assertBadInput(negative, "expParams.perturbedMapping: Kalman gain", "not positive definite");
    }

    @Test
    void missingFileExitsTwo() {
        assertBadInput(dir.resolve("none.mat"), "no such file");
    }
}
