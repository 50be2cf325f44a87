package org.bcikit.decoders.hypotheses;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import org.bcikit.data.mat.RigSession;
import org.bcikit.manifold.moments.Covariance;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;

/**
 * Predicts after-learning activity under each hypothesis of Golub et al. 2018 (Nat Neurosci
 * 21:607), following the authors' codepack as science.md section 8 describes it: max-progress
 * cloud means under each hypothesis' constraint (realignment: the movement-specific mean box;
 * reassociation and rescaling: convex combinations of the re-binned repertoire within that box),
 * partial realignment's interpolation toward the recorded progress, and subselection's choice of
 * before-learning draws. Progress directions are the recorded after-learning cloud directions.
 */
public final class HypothesisPredictor {

    /** Angle bins of the re-binned repertoire (3 degrees), as in the codepack. */
    static final int REPERTOIRE_BINS = 120;
    /** Weights below this are zero when deciding which repertoire covariance a mean carries. */
    private static final double WEIGHT_TOL = 1e-9;

    private final ReadoutGeometry geometry;
    private final Clouds before;
    private final Clouds after;
    private final SpikeBox patternBox;
    private final SpikeBox meanBox;
    private final int perCloud;

    private HypothesisPredictor(ReadoutGeometry geometry, Clouds before, Clouds after, SpikeBox patternBox,
                                SpikeBox meanBox) {
        this.geometry = geometry;
        this.before = before;
        this.after = after;
        this.patternBox = patternBox;
        this.meanBox = meanBox;
        this.perCloud = modeOfSizes(before);
    }

    /** The predictor for {@code session}'s perturbation, with its recorded after-learning directions. */
    public static HypothesisPredictor of(RigSession session) {
        List<DMatrixRMaj> spikes = new ArrayList<>();
        for (RigSession.Cloud c : session.before().clouds()) {
            spikes.add(c.spikes());
        }
        return of(ReadoutGeometry.of(session), Clouds.recorded(session.before(), session.dt()),
                Clouds.recorded(session.after(), session.dt()), spikes);
    }

    /** A predictor from its parts; {@code beforeSpikes} are the before clouds' counts (T x q each). */
    public static HypothesisPredictor of(ReadoutGeometry geometry, Clouds before, Clouds after,
                                         List<DMatrixRMaj> beforeSpikes) {
        if (before.count() != after.count()) {
            throw new IllegalArgumentException(before.count() + " clouds before learning, " + after.count() + " after");
        }
        return new HypothesisPredictor(geometry, before, after, SpikeBox.ofPatterns(beforeSpikes),
                SpikeBox.ofMeans(beforeSpikes));
    }

    /** The box every predicted pattern must map from (all before-learning patterns). */
    public SpikeBox patternBox() {
        return patternBox;
    }

    /** Patterns per predicted cloud: the most common before-learning cloud size. */
    public int perCloud() {
        return perCloud;
    }

    /** The means and covariances of {@code h}'s prediction; subselection has none (it selects draws). */
    public PredictedGaussians predict(Hypothesis h) {
        return switch (h) {
            case REALIGNMENT -> realignment();
            case REASSOCIATION -> reassociation(h, null);
            case RESCALING -> reassociation(h, rescalingScales());
            case PARTIAL_REALIGNMENT -> partialRealignment(realignment());
            case SUBSELECTION -> throw new IllegalArgumentException("subselection selects draws; use subselect");
        };
    }

    /** Per-factor scales of rescaling: {@code |B_int[:,i]| / |B_p[:,i]|}. */
    public double[] rescalingScales() {
        double[] bi = ReadoutGeometry.columnNorms(geometry.intuitive());
        double[] bp = ReadoutGeometry.columnNorms(geometry.perturbed());
        double[] s = new double[bi.length];
        for (int i = 0; i < s.length; i++) {
            s[i] = bi[i] / bp[i];
        }
        return s;
    }

    private PredictedGaussians realignment() {
        List<double[]> means = new ArrayList<>();
        List<DMatrixRMaj> covs = new ArrayList<>();
        DMatrixRMaj shared = before.meanCovariance();
        for (int c = 0; c < before.count(); c++) {
            means.add(MaxProgress.realignment(geometry, meanBox, after.meanDirection(c)));
            covs.add(shared.copy());
        }
        return new PredictedGaussians(Hypothesis.REALIGNMENT, means, covs, Map.of());
    }

