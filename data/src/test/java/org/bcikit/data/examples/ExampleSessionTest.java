package org.bcikit.data.examples;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import org.bcikit.data.InvalidInputException;
import org.bcikit.data.SharedData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The bundled sessions are the published files, byte for byte, and extract to a checked cache. */
class ExampleSessionTest {

    @TempDir
    Path cache;

    @Test
    void bundledFilesAndLicencesAreThePublishedOnes() throws IOException {
        assertEquals(List.of("golub2018", "ime2015"), ExampleSession.names());
        assertArrayEquals(Files.readAllBytes(SharedData.golub2018()), ExampleSession.GOLUB2018.bytes());
        assertArrayEquals(Files.readAllBytes(SharedData.shared("data/ime2015/example_data.mat")),
                ExampleSession.IME2015.bytes());
        assertEquals(Files.readString(SharedData.shared("data/golub2018/LICENSE")), ExampleSession.GOLUB2018.licence());
        assertEquals(Files.readString(SharedData.shared("data/ime2015/LICENSE")), ExampleSession.IME2015.licence());
        assertTrue(ExampleSession.GOLUB2018.credit().contains("mattgolub/bci_learning"));
        assertTrue(ExampleSession.IME2015.credit().contains("mattgolub/internal_model_estimation"));
    }

    @Test
    void extractsOnceAndRepairsADamagedCopy() throws IOException {
        Path f = ExampleSession.GOLUB2018.file(cache);
        assertEquals("exampleData.mat", f.getFileName().toString());
        assertTrue(f.startsWith(cache));
        // keyed by name and content hash
        assertTrue(f.getParent().getFileName().toString().matches("golub2018-[0-9a-f]{16}"), f.toString());
        assertArrayEquals(Files.readAllBytes(SharedData.golub2018()), Files.readAllBytes(f));
        long written = Files.getLastModifiedTime(f).toMillis();
        assertEquals(f, ExampleSession.GOLUB2018.file(cache));
        assertEquals(written, Files.getLastModifiedTime(f).toMillis());

        Files.write(f, new byte[] {1, 2, 3});
        assertEquals(f, ExampleSession.GOLUB2018.file(cache));
        assertArrayEquals(ExampleSession.GOLUB2018.bytes(), Files.readAllBytes(f));
        try (var leftovers = Files.list(f.getParent())) {
            assertEquals(1, leftovers.count(), "no temporary files left beside the copy");
        }
    }

    @Test
    void namesAndReferences() {
        assertEquals(ExampleSession.IME2015, ExampleSession.named("ime2015"));
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> ExampleSession.named("golub"));
        assertEquals("--example: expected one of golub2018, ime2015, found 'golub'", e.getMessage());

        assertEquals("example:golub2018", ExampleSession.GOLUB2018.reference());
        assertEquals(Optional.of(ExampleSession.GOLUB2018), ExampleSession.referencedBy("example:golub2018"));
        assertEquals(Optional.empty(), ExampleSession.referencedBy("data/example:golub2018.mat"));
        assertEquals(Optional.empty(), ExampleSession.referencedBy(null));
        InvalidInputException r = assertThrows(InvalidInputException.class,
                () -> ExampleSession.referencedBy("example:nope"));
        assertTrue(r.getMessage().startsWith("example:nope: no such bundled example"), r.getMessage());
        assertTrue(r.getMessage().endsWith("golub2018, ime2015"), r.getMessage());
    }
}
