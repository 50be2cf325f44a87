package org.bcikit.decoders.perturbation;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

import org.bcikit.data.InvalidInputException;
import org.bcikit.decoders.MatrixChecks;
import org.bcikit.decoders.kalman.KalmanVelocityDecoder;
import org.ejml.data.DMatrixRMaj;

/**
 * Chooses a WMP and an OMP for a session from candidates predicted open loop
 * ({@link OpenLoopPrediction}), by either published criterion or both:
 * <ul>
 *   <li><b>Screening</b> (Sadtler et al. 2014, Nature 512:423, Methods): keep candidates whose
 *       open-loop velocity for every target is rotated by an angle within
 *       [{@code minAngle}, {@code maxAngle}] (default 20–75°) from the intuitive one and whose
 *       speed is within [{@code minSpeedRatio}, {@code maxSpeedRatio}] (default 0.25–2×).</li>
 *   <li><b>Matched difficulty</b> (Payeur, Orsborn &amp; Lajoie 2023, bioRxiv 2023.03.11.532146):
 *       take the element-wise median of the per-target loss vectors over all WM and OM candidates
 *       together, and choose the WMP and the OMP whose loss vectors are closest to it
 *       (Euclidean), so both start equally hard.</li>
 * </ul>
 * With {@link Criterion#SCREENED} the choice among survivors is the first in the seeded random
 * candidate order; with {@link Criterion#SCREENED_THEN_MATCHED} the median is taken over the
 * survivors. Candidates: all non-identity factor permutations when there are at most
 * {@code wmpCandidates}, else that many random ones; {@code ompCandidates} random permutations of
 * the {@code ompUnits} most modulated units (modulation: range of mean counts across targets).
 */
public final class PerturbationSelector {

    /** Which criterion chooses the perturbations. */
    public enum Criterion { SCREENED, MATCHED, SCREENED_THEN_MATCHED }

    /** One chosen perturbation with its predicted initial impairment. */
    public record Choice(Perturbation perturbation, KalmanVelocityDecoder decoder, OpenLoopPrediction prediction) {
    }

    /**
     * The result: the chosen WMP and OMP, how many candidates were evaluated and survived the
     * screen, and the median loss vector used for matching (null for {@link Criterion#SCREENED}).
     */
    public record Selection(Choice wmp, Choice omp, int wmpCandidates, int ompCandidates, int wmpPassed,
            int ompPassed, double[] medianLoss) {
    }

    private Criterion criterion = Criterion.SCREENED_THEN_MATCHED;
    private double minAngle = 20;
    private double maxAngle = 75;
    private double minSpeedRatio = 0.25;
    private double maxSpeedRatio = 2;
    private int wmpCandidates = 2000;
    private int ompCandidates = 2000;
    private int ompUnits = -1;
    private boolean everyTarget = true;

    /**
     * Whether the screen applies to every target (default, as in science.md §1) or to the mean
     * angle and mean speed ratio over targets (looser; useful for small synthetic populations).
     */
    public PerturbationSelector screenEveryTarget(boolean every) {
        this.everyTarget = every;
        return this;
    }

    public PerturbationSelector criterion(Criterion c) {
        this.criterion = c;
        return this;
    }

    public PerturbationSelector angleRange(double minDegrees, double maxDegrees) {
        if (!(minDegrees >= 0 && minDegrees <= maxDegrees && maxDegrees <= 180)) {
            throw new InvalidInputException("perturbation selector: angle range must satisfy 0 <= min <= max <= 180, got "
                    + minDegrees + ".." + maxDegrees);
        }
        this.minAngle = minDegrees;
        this.maxAngle = maxDegrees;
        return this;
    }

    public PerturbationSelector speedRatioRange(double min, double max) {
        if (!(min >= 0 && min <= max)) {
            throw new InvalidInputException("perturbation selector: speed ratio range must satisfy 0 <= min <= max, got "
                    + min + ".." + max);
        }
        this.minSpeedRatio = min;
        this.maxSpeedRatio = max;
        return this;
    }

    public PerturbationSelector candidates(int wmp, int omp) {
        if (wmp < 1 || omp < 1) {
            throw new InvalidInputException("perturbation selector: candidate counts must be >= 1, got " + wmp + ", " + omp);
        }
        this.wmpCandidates = wmp;
        this.ompCandidates = omp;
        return this;
    }

    /** Permute only the {@code m} most modulated units in OMPs (default: all units). */
    public PerturbationSelector ompUnits(int m) {
        this.ompUnits = m;
        return this;
    }

