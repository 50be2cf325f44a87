package org.bcikit.decoders.rig;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.bcikit.data.InvalidInputException;
import org.bcikit.data.io.JsonFiles;
import org.bcikit.decoders.AffineDecoder;
import org.bcikit.decoders.LinearDynamicalDecoder;
import org.bcikit.decoders.MatrixChecks;
import org.bcikit.decoders.kalman.FactorReadout;
import org.bcikit.decoders.kalman.KalmanModel;
import org.bcikit.decoders.kalman.KalmanVelocityDecoder;
import org.ejml.data.DMatrixRMaj;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * {@code decoder.json}: a decoder as the whole rig parameter set of science.md §2 (Golub et al.
 * 2018, Nat Neurosci 21:607; Sadtler et al. 2014, Nature 512:423)
 * <pre>
 *   mu_u, Sigma_u, L, Ph, beta, Sigma_z, eta, A, Q, C, d, R, K, M1, M2, m0
 * </pre>
 * written by {@code bcikit calibrate}, {@code decoder rebuild} and {@code perturbations} and read
 * back by every command that takes {@code --decoder FILE}. A decoder estimated from closed-loop
 * data has only {@code M1, M2, m0}; the others are then left out and listed under {@code absent}.
 * An OMP also stores {@code unitPermutation} (slot {@code i} of the decoder reads unit
 * {@code perm[i]}; the model parameters stay in unit order); a WMP is its {@code eta}.
 *
 * <p>Matrices are arrays of rows, vectors flat arrays. Reading is strict: an unknown field, a
 * missing required one, a wrong shape or a non-finite number is an {@link InvalidInputException}
 * naming the file and the field; so are derived matrices ({@code beta, K, M1, M2, m0}) that do
 * not follow from the model parameters to a relative 1e-6, since a hand-edited file whose parts
 * disagree would otherwise decode with whichever part a command happens to use.
 */
public final class DecoderFile {

    /** The rig parameter set, in the order of science.md §2 (and of the file). */
    public static final List<String> PARAMETERS = List.of("mu_u", "Sigma_u", "L", "Ph", "beta", "Sigma_z", "eta",
            "A", "Q", "C", "d", "R", "K", "M1", "M2", "m0");
    /** Parameters stored as flat vectors. */
    private static final List<String> VECTORS = List.of("mu_u", "Ph", "d", "m0");
    private static final List<String> MODEL = List.of("mu_u", "Sigma_u", "L", "Ph", "Sigma_z", "eta", "A", "Q", "C",
            "d", "R", "K");
    private static final List<String> HEADER = List.of("format", "version", "kind", "description", "source",
            "binWidth", "units", "factors", "unitPermutation", "absent");
    private static final String FORMAT = "bcikit decoder";
    private static final double CONSISTENCY = 1e-6;

    private final String kind;
    private final String description;
    private final String source;
    private final double binWidth;
    private final int[] unitPermutation;
    private final Map<String, DMatrixRMaj> parameters;
    private final AffineDecoder decoder;

    private DecoderFile(String kind, String description, String source, double binWidth, int[] unitPermutation,
            Map<String, DMatrixRMaj> parameters, AffineDecoder decoder) {
        this.kind = kind;
        this.description = description;
        this.source = source == null ? "" : source;
        this.binWidth = binWidth;
        this.unitPermutation = unitPermutation;
        this.parameters = parameters;
        this.decoder = decoder;
    }

