package org.bcikit.rnn.fit;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import org.bcikit.data.mat.RigMapping;
import org.bcikit.data.mat.RigSession;
import org.bcikit.data.random.GaussianFill;
import org.bcikit.decoders.hypotheses.Clouds;
import org.bcikit.decoders.hypotheses.ReadoutGeometry;
import org.bcikit.decoders.hypotheses.Signatures;
import org.bcikit.manifold.moments.Covariance;
import org.bcikit.manifold.moments.SymmetricEigen;
import org.bcikit.rnn.analysis.EigenvalueSpectrum;
import org.bcikit.rnn.dale.ColEiWeights;
import org.bcikit.rnn.learning.ExponentiatedGradient;
import org.bcikit.rnn.learning.GradientDescent;
import org.bcikit.rnn.model.Optimizer;
import org.bcikit.rnn.model.StaticActivity;
import org.bcikit.rnn.model.StaticGaussianNetwork;
import org.bcikit.rnn.model.StaticTask;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.NormOps_DDRM;

/**
 * A learner fitted to a real session that predicts its after-learning activity. The static
 * linear-Gaussian network of Payeur, Orsborn and Lajoie 2023 (science.md section 5.1), one unit
 * per recorded unit, is fitted by {@link MomentMatching} to the session's before-learning
 * activity (z-scored counts: per-target means and the mean per-target covariance), from a lazy
 * ({@code W ~ N(0, 1)/q^0.55}) or rich ({@code N(0, 1)/q}) start. It then adapts by exact
 * gradient descent on W alone (as Payeur et al.) to the session's own perturbed decoder: the
 * readout is the rig's {@code v = M2_p u + m0_p} on the network's counts, and the target of each
 * condition the velocity the monkey produced there before learning under the intuitive decoder.
 * Adaptation stops when the network's mean progress under the perturbed decoder reaches the
 * recorded after-learning progress (the monkey's own amount of learning), or after a maximum
 * number of steps. The static model stays defined while {@code I - W} is invertible, so a spectral
 * radius at or above 1 (which Payeur et al. count as unstable) is reported, not a stop. Its after-learning Gaussians, mapped into orthonormalised factor space
 * ({@code z = D V^T beta u_z}) and drawn, are scored with Golub et al. 2018's signatures.
 * Configuration in, {@link #fit} does the work, an immutable {@link SessionPrediction} out.
 */
public final class SessionLearner {

    /** Initial-weight exponents of Payeur et al. */
    public static final double LAZY_EXPONENT = 0.55;
    /** Rich regime: small initial weights. */
    public static final double RICH_EXPONENT = 1.0;

    private final double exponent;
    /** Moment matching to use; its noise variance is replaced by the data's unless {@link #fixedNoise}. */
    private final MomentMatching matching;
    private final boolean fixedNoise;
    private final double learningRate;
    private final int maxSteps;
    private final boolean stopAtRecordedProgress;
    private final int draws;
    private final boolean dale;
    private final boolean exponentiated;

    /** Inhibitory share of a Dale network's units (the last ones by index: recorded units carry no E/I label). */
    public static final double INHIBITORY_FRACTION = 0.2;

    private SessionLearner(double exponent, MomentMatching matching, boolean fixedNoise, double learningRate,
                           int maxSteps, boolean stopAtRecordedProgress, int draws) {
        this(exponent, matching, fixedNoise, learningRate, maxSteps, stopAtRecordedProgress, draws, false, false);
    }

    private SessionLearner(double exponent, MomentMatching matching, boolean fixedNoise, double learningRate,
                           int maxSteps, boolean stopAtRecordedProgress, int draws, boolean dale, boolean exponentiated) {
        this.dale = dale;
        this.exponentiated = exponentiated;
        this.exponent = exponent;
        this.matching = matching;
        this.fixedNoise = fixedNoise;
        this.learningRate = learningRate;
        this.maxSteps = maxSteps;
        this.stopAtRecordedProgress = stopAtRecordedProgress;
        this.draws = draws;
    }

    /** A learner with initial-weight exponent {@code e}; noise variance from the data; GD at 1e-3 for at most 2000 steps. */
    public static SessionLearner withExponent(double e) {
        return new SessionLearner(e, MomentMatching.ofNoiseVariance(1), false, 1e-3, 2000, true, 1);
    }

    /** A copy fitting with {@code m}, noise variance included (instead of the data's default). */
    public SessionLearner withMatching(MomentMatching m) {
        return new SessionLearner(exponent, m, true, learningRate, maxSteps, stopAtRecordedProgress, draws, dale, exponentiated);
    }

