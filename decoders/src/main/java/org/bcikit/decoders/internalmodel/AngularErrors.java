package org.bcikit.decoders.internalmodel;

/**
 * Per-trial mean absolute aiming errors in degrees, of the cursor and of an internal model
 * (Golub, Yu &amp; Chase 2015, Fig. 3C; science.md §7), with their means and s.e.m. over trials.
 * A trial without an evaluated step (or with a step of zero length, whose direction is undefined)
 * is NaN and left out of the summaries, as the codepack's nanmean does. s.e.m. = sd / sqrt(n) with
 * the n − 1 sd (bcikit's convention; the codepack's plot divides the sd by n, which is smaller by
 * a factor sqrt((n − 1) / n)).
 */
public final class AngularErrors {

    private final double[] cursor;
    private final double[] model;

    /** Per-trial errors of the cursor and of the internal model, in the same trial order. */
    public AngularErrors(double[] cursor, double[] model) {
        if (cursor.length != model.length) {
            throw new IllegalArgumentException("cursor and model errors for different trial counts: " + cursor.length
                    + " vs " + model.length);
        }
        this.cursor = cursor.clone();
        this.model = model.clone();
    }

    /**
     * The signed error (degrees) of a ray from {@code (x0, x1)} along {@code (y0, y1)} aimed at a
     * circle of {@code radius} about {@code (g0, g1)}: θ is the signed angle from g − x to y,
     * φ = asin(radius / |g − x|) (180° inside the circle); 0 when |θ| &lt; |φ|, else θ − φ·sign θ.
     */
    public static double degrees(double x0, double x1, double y0, double y1, double g0, double g1, double radius) {
        double v0 = g0 - x0;
        double v1 = g1 - x1;
        double toTarget = Math.hypot(v0, v1);
        double cos = (v0 * y0 + v1 * y1) / (toTarget * Math.hypot(y0, y1));
        // rounding can push a collinear aim just past +-1
        double theta = Math.toDegrees(Math.acos(Math.max(-1, Math.min(1, cos))));
        if (v0 * y1 - v1 * y0 < 0) {
            theta = -theta;
        }
        double phi = toTarget < radius ? 180 : Math.toDegrees(Math.asin(radius / toTarget));
        if (Math.abs(theta) < phi) {
            return 0;
        }
        return theta - Math.signum(theta) * phi;
    }

    public int trials() {
        return cursor.length;
    }

    /** Per-trial mean absolute error of the cursor. */
    public double[] cursor() {
        return cursor.clone();
    }

    /** Per-trial mean absolute error of the internal model. */
    public double[] internalModel() {
        return model.clone();
    }

    public double cursorMean() {
        return mean(cursor);
    }

    public double cursorSem() {
        return sem(cursor);
    }

    public double internalModelMean() {
        return mean(model);
    }

    public double internalModelSem() {
        return sem(model);
    }

    /** Trials with a finite error of both kinds. */
    public int validTrials() {
        int n = 0;
        for (int k = 0; k < cursor.length; k++) {
            if (Double.isFinite(cursor[k]) && Double.isFinite(model[k])) {
                n++;
            }
        }
        return n;
    }

    private static double mean(double[] x) {
        double s = 0;
        int n = 0;
        for (double v : x) {
            if (!Double.isNaN(v)) {
                s += v;
                n++;
            }
        }
        return s / n;
    }

    private static double sem(double[] x) {
        double m = mean(x);
        double ss = 0;
        int n = 0;
        for (double v : x) {
            if (!Double.isNaN(v)) {
                ss += (v - m) * (v - m);
                n++;
            }
        }
        return n < 2 ? Double.NaN : Math.sqrt(ss / (n - 1)) / Math.sqrt(n);
    }
}
