package org.bcikit.decoders.rig;

import java.util.ArrayList;
import java.util.List;

import org.bcikit.data.mat.RigMapping;
import org.bcikit.data.mat.RigSession;
import org.bcikit.decoders.MatrixChecks;
import org.bcikit.decoders.kalman.KalmanVelocityDecoder;
import org.ejml.data.DMatrixRMaj;

/**
 * How closely the decoders rebuilt from a rig's stored parameters ({@link RigDecoders}) reproduce
 * what the rig itself stored (Golub et al. 2018, Nat Neurosci 21:607; science.md §2): for each
 * mapping the derived matrices {@code beta, K, M1, M2, m0}, and for every bin of every target
 * cloud before and after learning the raw decoded velocity ({@code vraw_intuitive},
 * {@code vraw_perturbed}), the orthonormalised factors ({@code factorActivity}) and the stored
 * per-bin progress ({@code intuitiveProgress}, {@code perturbedProgress}, which the rig stores as
 * {@code dt * vraw . cursorToTargetDirection}, i.e. distance per bin).
 *
 * <p>Each {@link Check} is a maximum absolute difference and the largest stored magnitude it is
 * relative to.
 *
 * @param checks every comparison, mappings first, then per-epoch quantities
 */
public record RigReproduction(List<Check> checks) {

    /**
     * One comparison.
     *
     * @param quantity    {@code beta}, {@code K}, {@code M1}, {@code M2}, {@code m0}, {@code vraw},
     *                    {@code factorActivity} or {@code progress}
     * @param mapping     {@code intuitive} or {@code perturbed}
     * @param epoch       {@code before} or {@code after} for per-bin quantities, null for matrices
     * @param maxAbsError largest absolute difference, rebuilt vs stored
     * @param storedMax   largest absolute stored value
     */
    public record Check(String quantity, String mapping, String epoch, double maxAbsError, double storedMax) {

        /** {@code maxAbsError / storedMax} (the absolute error when everything stored is zero). */
        public double relativeError() {
            return storedMax > 0 ? maxAbsError / storedMax : maxAbsError;
        }

        /** Such as {@code perturbed vraw (after)}. */
        public String describe() {
            return mapping + " " + quantity + (epoch == null ? "" : " (" + epoch + ")");
        }
    }

    public RigReproduction {
        checks = List.copyOf(checks);
    }

    /** Compares the rebuilt decoders of {@code session} with everything it stored. */
    public static RigReproduction of(RigSession session, RigDecoders decoders) {
        List<Check> out = new ArrayList<>();
        String[] names = {"intuitive", "perturbed"};
        RigMapping[] stored = {session.intuitive(), session.perturbed()};
        KalmanVelocityDecoder[] rebuilt = {decoders.intuitive(), decoders.perturbed()};
        for (int m = 0; m < 2; m++) {
            KalmanVelocityDecoder d = rebuilt[m];
            RigMapping s = stored[m];
            out.add(check("beta", names[m], null, d.readout().beta(), s.beta()));
            out.add(check("K", names[m], null, d.K(), s.K()));
            out.add(check("M1", names[m], null, d.M1(), s.M1()));
            out.add(check("M2", names[m], null, d.M2(), s.M2()));
            out.add(check("m0", names[m], null, d.m0(), s.m0()));
        }
        for (RigSession.Epoch e : List.of(session.before(), session.after())) {
            for (int m = 0; m < 2; m++) {
                double[] vraw = new double[2];
                double[] progress = new double[2];
                for (RigSession.Cloud c : e.clouds()) {
                    DMatrixRMaj v = RigDecoders.rawVelocities(rebuilt[m], c.spikes());
                    accumulate(vraw, v, m == 0 ? c.vrawIntuitive() : c.vrawPerturbed());
                    DMatrixRMaj p = RigProgress.progress(v, c.cursorToTargetDirection());
                    for (int t = 0; t < p.numRows; t++) {
                        p.data[t] *= session.dt();
                    }
                    accumulate(progress, p, m == 0 ? c.intuitiveProgress() : c.perturbedProgress());
                }
                out.add(new Check("vraw", names[m], e.name(), vraw[0], vraw[1]));
                out.add(new Check("progress", names[m], e.name(), progress[0], progress[1]));
            }
            double[] factors = new double[2];
            for (RigSession.Cloud c : e.clouds()) {
                accumulate(factors, decoders.orthonormalisedFactors(c.spikes()), c.factorActivity());
            }
            out.add(new Check("factorActivity", "intuitive", e.name(), factors[0], factors[1]));
        }
        return new RigReproduction(out);
    }

    private static Check check(String quantity, String mapping, String epoch, DMatrixRMaj rebuilt, DMatrixRMaj stored) {
        return new Check(quantity, mapping, epoch, MatrixChecks.maxAbsDiff(rebuilt, stored), MatrixChecks.maxAbs(stored));
    }

    /** Folds one cloud into {max |error|, max |stored|}. */
    private static void accumulate(double[] acc, DMatrixRMaj rebuilt, DMatrixRMaj stored) {
        acc[0] = Math.max(acc[0], MatrixChecks.maxAbsDiff(rebuilt, stored));
        acc[1] = Math.max(acc[1], MatrixChecks.maxAbs(stored));
    }

    /** The check with the largest relative error. */
    public Check worst() {
        Check w = checks.get(0);
        for (Check c : checks) {
            if (!(c.relativeError() <= w.relativeError())) {
                w = c;
            }
        }
        return w;
    }

    /** The largest relative error over all checks (NaN if any is NaN). */
    public double maxRelativeError() {
        return worst().relativeError();
    }

    /** The check of {@code quantity} for {@code mapping} in {@code epoch} (null for matrices), or null. */
    public Check find(String quantity, String mapping, String epoch) {
        for (Check c : checks) {
            if (c.quantity().equals(quantity) && c.mapping().equals(mapping) && java.util.Objects.equals(c.epoch(), epoch)) {
                return c;
            }
        }
        return null;
    }
}