    /** A copy fitting by Adam at {@code lr} for at most {@code steps} steps, stopping below mean KL {@code tolerance}. */
    public SessionLearner withFit(double lr, int steps, double tolerance) {
        return new SessionLearner(exponent, matching.withLearningRate(lr).withMaxSteps(steps).withTolerance(tolerance),
                fixedNoise, learningRate, maxSteps, stopAtRecordedProgress, draws, dale, exponentiated);
    }

    /** A copy adapting at learning rate {@code lr} for at most {@code steps} steps. */
    public SessionLearner withAdaptation(double lr, int steps) {
        return new SessionLearner(exponent, matching, fixedNoise, lr, steps, stopAtRecordedProgress, draws, dale, exponentiated);
    }

    /** A copy that stops at the recorded progress ({@code true}) or always runs every step. */
    public SessionLearner stoppingAtRecordedProgress(boolean stop) {
        return new SessionLearner(exponent, matching, fixedNoise, learningRate, maxSteps, stop, draws, dale, exponentiated);
    }

    /**
     * A copy whose network obeys Dale's law: column E/I weights (ColEI, Song et al. 2016;
     * science.md section 5.4) with the last {@link #INHIBITORY_FRACTION} of units inhibitory,
     * initialised at Payeur's radius {@code q^(1/2 - e)}, fitted by exponentiated gradient (Adam
     * moments) on its magnitudes; {@code exponentiatedAdaptation} adapts it by plain EG too (rate
     * {@code lr / rms(W+)} at the start), else by projected GD.
     */
    public SessionLearner withDaleNetwork(boolean exponentiatedAdaptation) {
        return new SessionLearner(exponent, matching, fixedNoise, learningRate, maxSteps, stopAtRecordedProgress, draws,
                true, exponentiatedAdaptation);
    }

    /** A copy drawing each predicted cloud {@code n} times (signatures averaged over draws). */
    public SessionLearner withDraws(int n) {
        return new SessionLearner(exponent, matching, fixedNoise, learningRate, maxSteps, stopAtRecordedProgress, n, dale, exponentiated);
    }

