package org.bcikit.experiments.calibration;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

import org.bcikit.data.InvalidInputException;
import org.bcikit.data.Recording;
import org.bcikit.data.Target;
import org.bcikit.data.Trial;
import org.bcikit.data.io.JsonFiles;
import org.bcikit.decoders.kalman.KalmanVelocityDecoder;
import org.bcikit.decoders.perturbation.ExpectedLoss;
import org.bcikit.decoders.perturbation.MatchedDifficulty;
import org.bcikit.decoders.perturbation.OpenLoopLoss;
import org.bcikit.decoders.perturbation.OpenLoopPrediction;
import org.bcikit.decoders.perturbation.OutsideManifoldPerturbation;
import org.bcikit.decoders.perturbation.Permutations;
import org.bcikit.decoders.perturbation.Perturbation;
import org.bcikit.decoders.perturbation.PerturbationLoss;
import org.bcikit.decoders.perturbation.PerturbationSelector;
import org.bcikit.decoders.perturbation.WithinManifoldPerturbation;
import org.bcikit.decoders.rig.DecoderFile;
import org.bcikit.experiments.figures.Figures;
import org.ejml.data.DMatrixRMaj;
import org.jfree.chart.JFreeChart;

/**
 * {@code bcikit perturbations}: the WMPs and OMPs of a session, designed from a calibrated
 * decoder and its calibration data (Sadtler et al. 2014, Nature 512:423; science.md §1, §9).
 * Candidates: every non-identity factor permutation up to d = 8 factors, seeded distinct samples
 * beyond; seeded unit permutations (optionally among the most modulated units). Each is predicted
 * open loop: per target k, {@code o_k = M2 ū_k + m0} from the mean counts of the target's bins
 * (science.md §9's choice for a decoder with an observation offset; not checked against Sadtler),
 * and judged by
 * <ul>
 *   <li>{@code sadtler}: passes iff for every target the angle between {@code o_k^pert} and
 *       {@code o_k^int} is in [20°, 75°] and {@code ‖o_k^pert‖} in [0.25, 2] × the mean intuitive
 *       speed; survivors are ranked by the distance of their per-target loss vector to the
 *       element-wise median over all survivors (Payeur et al. 2023's matching, so the top WMP and
 *       OMP start equally hard);</li>
 *   <li>{@code matched}: no screen, ranked the same way over all candidates.</li>
 * </ul>
 * The per-target loss is the decoders' loss strategy: {@code open-loop} ({@link OpenLoopLoss},
 * the squared error of {@code o_k} relative to the intuitive speed) or {@code expected}
 * ({@link ExpectedLoss}, which adds the variance of the decoded velocity over the target's bins).
 */
public final class SessionDesign {

    /**
     * @param criterion   {@code sadtler} or {@code matched}
     * @param loss        {@code open-loop} or {@code expected}
     * @param wmpSamples  random WMPs when d &gt; 8 (d! is then too many)
     * @param omps        random OMP candidates
     * @param ompUnits    permute only the most modulated units (0: all)
     * @param choose      perturbations of each kind to write as decoders
     * @param list        ranked candidates of each kind listed in candidates.json
     * @param seed        seed of every draw
     */
    public record Settings(String criterion, String loss, int wmpSamples, int omps, int ompUnits, int choose, int list,
            double minAngle, double maxAngle, double minSpeed, double maxSpeed, boolean everyTarget, long seed) {

        public static Settings defaults() {
            return new Settings("sadtler", "open-loop", 2000, 2000, 0, 1, 20, 20, 75, 0.25, 2, true, 0);
        }
    }

    /** One candidate, predicted open loop. */
    record Candidate(Perturbation perturbation, KalmanVelocityDecoder decoder, DMatrixRMaj velocity, double[] angle,
            double[] speedRatio, double[] loss, double meanPrincipalAngle, boolean passes) {
    }

