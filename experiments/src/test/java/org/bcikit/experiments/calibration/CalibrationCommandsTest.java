package org.bcikit.experiments.calibration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.bcikit.data.Recording;
import org.bcikit.data.Trial;
import org.bcikit.data.format.Recordings;
import org.bcikit.data.synthetic.SyntheticPopulation;
import org.bcikit.decoders.rig.DecoderFile;
import org.bcikit.experiments.cli.Bcikit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.PrintWriter;
import java.io.StringWriter;

import picocli.CommandLine;

/**
 * {@code calibrate}, {@code perturbations} and {@code decoder rebuild} through the command line:
 * a synthetic session whose generating dimensionality is known, the ime2015 closed-loop session,
 * and bad input (one line naming file and field, exit 2).
 */
class CalibrationCommandsTest {

    @TempDir
    static Path dir;

    static Path session;
    static Path calibrated;

    record Run(int code, String out, String err) {
    }

    static Run cli(String... args) {
        CommandLine cl = Bcikit.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        return new Run(cl.execute(args), out.toString(), err.toString());
    }

    @BeforeAll
    static void calibrate() throws IOException {
        session = dir.resolve("session.npy");
        Recordings.write(session, SyntheticPopulation.defaults().generate().recording(), null);
        calibrated = dir.resolve("cal");
        Run r = cli("calibrate", session.toString(), "--q", "0.1", "--max-factors", "8", "--seed", "2", "--out",
                calibrated.toString(), "--quiet");
        assertEquals(0, r.code(), r.err());
        System.out.print(r.out());
    }

    @Test
    void calibrateWritesTheRigParameterSetAndHeldOutAccuracy() throws IOException {
        DecoderFile d = DecoderFile.read(calibrated.resolve("decoder.json"));
        assertEquals(6, d.factors());
        assertEquals(60, d.units());
        assertTrue(d.absent().isEmpty(), d.absent().toString());
        JsonNode j = new ObjectMapper().readTree(calibrated.resolve("calibration.json").toFile());
        assertEquals(6, j.get("crossValidation").get("bestDims").asInt());
        double angle = j.get("heldOut").get("angleDegrees").get("mean").asDouble();
        assertTrue(angle > 5 && angle < 33, "held-out angle " + angle);
        assertTrue(j.get("heldOut").get("r2").get("both").asDouble() > 0.4);
        assertTrue(Files.size(calibrated.resolve("trajectories.png")) > 5000);
        assertTrue(Files.size(calibrated.resolve("trajectories.svg")) > 5000);
    }

    @Test
    void perturbationsScreensAllWmpsAndSampledOmpsAndWritesDecoders() throws IOException {
        Path out = dir.resolve("pert");
        Run r = cli("perturbations", "--decoder", calibrated.resolve("decoder.json").toString(), "--data",
                session.toString(), "--omps", "300", "--choose", "2", "--screen", "mean", "--out", out.toString());
        System.out.print(r.out());
        assertEquals(0, r.code(), r.err());
        JsonNode j = new ObjectMapper().readTree(out.resolve("candidates.json").toFile());
        assertEquals(719, j.get("WMP").get("candidates").asInt()); // 6! - 1
        assertEquals(300, j.get("OMP").get("candidates").asInt());
        int passed = j.get("WMP").get("passed").asInt();
        assertTrue(passed > 0 && passed < 719, "WMPs passing " + passed);
        JsonNode top = j.get("WMP").get("top").get(0);
        assertTrue(top.get("passesScreen").asBoolean());
        // the mean screen: mean angle in [20, 75] degrees, mean speed ratio in [0.25, 2]
        assertTrue(mean(top.get("angleDegrees")) >= 20 && mean(top.get("angleDegrees")) <= 75, top.toString());
        assertTrue(mean(top.get("speedRatio")) >= 0.25 && mean(top.get("speedRatio")) <= 2, top.toString());
        // ranked by distance to the median loss of the survivors
        assertTrue(top.get("distanceToMedian").asDouble() <= j.get("WMP").get("top").get(1).get("distanceToMedian")
                .asDouble());
        DecoderFile wmp = DecoderFile.read(out.resolve("wmp-1.decoder.json"));
        assertEquals("WMP", wmp.kind());
        assertEquals(60, wmp.units());
        DecoderFile.read(out.resolve("wmp-2.decoder.json"));
        if (j.get("OMP").get("passed").asInt() > 0) {
            assertEquals("OMP", DecoderFile.read(out.resolve("omp-1.decoder.json")).kind());
        }
        assertTrue(Files.size(out.resolve("predicted-velocities.png")) > 5000);
    }

    private static double mean(JsonNode a) {
        double s = 0;
        for (JsonNode x : a) {
            s += x.asDouble();
        }
        return s / a.size();
    }

