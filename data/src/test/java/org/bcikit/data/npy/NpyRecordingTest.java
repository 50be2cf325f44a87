package org.bcikit.data.npy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.bcikit.data.InvalidInputException;
import org.bcikit.data.Outcome;
import org.bcikit.data.ReadOptions;
import org.bcikit.data.Recording;
import org.bcikit.data.RecordingAssert;
import org.bcikit.data.Target;
import org.bcikit.data.synthetic.SyntheticPopulation;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NpyRecordingTest {

    @TempDir
    Path dir;

    private final NpyRecordingReader reader = new NpyRecordingReader();

    @Test
    void roundTripsASyntheticSessionExactly() throws Exception {
        Recording r = SyntheticPopulation.defaults().withUnits(9).withTrials(3, 2, 6).generate().recording();
        Path f = dir.resolve("session.npy");
        NpyRecordingWriter.write(f, r);
        assertTrue(Files.exists(dir.resolve("session.json")));
        assertTrue(Files.exists(dir.resolve("session.cursor.npy")));
        assertTrue(Files.exists(dir.resolve("session.velocity.npy")));
        Recording back = reader.read(f, ReadOptions.defaults());
        RecordingAssert.assertSameContent(r, back, true);
        assertEquals("session.json", back.metadata().get("sidecar"));
    }

    @Test
    void readsAPlainMatrixAsOneTrialAtTheDefaultOrChosenBinWidth() throws Exception {
        Path f = dir.resolve("plain.npy");
        NpyArray.writeMatrix(f, new DMatrixRMaj(new double[][] {{1, 2, 3}, {0, 0, 4}}));
        Recording r = reader.read(f, ReadOptions.defaults());
        assertEquals(1, r.trials().size());
        assertEquals(2, r.totalBins());
        assertEquals(3, r.units());
        assertEquals(0.045, r.binWidth());
        assertEquals("default", r.metadata().get("binWidthSource"));
        assertTrue(r.metadata().get("note").startsWith("no sidecar plain.json"));
        assertEquals(0.01, reader.read(f, new ReadOptions(0.01)).binWidth());
    }

    @Test
    void readsTrialStartsIntegerCountsAndPartialSidecars() throws Exception {
        Path f = dir.resolve("s.npy");
        NpyArray.of(new DMatrixRMaj(new double[][] {{1, 2}, {3, 4}, {5, 6}}))
                .write(f, NpyDtype.INT32, java.nio.ByteOrder.BIG_ENDIAN, true);
        Files.writeString(dir.resolve("s.json"), "{\"binWidth\": 0.05, \"unitIds\": [\"a\", 7], \"trialStarts\": [0, 1],"
                + " \"conditions\": [2, null], \"outcomes\": [\"FAILURE\", null]}");
        Recording r = reader.read(f, ReadOptions.defaults());
        assertEquals(List.of("a", "7"), r.unitIds());
        assertEquals(1, r.trials().get(0).bins());
        assertEquals(2, r.trials().get(1).bins());
        assertEquals(Target.condition(2), r.trials().get(0).target());
        assertEquals(null, r.trials().get(1).target());
        assertEquals(Outcome.FAILURE, r.trials().get(0).outcome());
        assertEquals(6.0, r.trials().get(1).count(1, 1));
    }

    @Test
    void aFieldMappingReadsALabsSidecarKeys() throws Exception {
        Path f = dir.resolve("m.npy");
        NpyArray.of(new DMatrixRMaj(new double[][] {{1, 2}, {3, 4}, {5, 6}})).write(f);
        Files.writeString(dir.resolve("m.json"), "{\"dt\": 0.05, \"starts\": [0, 2]}");
        InvalidInputException unknown = assertThrows(InvalidInputException.class, () -> reader.read(f, ReadOptions.defaults()));
        assertTrue(unknown.getMessage().startsWith(f + ": sidecar m.json: dt: unknown field"), unknown.getMessage());
        Recording r = reader.read(f, ReadOptions.defaults().withFields(
                org.bcikit.data.FieldMapping.parse("binWidth=dt,trialStart=starts")));
        assertEquals(0.05, r.binWidth());
        assertEquals(2, r.trials().size());
        assertEquals(1, r.trials().get(1).bins());
        InvalidInputException counts = assertThrows(InvalidInputException.class, () -> reader.read(f,
                ReadOptions.defaults().withFields(org.bcikit.data.FieldMapping.parse("binWidth=dt,trialStart=starts,counts=x"))));
        assertTrue(counts.getMessage().contains("the counts of an NPY recording are the .npy file itself"),
                counts.getMessage());
    }

    private String bad(String sidecar) throws Exception {
        Path f = dir.resolve("b.npy");
        NpyArray.writeMatrix(f, new DMatrixRMaj(new double[][] {{1, 2}, {3, 4}, {5, 6}}));
        Files.writeString(dir.resolve("b.json"), sidecar);
        String m = assertThrows(InvalidInputException.class, () -> reader.read(f, ReadOptions.defaults())).getMessage();
        String prefix = f + ": sidecar b.json";
        assertTrue(m.startsWith(prefix), m);
        return m.substring(prefix.length());
    }

    @Test
    void reportsBadSidecarsNamingTheField() throws Exception {
        assertTrue(bad("{\"binwidth\": 0.045}").startsWith(": binwidth: unknown field; expected one of"));
        assertTrue(bad("{\"binWidth\": ").startsWith(": expected valid JSON"));
        assertTrue(bad("[1, 2]").startsWith(": expected a JSON object"));
        assertEquals(": binWidth: expected seconds per bin > 0, found -1", bad("{\"binWidth\": -1}"));
        assertEquals(": trialLengths: expected lengths summing to 3 (the rows of the counts matrix), found 4",
                bad("{\"trialLengths\": [2, 2]}"));
        assertEquals(": trialLengths[1]: expected a trial length >= 1 bin, found 0", bad("{\"trialLengths\": [3, 0]}"));
        assertEquals(": trialStarts[0]: expected 0 (the first row), found 1", bad("{\"trialStarts\": [1]}"));
        assertTrue(bad("{\"trialStarts\": [0, 2, 2]}").startsWith(": trialStarts[2]: expected a row in [3, 2]"));
        assertEquals(": targets: expected an array with one entry per trial (2), found an array of 3",
                bad("{\"trialLengths\": [1, 2], \"targets\": [[0, 1], [1, 0], [2, 2]]}"));
        assertEquals(": targets[0]: expected [x, y] or null, found [0]",
                bad("{\"trialLengths\": [1, 2], \"targets\": [[0], null]}"));
        assertEquals(": unitIds: expected an array of 2 strings (one per column), found an array of 1",
                bad("{\"unitIds\": [\"a\"]}"));
        assertEquals(": outcomes[0]: expected \"success\", \"failure\" or \"unknown\", found \"won\"",
                bad("{\"outcomes\": [\"won\"]}"));
        assertTrue(bad("{\"cursorPosition\": \"missing.npy\"}").startsWith(": cursorPosition: expected the file"));
        NpyArray.writeMatrix(dir.resolve("c.npy"), new DMatrixRMaj(3, 3));
        assertEquals(": cursorPosition: expected 3 x 2 (one [x, y] per row of b.npy) in c.npy, found 3 x 3",
                bad("{\"cursorPosition\": \"c.npy\"}"));
    }

    @Test
    void reportsBadCountsAndShapes() throws Exception {
        Path f = dir.resolve("n.npy");
        NpyArray.writeMatrix(f, new DMatrixRMaj(new double[][] {{1, 2}, {3, Double.NaN}}));
        String nan = assertThrows(InvalidInputException.class, () -> reader.read(f, ReadOptions.defaults())).getMessage();
        assertEquals(f + ": counts[1][1]: expected a finite count >= 0, found NaN", nan);
        NpyArray.writeMatrix(f, new DMatrixRMaj(new double[][] {{1, -2}}));
        assertTrue(assertThrows(InvalidInputException.class, () -> reader.read(f, ReadOptions.defaults()))
                .getMessage().endsWith("counts[0][1]: expected a finite count >= 0, found -2.0"));
        NpyArray.writeMatrix(f, new DMatrixRMaj(0, 4));
        assertTrue(assertThrows(InvalidInputException.class, () -> reader.read(f, ReadOptions.defaults()))
                .getMessage().endsWith("expected a (bins x units) matrix with at least one of each, found 0 x 4"));
    }
}
