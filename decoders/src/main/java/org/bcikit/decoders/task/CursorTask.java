package org.bcikit.decoders.task;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import org.bcikit.data.InvalidInputException;
import org.bcikit.data.Outcome;
import org.bcikit.data.random.Shuffle;
import org.bcikit.decoders.Decoder;

/**
 * The closed-loop centre-out BCI cursor task of Sadtler et al. 2014 (Nature 512:423): K targets
 * evenly spaced on a circle, the cursor starts at the centre each trial and integrates the
 * decoded velocity every bin ({@code p <- p + v dt}); a trial succeeds when the cursor overlaps
 * the target (distance &le; target radius + cursor radius) continuously for the hold time before
 * the timeout. Targets come in shuffled rounds of K.
 *
 * <p>Optional assist (Orsborn et al. 2014; Dangi et al. 2014): the applied velocity is
 * {@code (1 - a) v_dec + a v_ideal}, with {@code v_ideal} the decoded speed pointed at the target
 * (zero on the target). Adaptive decoders are shown every bin ({@link AdaptiveDecoder#observe}).
 *
 * <p>Each bin allocates nothing. Immutable configuration; {@link #runBlock} is deterministic
 * given the random source, and keeps paired runs paired: see there.
 */
public final class CursorTask {

    /**
     * Task geometry and timing.
     *
     * @param targets number of targets K
     * @param targetDistance radius of the target circle
     * @param targetRadius target radius
     * @param cursorRadius cursor radius
     * @param holdTime seconds the cursor must stay on the target
     * @param timeout seconds before a trial fails
     * @param dt bin width in seconds
     */
    public record Config(int targets, double targetDistance, double targetRadius, double cursorRadius,
            double holdTime, double timeout, double dt) {

        public Config {
            if (targets < 1) {
                throw new InvalidInputException("cursor task: targets: expected at least 1, got " + targets);
            }
            positive("targetDistance", targetDistance);
            positive("dt", dt);
            positive("timeout", timeout);
            nonNegative("targetRadius", targetRadius);
            nonNegative("cursorRadius", cursorRadius);
            nonNegative("holdTime", holdTime);
            if (!(targetRadius + cursorRadius > 0)) {
                throw new InvalidInputException("cursor task: targetRadius + cursorRadius must be > 0");
            }
        }

        /** 8 targets 125 mm from the centre, 20 mm target radius, no cursor radius (as stored in the
         *  golub2018 session), 100 ms hold, 7.5 s timeout, 45 ms bins. */
        public static Config defaults() {
            return new Config(8, 125, 20, 0, 0.1, 7.5, 0.045);
        }

        public Config withTimeout(double seconds) {
            return new Config(targets, targetDistance, targetRadius, cursorRadius, holdTime, seconds, dt);
        }

        public Config withHoldTime(double seconds) {
            return new Config(targets, targetDistance, targetRadius, cursorRadius, seconds, timeout, dt);
        }

        public Config withTargetRadius(double r) {
            return new Config(targets, targetDistance, r, cursorRadius, holdTime, timeout, dt);
        }

        private static void positive(String f, double v) {
            if (!(v > 0) || !Double.isFinite(v)) {
                throw new InvalidInputException("cursor task: " + f + ": expected a finite value > 0, got " + v);
            }
        }

        private static void nonNegative(String f, double v) {
            if (!(v >= 0) || !Double.isFinite(v)) {
                throw new InvalidInputException("cursor task: " + f + ": expected a finite value >= 0, got " + v);
            }
        }
    }

    /**
     * One block: its name, number of trials, whether an {@link AdaptiveDecoder} adapts during it,
     * and the assist level a in [0, 1].
     */
    public record Block(String name, int trials, boolean adapt, double assist) {

        public Block {
            if (trials < 1) {
                throw new InvalidInputException("block '" + name + "': expected at least 1 trial, got " + trials);
            }
            if (!(assist >= 0 && assist <= 1)) {
                throw new InvalidInputException("block '" + name + "': assist must be in [0, 1], got " + assist);
            }
        }

        /** A block without adaptation or assist. */
        public static Block of(String name, int trials) {
            return new Block(name, trials, false, 0);
        }
    }

    private final Config config;

    public CursorTask(Config config) {
        this.config = config;
    }

    public Config config() {
        return config;
    }

    /** Position of target {@code k}: angle {@code 2 pi k / K}, counter-clockwise from +x. */
    public double[] target(int k) {
        double a = 2 * Math.PI * k / config.targets();
        return new double[] {config.targetDistance() * Math.cos(a), config.targetDistance() * Math.sin(a)};
    }

