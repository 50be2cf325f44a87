package org.bcikit.experiments.api;

import java.util.List;


/**
 * A curve across the seeds of one condition, point by point: at each x the mean and standard error
 * over the runs that have a finite value there. Runs may stop early (an unstable network), so
 * {@code n} can fall along the curve; x comes from the longest run.
 */
public record CurveStats(double[] x, double[] mean, double[] sem, int[] n) {

    public static CurveStats of(List<Curve> curves) {
        int len = 0;
        double[] x = new double[0];
        for (Curve c : curves) {
            if (c.size() > len) {
                len = c.size();
                x = c.x();
            }
        }
        double[] mean = new double[len];
        double[] sem = new double[len];
        int[] n = new int[len];
        double[] column = new double[curves.size()];
        for (int i = 0; i < len; i++) {
            for (int r = 0; r < curves.size(); r++) {
                Curve c = curves.get(r);
                column[r] = i < c.size() ? c.y()[i] : Double.NaN;
            }
            ScalarStats s = ScalarStats.of(column);
            mean[i] = s.mean();
            sem[i] = s.sem();
            n[i] = s.n();
        }
        return new CurveStats(x, mean, sem, n);
    }

    /** The index of the point nearest {@code at} in x. */
    public int indexOf(double at) {
        int best = 0;
        for (int i = 1; i < x.length; i++) {
            if (Math.abs(x[i] - at) < Math.abs(x[best] - at)) {
                best = i;
            }
        }
        return best;
    }
}