    /**
     * A full rig decoder: {@code decoder}'s readout and Kalman model with the FA loadings and
     * private variances it was calibrated from.
     *
     * @param kind        {@code intuitive}, {@code WMP} or {@code OMP}
     * @param description such as {@code WMP [1, 0, 2]}
     */
    public static DecoderFile of(KalmanVelocityDecoder decoder, DMatrixRMaj loadings, DMatrixRMaj privateVariances,
            String kind, String description, String source, double binWidth) {
        FactorReadout r = decoder.readout();
        KalmanModel m = decoder.model();
        Map<String, DMatrixRMaj> p = new LinkedHashMap<>();
        p.put("mu_u", r.muU());
        p.put("Sigma_u", r.sigmaU());
        p.put("L", MatrixChecks.shape("L", loadings, r.units(), r.features()).copy());
        p.put("Ph", MatrixChecks.vector("Ph", privateVariances, r.units()));
        p.put("beta", r.beta());
        p.put("Sigma_z", r.sigmaZ());
        p.put("eta", r.eta());
        p.put("A", m.A());
        p.put("Q", m.Q());
        p.put("C", m.C());
        p.put("d", m.d());
        p.put("R", m.R());
        p.put("K", decoder.K());
        p.put("M1", decoder.M1());
        p.put("M2", decoder.M2());
        p.put("m0", decoder.m0());
        int[] perm = r.unitPermutation();
        return new DecoderFile(kind, description, source, binWidth,
                org.bcikit.decoders.perturbation.Permutations.isIdentity(perm) ? null : perm, p, decoder.fresh());
    }

    /** A decoder known only by {@code M1, M2, m0} (for example estimated from closed-loop data). */
    public static DecoderFile affine(AffineDecoder decoder, String kind, String description, String source,
            double binWidth) {
        Map<String, DMatrixRMaj> p = new LinkedHashMap<>();
        p.put("M1", decoder.M1());
        p.put("M2", decoder.M2());
        p.put("m0", decoder.m0());
        return new DecoderFile(kind, description, source, binWidth, null, p,
                LinearDynamicalDecoder.of(p.get("M1"), p.get("M2"), p.get("m0")));
    }