    /**
     * Runs one block of trials of {@code encoder} driving the cursor through {@code decoder}.
     * The decoder's filter state is reset at the start of every trial; an adaptive decoder keeps
     * what it learned across trials and blocks.
     *
     * <p>The target order, each trial's encoder reset and each trial's per-bin draws come from
     * their own streams, split from {@code random} in a fixed order. Trial lengths depend on the
     * decoder; with one stream, two decoders run from the same seed (a WMP and an OMP session of
     * one paired seed) would see different noise from the second trial on. Here trial k's reset and
     * noise are the same whatever the decoder, and {@code random} advances by the same two splits
     * per block, so the blocks that follow stay paired too.
     *
     * @throws InvalidInputException when encoder and decoder disagree on the number of units
     */
    public BlockResult runBlock(Encoder encoder, Decoder decoder, Block block, SplittableRandom random) {
        if (encoder.units() != decoder.units()) {
            throw new InvalidInputException("cursor task: the encoder writes " + encoder.units()
                    + " units but the decoder reads " + decoder.units());
        }
        AdaptiveDecoder adaptive = decoder instanceof AdaptiveDecoder ? (AdaptiveDecoder) decoder : null;
        if (adaptive != null) {
            adaptive.setAdapting(block.adapt());
        }
        encoder.decoderChanged(adaptive != null ? adaptive.current() : decoder);
        double[] counts = new double[decoder.units()];
        double[] v = new double[2];
        TaskState s = new TaskState();
        s.dt = config.dt();
        s.acceptanceRadius = config.targetRadius() + config.cursorRadius();
        int maxBins = (int) Math.ceil(config.timeout() / config.dt() - 1e-9);
        int holdBins = (int) Math.ceil(config.holdTime() / config.dt() - 1e-9);
        int k = config.targets();
        int[] order = new int[k];
        SplittableRandom targetOrder = random.split();
        SplittableRandom trialStreams = random.split();
        List<TrialResult> results = new ArrayList<>(block.trials());
        for (int trial = 0; trial < block.trials(); trial++) {
            if (trial % k == 0) {
                Shuffle.permutation(order, targetOrder);
            }
            int target = order[trial % k];
            double[] tp = target(target);
            s.cursorX = 0;
            s.cursorY = 0;
            s.targetX = tp[0];
            s.targetY = tp[1];
            s.targetIndex = target;
            s.decodedVx = 0;
            s.decodedVy = 0;
            s.cursorVx = 0;
            s.cursorVy = 0;
            s.trial = trial;
            s.bin = 0;
            s.onTarget = s.distanceToTarget() <= s.acceptanceRadius;
            SplittableRandom reset = trialStreams.split();
            SplittableRandom noise = trialStreams.split();
            decoder.reset();
            encoder.reset(reset);
            boolean reached = false;
            int held = 0;
            int entryBin = -1;
            double angleSum = 0;
            double progressSum = 0;
            int moving = 0;
            Outcome outcome = Outcome.FAILURE;
            int bin = 0;
            for (; bin < maxBins; bin++) {
                s.bin = bin;
                encoder.encode(s, noise, counts);
                decoder.step(counts, v);
                if (adaptive != null && adaptive.observe(s, counts, v)) {
                    encoder.decoderChanged(adaptive.current());
                }
                double dx = s.targetX - s.cursorX;
                double dy = s.targetY - s.cursorY;
                double dist = Math.hypot(dx, dy);
                if (!reached && dist > 0) {
                    double speed = Math.hypot(v[0], v[1]);
                    double prog = (v[0] * dx + v[1] * dy) / dist;
                    progressSum += prog;
                    angleSum += speed > 0 ? Math.toDegrees(Math.acos(Math.max(-1, Math.min(1, prog / speed)))) : 90;
                    moving++;
                }
                double ax = v[0];
                double ay = v[1];
                if (block.assist() > 0) {
                    double a = block.assist();
                    double speed = Math.hypot(v[0], v[1]);
                    double ix = s.onTarget || dist == 0 ? 0 : speed * dx / dist;
                    double iy = s.onTarget || dist == 0 ? 0 : speed * dy / dist;
                    ax = (1 - a) * v[0] + a * ix;
                    ay = (1 - a) * v[1] + a * iy;
                }
                s.cursorX += ax * config.dt();
                s.cursorY += ay * config.dt();
                s.decodedVx = v[0];
                s.decodedVy = v[1];
                s.cursorVx = ax;
                s.cursorVy = ay;
                s.onTarget = s.distanceToTarget() <= s.acceptanceRadius;
                if (s.onTarget) {
                    reached = true;
                    if (held == 0) {
                        entryBin = bin;
                    }
                    held++;
                    if (held > holdBins || (holdBins == 0)) {
                        outcome = Outcome.SUCCESS;
                        bin++;
                        break;
                    }
                } else {
                    held = 0;
                }
            }
            double acq = outcome == Outcome.SUCCESS ? (entryBin + 1) * config.dt() : Double.NaN;
            TrialResult r = new TrialResult(trial, target, outcome, acq, bin,
                    moving > 0 ? angleSum / moving : Double.NaN, moving > 0 ? progressSum / moving : Double.NaN);
            results.add(r);
            encoder.trialEnded(r);
        }
        return new BlockResult(block.name(), results, config.timeout());
    }
}