    private final Path decoderPath;
    private final Path dataPath;
    private final DecoderFile decoderFile;
    private final KalmanVelocityDecoder intuitive;
    private final Recording recording;
    private final Settings settings;
    private final List<Target> targets;
    private final DMatrixRMaj intuitiveVelocity;
    private final double meanSpeed;
    private final List<Candidate> wmps;
    private final List<Candidate> omps;
    private final List<Candidate> rankedWmps;
    private final List<Candidate> rankedOmps;
    private final double[] median;
    private final PerturbationLoss loss;

    private SessionDesign(Path decoderPath, DecoderFile decoderFile, Path dataPath, Recording recording, Settings s) {
        this.decoderPath = decoderPath;
        this.dataPath = dataPath;
        this.decoderFile = decoderFile;
        this.recording = recording;
        this.settings = s;
        decoderFile.requireUnits(decoderPath, recording.units(), dataPath);
        this.intuitive = decoderFile.kalmanDecoder(decoderPath);
        for (int i = 0; i < recording.trials().size(); i++) {
            if (recording.trials().get(i).target() == null) {
                throw InvalidInputException.at(dataPath, "targets", "expected every trial's target to predict "
                        + "per-target velocities, found none in trial " + i);
            }
        }
        this.targets = recording.distinctTargets();
        DMatrixRMaj mean = meanCounts();
        this.intuitiveVelocity = openLoop(intuitive, mean);
        double sp = 0;
        for (int k = 0; k < targets.size(); k++) {
            sp += Math.hypot(intuitiveVelocity.get(k, 0), intuitiveVelocity.get(k, 1)) / targets.size();
        }
        this.meanSpeed = sp;
        SplittableRandom rng = new SplittableRandom(s.seed());
        if (s.loss().equals("expected")) {
            List<DMatrixRMaj> counts = new ArrayList<>();
            List<Integer> which = new ArrayList<>();
            for (Trial t : recording.trials()) {
                counts.add(t.counts());
                which.add(targets.indexOf(t.target()));
            }
            this.loss = ExpectedLoss.of(counts, which, targets.size());
        } else {
            this.loss = new OpenLoopLoss(mean);
        }
        this.wmps = new ArrayList<>();
        for (int[] p : factorPermutations(intuitive.features(), rng)) {
            wmps.add(candidate(new WithinManifoldPerturbation(p), mean));
        }
        this.omps = new ArrayList<>();
        int q = intuitive.units();
        int m = s.ompUnits() <= 0 ? q : s.ompUnits();
        if (m < 2 || m > q) {
            throw new InvalidInputException("--omp-units: expected 2.." + q + " (the decoder's units), found " + m);
        }
        double[] modulation = PerturbationSelector.modulation(mean);
        for (int i = 0; i < s.omps(); i++) {
            omps.add(candidate(OutsideManifoldPerturbation.amongMostModulated(modulation, m, rng), mean));
        }
        boolean screen = s.criterion().equals("sadtler");
        List<Candidate> wPool = screen ? wmps.stream().filter(Candidate::passes).toList() : wmps;
        List<Candidate> oPool = screen ? omps.stream().filter(Candidate::passes).toList() : omps;
        List<double[]> pooled = new ArrayList<>();
        wPool.forEach(c -> pooled.add(c.loss()));
        oPool.forEach(c -> pooled.add(c.loss()));
        this.median = pooled.isEmpty() ? null : MatchedDifficulty.median(pooled);
        this.rankedWmps = rank(wPool);
        this.rankedOmps = rank(oPool);
    }

    /**
     * Designs the session.
     *
     * @throws InvalidInputException naming the file and field: a decoder for another unit count,
     *     one without a factor model, trials without targets, unknown criterion
     */
    public static SessionDesign of(Path decoderPath, DecoderFile decoder, Path dataPath, Recording data, Settings s) {
        if (!List.of("sadtler", "matched").contains(s.criterion())) {
            throw new InvalidInputException("--criterion: expected sadtler or matched, found " + s.criterion());
        }
        if (!List.of("open-loop", "expected").contains(s.loss())) {
            throw new InvalidInputException("--loss: expected open-loop or expected, found " + s.loss());
        }
        if (s.choose() < 1 || s.wmpSamples() < 1 || s.omps() < 1 || s.list() < 0) {
            throw new InvalidInputException("--choose, --wmp-samples, --omps: expected >= 1 (--list >= 0)");
        }
        return new SessionDesign(decoderPath, decoder, dataPath, data, s);
    }