    /** Reads and checks {@code file}; every problem names the file and the field. */
    public static DecoderFile read(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw InvalidInputException.in(file, "no such decoder file");
        }
        JsonNode root;
        try {
            root = JsonFiles.mapper().readTree(file.toFile());
        } catch (JsonProcessingException e) {
            throw InvalidInputException.in(file, "expected a decoder (JSON), found malformed JSON at line "
                    + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr());
        }
        try {
            return parse(root);
        } catch (InvalidInputException e) {
            throw e.inFile(file);
        }
    }

    private static DecoderFile parse(JsonNode root) {
        if (root == null || !root.isObject()) {
            throw new InvalidInputException("expected a JSON object (a decoder), found " + kindOf(root));
        }
        for (Iterator<String> it = root.fieldNames(); it.hasNext();) {
            String f = it.next();
            if (!HEADER.contains(f) && !PARAMETERS.contains(f)) {
                throw new InvalidInputException(f + ": unknown field; expected " + String.join(", ", HEADER) + " or "
                        + String.join(", ", PARAMETERS));
            }
        }
        JsonNode fmt = root.get("format");
        if (fmt == null || !FORMAT.equals(fmt.asText(null))) {
            throw new InvalidInputException("format: expected \"" + FORMAT + "\", found " + kindOf(fmt));
        }
        JsonNode version = root.get("version");
        if (version == null || !version.isInt() || version.asInt() != 1) {
            throw new InvalidInputException("version: expected 1, found " + kindOf(version));
        }
        String kind = text(root, "kind", true);
        String description = text(root, "description", false);
        String source = text(root, "source", false);
        JsonNode bw = root.get("binWidth");
        if (bw == null || !bw.isNumber() || !(bw.asDouble() > 0) || !Double.isFinite(bw.asDouble())) {
            throw new InvalidInputException("binWidth: expected seconds > 0, found " + kindOf(bw));
        }
        int q = positiveInt(root, "units", true);
        int d = positiveInt(root, "factors", false);
        Map<String, DMatrixRMaj> p = new LinkedHashMap<>();
        for (String name : PARAMETERS) {
            JsonNode n = root.get(name);
            if (n != null && !n.isNull()) {
                p.put(name, matrix(name, n));
            }
        }
        for (String name : List.of("M1", "M2", "m0")) {
            if (!p.containsKey(name)) {
                throw new InvalidInputException(name + ": expected the decoder's " + name + ", found none");
            }
        }
        shape(p, "M1", 2, 2);
        shape(p, "M2", 2, q);
        shape(p, "m0", 2, 1);
        boolean anyModel = MODEL.stream().anyMatch(p::containsKey);
        int[] perm = null;
        JsonNode permNode = root.get("unitPermutation");
        if (permNode != null && !permNode.isNull()) {
            perm = permutation(permNode, q);
        }
        AffineDecoder decoder;
        if (!anyModel) {
            if (p.containsKey("beta")) {
                throw new InvalidInputException("beta: given without the model parameters it follows from (L, Ph)");
            }
            decoder = LinearDynamicalDecoder.of(p.get("M1"), p.get("M2"), p.get("m0"));
        } else {
            for (String name : MODEL) {
                if (!p.containsKey(name)) {
                    throw new InvalidInputException(name + ": expected with the other model parameters (a decoder "
                            + "holds all of " + String.join(", ", MODEL) + ", or only M1, M2, m0)");
                }
            }
            if (d <= 0) {
                d = p.get("C").numRows;
            }
            shape(p, "mu_u", q, 1);
            shape(p, "Sigma_u", q, q);
            shape(p, "L", q, d);
            shape(p, "Ph", q, 1);
            shape(p, "Sigma_z", d, d);
            shape(p, "eta", d, d);
            shape(p, "A", 2, 2);
            shape(p, "Q", 2, 2);
            shape(p, "C", d, 2);
            shape(p, "d", d, 1);
            shape(p, "R", d, d);
            shape(p, "K", 2, d);
            FactorReadout readout = FactorReadout.fromLoadings(p.get("mu_u"), p.get("Sigma_u"), p.get("L"),
                    p.get("Ph"), p.get("Sigma_z"), p.get("eta"));
            if (perm != null) {
                readout = readout.withUnitPermutation(perm);
            }
            KalmanVelocityDecoder k = KalmanVelocityDecoder.withGain(readout,
                    new KalmanModel(p.get("A"), p.get("Q"), p.get("C"), p.get("d"), p.get("R")), p.get("K"));
            if (p.containsKey("beta")) {
                shape(p, "beta", d, q);
                consistent("beta", readout.beta(), p.get("beta"));
            }
            consistent("K", riccatiGain(k), p.get("K"));
            consistent("M1", k.M1(), p.get("M1"));
            consistent("M2", k.M2(), p.get("M2"));
            consistent("m0", k.m0(), p.get("m0"));
            decoder = k;
        }
        return new DecoderFile(kind, description, source, bw.asDouble(), perm, p, decoder);
    }

    /** The gain the stored K must be: the converged Riccati gain of the stored A, Q, C, R. */
    private static DMatrixRMaj riccatiGain(KalmanVelocityDecoder k) {
        return org.bcikit.decoders.kalman.SteadyStateKalman.solve(k.model()).gain();
    }

    /** Writes the file atomically. */
    public void write(Path file) throws IOException {
        JsonFiles.write(file, json());
    }

    /** The file's content, in its field order. */
    public Map<String, Object> json() {
        Map<String, Object> j = new LinkedHashMap<>();
        j.put("format", FORMAT);
        j.put("version", 1);
        j.put("kind", kind);
        j.put("description", description);
        j.put("source", source);
        j.put("binWidth", binWidth);
        j.put("units", units());
        j.put("factors", factors() > 0 ? factors() : null);
        if (unitPermutation != null) {
            j.put("unitPermutation", unitPermutation);
        }
        j.put("absent", absent());
        for (String name : PARAMETERS) {
            DMatrixRMaj m = parameters.get(name);
            if (m != null) {
                j.put(name, VECTORS.contains(name) ? m.data.clone() : rows(m));
            }
        }
        return j;
    }

    /** {@code intuitive}, {@code WMP}, {@code OMP}, {@code rebuilt}. */
    public String kind() {
        return kind;
    }

    public String description() {
        return description;
    }

    public String source() {
        return source;
    }

    /** Seconds per bin of the data the decoder was made for. */
    public double binWidth() {
        return binWidth;
    }

    /** Number of units q the decoder reads. */
    public int units() {
        return parameters.get("M2").numCols;
    }

    /** Number of factors d, or 0 when the file has no factor model. */
    public int factors() {
        DMatrixRMaj c = parameters.get("C");
        return c == null ? 0 : c.numRows;
    }

    /** The parameters of science.md §2 this file does not hold. */
    public List<String> absent() {
        List<String> out = new ArrayList<>();
        for (String name : PARAMETERS) {
            if (!parameters.containsKey(name)) {
                out.add(name);
            }
        }
        return out;
    }

    /** A copy of parameter {@code name}, or null when absent. */
    public DMatrixRMaj parameter(String name) {
        DMatrixRMaj m = parameters.get(name);
        return m == null ? null : m.copy();
    }

    /** True when the file holds the whole factor model and Kalman filter (so it can be perturbed). */
    public boolean hasFactorModel() {
        return decoder instanceof KalmanVelocityDecoder;
    }

    /** The decoder, with zero state. */
    public AffineDecoder decoder() {
        if (decoder instanceof KalmanVelocityDecoder k) {
            return k.fresh();
        }
        return LinearDynamicalDecoder.of(decoder.M1(), decoder.M2(), decoder.m0());
    }

    /**
     * The Kalman decoder, for commands that change its factor model (perturbations).
     *
     * @throws InvalidInputException naming {@code file} when the file holds only M1, M2, m0
     */
    public KalmanVelocityDecoder kalmanDecoder(Path file) {
        if (decoder instanceof KalmanVelocityDecoder k) {
            return k.fresh();
        }
        throw InvalidInputException.at(file, "L", "absent; expected the factor model (mu_u, Sigma_u, L, Ph, Sigma_z, "
                + "eta) and Kalman filter (A, Q, C, d, R, K) of a calibrated decoder, found only M1, M2, m0 "
                + "(a decoder from 'bcikit decoder rebuild' cannot be perturbed)");
    }

    /**
     * Checks that the decoder reads {@code units} units, the number in {@code dataFile}.
     *
     * @throws InvalidInputException naming {@code decoderFile}, the field and both counts
     */
    public void requireUnits(Path decoderFile, int units, Path dataFile) {
        if (units() != units) {
            throw InvalidInputException.at(decoderFile, "M2", "expected a decoder for the " + units + " units of "
                    + dataFile + ", found one for " + units() + " units (2 x " + units() + ")");
        }
    }

    private static double[][] rows(DMatrixRMaj m) {
        double[][] out = new double[m.numRows][];
        for (int i = 0; i < m.numRows; i++) {
            out[i] = Arrays.copyOfRange(m.data, i * m.numCols, (i + 1) * m.numCols);
        }
        return out;
    }

    private static DMatrixRMaj matrix(String name, JsonNode n) {
        if (!n.isArray()) {
            throw new InvalidInputException(name + ": expected an array of numbers"
                    + (VECTORS.contains(name) ? "" : " or of rows") + ", found " + kindOf(n));
        }
        if (VECTORS.contains(name)) {
            DMatrixRMaj v = new DMatrixRMaj(n.size(), 1);
            for (int i = 0; i < n.size(); i++) {
                v.data[i] = number(name + "[" + i + "]", n.get(i));
            }
            return v;
        }
        int rows = n.size();
        int cols = rows == 0 ? 0 : (n.get(0).isArray() ? n.get(0).size() : -1);
        if (cols < 0) {
            throw new InvalidInputException(name + ": expected an array of rows (a matrix), found an array of "
                    + kindOf(n.get(0)));
        }
        DMatrixRMaj m = new DMatrixRMaj(rows, cols);
        for (int i = 0; i < rows; i++) {
            JsonNode row = n.get(i);
            if (!row.isArray() || row.size() != cols) {
                throw new InvalidInputException(name + "[" + i + "]: expected a row of " + cols + " numbers like row 0, "
                        + "found " + (row.isArray() ? row.size() + " entries" : kindOf(row)));
            }
            for (int j = 0; j < cols; j++) {
                m.unsafe_set(i, j, number(name + "[" + i + "][" + j + "]", row.get(j)));
            }
        }
        return m;
    }

    private static double number(String where, JsonNode n) {
        if (n == null || !n.isNumber() || !Double.isFinite(n.asDouble())) {
            throw new InvalidInputException(where + ": expected a finite number, found " + kindOf(n));
        }
        return n.asDouble();
    }

    private static void shape(Map<String, DMatrixRMaj> p, String name, int rows, int cols) {
        DMatrixRMaj m = p.get(name);
        boolean vector = VECTORS.contains(name);
        if (m.numRows != rows || m.numCols != cols) {
            throw new InvalidInputException(name + ": expected " + (vector ? rows + " numbers" : rows + " x " + cols)
                    + ", found " + (vector ? m.numRows + " numbers" : m.numRows + " x " + m.numCols));
        }
    }

    private static void consistent(String name, DMatrixRMaj recomputed, DMatrixRMaj stored) {
        double err = MatrixChecks.maxAbsDiff(recomputed, stored);
        double scale = Math.max(MatrixChecks.maxAbs(stored), Double.MIN_NORMAL);
        if (!(err <= CONSISTENCY * scale)) {
            throw new InvalidInputException(name + ": does not follow from the model parameters (max difference "
                    + String.format(java.util.Locale.ROOT, "%.3g", err) + ", relative "
                    + String.format(java.util.Locale.ROOT, "%.3g", err / scale) + " > " + CONSISTENCY
                    + "); expected the stored " + name + " to match the one recomputed from them");
        }
    }

    private static int[] permutation(JsonNode n, int q) {
        if (!n.isArray()) {
            throw new InvalidInputException("unitPermutation: expected an array of " + q + " unit indices, found "
                    + kindOf(n));
        }
        int[] p = new int[n.size()];
        for (int i = 0; i < p.length; i++) {
            if (!n.get(i).isInt()) {
                throw new InvalidInputException("unitPermutation[" + i + "]: expected an integer, found "
                        + kindOf(n.get(i)));
            }
            p[i] = n.get(i).asInt();
        }
        return MatrixChecks.permutation("unitPermutation", p, q);
    }

    private static String text(JsonNode root, String field, boolean required) {
        JsonNode n = root.get(field);
        if (n == null || n.isNull()) {
            if (required) {
                throw new InvalidInputException(field + ": expected a string, found none");
            }
            return "";
        }
        if (!n.isTextual()) {
            throw new InvalidInputException(field + ": expected a string, found " + kindOf(n));
        }
        return n.asText();
    }

    private static int positiveInt(JsonNode root, String field, boolean required) {
        JsonNode n = root.get(field);
        if (n == null || n.isNull()) {
            if (required) {
                throw new InvalidInputException(field + ": expected an integer > 0, found none");
            }
            return 0;
        }
        if (!n.isInt() || n.asInt() <= 0) {
            throw new InvalidInputException(field + ": expected an integer > 0, found " + kindOf(n));
        }
        return n.asInt();
    }

    private static String kindOf(JsonNode n) {
        if (n == null || n.isMissingNode()) {
            return "none";
        }
        if (n.isTextual()) {
            return "\"" + n.asText() + "\"";
        }
        if (n.isArray()) {
            return "an array";
        }
        if (n.isObject()) {
            return "an object";
        }
        return n.toString();
    }
}
