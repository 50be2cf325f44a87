package org.bcikit.data.mat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.MatrixFeatures_DDRM;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.bcikit.data.InvalidInputException;
import org.bcikit.data.SharedData;
import us.hebi.matlab.mat.format.Mat5;
import us.hebi.matlab.mat.format.Mat5File;
import us.hebi.matlab.mat.types.MatlabType;
import us.hebi.matlab.mat.types.Struct;

/**
 * The published session of Golub et al. 2018 (monkey J, 2012-03-05) read through
 * {@link RigSession}: shapes, the stored decoder reproducing the stored velocities (which fixes
 * the orientation of every matrix), and precise complaints about damaged copies.
 */
class RigSessionTest {

    private static RigSession session;

    @TempDir
    Path dir;

    @BeforeAll
    static void read() throws IOException {
        session = RigSession.read(SharedData.golub2018());
    }

    @Test
    void sessionHas86UnitsTenFactorsAndEightTargetsOf69BinsPerEpoch() {
        assertEquals("Jeffy", session.monkey());
        assertEquals("20120305", session.date());
        assertEquals(0.045, session.dt(), 0.0);
        assertEquals(20, session.targetRadius(), 0.0);
        assertEquals(0, session.cursorRadius(), 0.0);
        assertTrue(session.hasLambda());
        assertEquals(0.49423622, session.lambda(), 1e-8);
        for (RigMapping m : List.of(session.intuitive(), session.perturbed())) {
            assertEquals(86, m.units());
            assertEquals(10, m.factors());
            assertEquals(86, m.loadings().numRows);
            assertEquals(10, m.beta().numRows);
            assertEquals(86, m.beta().numCols);
            assertEquals(2, m.K().numRows);
            assertEquals(1, m.muU().numCols);
        }
        for (RigSession.Epoch e : List.of(session.before(), session.after())) {
            assertEquals(8, e.clouds().size());
            for (int k = 0; k < 8; k++) {
                RigSession.Cloud c = e.clouds().get(k);
                assertEquals(45.0 * k, c.angleDegrees(), 0.0);
                assertEquals(69, c.spikes().numRows);
                assertEquals(86, c.spikes().numCols);
                assertEquals(10, c.factorActivity().numCols);
                assertEquals(2, c.vrawIntuitive().numCols);
                assertEquals(69, c.perturbedProgress().numRows);
            }
        }
        // spikes(unit, bin) in the file; spikes() is bins x units. File: spikes{1}(2,4) = 4, (3,5) = 6.
        DMatrixRMaj first = session.before().clouds().get(0).spikes();
        assertEquals(4.0, first.get(3, 1), 0.0);
        assertEquals(6.0, first.get(4, 2), 0.0);
        assertEquals(3.0, first.get(2, 0), 0.0);
    }

    @Test
    void storedRawVelocitiesEqualM2TimesCountsPlusM0ForBothMappings() {
        double maxAbs = 0;
        double maxRel = 0;
        for (RigSession.Epoch e : List.of(session.before(), session.after())) {
            for (RigSession.Cloud c : e.clouds()) {
                for (boolean perturbed : new boolean[] {false, true}) {
                    RigMapping m = perturbed ? session.perturbed() : session.intuitive();
                    DMatrixRMaj stored = perturbed ? c.vrawPerturbed() : c.vrawIntuitive();
                    DMatrixRMaj u = c.spikes();
                    // vraw^T = u^T M2^T + 1 m0^T, bins in rows
                    DMatrixRMaj predicted = new DMatrixRMaj(u.numRows, 2);
                    CommonOps_DDRM.multTransB(u, m.M2(), predicted);
                    DMatrixRMaj m0 = m.m0();
                    for (int t = 0; t < u.numRows; t++) {
                        for (int j = 0; j < 2; j++) {
                            double diff = Math.abs(predicted.get(t, j) + m0.get(j) - stored.get(t, j));
                            maxAbs = Math.max(maxAbs, diff);
                            maxRel = Math.max(maxRel, diff / Math.max(1.0, Math.abs(stored.get(t, j))));
                        }
                    }
                }
            }
        }
        assertTrue(maxRel <= 1e-7, "relative error " + maxRel);
    }

