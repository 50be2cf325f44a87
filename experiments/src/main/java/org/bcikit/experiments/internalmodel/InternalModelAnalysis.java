package org.bcikit.experiments.internalmodel;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Consumer;

import org.bcikit.data.InvalidInputException;
import org.bcikit.data.Trial;
import org.bcikit.data.io.JsonFiles;
import org.bcikit.data.mat.CursorTrials;
import org.bcikit.decoders.internalmodel.AngularErrors;
import org.bcikit.decoders.internalmodel.InternalModel;
import org.bcikit.decoders.internalmodel.InternalModelEstimation;
import org.bcikit.decoders.internalmodel.Whisker;
import org.ejml.data.DMatrixRMaj;

/**
 * Internal model estimation on a closed-loop session as the codepack's examples do it (Golub, Yu
 * &amp; Chase 2015, eLife 4:e10015; {@link InternalModelEstimation}): optionally choose TAU over a
 * range by held-out likelihood, fit the internal model on all trials, and compare the angular
 * errors of the cursor and of the internal model, cross-validated over folds of trials (each
 * block holds at most one trial per target, trials drawn into blocks by a seeded shuffle, as the
 * codepack's generate_shuffled_blocks does) or on the training trials ({@code folds = 0}, as
 * example1.m).
 *
 * <p>Held-out likelihood: each fold's model keeps its A, B, b0, W_v and fits α and R alone to the
 * held-out trials ({@value InternalModelEstimation#DEFAULT_HELD_OUT_ITERATIONS} iterations); the
 * targets' log-likelihood is summed over folds, counting for every candidate TAU only steps from
 * 1 + max TAU so that all candidates are scored on the same steps (the codepack's T_START).
 */
public final class InternalModelAnalysis {

    /**
     * What to run. {@code tauMin == tauMax} fixes TAU; {@code folds} is the number of folds
     * ({@code -1}: one per block, {@code 0}: no cross-validation); {@code exampleTrial} is the
     * 1-based trial of the whisker figure ({@code 0}: the codepack's 98, or 1 when there are fewer);
     * errors and likelihoods count steps from {@code max(TAU, scoreFromTau) + 1} (0-based), so that
     * runs at different TAU can be scored on the same steps ({@code -1}: from the fitted TAU's first).
     */
    public record Settings(int tauMin, int tauMax, int maxIterations, int folds, long seed, int exampleTrial,
            int scoreFromTau) {

        /** A fixed TAU or a range, scored from each TAU's own first step (sweeps: from the range's last). */
        public Settings(int tauMin, int tauMax, int maxIterations, int folds, long seed, int exampleTrial) {
            this(tauMin, tauMax, maxIterations, folds, seed, exampleTrial, -1);
        }
    }

    /** One candidate TAU of a sweep. */
    public record Candidate(int tau, double heldOutLogLikelihood, double cursorError, double internalModelError) {
    }

    /** Cross-validated results at one TAU. */
    private record CrossValidation(List<InternalModel> models, AngularErrors errors, double heldOutLogLikelihood) {
    }

    private final CursorTrials session;
    private final Settings settings;
    private final List<int[]> folds;
    private final List<Candidate> candidates;
    private final int tau;
    private final InternalModel model;
    private final double fitSeconds;
    private final AngularErrors trainingErrors;
    /** Errors and likelihood at the chosen TAU: cross-validated, or on the training trials. */
    private final CrossValidation scored;
    private final int exampleTrial;

