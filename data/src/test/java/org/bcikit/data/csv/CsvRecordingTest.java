package org.bcikit.data.csv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
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
import org.bcikit.data.Trial;
import org.bcikit.data.synthetic.SyntheticPopulation;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvRecordingTest {

    @TempDir
    Path dir;

    private final CsvRecordingReader reader = new CsvRecordingReader();

    @Test
    void roundTripsASyntheticSessionExactly() throws Exception {
        Recording r = SyntheticPopulation.defaults().withUnits(7).withTrials(4, 2, 5).generate().recording();
        Path f = dir.resolve("s.csv");
        CsvRecordingWriter.write(f, r);
        Recording back = reader.read(f, ReadOptions.defaults());
        RecordingAssert.assertSameContent(r, back, false);
        assertEquals("file", back.metadata().get("binWidthSource"));
    }

    @Test
    void roundTripsPartialFieldsAndAwkwardUnitNames() throws Exception {
        DMatrixRMaj c = new DMatrixRMaj(new double[][] {{0, 1.5}, {2, 1.0 / 3}});
        Recording r = Recording.builder().unitIds(List.of("elec 1, unit a", "x\"y")).binWidth(0.0333)
                .addTrial(Trial.builder().counts(c).target(Target.condition(3)).outcome(Outcome.FAILURE).build())
                .addTrial(Trial.builder().counts(c).target(Target.at(-0.1, 1e-9))
                        .cursorPosition(new DMatrixRMaj(new double[][] {{0.1, 0.2}, {0.3, 0.4}})).build())
                .addTrial(Trial.builder().counts(c).build())
                .build();
        Path f = dir.resolve("p.csv");
        CsvRecordingWriter.write(f, r);
        Recording back = reader.read(f, ReadOptions.defaults());
        RecordingAssert.assertSameContent(r, back, false);
        assertNull(back.trials().get(2).target());
        assertFalse(back.trials().get(0).hasCursorPosition());
        assertFalse(back.hasCursorVelocity());
    }

    private Path file(String content) throws Exception {
        Path f = dir.resolve("r.csv");
        Files.writeString(f, content);
        return f;
    }

    @Test
    void readsAMinimalFileWithTheDefaultOrRequestedBinWidth() throws Exception {
        Path f = file("trial,bin,u1,u2\n7,0,1,2\n7,1,0,0\n9,0,3,3\n");
        Recording r = reader.read(f, ReadOptions.defaults());
        assertEquals(List.of("u1", "u2"), r.unitIds());
        assertEquals(2, r.trials().size());
        assertEquals(0.045, r.binWidth());
        assertEquals("default", r.metadata().get("binWidthSource"));
        assertEquals("7", r.trials().get(0).metadata().get("trial"));
        Recording chosen = reader.read(f, new ReadOptions(0.02));
        assertEquals(0.02, chosen.binWidth());
        assertEquals("option", chosen.metadata().get("binWidthSource"));
    }

    @Test
    void aFieldMappingRenamesALabsColumnsWhichThenAreNoUnits() throws Exception {
        Path f = file("trial,bin,tx,ty,px,py,u1\n0,0,1,2,0,0,3\n0,1,1,2,0.5,1,4\n");
        Recording plain = reader.read(f, ReadOptions.defaults());
        assertEquals(List.of("tx", "ty", "px", "py", "u1"), plain.unitIds());
        Recording r = reader.read(f, ReadOptions.defaults().withFields(
                org.bcikit.data.FieldMapping.parse("targets=tx,ty,cursorPosition=px,py")));
        assertEquals(List.of("u1"), r.unitIds());
        assertEquals(Target.at(1, 2), r.trials().get(0).target());
        assertEquals(1.0, r.trials().get(0).cursorPosition().get(1, 1));
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> reader.read(f,
                ReadOptions.defaults().withFields(org.bcikit.data.FieldMapping.parse("targets=tx,tz"))));
        assertEquals(f + ": line 1: header: --fields targets=tx,tz: no column 'tz' (columns: trial, bin, tx, ty, px, py, u1)",
                e.getMessage());
        e = assertThrows(InvalidInputException.class, () -> reader.read(f,
                ReadOptions.defaults().withFields(org.bcikit.data.FieldMapping.parse("targets=tx"))));
        assertTrue(e.getMessage().contains("expected 2 column name(s) for target_x, target_y (e.g. targets=x,y)"),
                e.getMessage());
    }

    private String bad(String content) throws Exception {
        Path f = file(content);
        String m = assertThrows(InvalidInputException.class, () -> reader.read(f, ReadOptions.defaults())).getMessage();
        assertTrue(m.startsWith(f + ": "), m);
        return m.substring(f.toString().length() + 2);
    }

    @Test
    void reportsBadFilesWithLineColumnAndExpectation() throws Exception {
        assertEquals("header: expected a header row starting 'trial,bin,' followed by unit columns, found an empty file",
                bad(""));
        assertTrue(bad("bin,u1\n0,1\n").startsWith("line 1: header: expected the required columns 'trial' and 'bin'"));
        assertTrue(bad("trial,bin,outcome\n0,0,success\n").startsWith("line 1: header: expected at least one unit column"));
        assertTrue(bad("trial,bin,target_x,u\n0,0,1,2\n").contains("expected both 'target_x' and 'target_y'"));
        assertTrue(bad("trial,bin,u,u\n0,0,1,2\n").contains("expected unique, non-empty column names, found 'u' twice"));
        assertEquals("expected at least one data row after the header, found none", bad("trial,bin,u\n"));
        assertEquals("line 3, column 'bin': expected bin 1 (a trial's bins in order from 0), found '2'",
                bad("trial,bin,u\n0,0,1\n0,2,1\n"));
        assertEquals("line 2, column 'u': expected a finite count >= 0, found -1", bad("trial,bin,u\n0,0,-1\n"));
        assertEquals("line 2, column 'u': expected a finite count >= 0, found NaN", bad("trial,bin,u\n0,0,NaN\n"));
        assertEquals("line 2, column 'u': expected a finite count >= 0, found inf", bad("trial,bin,u\n0,0,inf\n"));
        assertEquals("line 2, column 'u': expected a number, found 'three'", bad("trial,bin,u\n0,0,three\n"));
        assertEquals("line 2: expected 3 fields as in the header, found 2", bad("trial,bin,u\n0,0\n"));
        assertEquals("line 4, column 'trial': expected the rows of trial '0' to be contiguous, found it again after "
                + "other trials", bad("trial,bin,u\n0,0,1\n1,0,1\n0,0,1\n"));
        assertEquals("line 3, column 'outcome': expected the trial's value 'success' (line 2) on every row of trial "
                + "'0', found 'failure'", bad("trial,bin,outcome,u\n0,0,success,1\n0,1,failure,1\n"));
        assertEquals("line 2, column 'outcome': expected success, failure, unknown or empty, found 'win'",
                bad("trial,bin,outcome,u\n0,0,win,1\n"));
        assertEquals("line 2, column 'condition': expected an integer condition id, found 'left'",
                bad("trial,bin,condition,u\n0,0,left,1\n"));
        assertTrue(bad("trial,bin,cursor_x,cursor_y,u\n0,0,1,2,1\n0,1,,,1\n")
                .startsWith("line 3, column 'cursor_x': expected the cells of trial '0' to be all numbers or all empty"));
        assertTrue(bad("# bin_width=fast\ntrial,bin,u\n0,0,1\n").startsWith("line 1: bin_width: expected '# bin_width=S'"));
        assertTrue(bad("# bin_width=-1\ntrial,bin,u\n0,0,1\n").startsWith("line 1: bin_width"));
        assertTrue(bad("trial,bin,u\n,0,1\n").contains("expected a trial label, found an empty cell"));
    }

    @Test
    void refusesToRebinCountsAtARequestedWidth() throws Exception {
        Path f = file("# bin_width=0.045\ntrial,bin,u\n0,0,1\n");
        String m = assertThrows(InvalidInputException.class, () -> reader.read(f, new ReadOptions(0.02))).getMessage();
        assertTrue(m.contains("bin_width: the file's counts are binned at 0.045 s, but 0.02 s was requested"), m);
        assertEquals(0.045, reader.read(f, new ReadOptions(0.045)).binWidth());
    }

    @Test
    void refusesUnitIdsThatCollideWithReservedColumns() {
        Recording r = Recording.builder().unitIds(List.of("bin")).binWidth(0.1)
                .addTrial(Trial.builder().counts(new DMatrixRMaj(1, 1)).build()).build();
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> CsvRecordingWriter.write(dir.resolve("x.csv"), r));
        assertTrue(e.getMessage().contains("found 'bin'"), e.getMessage());
    }
}
