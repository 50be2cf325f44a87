package org.bcikit.decoders.kalman;

import org.bcikit.data.InvalidInputException;
import org.bcikit.decoders.AffineDecoder;
import org.bcikit.decoders.AffineStep;
import org.bcikit.decoders.MatrixChecks;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;

/**
 * The velocity Kalman filter on factor-analysis factors used in the intrinsic-manifold BCI
 * experiments (Sadtler et al. 2014, Nature 512:423; Golub et al. 2018, Nat Neurosci 21:607; the
 * Kalman decoder of Wu et al. 2006, Neural Comput 18:80), run at its steady-state gain:
 * <pre>
 *   x_t = M1 x_{t-1} + M2 u_t + m0
 *   M1 = (I - K C) A,   M2 = K G,   m0 = -K (d + g)       (G, g: {@link FactorReadout})
 * </pre>
 * which for the intuitive mapping is the rig's {@code M2 = K eta Sigma_z beta Sigma_u},
 * {@code m0 = -K d - M2 mu_u}. An optional output rotation {@code Rot} (the visuomotor-rotation
 * baseline) turns the decoded velocity: {@code M1 <- Rot M1 Rot^T}, {@code M2 <- Rot M2},
 * {@code m0 <- Rot m0}.
 *
 * <p>The parameters are immutable; the only mutable part is the filter state {@code x_{t-1}}.
 * {@link #fresh()} gives an independent copy with zero state. One thread at a time.
 */
public final class KalmanVelocityDecoder implements AffineDecoder {

    private final FactorReadout readout;
    private final KalmanModel model;
    private final DMatrixRMaj gain;
    private final DMatrixRMaj rotation;
    private final int riccatiIterations;
    private final DMatrixRMaj m1;
    private final DMatrixRMaj m2;
    private final DMatrixRMaj m0;
    private final double[] x = new double[2];

    private KalmanVelocityDecoder(FactorReadout readout, KalmanModel model, DMatrixRMaj gain,
            DMatrixRMaj rotation, int riccatiIterations) {
        if (readout.features() != model.features()) {
            throw new InvalidInputException("decoder: the readout gives " + readout.features()
                    + " factors but the Kalman model observes " + model.features());
        }
        this.readout = readout;
        this.model = model;
        this.gain = MatrixChecks.shape("K", gain, 2, model.features()).copy();
        this.rotation = rotation == null ? null : MatrixChecks.shape("rotation", rotation, 2, 2).copy();
        this.riccatiIterations = riccatiIterations;
        int q = readout.units();
        DMatrixRMaj kc = new DMatrixRMaj(2, 2);
        CommonOps_DDRM.mult(gain, model.cView(), kc);
        DMatrixRMaj ikc = CommonOps_DDRM.identity(2);
        CommonOps_DDRM.subtractEquals(ikc, kc);
        DMatrixRMaj rawM1 = new DMatrixRMaj(2, 2);
        CommonOps_DDRM.mult(ikc, model.aView(), rawM1);
        DMatrixRMaj rawM2 = new DMatrixRMaj(2, q);
        CommonOps_DDRM.mult(gain, readout.featureGain(), rawM2);
        DMatrixRMaj dg = model.d();
        CommonOps_DDRM.addEquals(dg, readout.featureOffset());
        DMatrixRMaj rawM0 = new DMatrixRMaj(2, 1);
        CommonOps_DDRM.mult(-1, gain, dg, rawM0);
        if (this.rotation == null) {
            m1 = rawM1;
            m2 = rawM2;
            m0 = rawM0;
        } else {
            DMatrixRMaj t = new DMatrixRMaj(2, 2);
            CommonOps_DDRM.mult(this.rotation, rawM1, t);
            m1 = new DMatrixRMaj(2, 2);
            CommonOps_DDRM.multTransB(t, this.rotation, m1);
            m2 = new DMatrixRMaj(2, q);
            CommonOps_DDRM.mult(this.rotation, rawM2, m2);
            m0 = new DMatrixRMaj(2, 1);
            CommonOps_DDRM.mult(this.rotation, rawM0, m0);
        }
    }

    /** Builds the decoder, finding the steady-state gain by Riccati iteration ({@link SteadyStateKalman}). */
    public static KalmanVelocityDecoder build(FactorReadout readout, KalmanModel model) {
        SteadyStateKalman.Result r = SteadyStateKalman.solve(model);
        return new KalmanVelocityDecoder(readout, model, r.gain(), null, r.iterations());
    }

    /** Builds the decoder with a given gain (for example one stored by the rig), without Riccati. */
    public static KalmanVelocityDecoder withGain(FactorReadout readout, KalmanModel model, DMatrixRMaj gain) {
        return new KalmanVelocityDecoder(readout, model, gain, null, 0);
    }

    /** The same Kalman filter behind a new readout (what WMPs and OMPs change); state starts at zero. */
    public KalmanVelocityDecoder withReadout(FactorReadout newReadout) {
        return new KalmanVelocityDecoder(newReadout, model, gain, rotation, riccatiIterations);
    }

    /**
     * The same readout with a new Kalman model; the gain is recomputed by Riccati iteration (what
     * closed-loop decoder adaptation does after refitting the observation model).
     */
    public KalmanVelocityDecoder withModel(KalmanModel newModel) {
        SteadyStateKalman.Result r = SteadyStateKalman.solve(newModel);
        return new KalmanVelocityDecoder(readout, newModel, r.gain(), rotation, r.iterations());
    }

    /** The decoded velocity additionally rotated by {@code radians} counter-clockwise (composes). */
    public KalmanVelocityDecoder rotated(double radians) {
        double c = Math.cos(radians);
        double s = Math.sin(radians);
        DMatrixRMaj rot = new DMatrixRMaj(2, 2, true, c, -s, s, c);
        if (rotation != null) {
            DMatrixRMaj composed = new DMatrixRMaj(2, 2);
            CommonOps_DDRM.mult(rot, rotation, composed);
            rot = composed;
        }
        return new KalmanVelocityDecoder(readout, model, gain, rot, riccatiIterations);
    }

    /** An independent decoder with the same parameters and zero state. */
    public KalmanVelocityDecoder fresh() {
        return new KalmanVelocityDecoder(readout, model, gain, rotation, riccatiIterations);
    }

    @Override
    public int units() {
        return readout.units();
    }

    /** Number of factors d. */
    public int features() {
        return model.features();
    }

    @Override
    public void step(double[] counts, double[] velocity) {
        AffineStep.dynamical(m1, m2, m0, x, counts, velocity);
    }

    @Override
    public void rawVelocity(double[] counts, double[] velocity) {
        AffineStep.readout(m2, m0, counts, velocity);
    }

    /** Takes over another decoder's filter state (used when an adaptive decoder swaps parameters). */
    public void copyStateFrom(KalmanVelocityDecoder other) {
        x[0] = other.x[0];
        x[1] = other.x[1];
    }

    @Override
    public void reset() {
        x[0] = 0;
        x[1] = 0;
    }

    public FactorReadout readout() {
        return readout;
    }

    public KalmanModel model() {
        return model;
    }

    /** Steady-state gain K, 2 x d (before any output rotation). */
    public DMatrixRMaj K() {
        return gain.copy();
    }

    /** Riccati iterations used to find K (0 when K was given). */
    public int riccatiIterations() {
        return riccatiIterations;
    }

    @Override
    public DMatrixRMaj M1() {
        return m1.copy();
    }

    @Override
    public DMatrixRMaj M2() {
        return m2.copy();
    }

    @Override
    public DMatrixRMaj m0() {
        return m0.copy();
    }
}
