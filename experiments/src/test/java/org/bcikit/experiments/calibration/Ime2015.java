package org.bcikit.experiments.calibration;

import java.io.IOException;
import java.nio.file.Path;

import org.bcikit.data.ReadOptions;
import org.bcikit.data.Recording;
import org.bcikit.data.SharedData;
import org.bcikit.data.format.Recordings;

/** The ime2015 example closed-loop session (Golub, Yu &amp; Chase 2015) as the data layer reads it, 33 ms bins. */
final class Ime2015 {

    private Ime2015() {
    }

    static Path file() {
        return SharedData.shared("data/ime2015/example_data.mat");
    }

    static Recording read() throws IOException {
        return Recordings.read(file(), null, new ReadOptions(0.033));
    }
}