    @Test
    void storedFactorActivityIsTheOrthonormalisedPosteriorMeanAndLIsUDVt() {
        RigMapping m = session.intuitive();
        // z_orth = D V^T beta Sigma_u (u - mu_u) per bin (science.md section 2), bins in rows here.
        DMatrixRMaj dvt = new DMatrixRMaj(10, 10);
        CommonOps_DDRM.multTransB(m.D(), m.V(), dvt);
        DMatrixRMaj readout = new DMatrixRMaj(10, 86);
        DMatrixRMaj betaSigma = new DMatrixRMaj(10, 86);
        CommonOps_DDRM.mult(m.beta(), m.sigmaU(), betaSigma);
        CommonOps_DDRM.mult(dvt, betaSigma, readout);
        DMatrixRMaj mu = m.muU();
        double worst = 0;
        for (RigSession.Epoch e : List.of(session.before(), session.after())) {
            for (RigSession.Cloud c : e.clouds()) {
                DMatrixRMaj centred = c.spikes();
                for (int t = 0; t < centred.numRows; t++) {
                    for (int i = 0; i < 86; i++) {
                        centred.add(t, i, -mu.get(i));
                    }
                }
                DMatrixRMaj predicted = new DMatrixRMaj(centred.numRows, 10);
                CommonOps_DDRM.multTransB(centred, readout, predicted);
                DMatrixRMaj stored = c.factorActivity();
                double scale = CommonOps_DDRM.elementMaxAbs(stored);
                CommonOps_DDRM.subtractEquals(predicted, stored);
                worst = Math.max(worst, CommonOps_DDRM.elementMaxAbs(predicted) / scale);
            }
        }
        assertTrue(worst < 1e-12, "factor activity relative error " + worst);

        DMatrixRMaj ud = new DMatrixRMaj(86, 10);
        CommonOps_DDRM.mult(m.U(), m.D(), ud);
        DMatrixRMaj udvt = new DMatrixRMaj(86, 10);
        CommonOps_DDRM.multTransB(ud, m.V(), udvt);
        assertTrue(MatrixFeatures_DDRM.isIdentical(m.loadings(), udvt, 1e-12));
    }

    @Test
    void etaIsIdentityForTheIntuitiveMappingAndAPermutationForThePerturbedOne() {
        assertTrue(MatrixFeatures_DDRM.isIdentical(CommonOps_DDRM.identity(10), session.intuitive().eta(), 0.0));
        DMatrixRMaj eta = session.perturbed().eta();
        assertFalse(MatrixFeatures_DDRM.isIdentical(CommonOps_DDRM.identity(10), eta, 0.0));
        DMatrixRMaj etaEtaT = new DMatrixRMaj(10, 10);
        CommonOps_DDRM.multTransB(eta, eta, etaEtaT);
        assertTrue(MatrixFeatures_DDRM.isIdentical(CommonOps_DDRM.identity(10), etaEtaT, 0.0));
        // MATLAB's eta(2,4) = 1: the second permuted factor is the fourth factor.
        assertEquals(1.0, eta.get(1, 3), 0.0);
        // Integer-class fields come back exactly: A = I and Q = 2000 I are uint8/uint16 in the file.
        assertTrue(MatrixFeatures_DDRM.isIdentical(CommonOps_DDRM.identity(2), session.intuitive().A(), 0.0));
        assertEquals(2000.0, session.intuitive().Q().get(1, 1), 0.0);
        assertEquals(0.0, session.intuitive().Q().get(0, 1), 0.0);
    }

    @Test
    void gettersReturnCopies() {
        DMatrixRMaj k = session.intuitive().K();
        k.set(0, 0, 1e9);
        assertNotEquals(1e9, session.intuitive().K().get(0, 0));
        DMatrixRMaj s = session.before().clouds().get(0).spikes();
        s.set(0, 0, -1);
        assertNotEquals(-1, session.before().clouds().get(0).spikes().get(0, 0));
    }