    @Test
    void theEveryTargetScreenSaysHowCloseItCameWhenNothingPasses() throws IOException {
        Path out = dir.resolve("pert-every");
        Run r = cli("perturbations", "--decoder", calibrated.resolve("decoder.json").toString(), "--data",
                session.toString(), "--omps", "100", "--out", out.toString());
        assertEquals(0, r.code(), r.err());
        JsonNode j = new ObjectMapper().readTree(out.resolve("candidates.json").toFile());
        int best = j.get("WMP").get("mostTargetsPassing").asInt();
        assertTrue(best >= 1 && best <= 8, "best " + best);
        if (j.get("WMP").get("passed").asInt() == 0) {
            assertTrue(r.out().contains("0 of 719 pass the screen (at best " + best + " of 8 targets); none chosen"),
                    r.out());
            assertTrue(r.err().startsWith("bcikit: warning: "), r.err());
        }
    }

    @Test
    void rebuildOnTheIme2015SessionFitsBothAxesToR2AtLeast098() throws IOException {
        Path out = dir.resolve("rebuild");
        Run r = cli("decoder", "rebuild", Ime2015.file().toString(), "--bin-width", "0.033", "--out", out.toString());
        System.out.print(r.out());
        assertEquals(0, r.code(), r.err());
        JsonNode j = new ObjectMapper().readTree(out.resolve("rebuild.json").toFile());
        // measured 0.9829 and 0.9839 on the 165 trials (2960 bins from each trial's third on)
        assertTrue(j.get("r2").get("x").asDouble() >= 0.98, j.get("r2").toString());
        assertTrue(j.get("r2").get("y").asDouble() >= 0.98, j.get("r2").toString());
        assertEquals(3290 - 2 * 165, j.get("samples").asInt());
        assertTrue(j.get("replay").get("meanPositionError").asDouble() < 0.01, j.get("replay").toString());
        DecoderFile d = DecoderFile.read(out.resolve("decoder.json"));
        assertFalse(d.hasFactorModel());
        assertEquals(24, d.units());
        assertEquals(13, d.absent().size());
    }

    @Test
    void badInputIsOneLineNamingFileAndFieldWithExitCode2() throws IOException {
        Path ime = dir.resolve("ime-bad.npy");
        Recordings.write(ime, Ime2015.read(), null);
        Path decoder = calibrated.resolve("decoder.json");
        Run units = cli("perturbations", "--decoder", decoder.toString(), "--data", ime.toString(), "--out",
                dir.resolve("x").toString());
        assertEquals(2, units.code());
        assertEquals("bcikit: " + decoder + ": M2: expected a decoder for the 24 units of " + ime
                + ", found one for 60 units (2 x 60)\n", units.err());
        assertFalse(Files.exists(dir.resolve("x").resolve("candidates.json")));

        Path noTargets = dir.resolve("no-targets.npy");
        Recording s = Recordings.read(session);
        Recording.Builder b = Recording.builder().numberedUnits(s.units()).binWidth(s.binWidth());
        for (Trial t : s.trials()) {
            b.addTrial(t.toBuilder().target(null).build());
        }
        Recordings.write(noTargets, b.build(), null);
        Run none = cli("calibrate", noTargets.toString(), "--out", dir.resolve("y").toString(), "--quiet");
        assertEquals(2, none.code());
        assertEquals("bcikit: " + noTargets + ": targets: expected every trial's target position to calibrate toward "
                + "it, found none in trial 0\n", none.err());
        assertFalse(Files.exists(dir.resolve("y").resolve("decoder.json")));

        // a NaN cursor position: the last value of the cursor array
        Path nan = dir.resolve("nan.npy");
        Recordings.write(nan, Ime2015.read(), null);
        Path cursor = dir.resolve("nan.cursor.npy");
        byte[] bytes = Files.readAllBytes(cursor);
        java.nio.ByteBuffer.wrap(bytes, bytes.length - 8, 8).order(java.nio.ByteOrder.LITTLE_ENDIAN).putDouble(Double.NaN);
        Files.write(cursor, bytes);
        Run nanRun = cli("decoder", "rebuild", nan.toString(), "--out", dir.resolve("z").toString());
        assertEquals(2, nanRun.code(), nanRun.err());
        assertTrue(nanRun.err().startsWith("bcikit: " + nan) && nanRun.err().contains("cursor")
                && nanRun.err().contains("NaN") && nanRun.err().split("\n").length == 1, nanRun.err());
        assertFalse(Files.exists(dir.resolve("z").resolve("decoder.json")));

        Run rebuilt = cli("perturbations", "--decoder", dir.resolve("rebuild-bad").resolve("decoder.json").toString(),
                "--data", session.toString());
        assertEquals(2, rebuilt.code());
        assertTrue(rebuilt.err().startsWith("bcikit: ") && rebuilt.err().contains("no such decoder file"), rebuilt.err());
    }
}