    /**
     * Selects a WMP and an OMP for {@code intuitive} from mean calibration counts per target (K x q).
     *
     * @throws InvalidInputException when no WMP or no OMP candidate passes the screen
     */
    public Selection select(KalmanVelocityDecoder intuitive, DMatrixRMaj meanCountsPerTarget, SplittableRandom random) {
        int q = intuitive.units();
        MatrixChecks.shape("mean counts per target", meanCountsPerTarget, meanCountsPerTarget.numRows, q);
        List<Choice> wmps = new ArrayList<>();
        for (int[] p : factorPermutations(intuitive.features(), random)) {
            wmps.add(evaluate(new WithinManifoldPerturbation(p), intuitive, meanCountsPerTarget));
        }
        double[] modulation = modulation(meanCountsPerTarget);
        int m = ompUnits < 0 ? q : ompUnits;
        List<Choice> omps = new ArrayList<>();
        for (int i = 0; i < ompCandidates; i++) {
            omps.add(evaluate(OutsideManifoldPerturbation.amongMostModulated(modulation, m, random), intuitive,
                    meanCountsPerTarget));
        }
        boolean screen = criterion != Criterion.MATCHED;
        List<Choice> wPass = screen ? screened(wmps) : wmps;
        List<Choice> oPass = screen ? screened(omps) : omps;
        if (wPass.isEmpty() || oPass.isEmpty()) {
            throw new InvalidInputException("perturbation selector: no " + (wPass.isEmpty() ? "WMP" : "OMP")
                    + " candidate passes the screen (angles " + minAngle + "-" + maxAngle + " deg, speed ratio "
                    + minSpeedRatio + "-" + maxSpeedRatio + (everyTarget ? " for every target; " : " on average; ")
                    + ""+ wmps.size() + " WMP and "
                    + omps.size() + " OMP candidates); widen the ranges or use the matched criterion");
        }
        if (criterion == Criterion.SCREENED) {
            return new Selection(wPass.get(0), oPass.get(0), wmps.size(), omps.size(),
                    screen ? wPass.size() : -1, screen ? oPass.size() : -1, null);
        }
        List<Choice> all = new ArrayList<>(wPass);
        all.addAll(oPass);
        double[] median = MatchedDifficulty.median(losses(all));
        return new Selection(wPass.get(MatchedDifficulty.nearest(losses(wPass), median)),
                oPass.get(MatchedDifficulty.nearest(losses(oPass), median)), wmps.size(), omps.size(),
                screen ? wPass.size() : -1, screen ? oPass.size() : -1, median);
    }

    /** Range of each unit's mean count across targets. */
    public static double[] modulation(DMatrixRMaj meanCountsPerTarget) {
        int q = meanCountsPerTarget.numCols;
        double[] mod = new double[q];
        for (int i = 0; i < q; i++) {
            double lo = Double.POSITIVE_INFINITY;
            double hi = Double.NEGATIVE_INFINITY;
            for (int k = 0; k < meanCountsPerTarget.numRows; k++) {
                lo = Math.min(lo, meanCountsPerTarget.get(k, i));
                hi = Math.max(hi, meanCountsPerTarget.get(k, i));
            }
            mod[i] = hi - lo;
        }
        return mod;
    }

    private static Choice evaluate(Perturbation p, KalmanVelocityDecoder intuitive, DMatrixRMaj meanCounts) {
        KalmanVelocityDecoder dec = p.apply(intuitive);
        return new Choice(p, dec, OpenLoopPrediction.of(intuitive, dec, meanCounts));
    }

    private List<Choice> screened(List<Choice> cands) {
        List<Choice> out = new ArrayList<>();
        for (Choice c : cands) {
            boolean ok = everyTarget ? c.prediction().passes(minAngle, maxAngle, minSpeedRatio, maxSpeedRatio)
                    : c.prediction().passesOnAverage(minAngle, maxAngle, minSpeedRatio, maxSpeedRatio);
            if (ok) {
                out.add(c);
            }
        }
        return out;
    }

    private static List<double[]> losses(List<Choice> choices) {
        List<double[]> out = new ArrayList<>();
        for (Choice c : choices) {
            out.add(c.prediction().losses());
        }
        return out;
    }

    /** All non-identity permutations of d factors when few enough, else distinct random ones. */
    private List<int[]> factorPermutations(int d, SplittableRandom random) {
        double total = 1;
        for (int i = 2; i <= d; i++) {
            total *= i;
        }
        List<int[]> out = new ArrayList<>();
        if (total - 1 <= wmpCandidates) {
            return Permutations.allButIdentity(d);
        }
        Set<String> seen = new HashSet<>();
        while (out.size() < wmpCandidates) {
            int[] p = Permutations.random(d, random);
            if (seen.add(Arrays.toString(p))) {
                out.add(p);
            }
        }
        return out;
    }
}