    private List<Candidate> rank(List<Candidate> pool) {
        if (median == null) {
            return List.of();
        }
        List<Candidate> out = new ArrayList<>(pool);
        out.sort(Comparator.comparingDouble(this::distance));
        return out;
    }

    private double distance(Candidate c) {
        double s = 0;
        for (int k = 0; k < median.length; k++) {
            s += (c.loss()[k] - median[k]) * (c.loss()[k] - median[k]);
        }
        return Math.sqrt(s);
    }

    private Candidate candidate(Perturbation p, DMatrixRMaj mean) {
        KalmanVelocityDecoder dec = p.apply(intuitive);
        OpenLoopPrediction pred = OpenLoopPrediction.of(intuitive, dec, mean);
        DMatrixRMaj v = openLoop(dec, mean);
        int kk = targets.size();
        double[] angle = new double[kk];
        double[] ratio = new double[kk];
        boolean passes = true;
        for (int k = 0; k < kk; k++) {
            angle[k] = pred.angles()[k];
            ratio[k] = Math.hypot(v.get(k, 0), v.get(k, 1)) / meanSpeed;
            passes &= within(angle[k], ratio[k]);
        }
        if (!settings.everyTarget()) {
            // the looser screen: the mean angle and mean speed ratio over targets
            passes = within(Arrays.stream(angle).average().orElse(Double.NaN),
                    Arrays.stream(ratio).average().orElse(Double.NaN));
        }
        double pa = Arrays.stream(pred.principalAngles()).average().orElse(Double.NaN);
        return new Candidate(p, dec, v, angle, ratio, loss.losses(intuitive, dec, pred), pa, passes);
    }

    private boolean within(double angle, double ratio) {
        return angle >= settings.minAngle() && angle <= settings.maxAngle() && ratio >= settings.minSpeed()
                && ratio <= settings.maxSpeed();
    }

    /** Mean counts of each target's bins, K x q. */
    private DMatrixRMaj meanCounts() {
        int q = recording.units();
        DMatrixRMaj mean = new DMatrixRMaj(targets.size(), q);
        int[] bins = new int[targets.size()];
        for (Trial t : recording.trials()) {
            int k = targets.indexOf(t.target());
            for (int b = 0; b < t.bins(); b++) {
                for (int u = 0; u < q; u++) {
                    mean.add(k, u, t.count(b, u));
                }
            }
            bins[k] += t.bins();
        }
        for (int k = 0; k < targets.size(); k++) {
            for (int u = 0; u < q; u++) {
                mean.set(k, u, mean.get(k, u) / bins[k]);
            }
        }
        return mean;
    }

    private static DMatrixRMaj openLoop(KalmanVelocityDecoder d, DMatrixRMaj mean) {
        DMatrixRMaj v = new DMatrixRMaj(mean.numRows, 2);
        double[] u = new double[mean.numCols];
        double[] o = new double[2];
        for (int k = 0; k < mean.numRows; k++) {
            System.arraycopy(mean.data, k * mean.numCols, u, 0, u.length);
            d.rawVelocity(u, o);
            v.set(k, 0, o[0]);
            v.set(k, 1, o[1]);
        }
        return v;
    }

    /** All non-identity permutations of d factors up to d = 8, else distinct seeded samples. */
    private List<int[]> factorPermutations(int d, SplittableRandom rng) {
        if (d <= 8) {
            return Permutations.allButIdentity(d);
        }
        List<int[]> out = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        while (out.size() < settings.wmpSamples()) {
            int[] p = Permutations.random(d, rng);
            if (seen.add(Arrays.toString(p))) {
                out.add(p);
            }
        }
        return out;
    }

    List<Candidate> chosenWmps() {
        return rankedWmps.subList(0, Math.min(settings.choose(), rankedWmps.size()));
    }

