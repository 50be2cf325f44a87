package org.bcikit.data.csv;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.BufferedReader;
import java.io.StringReader;
import java.nio.file.Path;
import java.util.List;

import org.bcikit.data.ReadOptions;
import org.bcikit.data.Recording;
import org.bcikit.data.RecordingAssert;
import org.bcikit.data.Trial;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The one CSV dialect: whatever {@link CsvLines#join} writes, the reader gives back unchanged. */
class CsvLinesTest {

    private static final List<String> AWKWARD = List.of(" a", "a", "a ", "  ", "", "#first", "mid#dle",
            "two\nlines", "cr\r\nlf", "q\"uote", "\"", "c,omma", " \" mixed , \"\n ");

    @TempDir
    Path dir;

    @Test
    void everyFieldReadsBackAsWritten() throws Exception {
        for (String f : AWKWARD) {
            // alone (so a leading # opens the line) and between others
            assertEquals(List.of(f), readAll(CsvLines.join(List.of(f))).get(0), "field [" + f + "]");
        }
        List<List<String>> back = readAll(CsvLines.join(AWKWARD) + "\n" + CsvLines.join(AWKWARD) + "\n");
        assertEquals(List.of(AWKWARD, AWKWARD), back);
    }

    @Test
    void trimsOnlyOutsideQuotes() {
        assertEquals(List.of(" a", "b", " c d "), CsvLines.split("  \" a\"  , b , \" c d \" "));
        assertEquals(List.of("x y"), CsvLines.split(" x\" \"y "));
        assertNull(CsvLines.split("\"open"));
    }

    @Test
    void quotedLineBreaksSpanLinesAndKeepLineNumbers() throws Exception {
        CsvLines.Reader r = new CsvLines.Reader(new BufferedReader(new StringReader(
                "# comment\n\"a\nb\",c\n\nd,e\n\"never closed\n")), 0);
        CsvLines.Row first = r.next();
        assertEquals(2, first.line());
        assertEquals(List.of("a\nb", "c"), first.fields());
        CsvLines.Row second = r.next();
        assertEquals(5, second.line());
        assertEquals(List.of("d", "e"), second.fields());
        CsvLines.Row open = r.next();
        assertEquals(6, open.line());
        assertNull(open.fields());
        assertNull(r.next());
    }

    @Test
    void unitIdsThatDifferOnlyInSpacesOrStartWithHashRoundTrip() throws Exception {
        List<String> ids = List.of(" a", "a", "#b", "c\nd");
        Recording r = Recording.builder().unitIds(ids).binWidth(0.05)
                .addTrial(Trial.builder().counts(new DMatrixRMaj(new double[][] {{1, 2, 3, 4}, {0, 0, 1, 2}})).build())
                .build();
        Path f = dir.resolve("ids.csv");
        CsvRecordingWriter.write(f, r);
        Recording back = new CsvRecordingReader().read(f, ReadOptions.defaults());
        assertEquals(ids, back.unitIds());
        RecordingAssert.assertSameContent(r, back, false);
    }

    @Test
    void matrixHeaderStartingWithHashIsNotReadAsAComment() throws Exception {
        DMatrixRMaj m = new DMatrixRMaj(new double[][] {{1, 2}, {3, 4}});
        Path f = dir.resolve("m.csv");
        CsvMatrix.write(f, m, List.of("#x", " y"));
        CsvMatrix back = CsvMatrix.read(f);
        assertEquals(List.of("#x", " y"), back.header());
        assertArrayEquals(m.data, back.matrix().data);
    }

    private static List<List<String>> readAll(String text) throws Exception {
        CsvLines.Reader r = new CsvLines.Reader(new BufferedReader(new StringReader(text)), 0);
        List<List<String>> out = new java.util.ArrayList<>();
        for (CsvLines.Row row = r.next(); row != null; row = r.next()) {
            out.add(row.fields());
        }
        return out;
    }
}
