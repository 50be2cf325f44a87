package org.bcikit.data.mat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.bcikit.data.InvalidInputException;
import org.bcikit.data.Recording;
import org.bcikit.data.Target;
import org.bcikit.data.Trial;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;

/**
 * A BCI learning session as the Batista/Yu/Chase rig stores it: the intuitive and the perturbed
 * decoder ({@link RigMapping}) and, before and after learning, one "cloud" of binned activity per
 * target. The layout is that of {@code exampleData.mat} from the codepack of Golub et al. 2018,
 * "Learning by neural reassociation", Nat Neurosci 21:607 (see its README in
 * {@code shared/data/golub2018/}):
 * <pre>
 *   expParams.{monkName, expDate, lambda (optional), intuitiveMapping, perturbedMapping}
 *   expParams.intuitiveMapping.{mu_u, Sigma_u, L, Ph, beta, Sigma_z, eta, U, D, V, A, Q, C, d, R,
 *                               K, M1, M2, m0, dt, TARGET_RADIUS, CURSOR_RADIUS}
 *   beforeLearning.clouds, afterLearning.clouds: angles (1 x K, degrees) and per target
 *       spikes (q x T), factorActivity (d x T), vraw_intuitive, vraw_perturbed,
 *       cursorToTargetDirection (2 x T), cursorProgress, intuitiveProgress, perturbedProgress (1 x T)
 * </pre>
 * The per-target fields may be 1 x K cell arrays in a 1 x 1 {@code clouds} struct (as in the
 * published file) or fields of a 1 x K struct array. Matrices are returned bins-first: a cloud's
 * {@link Cloud#spikes()} is T x q, the transpose of the file's q x T.
 */
public final class RigSession {

    private final Path file;
    private final RigMapping intuitive;
    private final RigMapping perturbed;
    private final Epoch before;
    private final Epoch after;
    private final double dt;
    private final double targetRadius;
    private final double cursorRadius;
    private final double lambda;
    private final String monkey;
    private final String date;

    private RigSession(MatFile mat) {
        this.file = mat.file();
        MatValue exp = mat.variable("expParams");
        MatValue im = exp.field("intuitiveMapping");
        this.intuitive = RigMapping.read(im);
        this.perturbed = RigMapping.read(exp.field("perturbedMapping"), intuitive.units(), intuitive.factors());
        this.dt = positive(im.field("dt"));
        this.targetRadius = im.field("TARGET_RADIUS").scalar();
        this.cursorRadius = im.field("CURSOR_RADIUS").scalar();
        this.lambda = exp.hasField("lambda") ? exp.field("lambda").scalar() : Double.NaN;
        this.monkey = exp.field("monkName").string();
        this.date = exp.field("expDate").string();
        this.before = Epoch.read("before", mat.path("beforeLearning.clouds"), intuitive);
        this.after = Epoch.read("after", mat.path("afterLearning.clouds"), intuitive);
    }

    /** Reads a rig session from a MATLAB file (v5/v7 or v7.3). */
    public static RigSession read(Path file) throws IOException {
        try (MatFile mat = MatFile.open(file)) {
            return from(mat);
        }
    }

    /** True when {@code mat} has the variables of the rig layout. */
    static boolean looksLike(MatFile mat) {
        return mat.has("expParams") && mat.has("beforeLearning") && mat.has("afterLearning");
    }

    static RigSession from(MatFile mat) {
        return new RigSession(mat);
    }

    private static double positive(MatValue v) {
        double x = v.scalar();
        if (!(x > 0) || !Double.isFinite(x)) {
            throw v.error("expected a bin width in seconds > 0, found " + x);
        }
        return x;
    }

    /** The file the session was read from. */
    public Path file() {
        return file;
    }

    /** The intuitive mapping, {@code expParams.intuitiveMapping}. */
    public RigMapping intuitive() {
        return intuitive;
    }

