package org.bcikit.data.npy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.bcikit.data.Mutants;
import org.bcikit.data.ReadOptions;
import org.bcikit.data.synthetic.SyntheticPopulation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Damaged NPY recordings and sidecars are read or rejected with a message in the user's terms. */
class NpyFuzzTest {

    @TempDir
    Path dir;

    @Test
    void damagedNpyFilesAndSidecarsFailCleanly() throws Exception {
        Path npy = dir.resolve("session.npy");
        NpyRecordingWriter.write(npy, SyntheticPopulation.defaults().withUnits(6).withTrials(4, 2, 8)
                .withSeed(3).generate().recording());
        byte[] counts = Files.readAllBytes(npy);
        Path sidecar = NpyRecordingReader.sidecarOf(npy);
        byte[] json = Files.readAllBytes(sidecar);
        // The .npy header is 128 bytes (magic, version, header length, the dict).
        List<Mutants.Mutant> damagedCounts = Mutants.of(counts, 128, 8, 21);
        Mutants.Tally t = Mutants.check(damagedCounts, npy, ReadOptions.defaults());
        System.out.println("NPY fuzz (.npy): " + t + t.examples());
        Files.write(npy, counts);
        int rejected = 0;
        String example = "";
        List<Mutants.Mutant> damagedSidecars = Mutants.of(json, 60, 4, 22);
        for (Mutants.Mutant m : damagedSidecars) {
            Files.write(sidecar, m.bytes());
            Mutants.Tally s = Mutants.check(List.of(new Mutants.Mutant(m.kind(), counts, "sidecar " + m.how())),
                    npy, ReadOptions.defaults());
            rejected += s.examples().size();
            example = s.examples().isEmpty() ? example : s.examples().get(0);
        }
        System.out.println("NPY fuzz (sidecar): " + rejected + " of " + damagedSidecars.size() + " rejected, e.g. " + example);
    }
}
