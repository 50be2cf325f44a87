package org.bcikit.decoders.rig;

import org.bcikit.data.InvalidInputException;
import org.bcikit.data.mat.RigMapping;
import org.bcikit.data.mat.RigSession;
import org.bcikit.decoders.AffineDecoder;
import org.bcikit.decoders.MatrixChecks;
import org.bcikit.data.NumericalFailureException;
import org.bcikit.decoders.kalman.FactorReadout;
import org.bcikit.decoders.kalman.KalmanModel;
import org.bcikit.decoders.kalman.KalmanVelocityDecoder;
import org.bcikit.decoders.perturbation.Permutations;
import org.bcikit.decoders.perturbation.WithinManifoldPerturbation;
import org.bcikit.manifold.geometry.OrthonormalBasis;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;

/**
 * The intuitive and perturbed decoders of a real rig session, rebuilt from the model parameters
 * the rig stored — not copied from its derived matrices — in the convention of Golub et al. 2018,
 * "Learning by neural reassociation", Nat Neurosci 21:607 (science.md §2; Sadtler et al. 2014,
 * Nature 512:423):
 * <pre>
 *   beta = L^T (L L^T + diag(Ph))^-1                         from L and Ph
 *   K    = steady-state Kalman gain of (A, Q, C, R)           by Riccati iteration
 *   M1 = (I - K C) A,  M2 = K eta Sigma_z beta Sigma_u,  m0 = -K d - M2 mu_u
 * </pre>
 * so that comparing {@code beta, K, M1, M2, m0} and the decoded velocities with the stored ones
 * ({@link RigReproduction}) checks the whole chain. Integer-class fields of the file ({@code A},
 * {@code Q}, {@code eta} are uint8/uint16 in the published session) are used as exact doubles, as
 * {@link RigMapping} reads them; nothing is computed in integer arithmetic.
 *
 * <p>Calibration products that cannot come from full-rank calibration data (a unit or factor with
 * zero or infinite variance, dependent loadings, a non-positive private variance) and a Kalman
 * model without a steady state are reported as {@link InvalidInputException}s naming the file and
 * the field.
 */
public final class RigDecoders {

    /** MATLAB paths of the two mappings, for messages. */
    public static final String INTUITIVE = "expParams.intuitiveMapping";
    public static final String PERTURBED = "expParams.perturbedMapping";

    private final KalmanVelocityDecoder intuitive;
    private final KalmanVelocityDecoder perturbed;
    private final WithinManifoldPerturbation wmp;
    private final DMatrixRMaj orthonormalGain;
    private final DMatrixRMaj orthonormalOffset;

    private RigDecoders(KalmanVelocityDecoder intuitive, KalmanVelocityDecoder perturbed, WithinManifoldPerturbation wmp,
            DMatrixRMaj orthonormalGain, DMatrixRMaj orthonormalOffset) {
        this.intuitive = intuitive;
        this.perturbed = perturbed;
        this.wmp = wmp;
        this.orthonormalGain = orthonormalGain;
        this.orthonormalOffset = orthonormalOffset;
    }

    /**
     * Rebuilds both decoders of {@code session}.
     *
     * @throws InvalidInputException naming the session's file and the mapping field at fault
     */
    public static RigDecoders rebuild(RigSession session) {
        try {
            return rebuild(session.intuitive(), session.perturbed());
        } catch (InvalidInputException e) {
            throw e.inFile(session.file());
        }
    }

    /** Rebuilds both decoders from two stored mappings (messages name the MATLAB path, not a file). */
    public static RigDecoders rebuild(RigMapping intuitiveMapping, RigMapping perturbedMapping) {
        if (intuitiveMapping.units() != perturbedMapping.units()
                || intuitiveMapping.factors() != perturbedMapping.factors()) {
            throw new InvalidInputException(PERTURBED + ": expected " + intuitiveMapping.units() + " units and "
                    + intuitiveMapping.factors() + " factors like " + INTUITIVE + ", found "
                    + perturbedMapping.units() + " and " + perturbedMapping.factors());
        }
        KalmanVelocityDecoder i = decoder(intuitiveMapping, INTUITIVE);
        KalmanVelocityDecoder p = decoder(perturbedMapping, PERTURBED);
        DMatrixRMaj dvt = new DMatrixRMaj(intuitiveMapping.factors(), intuitiveMapping.factors());
        CommonOps_DDRM.multTransB(intuitiveMapping.D(), intuitiveMapping.V(), dvt);
        DMatrixRMaj bs = new DMatrixRMaj(intuitiveMapping.factors(), intuitiveMapping.units());
        CommonOps_DDRM.mult(i.readout().beta(), i.readout().sigmaU(), bs);
        DMatrixRMaj gain = new DMatrixRMaj(dvt.numRows, bs.numCols);
        CommonOps_DDRM.mult(dvt, bs, gain);
        DMatrixRMaj offset = new DMatrixRMaj(gain.numRows, 1);
        CommonOps_DDRM.mult(gain, intuitiveMapping.muU(), offset);
        return new RigDecoders(i, p, identifyWmp(intuitiveMapping, perturbedMapping), gain, offset);
    }