    private InternalModelAnalysis(CursorTrials session, Settings settings, Consumer<String> progress) {
        this.session = session;
        this.settings = settings;
        List<Trial> trials = session.trials();
        if (settings.tauMin() < 0 || settings.tauMin() > settings.tauMax()) {
            throw new InvalidInputException("--tau-range: expected 0 <= first <= last, got " + settings.tauMin() + ".."
                    + settings.tauMax());
        }
        checkTau(session, Math.max(settings.tauMax(), settings.scoreFromTau()));
        if (settings.maxIterations() < 0) {
            throw new InvalidInputException("--max-iterations: expected >= 0, got " + settings.maxIterations());
        }
        this.folds = settings.folds() == 0 ? List.of() : folds(trials, settings.folds(), settings.seed());
        InternalModelEstimation ime = new InternalModelEstimation(settings.tauMin())
                .withMaxIterations(settings.maxIterations());

        List<Candidate> list = new ArrayList<>();
        int best = settings.tauMin();
        if (settings.tauMin() < settings.tauMax()) {
            int firstStep = Math.max(settings.tauMax(), settings.scoreFromTau()) + 1;
            double bestLl = Double.NEGATIVE_INFINITY;
            for (int t = settings.tauMin(); t <= settings.tauMax(); t++) {
                progress.accept("TAU = " + t + ": " + (folds.isEmpty() ? "fitting all trials"
                        : "fitting " + folds.size() + " folds") + ", scored from step " + (firstStep + 1));
                CrossValidation cv = folds.isEmpty() ? inSample(ime.withTau(t), ime.withTau(t).fit(trials), trials,
                        firstStep) : crossValidate(ime.withTau(t), trials, firstStep);
                list.add(new Candidate(t, cv.heldOutLogLikelihood(), cv.errors().cursorMean(),
                        cv.errors().internalModelMean()));
                if (cv.heldOutLogLikelihood() > bestLl) {
                    bestLl = cv.heldOutLogLikelihood();
                    best = t;
                }
            }
        }
        this.candidates = Collections.unmodifiableList(list);
        this.tau = best;
        InternalModelEstimation chosen = ime.withTau(best);
        progress.accept("TAU = " + best + ": fitting all " + trials.size() + " trials (up to "
                + settings.maxIterations() + " iterations)");
        long t0 = System.nanoTime();
        this.model = chosen.fit(trials);
        this.fitSeconds = (System.nanoTime() - t0) / 1e9;
        this.trainingErrors = model.angularErrors(trials, acceptanceRadius());
        int firstStep = Math.max(best, settings.scoreFromTau()) + 1;
        if (folds.isEmpty()) {
            this.scored = inSample(chosen, model, trials, firstStep);
        } else {
            progress.accept("TAU = " + best + ": cross-validating over " + folds.size() + " folds");
            this.scored = crossValidate(chosen, trials, firstStep);
        }
        int ex = settings.exampleTrial() == 0 ? (trials.size() >= 98 ? 98 : 1) : settings.exampleTrial();
        if (ex < 1 || ex > trials.size()) {
            throw new InvalidInputException("--trial: expected a trial 1.." + trials.size() + ", got " + ex);
        }
        this.exampleTrial = ex - 1;
    }

    /** Reads {@code file} (the codepack's layout, {@link CursorTrials}) and runs the analysis. */
    public static InternalModelAnalysis of(Path file, Settings settings, Consumer<String> progress) throws IOException {
        CursorTrials session = CursorTrials.read(file);
        try {
            return new InternalModelAnalysis(session, settings, progress);
        } catch (InvalidInputException e) {
            throw e.inFile(file);
        }
    }

    /**
     * A TAU longer than the shortest trial allows is an error naming that trial's positions
     * (a whisker needs feedback from t − TAU − 1 and spikes up to t + 1).
     */
    static void checkTau(CursorTrials session, int tau) {
        List<Trial> trials = session.trials();
        int shortest = 0;
        for (int k = 1; k < trials.size(); k++) {
            if (trials.get(k).bins() < trials.get(shortest).bins()) {
                shortest = k;
            }
        }
        int bins = trials.get(shortest).bins();
        if (tau + 3 > bins) {
            throw InvalidInputException.at(session.file(), session.path("cursor_position", shortest),
                    "TAU = " + tau + " needs trials of at least " + (tau + 3) + " steps (TAU + 3), this one has " + bins
                            + "; the largest TAU these trials allow is " + (bins - 3));
        }
    }

