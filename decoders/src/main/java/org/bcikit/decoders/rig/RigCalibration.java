package org.bcikit.decoders.rig;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import org.bcikit.data.InvalidInputException;
import org.bcikit.data.Recording;
import org.bcikit.data.Target;
import org.bcikit.data.Trial;
import org.bcikit.data.random.Shuffle;
import org.bcikit.decoders.MatrixChecks;
import org.bcikit.data.NumericalFailureException;
import org.bcikit.decoders.kalman.FactorFitter;
import org.bcikit.decoders.kalman.KalmanCalibration;
import org.bcikit.decoders.kalman.KalmanVelocityDecoder;
import org.bcikit.manifold.fa.Dimensionality;
import org.bcikit.manifold.fa.DimensionalitySearch;
import org.bcikit.manifold.fa.FactorAnalysis;
import org.ejml.data.DMatrixRMaj;

/**
 * Calibrates a rig's intuitive decoder from a recording with targets (Sadtler et al. 2014, Nature
 * 512:423, Methods; the rig convention of Golub et al. 2018, science.md §2): intended velocities,
 * factor analysis on z-scored counts with the dimensionality chosen by cross-validated
 * log-likelihood (science.md §3) or given, the velocity Kalman model by least squares
 * ({@link KalmanCalibration}; dynamics fitted or fixed as on the rig, {@code A = I}, {@code Q = 2000 I}),
 * and the steady-state gain. Then trial-wise k-fold held-out decoding: each fold's trials are
 * decoded by a decoder calibrated on the other trials (same number of factors), and the decoded
 * velocity is compared with the intended one bin by bin (angle, R²).
 *
 * <p>Intended velocity of bin {@code t} (its counts move the cursor from {@code p(t-1)} to
 * {@code p(t)}, the timing convention of the ime2015 codepack):
 * <ul>
 *   <li>{@link Intention#TARGET}: toward the target from {@code p(t-1)} (from {@code p(0)} for the
 *       first bin) at the trial's mean cursor speed; without cursor positions, from the workspace
 *       centre toward the target at a given speed;</li>
 *   <li>{@link Intention#REFIT} (ReFIT, Gilja et al. 2012, Nat Neurosci 15:1752; science.md §4):
 *       the recorded velocity {@code (p(t) - p(t-1))/dt} rotated to point at the target, same
 *       speed (the first bin takes the second's), and zero while the cursor overlaps the target
 *       (distance below the hold radius; never when no radius is known).</li>
 * </ul>
 * Configuration in, {@link #fit} gives an immutable {@link Result}; every random draw (the
 * folds of both cross-validations) comes from the seed.
 */
public final class RigCalibration {

    /** How the intended velocity is estimated. */
    public enum Intention { TARGET, REFIT }

    private Intention intention = Intention.TARGET;
    private int factors;
    private int maxFactors = 20;
    private int folds = 5;
    private long seed;
    private DMatrixRMaj fixedA = org.ejml.dense.row.CommonOps_DDRM.identity(2);
    private DMatrixRMaj fixedQ = rigQ(2000);
    private double speed = Double.NaN;
    private double holdRadius = Double.NaN;

    /**
     * The calibrated decoder and its diagnostics.
     *
     * @param decoder          the intuitive decoder calibrated on every trial
     * @param loadings         FA loadings L (q x d, z-scored counts)
     * @param privateVariances FA private variances Ph (q x 1)
     * @param dimensionality   the cross-validated search, or null when the factors were given
     * @param intentionNote    how the intended velocity was formed, in words
     * @param intended         per trial, the intended velocity (T x 2)
     * @param heldOut          per trial, the velocity decoded by the decoder of the fold that left it out (T x 2)
     * @param fold             per trial, its fold
     * @param trialAngle       per trial, mean angle (degrees) between decoded and intended velocity over bins where both are non-zero
     * @param r2               held-out velocity R² per axis (x, y), pooled over bins
     */
    public record Result(KalmanVelocityDecoder decoder, DMatrixRMaj loadings, DMatrixRMaj privateVariances,
            Dimensionality dimensionality, String intentionNote, List<DMatrixRMaj> intended, List<DMatrixRMaj> heldOut,
            int[] fold, double[] trialAngle, double[] r2) {

        public int factors() {
            return decoder.features();
        }

        /** Mean over trials of the per-trial mean angle (degrees). */
        public double meanAngle() {
            return stats(trialAngle)[0];
        }

        /** Standard error of {@link #meanAngle()} over trials (n-1 sd / sqrt n). */
        public double semAngle() {
            return stats(trialAngle)[1];
        }

        /** R² of both axes together: 1 - total residual / total variance. */
        public double r2Overall() {
            return overallR2(intended, heldOut);
        }
    }

