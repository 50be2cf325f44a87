package org.bcikit.data.nwb;

import java.nio.file.Files;
import java.nio.file.Path;

import org.bcikit.data.Mutants;
import org.bcikit.data.ReadOptions;
import org.bcikit.data.SharedData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Damaged copies of a real NWB file are read or rejected with a message in the user's terms. */
class NwbFuzzTest {

    @TempDir
    Path dir;

    @Test
    void damagedNwbFilesFailCleanly() throws Exception {
        byte[] bytes = Files.readAllBytes(SharedData.nwb("sub-anm369963_ses-20170228.nwb"));
        // The superblock and the root group's headers sit in the first 2 KiB.
        Mutants.Tally t = Mutants.check(Mutants.of(bytes, 2048, 6, 35), dir.resolve("damaged.nwb"), ReadOptions.defaults());
        System.out.println("NWB fuzz: " + t + t.examples());
    }
}