    /** The perturbed mapping, {@code expParams.perturbedMapping}. */
    public RigMapping perturbed() {
        return perturbed;
    }

    /** Activity early in the perturbation block, before learning. */
    public Epoch before() {
        return before;
    }

    /** Activity late in the perturbation block, after learning. */
    public Epoch after() {
        return after;
    }

    /** Bin width in seconds (the intuitive mapping's {@code dt}). */
    public double dt() {
        return dt;
    }

    /** {@code TARGET_RADIUS} as stored: the size of a target, in the rig's workspace units. */
    public double targetRadius() {
        return targetRadius;
    }

    /** {@code CURSOR_RADIUS} as stored, in the rig's workspace units. */
    public double cursorRadius() {
        return cursorRadius;
    }

    /** {@code expParams.lambda}, or NaN when the file has none. */
    public double lambda() {
        return lambda;
    }

    public boolean hasLambda() {
        return !Double.isNaN(lambda);
    }

    public String monkey() {
        return monkey;
    }

    /** The session date as stored, e.g. {@code 20120305}. */
    public String date() {
        return date;
    }

    /**
     * The counts as a {@link Recording}: one trial per target cloud, before-learning clouds
     * first; see {@link MatReader} for what each trial carries.
     */
    public Recording recording() {
        Recording.Builder b = Recording.builder().source(file.toString()).numberedUnits(intuitive.units())
                .binWidth(dt).metadata("format", "MATLAB rig session (Golub et al. 2018 layout)")
                .metadata("monkey", monkey).metadata("date", date).metadata("dt", Double.toString(dt))
                .metadata("targetRadius", Double.toString(targetRadius))
                .metadata("cursorRadius", Double.toString(cursorRadius));
        if (hasLambda()) {
            b.metadata("lambda", Double.toString(lambda));
        }
        for (Epoch e : List.of(before, after)) {
            List<Cloud> clouds = e.clouds();
            for (int k = 0; k < clouds.size(); k++) {
                Cloud c = clouds.get(k);
                double rad = Math.toRadians(c.angleDegrees());
                b.addTrial(Trial.builder().counts(c.spikes)
                        .target(Target.of(Math.cos(rad), Math.sin(rad), k))
                        .metadata("epoch", e.name()).metadata("angleDegrees", Double.toString(c.angleDegrees()))
                        .build());
            }
        }
        try {
            return b.build();
        } catch (InvalidInputException ex) {
            throw ex.inFile(file);
        }
    }

    /** The clouds of one epoch, in the order of the file's {@code angles}. */
    public static final class Epoch {
        private final String name;
        private final List<Cloud> clouds;

        private Epoch(String name, List<Cloud> clouds) {
            this.name = name;
            this.clouds = List.copyOf(clouds);
        }

        static Epoch read(String name, MatValue clouds, RigMapping mapping) {
            if (!clouds.isStruct()) {
                throw clouds.error("expected a struct of target clouds, found a " + clouds.describe());
            }
            boolean cellFields = clouds.numElements() == 1 && clouds.field("spikes").isCell();
            DMatrixRMaj angles;
            if (cellFields) {
                angles = clouds.field("angles").column(-1);
            } else {
                angles = new DMatrixRMaj(clouds.numElements(), 1);
                for (int k = 0; k < angles.numRows; k++) {
                    angles.data[k] = clouds.element(k).field("angles").scalar();
                }
            }
            List<Cloud> out = new ArrayList<>();
            for (int k = 0; k < angles.numRows; k++) {
                out.add(Cloud.read(clouds, cellFields, k, angles.data[k], mapping));
            }
            return new Epoch(name, out);
        }

        /** {@code before} or {@code after}. */
        public String name() {
            return name;
        }

        public List<Cloud> clouds() {
            return clouds;
        }
    }