    public RigCalibration intention(Intention how) {
        this.intention = how;
        return this;
    }

    /** Number of factors; 0 (the default) chooses it by cross-validated FA log-likelihood. */
    public RigCalibration factors(int d) {
        if (d < 0) {
            throw new InvalidInputException("factors: expected 0 (cross-validated) or a number of factors >= 1, got " + d);
        }
        this.factors = d;
        return this;
    }

    /** Largest candidate of the dimensionality search (capped at q - 1). */
    public RigCalibration maxFactors(int max) {
        if (max < 1) {
            throw new InvalidInputException("maxFactors: expected >= 1, got " + max);
        }
        this.maxFactors = max;
        return this;
    }

    /** Folds of both the dimensionality search (over bins) and the held-out decoding (over trials). */
    public RigCalibration folds(int k) {
        if (k < 2) {
            throw new InvalidInputException("folds: expected >= 2, got " + k);
        }
        this.folds = k;
        return this;
    }

    public RigCalibration seed(long s) {
        this.seed = s;
        return this;
    }

    /** {@code q I}: the rig's state noise is {@code 2000 I} in (mm/s)² (Golub et al. 2018; science.md §2). */
    public static DMatrixRMaj rigQ(double q) {
        DMatrixRMaj m = org.ejml.dense.row.CommonOps_DDRM.identity(2);
        org.ejml.dense.row.CommonOps_DDRM.scale(q, m);
        return m;
    }

    /** A and Q fitted by least squares from consecutive intended velocities within trials (Wu et al. 2006). */
    public RigCalibration fittedDynamics() {
        this.fixedA = null;
        this.fixedQ = null;
        return this;
    }

    /**
     * Fixed dynamics; the default is the rig's {@code A = I}, {@code Q = 2000 I}, which is in
     * (mm/s)²: in other units it smooths differently (in m/s, hardly at all).
     */
    public RigCalibration fixedDynamics(DMatrixRMaj a, DMatrixRMaj q) {
        this.fixedA = MatrixChecks.shape("A", a, 2, 2).copy();
        this.fixedQ = MatrixChecks.shape("Q", q, 2, 2).copy();
        return this;
    }

    /** Speed of the intended velocity when the recording has no cursor positions ({@link Intention#TARGET}). */
    public RigCalibration speed(double s) {
        if (!(s > 0) || !Double.isFinite(s)) {
            throw new InvalidInputException("speed: expected a speed > 0, got " + s);
        }
        this.speed = s;
        return this;
    }

    /** Cursor-to-target distance below which the subject holds ({@link Intention#REFIT}); default from the file. */
    public RigCalibration holdRadius(double r) {
        if (!(r >= 0) || !Double.isFinite(r)) {
            throw new InvalidInputException("holdRadius: expected a distance >= 0, got " + r);
        }
        this.holdRadius = r;
        return this;
    }