    /** Fits, adapts and predicts on {@code session}, drawing from {@code rng}. */
    public SessionPrediction fit(RigSession session, SplittableRandom rng) {
        RigMapping intuitive = session.intuitive();
        RigMapping perturbed = session.perturbed();
        int q = intuitive.units();
        List<RigSession.Cloud> clouds = session.before().clouds();
        int k = clouds.size();
        double[] mu = intuitive.muU().data;
        double[] scale = new double[q];
        for (int i = 0; i < q; i++) {
            scale[i] = intuitive.sigmaU().get(i, i);
        }
        // Recorded moments of z-scored counts.
        DMatrixRMaj means = new DMatrixRMaj(q, k);
        DMatrixRMaj shared = new DMatrixRMaj(q, q);
        DMatrixRMaj targets = new DMatrixRMaj(2, k);
        for (int c = 0; c < k; c++) {
            DMatrixRMaj z = zScored(clouds.get(c).spikes(), mu, scale);
            double[] m = Covariance.mean(z);
            for (int i = 0; i < q; i++) {
                means.set(i, c, m[i]);
            }
            CommonOps_DDRM.addEquals(shared, 1.0 / k, Covariance.of(z));
            double[] v = Covariance.mean(clouds.get(c).vrawIntuitive());
            targets.set(0, c, v[0]);
            targets.set(1, c, v[1]);
        }
        MomentMatching mm = fixedNoise ? matching : matching.withNoiseVariance(defaultNoiseVariance(shared));
        MomentFit fit;
        if (dale) {
            ColEiWeights w0 = ColEiWeights.initialise(q, INHIBITORY_FRACTION, Math.pow(q, 0.5 - exponent), rng);
            fit = mm.fit(means, shared, w0, ExponentiatedGradient.adam(mm.learningRate()));
        } else {
            DMatrixRMaj w0 = new DMatrixRMaj(q, q);
            double sd = Math.pow(q, -exponent);
            GaussianFill.fill(w0.data, sd, rng);
            fit = mm.fit(means, shared, w0);
        }
        double fittedRadius = EigenvalueSpectrum.of(fit.w()).spectralRadius();

        // The perturbed readout on z-scored counts: v = M2_p (mu + Sigma_u^-1 u_z) + m0_p, in units of the mean speed.
        DMatrixRMaj readout = new DMatrixRMaj(2, q);
        double[] offset = perturbed.m0().data.clone();
        for (int o = 0; o < 2; o++) {
            for (int i = 0; i < q; i++) {
                readout.set(o, i, perturbed.M2().get(o, i) / scale[i]);
                offset[o] += perturbed.M2().get(o, i) * mu[i];
            }
        }
        double speed = 0;
        for (int c = 0; c < k; c++) {
            speed += Math.hypot(targets.get(0, c), targets.get(1, c)) / k;
        }
        DMatrixRMaj shiftedTargets = new DMatrixRMaj(2, k);
        for (int c = 0; c < k; c++) {
            for (int o = 0; o < 2; o++) {
                shiftedTargets.set(o, c, (targets.get(o, c) - offset[o]) / speed);
            }
        }
        DMatrixRMaj scaledReadout = readout.copy();
        CommonOps_DDRM.scale(1.0 / speed, scaledReadout);
        StaticTask task = new StaticTask(CommonOps_DDRM.identity(k), shiftedTargets);
        StaticGaussianNetwork net = new StaticGaussianNetwork(task, fit.structure(), fit.u(), fit.b(),
                scaledReadout, fit.noiseVariance(), 0);

        ReadoutGeometry g = ReadoutGeometry.of(session);
        Clouds before = Clouds.recorded(session.before(), session.dt());
        Clouds after = Clouds.recorded(session.after(), session.dt());
        double[][] directions = new double[k][];
        for (int c = 0; c < k; c++) {
            directions[c] = after.meanDirection(c);
        }
        double recordedProgress = Signatures.of(before, after, g, 1, Double.NaN).meanPerturbedProgress();

        List<org.bcikit.rnn.model.Parameter> plastic = net.recurrent().parameters();
        Optimizer gd = exponentiated ? ExponentiatedGradient.plain(learningRate / rms(plastic.get(0).value()))
                : new GradientDescent(learningRate);
        List<Double> progress = new ArrayList<>();
        progress.add(meanProgress(net, readout, offset, directions));
        double startProgress = progress.get(0);
        int steps = 0;
        boolean reached = stopAtRecordedProgress && startProgress >= recordedProgress;
        while (steps < maxSteps && !reached) {
            net.backward();
            gd.step(plastic);
            net.recurrent().refresh();
            steps++;
            double p = meanProgress(net, readout, offset, directions);
            progress.add(p);
            reached = stopAtRecordedProgress && p >= recordedProgress;
        }
        double endRadius = EigenvalueSpectrum.of(net.recurrent().effective()).spectralRadius();
        DMatrixRMaj dw = net.recurrent().effective().copy();
        CommonOps_DDRM.subtractEquals(dw, fit.w());
        double weightChange = NormOps_DDRM.normF(dw) / NormOps_DDRM.normF(fit.w());

        // Predicted after-learning clouds in orthonormalised factor space.
        DMatrixRMaj toFactors = CommonOps_DDRM.mult(CommonOps_DDRM.multTransB(intuitive.D(), intuitive.V(), null),
                intuitive.beta(), null);
        StaticActivity act = net.activity();
        StaticActivity fitted = fittedActivity(fit, k);
        List<Signatures> afterDraws = new ArrayList<>();
        List<Signatures> beforeDraws = new ArrayList<>();
        List<double[]> predictedMeans = new ArrayList<>();
        for (int c = 0; c < k; c++) {
            predictedMeans.add(column(CommonOps_DDRM.mult(toFactors, act.means(), null), c));
        }
        for (int r = 0; r < draws; r++) {
            double lambda = session.hasLambda() ? session.lambda() : Double.NaN;
            afterDraws.add(Signatures.of(before, Clouds.predicted(draw(act, toFactors, after, rng), after, g), g,
                    lambda, targetDistance(session)));
            beforeDraws.add(Signatures.of(before, Clouds.predicted(draw(fitted, toFactors, after, rng), after, g), g,
                    lambda, targetDistance(session)));
        }
        double[] curve = progress.stream().mapToDouble(Double::doubleValue).toArray();
        return new SessionPrediction(fit, steps, reached, fittedRadius, endRadius, weightChange, startProgress,
                recordedProgress, curve, predictedMeans, beforeDraws, afterDraws);
    }

    /**
     * Twice the smallest eigenvalue of the recorded covariance S. The fit needs
     * {@code (I - W) S (I - W)^T = s2 I}; its symmetric solution {@code W = I - sqrt(s2) S^-1/2} has
     * eigenvalues {@code 1 - sqrt(s2 / lambda_i)}, inside the unit circle for every i exactly when
     * {@code s2 < 4 lambda_min}: at twice lambda_min the network has a stable solution, and the
     * directions of large recorded variance are its slow modes.
     */
    public static double defaultNoiseVariance(DMatrixRMaj shared) {
        double[] eig = SymmetricEigen.descending(shared).values();
        double min = eig[eig.length - 1];
        if (!(min > 0)) {
            throw new IllegalArgumentException("the recorded covariance is not positive definite (smallest eigenvalue "
                    + min + ")");
        }
        return 2 * min;
    }

