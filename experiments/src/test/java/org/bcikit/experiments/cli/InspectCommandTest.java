package org.bcikit.experiments.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import org.bcikit.data.npy.NpyArray;
import org.bcikit.data.npy.NpyRecordingWriter;
import org.bcikit.data.synthetic.SyntheticPopulation;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InspectCommandTest {

    @TempDir
    Path dir;

    private static String line(CliRun run, String label) {
        return Arrays.stream(run.out().split("\n")).filter(l -> l.startsWith(label + " "))
                .findFirst().orElseThrow(() -> new AssertionError("no '" + label + "' line in\n" + run.out()))
                .substring(10).trim();
    }

    @Test
    void describesAFullSyntheticRecording() throws Exception {
        Path f = dir.resolve("s.npy");
        NpyRecordingWriter.write(f, SyntheticPopulation.defaults().withUnits(5).withTrials(4, 2, 10).generate().recording());
        CliRun run = CliRun.of("inspect", f.toString());
        assertEquals(0, run.code(), run.err());
        assertEquals("NPY (with sidecar s.json)", line(run, "format"));
        assertEquals("5 (0, 1, 2, 3, 4)", line(run, "units"));
        assertEquals("0.045 s (from the file)", line(run, "bin width"));
        assertEquals("8", line(run, "trials"));
        assertEquals("80 (10 per trial, 0.45 s)", line(run, "bins"));
        assertEquals("4: 0 (1, 0), 1 (0, 1), 2 (-1, 0), 3 (0, -1)", line(run, "targets"));
        assertEquals("success 8", line(run, "outcomes"));
        assertEquals("none", line(run, "missing"));
        assertEquals("", run.err());
    }

    @Test
    void saysWhatAPlainMatrixLacksAndWhereItsBinWidthCameFrom() throws Exception {
        Path f = dir.resolve("m.npy");
        NpyArray.writeMatrix(f, new DMatrixRMaj(new double[][] {{1, 2}, {3, 4}, {0, 1}}));
        CliRun run = CliRun.of("inspect", f.toString());
        assertEquals(0, run.code(), run.err());
        assertEquals("1", line(run, "trials"));
        assertTrue(line(run, "bin width").startsWith("0.045 s (default"));
        assertEquals("cursor position, cursor velocity, targets, outcomes", line(run, "missing"));
        assertTrue(line(run, "note").startsWith("no sidecar m.json: read as one trial of 3 bins"));
        CliRun chosen = CliRun.of("inspect", f.toString(), "--bin-width", "0.02");
        assertEquals("0.02 s (from --bin-width)", line(chosen, "bin width"));
    }

    @Test
    void readsAnyExtensionWithAnExplicitFormat() throws Exception {
        Path f = dir.resolve("r.txt");
        Files.writeString(f, "trial,bin,outcome,u\n0,0,failure,1\n1,0,,2\n");
        CliRun run = CliRun.of("inspect", "--format", "csv", f.toString());
        assertEquals(0, run.code(), run.err());
        assertEquals("failure 1, unknown 1", line(run, "outcomes"));
        assertEquals("none", line(run, "targets"));
    }

    /** Bad input: exit 2, one line on stderr naming the file, no stack trace. */
    private void assertBadInput(String expectedStart, String... args) {
        CliRun run = CliRun.of(args);
        assertEquals(2, run.code(), run.err());
        String[] lines = run.err().strip().split("\n");
        assertEquals(1, lines.length, run.err());
        assertTrue(lines[0].startsWith("bcikit: " + expectedStart), lines[0]);
        assertFalse(run.err().contains("Exception") || run.err().contains("\tat "), run.err());
        assertEquals("", run.out());
    }

    @Test
    void badFilesExitWithCodeTwoAndOneLine() throws Exception {
        Path good = dir.resolve("g.npy");
        NpyArray.writeMatrix(good, new DMatrixRMaj(new double[][] {{1, 2}, {3, 4}}));
        byte[] bytes = Files.readAllBytes(good);
        Path truncated = dir.resolve("t.npy");
        Files.write(truncated, Arrays.copyOf(bytes, bytes.length - 3));
        assertBadInput(truncated + ": data: expected 32 bytes", "inspect", truncated.toString());
        Path magic = dir.resolve("w.npy");
        Files.writeString(magic, "not numpy at all");
        assertBadInput(magic + ": expected a NumPy .npy file", "inspect", magic.toString());
        Path nan = dir.resolve("n.npy");
        NpyArray.writeMatrix(nan, new DMatrixRMaj(new double[][] {{1, Double.NaN}}));
        assertBadInput(nan + ": counts[0][1]: expected a finite count >= 0, found NaN", "inspect", nan.toString());
        Path csv = dir.resolve("c.csv");
        Files.writeString(csv, "trial,u\n0,1\n");
        assertBadInput(csv + ": line 1: header: expected the required columns 'trial' and 'bin'", "inspect", csv.toString());
        Path empty = dir.resolve("e.csv");
        Files.writeString(empty, "trial,bin,u\n");
        assertBadInput(empty + ": expected at least one data row", "inspect", empty.toString());
        Path txt = dir.resolve("x.txt");
        Files.writeString(txt, "1,2\n");
        assertBadInput(txt + ": unknown file type; expected one of the extensions .csv, .npy, .nwb, .mat", "inspect",
                txt.toString());
        assertBadInput(dir.resolve("none.csv") + ": no such file", "inspect", dir.resolve("none.csv").toString());
        assertBadInput("--format: expected one of csv, npy, nwb, mat, found 'xls'", "inspect", "--format", "xls",
                good.toString());
        assertBadInput("--bin-width: expected seconds > 0, found -1.0", "inspect", "--bin-width", "-1", good.toString());
    }

    @Test
    void hasHelpAndRejectsMissingArguments() {
        CliRun help = CliRun.of("inspect", "--help");
        assertEquals(0, help.code());
        assertTrue(help.out().contains("--bin-width"), help.out());
        CliRun missing = CliRun.of("inspect");
        assertEquals(2, missing.code());
        assertTrue(missing.err().contains("Missing required parameter: 'FILE'"), missing.err());
    }

    @Test
    void readsTheIme2015LayoutAndSaysWhichMappingItUsed() throws Exception {
        String ime = org.bcikit.data.SharedData.shared("data/ime2015/example_data.mat").toString();
        CliRun run = CliRun.of("inspect", ime, "--bin-width", "0.033");
        assertEquals(0, run.code(), run.err());
        assertEquals("24 (0, 1, 2, 3, 4, ... 23)", line(run, "units"));
        assertEquals("165", line(run, "trials"));
        assertTrue(line(run, "bins").startsWith("3290 "), line(run, "bins"));
        assertTrue(line(run, "targets").startsWith("16: "), line(run, "targets"));
        assertEquals("counts=data.spike_counts (165 cells of 24 x T double: units x bins, transposed), "
                + "cursorPosition=data.cursor_position (2 x T cells, transposed), targets=data.target_position",
                line(run, "mapping"));
        assertTrue(line(run, "cursor").contains("velocity derived from position"), line(run, "cursor"));
        assertEquals("outcomes", line(run, "missing"));

        CliRun mapped = CliRun.of("inspect", ime, "--bin-width", "0.033", "--fields",
                "counts=data.spike_counts,cursorPosition=data.cursor_position,targets=data.target_position");
        assertEquals(run.out(), mapped.out());
        CliRun wrong = CliRun.of("inspect", ime, "--bin-width", "0.033", "--fields", "counts=data.spikes");
        assertEquals(2, wrong.code());
        assertTrue(wrong.err().contains("--fields counts=data.spikes: data has no field 'spikes' (fields: "),
                wrong.err());
    }

    @Test
    void aDamagedFileIsOneLineInTheUsersTermsWithExitCode2() throws Exception {
        byte[] ime = Files.readAllBytes(org.bcikit.data.SharedData.shared("data/ime2015/example_data.mat"));
        Path cut = dir.resolve("cut.mat");
        Files.write(cut, Arrays.copyOf(ime, 50000));
        CliRun run = CliRun.of("inspect", cut.toString(), "--bin-width", "0.033");
        assertEquals(2, run.code());
        assertEquals("bcikit: " + cut + ": the file is truncated: the variable at byte 128 declares 81159 bytes, "
                + "but the file ends at byte 50000\n", run.err());
        byte[] flipped = ime.clone();
        flipped[40000] ^= 0x5a;
        Path bad = dir.resolve("flipped.mat");
        Files.write(bad, flipped);
        run = CliRun.of("inspect", bad.toString(), "--bin-width", "0.033");
        assertEquals(2, run.code());
        assertTrue(run.err().startsWith("bcikit: " + bad + ": the compressed variable at byte 128 ('data') is corrupt"),
                run.err());
        assertFalse(run.err().contains("Exception"), run.err());
    }
}
