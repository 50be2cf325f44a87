package org.bcikit.data.mat;

import java.nio.file.Files;
import java.nio.file.Path;

import org.bcikit.data.Mutants;
import org.bcikit.data.ReadOptions;
import org.bcikit.data.SharedData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Damaged copies of real MATLAB files are read or rejected with a message in the user's terms. */
class MatFuzzTest {

    @TempDir
    Path dir;

    @Test
    void damagedV5FilesFailCleanly() throws Exception {
        byte[] ime = Files.readAllBytes(SharedData.shared("data/ime2015/example_data.mat"));
        // 128-byte MATLAB header, then the first data element's tag and array header.
        Mutants.Tally t = Mutants.check(Mutants.of(ime, 200, 5, 51), dir.resolve("ime.mat"), new ReadOptions(0.033));
        System.out.println("MAT v5 fuzz (ime2015): " + t + t.examples());
        byte[] rig = Files.readAllBytes(SharedData.golub2018());
        t = Mutants.check(Mutants.of(rig, 200, 5, 52), dir.resolve("rig.mat"), ReadOptions.defaults());
        System.out.println("MAT v5 fuzz (golub2018): " + t + t.examples());
    }

    @Test
    void damagedV73FilesFailCleanly() throws Exception {
        byte[] cells = Files.readAllBytes(MatFileTest.cellsV73());
        // 512-byte MATLAB user block, then the HDF5 superblock and root group.
        Mutants.Tally t = Mutants.check(Mutants.of(cells, 1024, 8, 73), dir.resolve("cells73.mat"), ReadOptions.defaults());
        System.out.println("MAT v7.3 fuzz: " + t + t.examples());
    }
}