    /** One mapping's decoder from its stored model parameters; {@code path} names it in messages. */
    public static KalmanVelocityDecoder decoder(RigMapping m, String path) {
        try {
            DMatrixRMaj sigmaU = positiveDiagonal(m.sigmaU(), "Sigma_u", "unit",
                    "zero variance in the calibration data (a silent or constant unit)");
            DMatrixRMaj sigmaZ = positiveDiagonal(m.sigmaZ(), "Sigma_z", "factor",
                    "zero variance of the calibration factors (the loadings L are rank-deficient)");
            try {
                OrthonormalBasis.ofColumns(m.loadings(), "L");
            } catch (InvalidInputException e) {
                throw new InvalidInputException("rank-deficient calibration: " + e.getMessage());
            }
            FactorReadout readout = FactorReadout.fromLoadings(m.muU(), sigmaU, m.loadings(), m.privateVariances(),
                    sigmaZ, m.eta());
            KalmanModel model = new KalmanModel(m.A(), m.Q(), m.C(), m.d(), m.R());
            try {
                return KalmanVelocityDecoder.build(readout, model);
            } catch (NumericalFailureException e) {
                // the file's own Kalman model has no steady state: the file is at fault, not a computation
                throw new InvalidInputException(e.getMessage(), e);
            }
        } catch (InvalidInputException e) {
            throw new InvalidInputException(path + ": " + e.getMessage(), e);
        }
    }

    /** Checks a diag(1/std) matrix: finite, positive diagonal, zero elsewhere. Returns it. */
    private static DMatrixRMaj positiveDiagonal(DMatrixRMaj s, String field, String what, String meaning) {
        for (int i = 0; i < s.numRows; i++) {
            for (int j = 0; j < s.numCols; j++) {
                double x = s.unsafe_get(i, j);
                if (i == j && !(x > 0 && Double.isFinite(x))) {
                    throw new InvalidInputException(field + ": rank-deficient calibration: " + what + " " + (i + 1)
                            + " has 1/std = " + x + ", expected a finite value > 0 (" + meaning + ")");
                }
                if (i != j && x != 0) {
                    throw new InvalidInputException(field + ": expected a diagonal matrix, found " + x + " at ("
                            + (i + 1) + ", " + (j + 1) + ")");
                }
            }
        }
        return s;
    }

    /**
     * The WMP that turns the intuitive mapping into the perturbed one, when the two differ only in
     * eta (as in a WMP session); null otherwise.
     */
    private static WithinManifoldPerturbation identifyWmp(RigMapping i, RigMapping p) {
        DMatrixRMaj[][] same = {
            {i.muU(), p.muU()}, {i.sigmaU(), p.sigmaU()}, {i.loadings(), p.loadings()},
            {i.privateVariances(), p.privateVariances()}, {i.sigmaZ(), p.sigmaZ()}, {i.A(), p.A()}, {i.Q(), p.Q()},
            {i.C(), p.C()}, {i.d(), p.d()}, {i.R(), p.R()},
        };
        for (DMatrixRMaj[] pair : same) {
            if (MatrixChecks.maxAbsDiff(pair[0], pair[1]) != 0) {
                return null;
            }
        }
        DMatrixRMaj etaI = i.eta();
        DMatrixRMaj etaP = p.eta();
        // eta_p = E eta_i with E the WMP's permutation matrix: E = eta_p eta_i^T
        DMatrixRMaj e = new DMatrixRMaj(etaP.numRows, etaP.numCols);
        CommonOps_DDRM.multTransB(etaP, etaI, e);
        int[] perm = new int[e.numRows];
        for (int r = 0; r < e.numRows; r++) {
            for (int c = 0; c < e.numCols; c++) {
                if (e.unsafe_get(r, c) == 1) {
                    perm[r] = c;
                }
            }
        }
        return Permutations.isIdentity(perm) ? null : new WithinManifoldPerturbation(perm);
    }

    /** The intuitive decoder (fresh state). */
    public KalmanVelocityDecoder intuitive() {
        return intuitive.fresh();
    }

    /** The perturbed decoder (fresh state). */
    public KalmanVelocityDecoder perturbed() {
        return perturbed.fresh();
    }

    /**
     * The within-manifold perturbation that maps the intuitive decoder onto the perturbed one, or
     * null when the mappings differ in more than eta (or not at all).
     */
    public WithinManifoldPerturbation wmp() {
        return wmp;
    }

    /**
     * The orthonormalised factors of the intuitive mapping, {@code z_orth = D V^T beta Sigma_u (u - mu_u)},
     * for counts {@code spikes} (T x q); returns a new T x d matrix (the rig's {@code factorActivity}).
     */
    public DMatrixRMaj orthonormalisedFactors(DMatrixRMaj spikes) {
        if (spikes.numCols != orthonormalGain.numCols) {
            throw new InvalidInputException("counts: the decoder reads " + orthonormalGain.numCols
                    + " units, got " + spikes.numCols);
        }
        DMatrixRMaj z = new DMatrixRMaj(spikes.numRows, orthonormalGain.numRows);
        CommonOps_DDRM.multTransB(spikes, orthonormalGain, z);
        for (int t = 0; t < z.numRows; t++) {
            for (int j = 0; j < z.numCols; j++) {
                z.unsafe_set(t, j, z.unsafe_get(t, j) - orthonormalOffset.data[j]);
            }
        }
        return z;
    }

    /** Raw velocities {@code M2 u_t + m0} of {@code decoder} for counts {@code spikes} (T x q); new T x 2. */
    public static DMatrixRMaj rawVelocities(AffineDecoder decoder, DMatrixRMaj spikes) {
        if (spikes.numCols != decoder.units()) {
            throw new InvalidInputException("counts: the decoder reads " + decoder.units() + " units, got "
                    + spikes.numCols);
        }
        DMatrixRMaj v = new DMatrixRMaj(spikes.numRows, 2);
        CommonOps_DDRM.multTransB(spikes, decoder.M2(), v);
        DMatrixRMaj m0 = decoder.m0();
        for (int t = 0; t < v.numRows; t++) {
            v.unsafe_set(t, 0, v.unsafe_get(t, 0) + m0.data[0]);
            v.unsafe_set(t, 1, v.unsafe_get(t, 1) + m0.data[1]);
        }
        return v;
    }
}
