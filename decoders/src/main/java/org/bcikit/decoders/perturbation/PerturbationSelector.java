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
 * Chooses a WMP and an OMP for a session. Every candidate is scored by a {@link PerturbationLoss}
 * (a loss per target: {@link OpenLoopLoss} or {@link ExpectedLoss}) beside its
 * {@link OpenLoopPrediction} from the calibration's mean counts, and the pair is chosen by either
 * published criterion or both:
 * <ul>
 *   <li><b>Screening</b> (Sadtler et al. 2014, Nature 512:423, Methods): keep candidates whose
 *       open-loop velocity for every target is rotated by an angle within
 *       [{@code minAngle}, {@code maxAngle}] (default 20–75°) from the intuitive one and whose
 *       speed is within [{@code minSpeedRatio}, {@code maxSpeedRatio}] (default 0.25–2×).</li>
 *   <li><b>Matched difficulty</b> (Payeur, Orsborn &amp; Lajoie 2023, bioRxiv 2023.03.11.532146):
 *       take the element-wise median of the loss vectors over all WM and OM candidates together,
 *       and choose the WMP and the OMP whose loss vectors are closest to it (Euclidean), so both
 *       start equally hard ({@link MatchedDifficulty}).</li>
 * </ul>
 * With {@link Criterion#SCREENED} the choice among survivors is the first in the seeded random
 * candidate order; with {@link Criterion#SCREENED_THEN_MATCHED} the median is taken over the
 * survivors. The candidates are drawn as {@link Draw} says.
 *
 * <p>Immutable: configure with the {@code withX} methods, each of which returns a changed copy.
 */
public final class PerturbationSelector {

    /** Which criterion chooses the perturbations. */
    public enum Criterion { SCREENED, MATCHED, SCREENED_THEN_MATCHED }

    /** How the candidates are drawn from the seeded generator. */
    public enum Draw {
        /**
         * WMPs first: every non-identity factor permutation when there are at most
         * {@code wmpCandidates}, else that many distinct random ones; then {@code ompCandidates}
         * random permutations of the {@code ompUnits} most modulated units (modulation: range of
         * mean counts across targets).
         */
        SEPARATE,
        /**
         * {@code wmpCandidates} rounds of one random factor permutation then one random permutation
         * of all units (repeats possible); needs as many OMP as WMP candidates and every unit in
         * OMPs. The draw of the expected-loss selection of the closed-loop experiments.
         */
        PAIRED
    }

    /**
     * One candidate perturbation: its decoder, its loss per target (the {@link PerturbationLoss}'s)
     * and its open-loop prediction (what the screen reads).
     */
    public record Choice(Perturbation perturbation, KalmanVelocityDecoder decoder, double[] losses,
            OpenLoopPrediction prediction) {

        /** Mean over targets of the loss. */
        public double meanLoss() {
            return Arrays.stream(losses).average().orElse(Double.NaN);
        }
    }

    /**
     * The result: the chosen WMP and OMP, how many candidates were evaluated and survived the
     * screen (-1 when there was no screen), and the median loss vector used for matching (null for
     * {@link Criterion#SCREENED}).
     */
    public record Selection(Choice wmp, Choice omp, int wmpCandidates, int ompCandidates, int wmpPassed,
            int ompPassed, double[] medianLoss) {
    }

    private final Criterion criterion;
    private final Draw draw;
    private final double minAngle;
    private final double maxAngle;
    private final double minSpeedRatio;
    private final double maxSpeedRatio;
    private final int wmpCandidates;
    private final int ompCandidates;
    private final int ompUnits;
    private final boolean everyTarget;

    /**
     * The defaults: screened then matched, separate draws of up to 2000 WMP and 2000 OMP
     * candidates over all units, angles 20–75° and speed ratios 0.25–2 for every target.
     */
    public PerturbationSelector() {
        this(Criterion.SCREENED_THEN_MATCHED, Draw.SEPARATE, 20, 75, 0.25, 2, 2000, 2000, -1, true);
    }

    private PerturbationSelector(Criterion criterion, Draw draw, double minAngle, double maxAngle, double minSpeedRatio,
            double maxSpeedRatio, int wmpCandidates, int ompCandidates, int ompUnits, boolean everyTarget) {
        this.criterion = criterion;
        this.draw = draw;
        this.minAngle = minAngle;
        this.maxAngle = maxAngle;
        this.minSpeedRatio = minSpeedRatio;
        this.maxSpeedRatio = maxSpeedRatio;
        this.wmpCandidates = wmpCandidates;
        this.ompCandidates = ompCandidates;
        this.ompUnits = ompUnits;
        this.everyTarget = everyTarget;
    }

    /**
     * Whether the screen applies to every target (default, as in science.md §1) or to the mean
     * angle and mean speed ratio over targets (looser; useful for small synthetic populations).
     */
    public PerturbationSelector withScreenEveryTarget(boolean every) {
        return new PerturbationSelector(criterion, draw, minAngle, maxAngle, minSpeedRatio, maxSpeedRatio,
                wmpCandidates, ompCandidates, ompUnits, every);
    }

    public PerturbationSelector withCriterion(Criterion c) {
        if (c == null) {
            throw new InvalidInputException("perturbation selector: criterion is required");
        }
        return new PerturbationSelector(c, draw, minAngle, maxAngle, minSpeedRatio, maxSpeedRatio,
                wmpCandidates, ompCandidates, ompUnits, everyTarget);
    }

    public PerturbationSelector withDraw(Draw d) {
        if (d == null) {
            throw new InvalidInputException("perturbation selector: draw is required");
        }
        return new PerturbationSelector(criterion, d, minAngle, maxAngle, minSpeedRatio, maxSpeedRatio,
                wmpCandidates, ompCandidates, ompUnits, everyTarget);
    }

    public PerturbationSelector withAngleRange(double minDegrees, double maxDegrees) {
        if (!(minDegrees >= 0 && minDegrees <= maxDegrees && maxDegrees <= 180)) {
            throw new InvalidInputException("perturbation selector: angle range must satisfy 0 <= min <= max <= 180, got "
                    + minDegrees + ".." + maxDegrees);
        }
        return new PerturbationSelector(criterion, draw, minDegrees, maxDegrees, minSpeedRatio, maxSpeedRatio,
                wmpCandidates, ompCandidates, ompUnits, everyTarget);
    }

    public PerturbationSelector withSpeedRatioRange(double min, double max) {
        if (!(min >= 0 && min <= max)) {
            throw new InvalidInputException("perturbation selector: speed ratio range must satisfy 0 <= min <= max, got "
                    + min + ".." + max);
        }
        return new PerturbationSelector(criterion, draw, minAngle, maxAngle, min, max,
                wmpCandidates, ompCandidates, ompUnits, everyTarget);
    }

    public PerturbationSelector withCandidates(int wmp, int omp) {
        if (wmp < 1 || omp < 1) {
            throw new InvalidInputException("perturbation selector: candidate counts must be >= 1, got " + wmp + ", " + omp);
        }
        return new PerturbationSelector(criterion, draw, minAngle, maxAngle, minSpeedRatio, maxSpeedRatio,
                wmp, omp, ompUnits, everyTarget);
    }

    /** Permute only the {@code m} most modulated units in OMPs (default: all units). */
    public PerturbationSelector withOmpUnits(int m) {
        return new PerturbationSelector(criterion, draw, minAngle, maxAngle, minSpeedRatio, maxSpeedRatio,
                wmpCandidates, ompCandidates, m, everyTarget);
    }

    /**
     * Selects a WMP and an OMP for {@code intuitive}, scoring candidates with {@code loss} (built
     * from calibration activity under {@code intuitive}).
     *
     * @throws InvalidInputException when no WMP or no OMP candidate passes the screen
     */
    public Selection select(KalmanVelocityDecoder intuitive, PerturbationLoss loss, SplittableRandom random) {
        DMatrixRMaj meanCounts = loss.meanCountsPerTarget();
        int q = intuitive.units();
        MatrixChecks.shape("mean counts per target", meanCounts, meanCounts.numRows, q);
        List<Choice> wmps = new ArrayList<>();
        List<Choice> omps = new ArrayList<>();
        if (draw == Draw.PAIRED) {
            if (ompCandidates != wmpCandidates || ompUnits >= 0) {
                throw new InvalidInputException("perturbation selector: paired draws need as many OMP as WMP candidates"
                        + " over every unit, got " + wmpCandidates + " and " + ompCandidates
                        + (ompUnits >= 0 ? " over " + ompUnits + " units" : ""));
            }
            for (int i = 0; i < wmpCandidates; i++) {
                wmps.add(evaluate(WithinManifoldPerturbation.random(intuitive.features(), random), intuitive, loss));
                omps.add(evaluate(OutsideManifoldPerturbation.random(q, random), intuitive, loss));
            }
        } else {
            for (int[] p : factorPermutations(intuitive.features(), random)) {
                wmps.add(evaluate(new WithinManifoldPerturbation(p), intuitive, loss));
            }
            double[] modulation = modulation(meanCounts);
            int m = ompUnits < 0 ? q : ompUnits;
            for (int i = 0; i < ompCandidates; i++) {
                omps.add(evaluate(OutsideManifoldPerturbation.amongMostModulated(modulation, m, random), intuitive, loss));
            }
        }
        boolean screen = criterion != Criterion.MATCHED;
        List<Choice> wPass = screen ? screened(wmps) : wmps;
        List<Choice> oPass = screen ? screened(omps) : omps;
        if (wPass.isEmpty() || oPass.isEmpty()) {
            throw new InvalidInputException("perturbation selector: no " + (wPass.isEmpty() ? "WMP" : "OMP")
                    + " candidate passes the screen (angles " + minAngle + "-" + maxAngle + " deg, speed ratio "
                    + minSpeedRatio + "-" + maxSpeedRatio + (everyTarget ? " for every target; " : " on average; ")
                    + wmps.size() + " WMP and " + omps.size()
                    + " OMP candidates); widen the ranges or use the matched criterion");
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

    private static Choice evaluate(Perturbation p, KalmanVelocityDecoder intuitive, PerturbationLoss loss) {
        KalmanVelocityDecoder dec = p.apply(intuitive);
        OpenLoopPrediction openLoop = OpenLoopPrediction.of(intuitive, dec, loss.meanCountsPerTarget());
        return new Choice(p, dec, loss.losses(intuitive, dec, openLoop), openLoop);
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
            out.add(c.losses());
        }
        return out;
    }

    /** All non-identity permutations of d factors when few enough, else distinct random ones. */
    private List<int[]> factorPermutations(int d, SplittableRandom random) {
        double total = 1;
        for (int i = 2; i <= d; i++) {
            total *= i;
        }
        if (total - 1 <= wmpCandidates) {
            return Permutations.allButIdentity(d);
        }
        List<int[]> out = new ArrayList<>();
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