    private static double rms(DMatrixRMaj w) {
        double s = 0;
        int n = 0;
        for (double v : w.data) {
            if (v != 0) {
                s += v * v;
                n++;
            }
        }
        return n == 0 ? 1 : Math.sqrt(s / n);
    }

    private static double targetDistance(RigSession s) {
        return org.bcikit.decoders.hypotheses.HypothesisAnalysis.targetDistanceOf(s.monkey());
    }

    /** The fitted network's own before-learning Gaussians (no adaptation), for checking the fit. */
    private static StaticActivity fittedActivity(MomentFit fit, int k) {
        int q = fit.w().numRows;
        DMatrixRMaj a = CommonOps_DDRM.identity(q);
        CommonOps_DDRM.subtractEquals(a, fit.w());
        CommonOps_DDRM.invert(a);
        DMatrixRMaj drive = fit.u().copy();
        for (int i = 0; i < q; i++) {
            for (int c = 0; c < k; c++) {
                drive.add(i, c, fit.b().data[i]);
            }
        }
        DMatrixRMaj sigma = CommonOps_DDRM.multTransB(a, a, null);
        CommonOps_DDRM.scale(fit.noiseVariance(), sigma);
        return StaticActivity.of(CommonOps_DDRM.mult(a, drive, null), sigma);
    }

    /** One draw of every cloud: as many patterns as the recorded after-learning cloud. */
    private static List<DMatrixRMaj> draw(StaticActivity act, DMatrixRMaj toFactors, Clouds after, SplittableRandom rng) {
        DMatrixRMaj zMeans = CommonOps_DDRM.mult(toFactors, act.means(), null);
        DMatrixRMaj zCov = CommonOps_DDRM.multTransB(CommonOps_DDRM.mult(toFactors, act.noiseCovariance(), null),
                toFactors, null);
        SymmetricEigen e = SymmetricEigen.descending(zCov);
        int d = zCov.numRows;
        DMatrixRMaj root = new DMatrixRMaj(d, d);
        for (int j = 0; j < d; j++) {
            double s = Math.sqrt(Math.max(0, e.values()[j]));
            for (int i = 0; i < d; i++) {
                root.set(i, j, e.vectors().get(i, j) * s);
            }
        }
        List<DMatrixRMaj> out = new ArrayList<>();
        double[] eps = new double[d];
        for (int c = 0; c < zMeans.numCols; c++) {
            int n = after.factors(c).numRows;
            DMatrixRMaj z = new DMatrixRMaj(n, d);
            for (int t = 0; t < n; t++) {
                GaussianFill.fill(eps, d, 1, rng);
                for (int i = 0; i < d; i++) {
                    double v = zMeans.get(i, c);
                    for (int j = 0; j < d; j++) {
                        v += root.get(i, j) * eps[j];
                    }
                    z.set(t, i, v);
                }
            }
            out.add(z);
        }
        return out;
    }

    /** Mean over targets of {@code d_k . (M2_p u + m0_p)} at the network's mean activity, mm/s. */
    private static double meanProgress(StaticGaussianNetwork net, DMatrixRMaj readout, double[] offset, double[][] dir) {
        DMatrixRMaj means = net.activity().means();
        double p = 0;
        for (int c = 0; c < dir.length; c++) {
            double vx = offset[0];
            double vy = offset[1];
            for (int i = 0; i < readout.numCols; i++) {
                vx += readout.get(0, i) * means.get(i, c);
                vy += readout.get(1, i) * means.get(i, c);
            }
            p += vx * dir[c][0] + vy * dir[c][1];
        }
        return p / dir.length;
    }

    private static DMatrixRMaj zScored(DMatrixRMaj spikes, double[] mu, double[] scale) {
        DMatrixRMaj z = spikes.copy();
        for (int t = 0; t < z.numRows; t++) {
            for (int i = 0; i < z.numCols; i++) {
                z.set(t, i, (z.get(t, i) - mu[i]) * scale[i]);
            }
        }
        return z;
    }

    private static double[] column(DMatrixRMaj m, int c) {
        double[] v = new double[m.numRows];
        for (int i = 0; i < v.length; i++) {
            v[i] = m.get(i, c);
        }
        return v;
    }
}