    private PredictedGaussians reassociation(Hypothesis h, double[] scales) {
        Rediscretization rep = Rediscretization.of(before, REPERTOIRE_BINS, perCloud, scales);
        List<double[]> means = new ArrayList<>();
        List<DMatrixRMaj> covs = new ArrayList<>();
        List<List<Double>> chosenAngles = new ArrayList<>();
        for (int c = 0; c < before.count(); c++) {
            double[] w = MaxProgress.reassociationWeights(geometry, meanBox, rep, after.meanDirection(c),
                    h.label() + ", cloud " + c);
            double[] z = new double[geometry.factors()];
            List<Integer> nonZero = new ArrayList<>();
            for (int k = 0; k < w.length; k++) {
                if (w[k] > 0) {
                    nonZero.add(k);
                    double[] s = rep.means().get(k);
                    for (int j = 0; j < z.length; j++) {
                        z[j] += w[k] * s[j];
                    }
                }
            }
            means.add(z);
            covs.add(carriedCovariance(rep, w, nonZero));
            List<Double> a = new ArrayList<>();
            for (int k : nonZero) {
                a.add(rep.anglesDegrees()[k]);
            }
            chosenAngles.add(a);
        }
        Map<String, Object> diag = new LinkedHashMap<>();
        diag.put("repertoireAngles", chosenAngles);
        if (scales != null) {
            diag.put("factorScales", scales.clone());
        }
        return new PredictedGaussians(h, means, covs, diag);
    }

    /**
     * The covariance that goes with an optimal mean: the chosen bin's when one weight is 1 (or all
     * chosen bins have the same mean, i.e. hold the same patterns), else the weighted sum, as the
     * codepack decides.
     */
    private static DMatrixRMaj carriedCovariance(Rediscretization rep, double[] w, List<Integer> nonZero) {
        int first = nonZero.get(0);
        if (nonZero.size() == 1 && Math.abs(w[first] - 1) < WEIGHT_TOL) {
            return rep.covariances().get(first).copy();
        }
        boolean same = true;
        double[] m0 = rep.means().get(first);
        for (int k : nonZero) {
            double[] m = rep.means().get(k);
            for (int j = 0; j < m.length && same; j++) {
                same = Math.abs(m[j] - m0[j]) <= WEIGHT_TOL;
            }
        }
        if (same) {
            return rep.covariances().get(first).copy();
        }
        DMatrixRMaj s = new DMatrixRMaj(m0.length, m0.length);
        for (int k : nonZero) {
            CommonOps_DDRM.addEquals(s, w[k], rep.covariances().get(k));
        }
        return s;
    }

    private PredictedGaussians partialRealignment(PredictedGaussians full) {
        List<double[]> means = new ArrayList<>();
        List<DMatrixRMaj> covs = new ArrayList<>();
        double[] alpha = new double[before.count()];
        double[] p0 = new double[alpha.length];
        double[] pMax = new double[alpha.length];
        double[] pAct = new double[alpha.length];
        for (int c = 0; c < before.count(); c++) {
            double[] d = after.meanDirection(c);
            double[] m = before.mean(c);
            double[] zMax = full.means().get(c);
            p0[c] = geometry.perturbedProgress(m, d);
            pMax[c] = geometry.perturbedProgress(zMax, d);
            pAct[c] = mean(after.progress(c));
            double a = (pAct[c] - p0[c]) / (pMax[c] - p0[c]);
            alpha[c] = Math.max(0, Math.min(1, a));
            double[] z = new double[m.length];
            for (int j = 0; j < z.length; j++) {
                z[j] = alpha[c] * zMax[j] + (1 - alpha[c]) * m[j];
            }
            means.add(z);
            DMatrixRMaj cov = full.covariances().get(c).copy();
            CommonOps_DDRM.scale(alpha[c], cov);
            CommonOps_DDRM.addEquals(cov, 1 - alpha[c], before.covariance(c));
            covs.add(cov);
        }
        Map<String, Object> diag = new LinkedHashMap<>();
        diag.put("alpha", alpha);
        diag.put("progressBefore", p0);
        diag.put("progressMax", pMax);
        diag.put("progressRecorded", pAct);
        return new PredictedGaussians(Hypothesis.PARTIAL_REALIGNMENT, means, covs, diag);
    }

