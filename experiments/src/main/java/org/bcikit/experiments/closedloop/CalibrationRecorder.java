package org.bcikit.experiments.closedloop;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import org.bcikit.decoders.Decoder;
import org.bcikit.decoders.task.Encoder;
import org.bcikit.decoders.task.TaskState;
import org.bcikit.decoders.task.TrialResult;
import org.bcikit.rnn.subject.RateRnnLearner;
import org.ejml.data.DMatrixRMaj;

/**
 * Records what a calibration needs while a {@link RateRnnLearner} performs the cursor task: per
 * trial, the counts of its recorded units (bins x q), its intended velocity (bins x 2, the
 * kinematics a rig takes as intended during calibration) and the target. Passes every call on to
 * the learner, so it learns (or not) exactly as it would unrecorded.
 */
final class CalibrationRecorder implements Encoder {

    private final RateRnnLearner learner;
    private final List<DMatrixRMaj> counts = new ArrayList<>();
    private final List<DMatrixRMaj> velocities = new ArrayList<>();
    private final List<Integer> targets = new ArrayList<>();
    private final List<double[]> trialCounts = new ArrayList<>();
    private final List<double[]> trialVelocities = new ArrayList<>();
    private int target;

    CalibrationRecorder(RateRnnLearner learner) {
        this.learner = learner;
    }

    @Override
    public int units() {
        return learner.units();
    }

    @Override
    public void reset(SplittableRandom random) {
        trialCounts.clear();
        trialVelocities.clear();
        learner.reset(random);
    }

    @Override
    public void encode(TaskState state, SplittableRandom random, double[] out) {
        learner.encode(state, random, out);
        double[] v = new double[2];
        learner.intention(state, v);
        trialCounts.add(out.clone());
        trialVelocities.add(v);
        target = state.targetIndex();
    }

    @Override
    public void decoderChanged(Decoder decoder) {
        learner.decoderChanged(decoder);
    }

    @Override
    public void trialEnded(TrialResult result) {
        int q = units();
        int bins = trialCounts.size();
        DMatrixRMaj c = new DMatrixRMaj(bins, q);
        DMatrixRMaj v = new DMatrixRMaj(bins, 2);
        for (int t = 0; t < bins; t++) {
            System.arraycopy(trialCounts.get(t), 0, c.data, t * q, q);
            v.set(t, 0, trialVelocities.get(t)[0]);
            v.set(t, 1, trialVelocities.get(t)[1]);
        }
        counts.add(c);
        velocities.add(v);
        targets.add(target);
        learner.trialEnded(result);
    }

    /** Counts per trial (bins x q). */
    List<DMatrixRMaj> counts() {
        return counts;
    }

    /** Intended velocities per trial (bins x 2). */
    List<DMatrixRMaj> velocities() {
        return velocities;
    }

    /** The target of each trial. */
    List<Integer> targets() {
        return targets;
    }

    /** The counts of the given columns (units) only, per trial. */
    List<DMatrixRMaj> counts(int[] columns) {
        List<DMatrixRMaj> out = new ArrayList<>();
        for (DMatrixRMaj c : counts) {
            DMatrixRMaj s = new DMatrixRMaj(c.numRows, columns.length);
            for (int t = 0; t < c.numRows; t++) {
                for (int j = 0; j < columns.length; j++) {
                    s.unsafe_set(t, j, c.unsafe_get(t, columns[j]));
                }
            }
            out.add(s);
        }
        return out;
    }

    /** Mean counts per target over every bin of its trials (K x q). */
    DMatrixRMaj meanCountsPerTarget(int targetCount) {
        int q = units();
        DMatrixRMaj m = new DMatrixRMaj(targetCount, q);
        int[] n = new int[targetCount];
        for (int i = 0; i < counts.size(); i++) {
            int k = targets.get(i);
            DMatrixRMaj c = counts.get(i);
            for (int t = 0; t < c.numRows; t++) {
                for (int j = 0; j < q; j++) {
                    m.add(k, j, c.unsafe_get(t, j));
                }
                n[k]++;
            }
        }
        for (int k = 0; k < targetCount; k++) {
            for (int j = 0; j < q; j++) {
                m.set(k, j, n[k] == 0 ? 0 : m.get(k, j) / n[k]);
            }
        }
        return m;
    }
}