    /**
     * Calibrates on {@code r}.
     *
     * @throws InvalidInputException naming the field: trials without a target position, REFIT
     *     without cursor positions, TARGET without positions or a speed, fewer bins than units
     */
    public Result fit(Recording r) {
        List<Trial> trials = r.trials();
        if (trials.isEmpty()) {
            throw new InvalidInputException("trials: expected at least one trial, found none");
        }
        for (int i = 0; i < trials.size(); i++) {
            Target t = trials.get(i).target();
            if (t == null || !t.hasPosition()) {
                throw new InvalidInputException("targets: expected every trial's target position to calibrate "
                        + "toward it, found " + (t == null ? "none" : "only a condition id") + " in trial " + i);
            }
        }
        if (r.totalBins() <= r.units()) {
            throw new InvalidInputException("counts: expected more bins than units to calibrate, found "
                    + r.totalBins() + " bins of " + r.units() + " units");
        }
        List<DMatrixRMaj> counts = new ArrayList<>();
        List<DMatrixRMaj> intended = new ArrayList<>();
        String note = intended(r, counts, intended);

        Dimensionality dim = null;
        int d = factors;
        List<FactorFitter.Loadings> captured = new ArrayList<>();
        FactorFitter fitter;
        if (d == 0) {
            DimensionalitySearch search = new DimensionalitySearch(new FactorAnalysis(1).withZScore(false))
                    .withMaxDims(maxFactors).withFolds(folds).withSeed(seed);
            Dimensionality[] holder = new Dimensionality[1];
            fitter = zs -> {
                holder[0] = search.search(zs);
                // the search refits the best d on all bins: that model is the calibration's
                org.bcikit.manifold.fa.FactorModel m = holder[0].model();
                double[] ph = m.privateVariances();
                FactorFitter.Loadings l = new FactorFitter.Loadings(m.loadings(), new DMatrixRMaj(ph.length, 1, true, ph));
                captured.add(l);
                return l;
            };
            KalmanVelocityDecoder all = calibrate(counts, intended, fitter);
            dim = holder[0];
            d = dim.bestDims();
            return finish(all, captured.get(0), dim, d, note, counts, intended);
        }
        if (d >= r.units()) {
            throw new InvalidInputException("factors: expected fewer factors than the " + r.units() + " units, got " + d);
        }
        FactorFitter plain = FactorFitter.factorAnalysis(d);
        fitter = zs -> {
            FactorFitter.Loadings l = plain.fit(zs);
            captured.add(l);
            return l;
        };
        KalmanVelocityDecoder all = calibrate(counts, intended, fitter);
        return finish(all, captured.get(0), null, d, note, counts, intended);
    }

