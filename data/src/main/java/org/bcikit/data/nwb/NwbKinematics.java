package org.bcikit.data.nwb;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import io.jhdf.api.Dataset;
import io.jhdf.api.Group;
import io.jhdf.api.Node;

import org.ejml.data.DMatrixRMaj;

/**
 * A cursor or hand position series found in an NWB file, resampled to bins.
 *
 * <p>Where it is looked for: groups under {@code /processing} (the {@code behavior} module first)
 * and {@code /acquisition}, up to four levels deep, that hold a 2-D numeric {@code data} (samples
 * x at least 2 columns; the first two are x and y) and either {@code timestamps} or {@code starting_time} with a
 * {@code rate} attribute. A series qualifies when its path names a cursor, hand, finger or
 * position, or when it is a {@code SpatialSeries}, and is not another kind of series
 * (electrical, optical); a path naming "cursor" beats "hand"/"finger",
 * which beat the rest. Series whose path names a velocity are not positions and are passed over.
 *
 * <p>Resampling: the position of a bin is the linear interpolation of (x, y) at the bin's
 * centre; the velocity of a bin is the change of the interpolated position from the bin's start
 * to its end divided by the bin width (the mean velocity over the bin). Values are multiplied by
 * the series' {@code conversion} attribute (NWB's factor to SI units). Time stamps out of order
 * are sorted. If the series does not cover every trial (to within one bin) or holds non-finite
 * values, it is not used and the reason is reported; half-covered kinematics would be silently
 * wrong.
 */
final class NwbKinematics {

    private final String path;
    private final double[] time;
    private final double[] x;
    private final double[] y;

    private NwbKinematics(String path, double[] time, double[] x, double[] y) {
        this.path = path;
        this.time = time;
        this.x = x;
        this.y = y;
    }

    /** The best position series in the file, or null when there is none. */
    static NwbKinematics find(NwbFile f) {
        List<String> candidates = new ArrayList<>();
        Group processing = f.groupOrNull("/processing");
        if (processing != null) {
            for (String module : f.childNames(processing)) {
                if (module.toLowerCase(Locale.ROOT).startsWith("behavio")) {
                    collect(f, "/processing/" + module, 0, candidates);
                }
            }
            for (String module : f.childNames(processing)) {
                if (!module.toLowerCase(Locale.ROOT).startsWith("behavio")) {
                    collect(f, "/processing/" + module, 0, candidates);
                }
            }
        }
        collect(f, "/acquisition", 0, candidates);
        String best = null;
        int bestScore = 0;
        for (String c : candidates) {
            int s = score(f, c);
            if (s > bestScore) {
                best = c;
                bestScore = s;
            }
        }
        return best == null ? null : load(f, best);
    }

    private static void collect(NwbFile f, String path, int depth, List<String> out) {
        Node n = f.node(path);
        if (!(n instanceof Group) || depth > 4) {
            return;
        }
        Group g = (Group) n;
        List<String> children = f.childNames(g);
        if (children.contains("data") && (children.contains("timestamps") || children.contains("starting_time"))) {
            out.add(path);
            return;
        }
        for (String child : children) {
            collect(f, path + "/" + child, depth + 1, out);
        }
    }

    private static int score(NwbFile f, String path) {
        String p = path.toLowerCase(Locale.ROOT);
        if (p.contains("vel")) {
            return 0;
        }
        Node data = f.node(path + "/data");
        if (!(data instanceof Dataset) || !f.isNumeric((Dataset) data)) {
            return 0;
        }
        String type = f.attributeText(path, "neurodata_type");
        if (type != null && !type.equals("SpatialSeries") && !type.equals("TimeSeries")) {
            return 0; // electrical, optical, image series are never a cursor
        }
        int[] dims = f.guarded(path + "/data", ((Dataset) data)::getDimensions);
        if (dims.length != 2 || dims[1] < 2 || dims[0] < 2) {
            return 0;
        }
        if (p.contains("cursor")) {
            return 4;
        }
        if (p.contains("hand") || p.contains("finger")) {
            return 3;
        }
        if (p.contains("position")) {
            return 2;
        }
        return "SpatialSeries".equals(type) ? 1 : 0;
    }

    private static NwbKinematics load(NwbFile f, String path) {
        double[][] data = f.matrix(path + "/data");
        int n = data.length;
        double[] t;
        if (f.exists(path + "/timestamps")) {
            t = f.numbers(path + "/timestamps");
            if (t.length != n) {
                throw f.error(path + "/timestamps", "expected " + n + " time stamps (one per row of data), found "
                        + t.length);
            }
        } else {
            double t0 = f.scalar(path + "/starting_time");
            double rate = f.attributeNumber(path + "/starting_time", "rate");
            if (!(rate > 0) || !Double.isFinite(t0)) {
                throw f.error(path + "/starting_time", "expected a start time with a rate attribute > 0, found "
                        + t0 + " and rate " + rate);
            }
            t = new double[n];
            for (int i = 0; i < n; i++) {
                t[i] = t0 + i / rate;
            }
        }
        double conversion = f.attributeNumber(path + "/data", "conversion");
        double scale = Double.isFinite(conversion) && conversion != 0 ? conversion : 1.0;
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        java.util.Arrays.sort(order, (a, b) -> Double.compare(t[a], t[b]));
        double[] ts = new double[n];
        double[] xs = new double[n];
        double[] ys = new double[n];
        for (int k = 0; k < n; k++) {
            ts[k] = t[order[k]];
            xs[k] = scale * data[order[k]][0];
            ys[k] = scale * data[order[k]][1];
        }
        return new NwbKinematics(path, ts, xs, ys);
    }

    String path() {
        return path;
    }

    /**
     * Why these kinematics cannot serve windows [start, start + bins*width), or null when they can.
     */
    String unusableFor(double[] start, int[] bins, double width) {
        double t0 = time[0];
        double t1 = time[time.length - 1];
        for (int i = 0; i < start.length; i++) {
            double end = start[i] + bins[i] * width;
            if (start[i] < t0 - width || end > t1 + width) {
                return "covers " + t0 + " to " + t1 + " s, but a trial spans " + start[i] + " to " + end + " s";
            }
        }
        for (int k = 0; k < time.length; k++) {
            if (!Double.isFinite(time[k]) || !Double.isFinite(x[k]) || !Double.isFinite(y[k])) {
                return "sample " + k + " is not finite";
            }
        }
        return null;
    }

    /** Position (bin centres) and mean velocity per bin of one window, each bins x 2. */
    void resample(double start, double width, DMatrixRMaj position, DMatrixRMaj velocity) {
        for (int k = 0; k < position.numRows; k++) {
            double a = start + k * width;
            double b = start + (k + 1) * width;
            double c = 0.5 * (a + b);
            position.set(k, 0, at(x, c));
            position.set(k, 1, at(y, c));
            velocity.set(k, 0, (at(x, b) - at(x, a)) / width);
            velocity.set(k, 1, (at(y, b) - at(y, a)) / width);
        }
    }

    /** Linear interpolation of {@code v} at time {@code s}, held constant beyond the ends. */
    private double at(double[] v, double s) {
        int n = time.length;
        if (s <= time[0]) {
            return v[0];
        }
        if (s >= time[n - 1]) {
            return v[n - 1];
        }
        int lo = 0;
        int hi = n - 1;
        while (hi - lo > 1) {
            int mid = (lo + hi) >>> 1;
            if (time[mid] <= s) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        double dt = time[hi] - time[lo];
        return dt == 0 ? v[lo] : v[lo] + (v[hi] - v[lo]) * (s - time[lo]) / dt;
    }
}
