package org.bcikit.experiments.api;


/**
 * A scalar across the seeds of one condition: mean and standard error of the mean over the runs
 * that reached it (NaN values are left out of {@code n}), and every run's value in seed order.
 *
 * @param n      number of finite values
 * @param mean   their mean (NaN when n = 0)
 * @param sem    standard error, sd / sqrt(n) with the n - 1 sd (NaN when {@code n < 2})
 * @param values each seed's value, NaN where the run did not reach it
 */
public record ScalarStats(int n, double mean, double sem, double[] values) {

    /** Scalar {@code name} across {@code runs} (NaN where a run did not record it). */
    public static ScalarStats over(java.util.List<RunRecord> runs, String name) {
        double[] v = new double[runs.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = runs.get(i).scalar(name);
        }
        return of(v);
    }

    /**
     * Puts the mean of each scalar in {@code names} across {@code runs} into {@code out} (mutated)
     * under its name, and its s.e.m. under {@code NAMESem}: the metrics most experiments report.
     */
    public static void putMeanAndSem(java.util.Map<String, Object> out, java.util.List<RunRecord> runs,
            Iterable<String> names) {
        for (String name : names) {
            ScalarStats s = over(runs, name);
            out.put(name, s.mean());
            out.put(name + "Sem", s.sem());
        }
    }

    /** Mean and s.e.m. of {@code values} (NaN values left out). */
    public static ScalarStats of(double[] values) {
        int n = 0;
        double sum = 0;
        for (double v : values) {
            if (Double.isFinite(v)) {
                n++;
                sum += v;
            }
        }
        double mean = n == 0 ? Double.NaN : sum / n;
        double ss = 0;
        for (double v : values) {
            if (Double.isFinite(v)) {
                ss += (v - mean) * (v - mean);
            }
        }
        double sem = n < 2 ? Double.NaN : Math.sqrt(ss / (n - 1) / n);
        return new ScalarStats(n, mean, sem, values.clone());
    }
}
