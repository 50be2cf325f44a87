package org.bcikit.experiments.calibration;

import java.io.IOException;
import java.nio.file.Path;

import org.bcikit.data.Recording;
import org.bcikit.data.SharedData;
import org.bcikit.data.Target;
import org.bcikit.data.Trial;
import org.ejml.data.DMatrixRMaj;

import us.hebi.matlab.mat.format.Mat5;
import us.hebi.matlab.mat.format.Mat5File;
import us.hebi.matlab.mat.types.Cell;
import us.hebi.matlab.mat.types.Matrix;
import us.hebi.matlab.mat.types.Struct;

/**
 * The ime2015 example session read directly with the MAT library, in the layout its README
 * documents, for tests that must not depend on the data layer's field mapping.
 */
final class Ime2015 {

    private Ime2015() {
    }

    static Path file() {
        return SharedData.shared("data/ime2015/example_data.mat");
    }

    static Recording read() throws IOException {
        try (Mat5File mat = Mat5.readFromFile(file().toFile())) {
            Struct data = mat.getStruct("data");
            Cell spikes = data.getCell("spike_counts");
            Cell cursor = data.getCell("cursor_position");
            Cell target = data.getCell("target_position");
            Recording.Builder b = Recording.builder().source(file().toString()).binWidth(0.033);
            int trials = spikes.getNumElements();
            for (int n = 0; n < trials; n++) {
                Matrix u = spikes.getMatrix(n);
                Matrix p = cursor.getMatrix(n);
                Matrix g = target.getMatrix(n);
                int q = u.getNumRows();
                int t = u.getNumCols();
                if (n == 0) {
                    b.numberedUnits(q);
                }
                DMatrixRMaj counts = new DMatrixRMaj(t, q);
                DMatrixRMaj pos = new DMatrixRMaj(t, 2);
                for (int c = 0; c < t; c++) {
                    for (int i = 0; i < q; i++) {
                        counts.set(c, i, u.getDouble(i, c));
                    }
                    pos.set(c, 0, p.getDouble(0, c));
                    pos.set(c, 1, p.getDouble(1, c));
                }
                b.addTrial(Trial.builder().counts(counts).cursorPosition(pos)
                        .target(Target.at(g.getDouble(0), g.getDouble(1))).build());
            }
            b.metadata("targetRadius", "0.007").metadata("cursorRadius", "0.007");
            return b.build();
        }
    }
}