    List<Candidate> chosenOmps() {
        return rankedOmps.subList(0, Math.min(settings.choose(), rankedOmps.size()));
    }

    /** Decoders written: chosen WMPs plus chosen OMPs. */
    public int chosenCount() {
        return chosenWmps().size() + chosenOmps().size();
    }

    public int wmpCandidates() {
        return wmps.size();
    }

    public int ompCandidates() {
        return omps.size();
    }

    public int wmpPassed() {
        return (int) wmps.stream().filter(Candidate::passes).count();
    }

    public int ompPassed() {
        return (int) omps.stream().filter(Candidate::passes).count();
    }

    public Map<String, Object> json() {
        Map<String, Object> j = new LinkedHashMap<>();
        j.put("decoder", decoderPath.toString());
        j.put("data", dataPath.toString());
        j.put("units", intuitive.units());
        j.put("factors", intuitive.features());
        j.put("criterion", settings.criterion());
        j.put("loss", settings.loss());
        j.put("screen", JsonFiles.object("angleDegrees", new double[] {settings.minAngle(), settings.maxAngle()},
                "speedRatio", new double[] {settings.minSpeed(), settings.maxSpeed()},
                "speedRelativeTo", "mean over targets of the intuitive open-loop speed", "everyTarget",
                settings.everyTarget()));
        j.put("seed", settings.seed());
        j.put("openLoop", "o_k = M2 mean_k(u) + m0 over target k's bins (science.md section 9)");
        List<Object> tj = new ArrayList<>();
        for (int k = 0; k < targets.size(); k++) {
            Target t = targets.get(k);
            tj.add(JsonFiles.object("target", t.hasPosition() ? new double[] {t.x(), t.y()} : null,
                    "condition", t.hasCondition() ? t.conditionId() : null,
                    "intuitiveVelocity", new double[] {intuitiveVelocity.get(k, 0), intuitiveVelocity.get(k, 1)}));
        }
        j.put("targets", tj);
        j.put("intuitiveMeanSpeed", meanSpeed);
        j.put("medianLoss", median);
        j.put("WMP", kindJson(wmps, rankedWmps, wmpPassed()));
        j.put("OMP", kindJson(omps, rankedOmps, ompPassed()));
        List<Object> chosen = new ArrayList<>();
        for (String kind : List.of("WMP", "OMP")) {
            List<Candidate> c = kind.equals("WMP") ? chosenWmps() : chosenOmps();
            for (int i = 0; i < c.size(); i++) {
                chosen.add(JsonFiles.object("kind", kind, "rank", i + 1, "file", fileName(kind, i),
                        "permutation", permutation(c.get(i).perturbation())));
            }
        }
        j.put("chosen", chosen);
        return j;
    }