    /**
     * Blocks of at most one trial per target (targets in the order of their first trial, each
     * target's trials shuffled by {@code seed}); {@code k} folds of blocks (block b in fold b mod k),
     * or one fold per block when {@code k < 0}. Trial indices are 0-based and sorted within a fold.
     */
    static List<int[]> folds(List<Trial> trials, int k, long seed) {
        Map<String, List<Integer>> byTarget = new LinkedHashMap<>();
        for (int i = 0; i < trials.size(); i++) {
            Trial t = trials.get(i);
            byTarget.computeIfAbsent(t.target().x() + "," + t.target().y(), key -> new ArrayList<>()).add(i);
        }
        Random rng = new Random(seed);
        int blocks = 0;
        for (List<Integer> l : byTarget.values()) {
            Collections.shuffle(l, rng);
            blocks = Math.max(blocks, l.size());
        }
        int n = k < 0 ? blocks : k;
        if (n < 2 || n > blocks) {
            throw new InvalidInputException("--folds: expected 2.." + blocks + " (blocks of at most one trial per target; "
                    + "0 for none), got " + k);
        }
        List<List<Integer>> out = new ArrayList<>();
        for (int f = 0; f < n; f++) {
            out.add(new ArrayList<>());
        }
        for (List<Integer> l : byTarget.values()) {
            for (int b = 0; b < l.size(); b++) {
                out.get(b % n).add(l.get(b));
            }
        }
        List<int[]> result = new ArrayList<>();
        for (List<Integer> f : out) {
            int[] a = f.stream().mapToInt(Integer::intValue).sorted().toArray();
            result.add(a);
        }
        return Collections.unmodifiableList(result);
    }

    private CrossValidation crossValidate(InternalModelEstimation ime, List<Trial> trials, int firstStep) {
        double[] cursor = new double[trials.size()];
        double[] internal = new double[trials.size()];
        double ll = 0;
        List<InternalModel> models = new ArrayList<>();
        InternalModelEstimation heldOut = ime.withMaxIterations(InternalModelEstimation.DEFAULT_HELD_OUT_ITERATIONS);
        boolean[] isTest = new boolean[trials.size()];
        for (int[] fold : folds) {
            Arrays.fill(isTest, false);
            List<Trial> test = new ArrayList<>();
            for (int i : fold) {
                isTest[i] = true;
                test.add(trials.get(i));
            }
            List<Trial> train = new ArrayList<>();
            for (int i = 0; i < trials.size(); i++) {
                if (!isTest[i]) {
                    train.add(trials.get(i));
                }
            }
            InternalModel m = ime.fit(train);
            models.add(m);
            AngularErrors e = m.angularErrors(test, acceptanceRadius(), firstStep);
            double[] c = e.cursor();
            double[] im = e.internalModel();
            for (int j = 0; j < fold.length; j++) {
                cursor[fold[j]] = c[j];
                internal[fold[j]] = im[j];
            }
            ll += heldOut.fitObservation(m, test).logLikelihood(test, firstStep);
        }
        return new CrossValidation(models, new AngularErrors(cursor, internal), ll);
    }

    /** The codepack's sweep without cross-validation: α refitted to the training trials, then scored. */
    private CrossValidation inSample(InternalModelEstimation ime, InternalModel m, List<Trial> trials, int firstStep) {
        InternalModelEstimation heldOut = ime.withMaxIterations(InternalModelEstimation.DEFAULT_HELD_OUT_ITERATIONS);
        double ll = heldOut.fitObservation(m, trials).logLikelihood(trials, firstStep);
        return new CrossValidation(List.of(m), m.angularErrors(trials, acceptanceRadius(), firstStep), ll);
    }

    public CursorTrials session() {
        return session;
    }

    /** Cursor radius + target radius: an aim that makes the circles overlap has error 0. */
    public double acceptanceRadius() {
        return session.cursorRadius() + session.targetRadius();
    }

    /** The TAU fitted (fixed, or chosen by held-out likelihood). */
    public int tau() {
        return tau;
    }

    /** The internal model fitted on all trials. */
    public InternalModel model() {
        return model;
    }

    public double fitSeconds() {
        return fitSeconds;
    }

    public boolean crossValidated() {
        return !folds.isEmpty();
    }

    /**
     * The headline errors: cross-validated when there are folds, else on the training trials,
     * counted from the scored first step.
     */
    public AngularErrors errors() {
        return scored.errors();
    }

    public AngularErrors trainingErrors() {
        return trainingErrors;
    }

    /**
     * The targets' log-likelihood at the chosen TAU with α refitted to the scored trials: held out
     * when cross-validating (summed over folds), else on the training trials.
     */
    public double scoredLogLikelihood() {
        return scored.heldOutLogLikelihood();
    }

    public List<Candidate> candidates() {
        return candidates;
    }

    public List<int[]> folds() {
        return folds;
    }

