package org.bcikit.decoders.hypotheses;

import org.bcikit.data.mat.RigMapping;
import org.bcikit.data.mat.RigSession;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;

/**
 * The spaces in which Golub et al. 2018 (Nat Neurosci 21:607; science.md section 8) compare
 * activity: spike counts map to orthonormalised factors by {@code z = Beta (u - mu_u)},
 * {@code Beta = D V^T beta Sigma_u}, and factors to raw velocity by {@code v = B z + m0} with
 * {@code B = K eta Sigma_z V D^-1}, {@code m0 = -K d}. Built from the parameters the rig stored
 * (its own gain K, as the authors' codepack does), so that predictions live in exactly the space
 * of the recorded {@code factorActivity}.
 */
public final class ReadoutGeometry {

    private final DMatrixRMaj spikesToFactors;
    private final double[] mu;
    private final DMatrixRMaj intuitive;
    private final DMatrixRMaj perturbed;
    private final double[] intuitiveOffset;
    private final double[] perturbedOffset;

    private ReadoutGeometry(DMatrixRMaj spikesToFactors, double[] mu, DMatrixRMaj intuitive, DMatrixRMaj perturbed,
                            double[] intuitiveOffset, double[] perturbedOffset) {
        this.spikesToFactors = spikesToFactors;
        this.mu = mu;
        this.intuitive = intuitive;
        this.perturbed = perturbed;
        this.intuitiveOffset = intuitiveOffset;
        this.perturbedOffset = perturbedOffset;
    }

    /**
     * The geometry of {@code session}. The spikes-to-factors map is the perturbed mapping's, as in
     * the codepack; for a within-manifold perturbation both mappings share it.
     */
    public static ReadoutGeometry of(RigSession session) {
        RigMapping p = session.perturbed();
        DMatrixRMaj beta = CommonOps_DDRM.mult(CommonOps_DDRM.mult(CommonOps_DDRM.multTransB(p.D(), p.V(), null),
                p.beta(), null), p.sigmaU(), null);
        return new ReadoutGeometry(beta, p.muU().data.clone(), pushing(session.intuitive()), pushing(p),
                offset(session.intuitive()), offset(p));
    }

    /** Test-sized geometry from its parts: {@code Beta} (d x q), {@code mu} (q), {@code B} (2 x d), {@code m0}. */
    public static ReadoutGeometry of(DMatrixRMaj spikesToFactors, double[] mu, DMatrixRMaj intuitive, double[] intuitiveOffset,
                                     DMatrixRMaj perturbed, double[] perturbedOffset) {
        return new ReadoutGeometry(spikesToFactors.copy(), mu.clone(), intuitive.copy(), perturbed.copy(),
                intuitiveOffset.clone(), perturbedOffset.clone());
    }

    private static DMatrixRMaj pushing(RigMapping m) {
        DMatrixRMaj invD = m.D().copy();
        for (int i = 0; i < invD.numRows; i++) {
            invD.set(i, i, 1.0 / invD.get(i, i));
        }
        DMatrixRMaj kEta = CommonOps_DDRM.mult(m.K(), m.eta(), null);
        DMatrixRMaj b = CommonOps_DDRM.mult(CommonOps_DDRM.mult(kEta, m.sigmaZ(), null), m.V(), null);
        return CommonOps_DDRM.mult(b, invD, null);
    }

    private static double[] offset(RigMapping m) {
        DMatrixRMaj o = CommonOps_DDRM.mult(m.K(), m.d(), null);
        CommonOps_DDRM.scale(-1, o);
        return o.data.clone();
    }

    /** Number of factors d. */
    public int factors() {
        return spikesToFactors.numRows;
    }

    /** Number of units q. */
    public int units() {
        return spikesToFactors.numCols;
    }

    /** {@code Beta} (d x q, a copy). */
    public DMatrixRMaj spikesToFactors() {
        return spikesToFactors.copy();
    }

    /** {@code mu_u} (a copy). */
    public double[] mu() {
        return mu.clone();
    }

    /** The intuitive mapping's factor pushing directions {@code B_int} (2 x d, a copy). */
    public DMatrixRMaj intuitive() {
        return intuitive.copy();
    }

    /** The perturbed mapping's factor pushing directions {@code B_p} (2 x d, a copy). */
    public DMatrixRMaj perturbed() {
        return perturbed.copy();
    }

    /** The perturbed mapping's velocity offset {@code m0_p} (a copy). */
    public double[] perturbedOffset() {
        return perturbedOffset.clone();
    }

    /** The intuitive mapping's velocity offset {@code m0_int} (a copy). */
    public double[] intuitiveOffset() {
        return intuitiveOffset.clone();
    }

    /** Progress {@code direction . (B_p z + m0_p)} of factor pattern {@code z} under the perturbed mapping. */
    public double perturbedProgress(double[] z, double[] direction) {
        double vx = perturbedOffset[0];
        double vy = perturbedOffset[1];
        for (int i = 0; i < z.length; i++) {
            vx += perturbed.get(0, i) * z[i];
            vy += perturbed.get(1, i) * z[i];
        }
        return vx * direction[0] + vy * direction[1];
    }

    /** Norms of the columns of a 2 x d pushing matrix: each factor's pushing magnitude. */
    static double[] columnNorms(DMatrixRMaj b) {
        double[] n = new double[b.numCols];
        for (int i = 0; i < n.length; i++) {
            n[i] = Math.hypot(b.get(0, i), b.get(1, i));
        }
        return n;
    }
}