    private Result finish(KalmanVelocityDecoder all, FactorFitter.Loadings fa, Dimensionality dim, int d, String note,
            List<DMatrixRMaj> counts, List<DMatrixRMaj> intended) {
        int n = counts.size();
        int k = Math.min(folds, n);
        if (k < 2) {
            throw new InvalidInputException("trials: expected at least 2 trials for held-out decoding, found " + n);
        }
        // a seeded shuffle of trials, dealt round-robin, so folds differ in size by at most one trial
        int[] order = Shuffle.permutation(n, new SplittableRandom(seed ^ 0x5DEECE66DL));
        int[] fold = new int[n];
        for (int i = 0; i < n; i++) {
            fold[order[i]] = i % k;
        }
        List<DMatrixRMaj> heldOut = new ArrayList<>(java.util.Collections.nCopies(n, (DMatrixRMaj) null));
        for (int f = 0; f < k; f++) {
            List<DMatrixRMaj> cTrain = new ArrayList<>();
            List<DMatrixRMaj> vTrain = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                if (fold[i] != f) {
                    cTrain.add(counts.get(i));
                    vTrain.add(intended.get(i));
                }
            }
            KalmanVelocityDecoder dec;
            try {
                dec = calibrate(cTrain, vTrain, FactorFitter.factorAnalysis(d));
            } catch (InvalidInputException e) {
                throw new InvalidInputException("held-out fold " + (f + 1) + " of " + k + ": " + e.getMessage(), e);
            }
            for (int i = 0; i < n; i++) {
                if (fold[i] == f) {
                    heldOut.set(i, decode(dec, counts.get(i)));
                }
            }
        }
        double[] angle = new double[n];
        for (int i = 0; i < n; i++) {
            angle[i] = meanAngle(heldOut.get(i), intended.get(i));
        }
        double[] r2 = new double[2];
        for (int a = 0; a < 2; a++) {
            r2[a] = axisR2(intended, heldOut, a);
        }
        return new Result(all.fresh(), fa.loadings().copy(), fa.privateVariances().copy(), dim, note,
                List.copyOf(intended), List.copyOf(heldOut), fold, angle, r2);
    }

    private KalmanVelocityDecoder calibrate(List<DMatrixRMaj> counts, List<DMatrixRMaj> velocities, FactorFitter fitter) {
        if (fixedA != null) {
            return KalmanCalibration.fixedDynamics(fixedA, fixedQ).fit(counts, velocities, fitter);
        }
        try {
            return KalmanCalibration.fittedDynamics().fit(counts, velocities, fitter);
        } catch (NumericalFailureException e) {
            // intended velocities that hardly change within a trial (--intention target makes them
            // constant) give Q ~ 0: a filter that averages forever and has no steady state. The
            // user chose those dynamics for this recording, so it is their input to change.
            if (e.getMessage().startsWith("Kalman gain")) {
                throw new InvalidInputException("dynamics: the fitted state noise Q is too small for a steady-state "
                        + "Kalman gain (intended velocities " + (intention == Intention.TARGET
                                ? "are constant within each trial with --intention target" : "barely change between bins")
                        + "); use the rig's fixed dynamics (A = I, Q = 2000 I) instead", e);
            }
            throw e;
        }
    }

    /** Fills per-trial counts and intended velocities; returns how the intention was formed. */
    private String intended(Recording r, List<DMatrixRMaj> counts, List<DMatrixRMaj> out) {
        double dt = r.binWidth();
        boolean positions = r.hasCursorPosition();
        if (intention == Intention.REFIT && !positions) {
            throw new InvalidInputException("cursorPosition: --intention refit rotates the recorded cursor velocity, "
                    + "expected the cursor position of every trial, found none");
        }
        if (intention == Intention.TARGET && !positions && Double.isNaN(speed)) {
            throw new InvalidInputException("cursorPosition: --intention target takes each trial's mean cursor speed, "
                    + "expected the cursor position of every trial, found none; give the intended speed (--speed)");
        }
        double hold = Double.isNaN(holdRadius) ? fileHoldRadius(r) : holdRadius;
        for (Trial t : r.trials()) {
            counts.add(t.counts());
            int n = t.bins();
            DMatrixRMaj v = new DMatrixRMaj(n, 2);
            double gx = t.target().x();
            double gy = t.target().y();
            if (!positions) {
                double dist = Math.hypot(gx, gy);
                for (int b = 0; b < n; b++) {
                    v.set(b, 0, dist > 0 ? speed * gx / dist : 0);
                    v.set(b, 1, dist > 0 ? speed * gy / dist : 0);
                }
                out.add(v);
                continue;
            }
            DMatrixRMaj p = t.cursorPosition();
            double meanSpeed = 0;
            for (int b = 1; b < n; b++) {
                meanSpeed += Math.hypot(p.get(b, 0) - p.get(b - 1, 0), p.get(b, 1) - p.get(b - 1, 1)) / dt / (n - 1);
            }
            for (int b = 0; b < n; b++) {
                int from = Math.max(0, b - 1);
                double ex = gx - p.get(from, 0);
                double ey = gy - p.get(from, 1);
                double dist = Math.hypot(ex, ey);
                double s;
                if (intention == Intention.TARGET) {
                    s = meanSpeed;
                } else {
                    int step = Math.max(1, b);
                    s = step < n ? Math.hypot(p.get(step, 0) - p.get(step - 1, 0), p.get(step, 1) - p.get(step - 1, 1)) / dt
                            : 0;
                    if (dist < hold) {
                        s = 0;
                    }
                }
                v.set(b, 0, dist > 0 ? s * ex / dist : 0);
                v.set(b, 1, dist > 0 ? s * ey / dist : 0);
            }
            out.add(v);
        }
        if (!positions) {
            return "from the workspace centre toward the target at " + speed + " per second (no cursor positions)";
        }
        if (intention == Intention.TARGET) {
            return "toward the target from the cursor, at the trial's mean cursor speed";
        }
        return "recorded cursor velocity rotated toward the target, zero within " + (hold > 0 ? hold : 0)
                + " of it" + (Double.isNaN(holdRadius) && hold == 0 ? " (no target radius known: never zero)" : "");
    }

    /** Target radius plus cursor radius from the recording's metadata (0 when it does not say). */
    private static double fileHoldRadius(Recording r) {
        double sum = 0;
        for (String[] keys : new String[][] {{"targetRadius", "target_radius"}, {"cursorRadius", "cursor_radius"}}) {
            for (String key : keys) {
                String v = r.metadata().get(key);
                if (v != null) {
                    try {
                        sum += Double.parseDouble(v);
                    } catch (NumberFormatException e) {
                        // a radius that is not a number is not used
                    }
                    break;
                }
            }
        }
        return sum;
    }

    /** Runs the filter through one trial from zero state; new T x 2. */
    static DMatrixRMaj decode(KalmanVelocityDecoder decoder, DMatrixRMaj counts) {
        KalmanVelocityDecoder dec = decoder.fresh();
        DMatrixRMaj out = new DMatrixRMaj(counts.numRows, 2);
        double[] u = new double[counts.numCols];
        double[] v = new double[2];
        for (int t = 0; t < counts.numRows; t++) {
            System.arraycopy(counts.data, t * counts.numCols, u, 0, u.length);
            dec.step(u, v);
            out.set(t, 0, v[0]);
            out.set(t, 1, v[1]);
        }
        return out;
    }

    /** Mean unsigned angle (degrees) between rows of {@code a} and {@code b} where both are non-zero; NaN if none. */
    static double meanAngle(DMatrixRMaj a, DMatrixRMaj b) {
        double s = 0;
        int n = 0;
        for (int t = 0; t < a.numRows; t++) {
            double ax = a.get(t, 0);
            double ay = a.get(t, 1);
            double bx = b.get(t, 0);
            double by = b.get(t, 1);
            double na = Math.hypot(ax, ay);
            double nb = Math.hypot(bx, by);
            if (na > 0 && nb > 0) {
                s += Math.toDegrees(Math.acos(Math.max(-1, Math.min(1, (ax * bx + ay * by) / (na * nb)))));
                n++;
            }
        }
        return n == 0 ? Double.NaN : s / n;
    }

    private static double axisR2(List<DMatrixRMaj> truth, List<DMatrixRMaj> fit, int a) {
        double mean = 0;
        int n = 0;
        for (DMatrixRMaj t : truth) {
            for (int r = 0; r < t.numRows; r++) {
                mean += t.get(r, a);
                n++;
            }
        }
        mean /= n;
        double ssRes = 0;
        double ssTot = 0;
        for (int i = 0; i < truth.size(); i++) {
            for (int r = 0; r < truth.get(i).numRows; r++) {
                double e = truth.get(i).get(r, a) - fit.get(i).get(r, a);
                double c = truth.get(i).get(r, a) - mean;
                ssRes += e * e;
                ssTot += c * c;
            }
        }
        return 1 - ssRes / ssTot;
    }

    private static double overallR2(List<DMatrixRMaj> truth, List<DMatrixRMaj> fit) {
        double[] mean = new double[2];
        int n = 0;
        for (DMatrixRMaj t : truth) {
            for (int r = 0; r < t.numRows; r++) {
                mean[0] += t.get(r, 0);
                mean[1] += t.get(r, 1);
                n++;
            }
        }
        mean[0] /= n;
        mean[1] /= n;
        double ssRes = 0;
        double ssTot = 0;
        for (int i = 0; i < truth.size(); i++) {
            for (int r = 0; r < truth.get(i).numRows; r++) {
                for (int a = 0; a < 2; a++) {
                    double e = truth.get(i).get(r, a) - fit.get(i).get(r, a);
                    double c = truth.get(i).get(r, a) - mean[a];
                    ssRes += e * e;
                    ssTot += c * c;
                }
            }
        }
        return 1 - ssRes / ssTot;
    }

    /** {mean, s.e.m.} of the finite entries. */
    static double[] stats(double[] x) {
        double s = 0;
        int n = 0;
        for (double v : x) {
            if (Double.isFinite(v)) {
                s += v;
                n++;
            }
        }
        double mean = n == 0 ? Double.NaN : s / n;
        double ss = 0;
        for (double v : x) {
            if (Double.isFinite(v)) {
                ss += (v - mean) * (v - mean);
            }
        }
        double sem = n > 1 ? Math.sqrt(ss / (n - 1)) / Math.sqrt(n) : Double.NaN;
        return new double[] {mean, sem};
    }
}