    /** The bins recorded while the cursor headed for one target. All matrices are T x ..., copies. */
    public static final class Cloud {
        private final double angleDegrees;
        private final DMatrixRMaj spikes;
        private final DMatrixRMaj factorActivity;
        private final DMatrixRMaj vrawIntuitive;
        private final DMatrixRMaj vrawPerturbed;
        private final DMatrixRMaj cursorToTargetDirection;
        private final DMatrixRMaj cursorProgress;
        private final DMatrixRMaj intuitiveProgress;
        private final DMatrixRMaj perturbedProgress;

        private Cloud(double angleDegrees, DMatrixRMaj[] m) {
            this.angleDegrees = angleDegrees;
            this.spikes = m[0];
            this.factorActivity = m[1];
            this.vrawIntuitive = m[2];
            this.vrawPerturbed = m[3];
            this.cursorToTargetDirection = m[4];
            this.cursorProgress = m[5];
            this.intuitiveProgress = m[6];
            this.perturbedProgress = m[7];
        }

        static Cloud read(MatValue clouds, boolean cellFields, int k, double angle, RigMapping mapping) {
            MatValue spikes = part(clouds, cellFields, k, "spikes");
            int q = mapping.units();
            if (spikes.rows() != q) {
                throw spikes.error("expected " + q + " units x T bins, found " + spikes.describe());
            }
            int t = spikes.cols();
            int d = mapping.factors();
            DMatrixRMaj[] m = {
                transposed(spikes.matrix(q, t)),
                transposed(part(clouds, cellFields, k, "factorActivity").matrix(d, t)),
                transposed(part(clouds, cellFields, k, "vraw_intuitive").matrix(2, t)),
                transposed(part(clouds, cellFields, k, "vraw_perturbed").matrix(2, t)),
                transposed(part(clouds, cellFields, k, "cursorToTargetDirection").matrix(2, t)),
                part(clouds, cellFields, k, "cursorProgress").column(t),
                part(clouds, cellFields, k, "intuitiveProgress").column(t),
                part(clouds, cellFields, k, "perturbedProgress").column(t),
            };
            return new Cloud(angle, m);
        }

        private static MatValue part(MatValue clouds, boolean cellFields, int k, String name) {
            return cellFields ? clouds.field(name).element(k) : clouds.element(k).field(name);
        }

        private static DMatrixRMaj transposed(DMatrixRMaj m) {
            return CommonOps_DDRM.transpose(m, null);
        }

        /** Target direction in degrees (0 = +x, counter-clockwise). */
        public double angleDegrees() {
            return angleDegrees;
        }

        /** Number of bins T. */
        public int bins() {
            return spikes.numRows;
        }

        /** Spike counts u_t, T x q. */
        public DMatrixRMaj spikes() {
            return spikes.copy();
        }

        /** Orthonormalised factors z_orth = D V^T z_t, T x d. */
        public DMatrixRMaj factorActivity() {
            return factorActivity.copy();
        }

        /** Raw velocity M2 u_t + m0 of the intuitive mapping, T x 2. */
        public DMatrixRMaj vrawIntuitive() {
            return vrawIntuitive.copy();
        }

        /** Raw velocity M2 u_t + m0 of the perturbed mapping, T x 2. */
        public DMatrixRMaj vrawPerturbed() {
            return vrawPerturbed.copy();
        }

        /** Unit vector from cursor to target per bin, T x 2. */
        public DMatrixRMaj cursorToTargetDirection() {
            return cursorToTargetDirection.copy();
        }

        /** Progress of the actual cursor towards the target per bin, T x 1. */
        public DMatrixRMaj cursorProgress() {
            return cursorProgress.copy();
        }

        /** Progress the intuitive mapping would have made per bin, T x 1. */
        public DMatrixRMaj intuitiveProgress() {
            return intuitiveProgress.copy();
        }

        /** Progress the perturbed mapping would have made per bin, T x 1. */
        public DMatrixRMaj perturbedProgress() {
            return perturbedProgress.copy();
        }
    }
}