    /** Draws the predicted clouds of {@code g}: {@link #perCloud()} feasible patterns per cloud. */
    public Clouds sample(PredictedGaussians g, SplittableRandom rng) {
        CloudSampler sampler = new CloudSampler(patternBox.test(geometry));
        List<DMatrixRMaj> clouds = new ArrayList<>();
        for (int c = 0; c < g.means().size(); c++) {
            clouds.add(sampler.draw(g.means().get(c), g.covariances().get(c), perCloud, rng,
                    g.hypothesis().label() + ", cloud " + c));
        }
        return Clouds.predicted(clouds, after, geometry);
    }

    /** A subselection prediction and how many draws each cloud kept. */
    public record Subselection(Clouds clouds, int[] kept) {
    }

    /**
     * Subselection: per cloud, {@link #perCloud()} feasible draws from the before-learning Gaussian,
     * sorted by progress toward the recorded progress {@code P*}, the first n whose mean is nearest
     * {@code P*} kept, and the rest drawn from a Gaussian fitted to the kept.
     */
    public Subselection subselect(SplittableRandom rng) {
        CloudSampler sampler = new CloudSampler(patternBox.test(geometry));
        List<DMatrixRMaj> clouds = new ArrayList<>();
        int[] kept = new int[before.count()];
        for (int c = 0; c < before.count(); c++) {
            String name = Hypothesis.SUBSELECTION.label() + ", cloud " + c;
            double[] d = after.meanDirection(c);
            DMatrixRMaj draws = sampler.draw(before.mean(c), before.covariance(c), perCloud, rng, name);
            int n = draws.numRows;
            int f = draws.numCols;
            double[] p = new double[n];
            double[] row = new double[f];
            for (int t = 0; t < n; t++) {
                System.arraycopy(draws.data, t * f, row, 0, f);
                p[t] = geometry.perturbedProgress(row, d);
            }
            DMatrixRMaj v = after.perturbedVelocities(c);
            double target = 0;
            for (int t = 0; t < v.numRows; t++) {
                target += v.get(t, 0) * d[0] + v.get(t, 1) * d[1];
            }
            target /= v.numRows;
            boolean increase = target > mean(p);
            Integer[] order = new Integer[n];
            for (int t = 0; t < n; t++) {
                order[t] = t;
            }
            java.util.Arrays.sort(order, (a, b) -> increase ? Double.compare(p[b], p[a]) : Double.compare(p[a], p[b]));
            int keep = 1;
            double best = Double.POSITIVE_INFINITY;
            double sum = 0;
            for (int m = 0; m < n; m++) {
                sum += p[order[m]];
                double gap = Math.abs(sum / (m + 1) - target);
                if (gap < best) {
                    best = gap;
                    keep = m + 1;
                }
            }
            DMatrixRMaj kept_ = new DMatrixRMaj(keep, f);
            for (int m = 0; m < keep; m++) {
                System.arraycopy(draws.data, order[m] * f, kept_.data, m * f, f);
            }
            DMatrixRMaj cloud = new DMatrixRMaj(perCloud, f);
            CommonOps_DDRM.insert(kept_, cloud, 0, 0);
            if (keep < perCloud) {
                DMatrixRMaj more = sampler.draw(Covariance.mean(kept_), Covariance.of(kept_), perCloud - keep, rng, name);
                CommonOps_DDRM.insert(more, cloud, keep, 0);
            }
            clouds.add(cloud);
            kept[c] = keep;
        }
        return new Subselection(Clouds.predicted(clouds, after, geometry), kept);
    }

    private static double mean(double[] v) {
        double s = 0;
        for (double x : v) {
            s += x;
        }
        return s / v.length;
    }

    private static int modeOfSizes(Clouds clouds) {
        Map<Integer, Integer> counts = new HashMap<>();
        int best = -1;
        int bestCount = 0;
        for (int c = 0; c < clouds.count(); c++) {
            int n = clouds.factors(c).numRows;
            int k = counts.merge(n, 1, Integer::sum);
            // MATLAB's mode breaks ties by the smallest value.
            if (k > bestCount || (k == bestCount && n < best)) {
                best = n;
                bestCount = k;
            }
        }
        return best;
    }
}