    @Test
    void cloudsStoredAsAStructArrayReadTheSameAsCellFields() throws IOException {
        Path f = dir.resolve("structArray.mat");
        try (Mat5File mat = Mat5.readFromFile(SharedData.golub2018().toFile())) {
            Struct cells = mat.getStruct("beforeLearning").getStruct("clouds");
            Struct array = Mat5.newStruct(1, 8);
            for (String name : cells.getFieldNames()) {
                for (int k = 0; k < 8; k++) {
                    if (name.equals("angles")) {
                        array.set(name, k, Mat5.newScalar(cells.getMatrix(name).getDouble(k)));
                    } else if (!name.equals("windowIdx")) {
                        array.set(name, k, cells.getCell(name).get(k));
                    }
                }
            }
            mat.getStruct("beforeLearning").set("clouds", array);
            Mat5.writeToFile(mat, f.toFile());
        }
        RigSession copy = RigSession.read(f);
        for (int k = 0; k < 8; k++) {
            RigSession.Cloud a = session.before().clouds().get(k);
            RigSession.Cloud b = copy.before().clouds().get(k);
            assertEquals(a.angleDegrees(), b.angleDegrees(), 0.0);
            assertTrue(MatrixFeatures_DDRM.isIdentical(a.spikes(), b.spikes(), 0.0));
            assertTrue(MatrixFeatures_DDRM.isIdentical(a.factorActivity(), b.factorActivity(), 0.0));
            assertTrue(MatrixFeatures_DDRM.isIdentical(a.cursorProgress(), b.cursorProgress(), 0.0));
        }
    }

    @Test
    void wrongShapeIsReportedWithFileAndStructPath() throws IOException {
        Path f = dir.resolve("exampleData.mat");
        try (Mat5File mat = Mat5.readFromFile(SharedData.golub2018().toFile())) {
            Struct im = mat.getStruct("expParams").getStruct("intuitiveMapping");
            im.set("L", Mat5.newMatrix(86, 9, MatlabType.Double));
            Mat5.writeToFile(mat, f.toFile());
        }
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> RigSession.read(f));
        assertEquals(f + ": expParams.intuitiveMapping.L: expected 86 x 10, found 86 x 9 double", e.getMessage());
    }

    @Test
    void missingFieldAndNonPermutationEtaAreReported() throws IOException {
        Path missing = dir.resolve("missing.mat");
        try (Mat5File mat = Mat5.readFromFile(SharedData.golub2018().toFile())) {
            mat.getStruct("expParams").getStruct("perturbedMapping").remove("K");
            Mat5.writeToFile(mat, missing.toFile());
        }
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> RigSession.read(missing));
        assertTrue(e.getMessage().startsWith(missing + ": expParams.perturbedMapping: missing field 'K'"), e.getMessage());

        Path badEta = dir.resolve("eta.mat");
        try (Mat5File mat = Mat5.readFromFile(SharedData.golub2018().toFile())) {
            mat.getStruct("expParams").getStruct("perturbedMapping").set("eta", Mat5.newMatrix(10, 10));
            Mat5.writeToFile(mat, badEta.toFile());
        }
        InvalidInputException eta = assertThrows(InvalidInputException.class, () -> RigSession.read(badEta));
        assertEquals(badEta + ": expParams.perturbedMapping.eta: expected a permutation matrix, row 1 has 0 ones",
                eta.getMessage());

        Path cloud = dir.resolve("cloud.mat");
        try (Mat5File mat = Mat5.readFromFile(SharedData.golub2018().toFile())) {
            mat.getStruct("afterLearning").getStruct("clouds").getCell("spikes").set(2, Mat5.newMatrix(85, 69));
            Mat5.writeToFile(mat, cloud.toFile());
        }
        InvalidInputException spikes = assertThrows(InvalidInputException.class, () -> RigSession.read(cloud));
        assertEquals(cloud + ": afterLearning.clouds.spikes{3}: expected 86 units x T bins, found 85 x 69 double",
                spikes.getMessage());
    }
}
