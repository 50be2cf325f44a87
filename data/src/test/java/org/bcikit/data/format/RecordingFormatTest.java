package org.bcikit.data.format;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.bcikit.data.InvalidInputException;
import org.bcikit.data.Recording;
import org.bcikit.data.RecordingAssert;
import org.bcikit.data.SharedData;
import org.bcikit.data.npy.NpyArray;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RecordingFormatTest {

    @TempDir
    Path dir;

    @Test
    void choosesTheFormatByExtensionInAnyCase() {
        assertEquals(RecordingFormat.CSV, RecordingFormat.forFile(Path.of("a/b.CSV")));
        assertEquals(RecordingFormat.NPY, RecordingFormat.forFile(Path.of("x.npy")));
        assertEquals(RecordingFormat.NWB, RecordingFormat.forFile(Path.of("x.nwb")));
        assertEquals(RecordingFormat.MAT, RecordingFormat.forFile(Path.of("exampleData.mat")));
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> RecordingFormat.forFile(Path.of("data.txt")));
        assertEquals("data.txt: unknown file type; expected one of the extensions .csv, .npy, .nwb, .mat "
                + "(or name the format with --format)", e.getMessage());
    }

    @Test
    void parsesFormatNamesAndExtensions() {
        assertEquals(RecordingFormat.NPY, RecordingFormat.parse("npy"));
        assertEquals(RecordingFormat.NPY, RecordingFormat.parse(".NPY"));
        assertEquals(RecordingFormat.MAT, RecordingFormat.parse("MAT"));
        assertEquals("--format: expected one of csv, npy, nwb, mat, found 'hdf5'",
                assertThrows(InvalidInputException.class, () -> RecordingFormat.parse("hdf5")).getMessage());
    }

    @Test
    void readsThroughTheOneEntryPointWithAnExplicitFormat() throws Exception {
        Path f = dir.resolve("counts.dat");
        NpyArray.writeMatrix(f, new DMatrixRMaj(new double[][] {{1, 2}}));
        Recording r = Recordings.read(f, RecordingFormat.NPY, null);
        assertEquals(2, r.units());
        assertThrows(InvalidInputException.class, () -> Recordings.read(f));
        Path csv = dir.resolve("r.csv");
        Recordings.write(csv, r, null);
        RecordingAssert.assertSameContent(r, Recordings.read(csv), false);
    }

    @Test
    void everyFormatReadsThroughTheOneEntryPoint() throws Exception {
        // Guards the wiring: each extension must reach its real reader, not a placeholder.
        Recording mat = Recordings.read(SharedData.golub2018());
        assertEquals(86, mat.units());
        assertEquals(16, mat.trials().size());
        Recording nwb = Recordings.read(SharedData.nwb("sub-anm369963_ses-20170228.nwb"));
        assertEquals(178, nwb.trials().size());
    }

    @Test
    void reportsMissingFilesAndContentOfTheWrongFormat() throws Exception {
        Path missing = dir.resolve("nope.csv");
        assertEquals(missing + ": no such file",
                assertThrows(InvalidInputException.class, () -> Recordings.read(missing)).getMessage());
        Path fake = dir.resolve("fake.npy");
        Files.writeString(fake, "trial,bin,u\n0,0,1\n");
        String m = assertThrows(InvalidInputException.class, () -> Recordings.read(fake)).getMessage();
        assertTrue(m.startsWith(fake + ": expected a NumPy .npy file"), m);
    }
}
