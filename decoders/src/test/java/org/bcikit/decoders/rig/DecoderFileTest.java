package org.bcikit.decoders.rig;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.bcikit.data.InvalidInputException;
import org.bcikit.data.synthetic.SyntheticPopulation;
import org.bcikit.data.synthetic.SyntheticSession;
import org.bcikit.decoders.AffineDecoder;
import org.bcikit.decoders.MatrixChecks;
import org.bcikit.decoders.kalman.KalmanVelocityDecoder;
import org.bcikit.decoders.perturbation.OutsideManifoldPerturbation;
import org.bcikit.decoders.perturbation.WithinManifoldPerturbation;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** decoder.json round trips (full rig set, WMP, OMP, M1/M2/m0 only) and strict reading. */
class DecoderFileTest {

    @TempDir
    Path dir;

    static RigCalibration.Result calibration;

    @BeforeAll
    static void calibrate() {
        SyntheticSession s = SyntheticPopulation.defaults().withTrials(8, 4, 20).generate();
        calibration = new RigCalibration().factors(4).folds(2)
                .fixedDynamics(CommonOps_DDRM.identity(2), RigCalibration.rigQ(0.1)).fit(s.recording());
    }

    private DecoderFile full(KalmanVelocityDecoder d, String kind) {
        return DecoderFile.of(d, calibration.loadings(), calibration.privateVariances(), kind, kind, "synthetic", 0.045);
    }

    @Test
    void aCalibratedDecoderAndItsPerturbationsRoundTrip() throws IOException {
        KalmanVelocityDecoder intuitive = calibration.decoder();
        List<KalmanVelocityDecoder> decoders = List.of(intuitive,
                new WithinManifoldPerturbation(new int[] {1, 0, 3, 2}).apply(intuitive),
                new OutsideManifoldPerturbation(new int[] {2, 0, 1, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17,
                    18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 37, 38, 39, 40, 41, 42,
                    43, 44, 45, 46, 47, 48, 49, 50, 51, 52, 53, 54, 55, 56, 57, 58, 59}).apply(intuitive));
        for (KalmanVelocityDecoder d : decoders) {
            Path f = dir.resolve("decoder.json");
            full(d, "x").write(f);
            DecoderFile back = DecoderFile.read(f);
            assertTrue(back.hasFactorModel());
            assertEquals(List.of(), back.absent());
            assertEquals(60, back.units());
            assertEquals(4, back.factors());
            KalmanVelocityDecoder k = back.kalmanDecoder(f);
            assertEquals(0, MatrixChecks.maxAbsDiff(k.M2(), d.M2()), 1e-12 * MatrixChecks.maxAbs(d.M2()));
            assertEquals(0, MatrixChecks.maxAbsDiff(k.m0(), d.m0()), 1e-12 * MatrixChecks.maxAbs(d.m0()));
            assertEquals(0, MatrixChecks.maxAbsDiff(k.M1(), d.M1()), 1e-12);
        }
    }

    @Test
    void aRebuiltDecoderListsWhatItLacks() throws IOException {
        KalmanVelocityDecoder d = calibration.decoder();
        Path f = dir.resolve("rebuilt.json");
        DecoderFile.affine(d, "rebuilt", "estimated", "x.mat", 0.033).write(f);
        DecoderFile back = DecoderFile.read(f);
        assertFalse(back.hasFactorModel());
        assertEquals(List.of("mu_u", "Sigma_u", "L", "Ph", "beta", "Sigma_z", "eta", "A", "Q", "C", "d", "R", "K"),
                back.absent());
        AffineDecoder a = back.decoder();
        assertEquals(0, MatrixChecks.maxAbsDiff(a.M2(), d.M2()));
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> back.kalmanDecoder(f));
        assertTrue(e.getMessage().startsWith(f + ": L: absent; expected the factor model"), e.getMessage());
    }

    @Test
    void strictReadingNamesTheFileAndTheField() throws IOException {
        Path f = dir.resolve("decoder.json");
        full(calibration.decoder(), "intuitive").write(f);
        String good = Files.readString(f);
        assertBad(good.replace("\"kind\"", "\"kinds\""), "kinds: unknown field");
        // one unit fewer in M2's first row
        assertBad(good.replaceFirst("(\"M2\" : \\[ \\[ )[^,]+, ", "$1"), "M2[1]: expected a row of 59 numbers");
        assertBad(good.replace("\"units\" : 60", "\"units\" : 61"), "M2: expected 2 x 61, found 2 x 60");
        assertBad(good.replace("\"binWidth\" : 0.045", "\"binWidth\" : \"fast\""), "binWidth: expected seconds > 0");
        assertBad(good.replaceFirst("(\"m0\" : \\[ )[-0-9.E]+", "$11.5"), "m0: does not follow from the model parameters");
        assertBad("{ \"format\": \"bcikit decoder\", ", "expected a decoder (JSON), found malformed JSON");
        DecoderFile ok = DecoderFile.read(f);
        InvalidInputException u = assertThrows(InvalidInputException.class,
                () -> ok.requireUnits(f, 24, Path.of("data.mat")));
        assertEquals(f + ": M2: expected a decoder for the 24 units of data.mat, found one for 60 units (2 x 60)",
                u.getMessage());
    }

    private void assertBad(String content, String expected) throws IOException {
        Path bad = dir.resolve("bad.json");
        Files.writeString(bad, content);
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> DecoderFile.read(bad));
        assertTrue(e.getMessage().startsWith(bad + ": " + expected), e.getMessage());
    }
}
