package org.bcikit.data.csv;

import java.nio.file.Files;
import java.nio.file.Path;

import org.bcikit.data.Mutants;
import org.bcikit.data.ReadOptions;
import org.bcikit.data.synthetic.SyntheticPopulation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Damaged CSV recordings are read or rejected with a message in the user's terms, never a crash. */
class CsvFuzzTest {

    @TempDir
    Path dir;

    @Test
    void damagedCsvFilesFailCleanly() throws Exception {
        Path original = dir.resolve("original.csv");
        CsvRecordingWriter.write(original, SyntheticPopulation.defaults().withUnits(6).withTrials(4, 2, 8)
                .withSeed(3).generate().recording());
        byte[] bytes = Files.readAllBytes(original);
        Mutants.Tally t = Mutants.check(Mutants.of(bytes, 200, 8, 14), dir.resolve("session.csv"), ReadOptions.defaults());
        System.out.println("CSV fuzz: " + t + t.examples());
    }
}