    private Map<String, Object> kindJson(List<Candidate> all, List<Candidate> ranked, int passed) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("candidates", all.size());
        m.put("passed", settings.criterion().equals("sadtler") ? passed : null);
        m.put("ranked", ranked.size());
        m.put("mostTargetsPassing", bestTargetsPassing(all == wmps ? "WMP" : "OMP"));
        List<Object> list = new ArrayList<>();
        for (int i = 0; i < Math.min(settings.list(), ranked.size()); i++) {
            Candidate c = ranked.get(i);
            list.add(JsonFiles.object("rank", i + 1, "permutation", permutation(c.perturbation()),
                    "passesScreen", c.passes(), "angleDegrees", c.angle(), "speedRatio", c.speedRatio(),
                    "loss", c.loss(), "predictedLoss", Arrays.stream(c.loss()).average().orElse(Double.NaN),
                    "distanceToMedian", median == null ? null : distance(c),
                    "meanPrincipalAngleDegrees", c.meanPrincipalAngle()));
        }
        m.put("top", list);
        return m;
    }

    private static int[] permutation(Perturbation p) {
        return p instanceof WithinManifoldPerturbation w ? w.permutation()
                : ((OutsideManifoldPerturbation) p).permutation();
    }

    private static String fileName(String kind, int i) {
        return kind.toLowerCase(Locale.ROOT) + "-" + (i + 1) + ".decoder.json";
    }

    /** Predicted per-target velocities of the intuitive decoder and the chosen perturbations. */
    public JFreeChart figure() {
        List<String> names = new ArrayList<>(List.of("intuitive"));
        List<DMatrixRMaj> v = new ArrayList<>(List.of(intuitiveVelocity));
        for (Candidate c : chosenWmps()) {
            names.add(c.perturbation().describe());
            v.add(c.velocity());
        }
        for (Candidate c : chosenOmps()) {
            names.add(abbreviate(c.perturbation().describe()));
            v.add(c.velocity());
        }
        return CalibrationFigures.velocities("Predicted open-loop velocity per target", String.format(Locale.ROOT,
                "%s on %s; criterion %s", decoderPath.getFileName(), dataPath.getFileName(), settings.criterion()),
                names, v);
    }

    private static String abbreviate(String s) {
        return s.length() <= 40 ? s : s.substring(0, 37) + "...";
    }

    /** Writes candidates.json, one decoder per chosen perturbation and the figure; returns the file names. */
    public List<String> write(Path out) throws IOException {
        JFreeChart fig = figure();
        List<String> files = new ArrayList<>();
        for (String kind : List.of("WMP", "OMP")) {
            List<Candidate> c = kind.equals("WMP") ? chosenWmps() : chosenOmps();
            for (int i = 0; i < c.size(); i++) {
                DecoderFile.of(c.get(i).decoder(), decoderFile.parameter("L"), decoderFile.parameter("Ph"), kind,
                        c.get(i).perturbation().describe() + " of " + decoderPath, decoderFile.source(),
                        decoderFile.binWidth()).write(out.resolve(fileName(kind, i)));
                files.add(fileName(kind, i));
            }
        }
        Map<String, Object> j = new LinkedHashMap<>();
        j.put("command", "perturbations");
        j.put("version", org.bcikit.experiments.api.BuildInfo.version());
        j.putAll(json());
        JsonFiles.write(out.resolve("candidates.json"), j);
        Figures.save(fig, out.resolve("predicted-velocities"));
        files.add(0, "candidates.json");
        files.add("predicted-velocities.png");
        files.add("predicted-velocities.svg");
        return files;
    }

    /** The most targets any candidate of {@code kind} passes (angle and speed), to say how close the screen came. */
    public int bestTargetsPassing(String kind) {
        int best = 0;
        for (Candidate c : kind.equals("WMP") ? wmps : omps) {
            int n = 0;
            for (int k = 0; k < c.angle().length; k++) {
                n += within(c.angle()[k], c.speedRatio()[k]) ? 1 : 0;
            }
            best = Math.max(best, n);
        }
        return best;
    }

    /** Number of targets. */
    public int targets() {
        return targets.size();
    }

    public String summaryLine(String kind) {
        List<Candidate> all = kind.equals("WMP") ? wmps : omps;
        List<Candidate> chosen = kind.equals("WMP") ? chosenWmps() : chosenOmps();
        String passed = settings.criterion().equals("sadtler")
                ? (kind.equals("WMP") ? wmpPassed() : ompPassed()) + " of " + all.size() + " pass the screen"
                : all.size() + " candidates";
        if (chosen.isEmpty()) {
            return passed + " (at best " + bestTargetsPassing(kind) + " of " + targets.size() + " targets); none chosen";
        }
        Candidate c = chosen.get(0);
        return String.format(Locale.ROOT, "%s; best %s: angle %.1f-%.1f deg, speed %.2f-%.2f x, predicted loss %.3f",
                passed, abbreviate(c.perturbation().describe()), min(c.angle()), max(c.angle()), min(c.speedRatio()),
                max(c.speedRatio()), Arrays.stream(c.loss()).average().orElse(Double.NaN));
    }

    private static double min(double[] x) {
        return Arrays.stream(x).min().orElse(Double.NaN);
    }

    private static double max(double[] x) {
        return Arrays.stream(x).max().orElse(Double.NaN);
    }
}