    /** 0-based index of the whisker figure's trial. */
    public int exampleTrial() {
        return exampleTrial;
    }

    /**
     * The example trial's whiskers, from the model that did not see it when cross-validating
     * (as example2.m plots them), else from the model fitted on all trials.
     */
    public List<Whisker> exampleWhiskers() {
        InternalModel m = model;
        if (crossValidated()) {
            for (int f = 0; f < folds.size(); f++) {
                if (Arrays.binarySearch(folds.get(f), exampleTrial) >= 0) {
                    m = scored.models().get(f);
                }
            }
        }
        return m.whiskers(session.trials().get(exampleTrial));
    }

    /** The results as written to {@code internal-model.json} (after {@code command} and {@code version}). */
    public Map<String, Object> json() {
        Map<String, Object> j = new LinkedHashMap<>();
        List<Trial> trials = session.trials();
        int bins = 0;
        for (Trial t : trials) {
            bins += t.bins();
        }
        j.put("file", session.file().toString());
        j.put("experimentId", session.experimentId());
        j.put("trials", trials.size());
        j.put("units", session.units());
        j.put("steps", bins);
        j.put("cursorRadius", session.cursorRadius());
        j.put("targetRadius", session.targetRadius());
        j.put("tau", tau);
        j.put("tauChosenBy", candidates.isEmpty() ? "fixed"
                : (folds.isEmpty() ? "training" : "held-out") + " log-likelihood over " + settings.tauMin() + ".."
                        + settings.tauMax());
        j.put("maxIterations", settings.maxIterations());
        j.put("iterations", model.iterations());
        j.put("converged", model.converged());
        j.put("logLikelihood", model.logLikelihood());
        j.put("likelihoodDecreases", model.likelihoodDecreases());
        j.put("largestLikelihoodDecrease", model.largestLikelihoodDecrease());
        j.put("whiskers", model.whiskerCount());
        j.put("fitSeconds", fitSeconds);
        j.put("angularError", errorsJson(errors(), crossValidated()));
        j.put("trainingAngularError", errorsJson(trainingErrors, false));
        Map<String, Object> cv = new LinkedHashMap<>();
        cv.put("folds", folds.size());
        cv.put("seed", settings.seed());
        cv.put("scoredFromStep", Math.max(tau, settings.scoreFromTau()) + 2);
        cv.put("logLikelihood", scoredLogLikelihood());
        List<int[]> oneBased = new ArrayList<>();
        for (int[] f : folds) {
            oneBased.add(Arrays.stream(f).map(i -> i + 1).toArray());
        }
        cv.put("foldTrials", oneBased);
        cv.put("crossValidated", crossValidated());
        j.put("scoring", cv);
        List<Map<String, Object>> sweep = new ArrayList<>();
        for (Candidate c : candidates) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("tau", c.tau());
            m.put("logLikelihood", c.heldOutLogLikelihood());
            m.put("cursorError", c.cursorError());
            m.put("internalModelError", c.internalModelError());
            sweep.add(m);
        }
        j.put("tauSweep", sweep);
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("A", rows(model.a()));
        p.put("B", rows(model.b()));
        p.put("b0", model.b0());
        p.put("Wv", model.wv());
        p.put("R", model.r());
        p.put("alpha", model.alphas());
        j.put("parameters", p);
        j.put("logLikelihoodTrace", model.logLikelihoods());
        j.put("exampleTrial", exampleTrial + 1);
        return j;
    }

    private static Map<String, Object> errorsJson(AngularErrors e, boolean crossValidated) {
        return JsonFiles.object("units", "degrees", "crossValidated", crossValidated, "trials", e.validTrials(),
                "cursor", JsonFiles.object("mean", e.cursorMean(), "sem", e.cursorSem(), "perTrial", e.cursor()),
                "internalModel", JsonFiles.object("mean", e.internalModelMean(), "sem", e.internalModelSem(),
                        "perTrial", e.internalModel()));
    }

    private static double[][] rows(DMatrixRMaj m) {
        double[][] r = new double[m.numRows][m.numCols];
        for (int i = 0; i < m.numRows; i++) {
            for (int k = 0; k < m.numCols; k++) {
                r[i][k] = m.get(i, k);
            }
        }
        return r;
    }
}
