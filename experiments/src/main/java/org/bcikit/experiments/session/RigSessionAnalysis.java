package org.bcikit.experiments.session;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.bcikit.data.InvalidInputException;
import org.bcikit.data.io.JsonFiles;
import org.bcikit.data.mat.RigSession;
import org.bcikit.decoders.rig.RigDecoders;
import org.bcikit.decoders.rig.RigProgress;
import org.bcikit.decoders.rig.RigReproduction;

/**
 * The analysis of a real rig session that {@code bcikit session} and the {@code golub2018}
 * experiment share (Golub et al. 2018, "Learning by neural reassociation", Nat Neurosci 21:607):
 * rebuild both decoders from the stored parameters, check them against everything the rig stored,
 * and measure progress under each mapping before and after learning. An immutable value.
 */
public final class RigSessionAnalysis {

    /** Largest relative reproduction error accepted as "reproduced" (issue 4). */
    public static final double TOLERANCE = 1e-6;

    private final RigSession session;
    private final RigDecoders decoders;
    private final RigReproduction reproduction;
    private final List<RigProgress> progress;

    private RigSessionAnalysis(RigSession session) {
        this.session = session;
        this.decoders = RigDecoders.rebuild(session);
        this.reproduction = RigReproduction.of(session, decoders);
        this.progress = RigProgress.of(session, decoders);
    }

    /** Reads {@code file} (a rig-layout .mat) and analyses it. */
    public static RigSessionAnalysis of(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw InvalidInputException.in(file, "no such file; expected a rig session (.mat in the layout of "
                    + "the bundled example golub2018)");
        }
        return new RigSessionAnalysis(RigSession.read(file));
    }

    public RigSession session() {
        return session;
    }

    RigDecoders decoders() {
        return decoders;
    }

    public RigReproduction reproduction() {
        return reproduction;
    }

    public List<RigProgress> progress() {
        return progress;
    }

    /** Progress of {@code mapping} ({@code intuitive}/{@code perturbed}) in {@code epoch} ({@code before}/{@code after}). */
    public RigProgress progress(String mapping, String epoch) {
        for (RigProgress p : progress) {
            if (p.mapping().equals(mapping) && p.epoch().equals(epoch)) {
                return p;
            }
        }
        throw new IllegalArgumentException(mapping + "/" + epoch);
    }

    public boolean reproduced() {
        return reproduction.maxRelativeError() <= TOLERANCE;
    }

    /** The perturbation in words, such as {@code WMP [0, 3, 2, ...]}. */
    public String perturbation() {
        return decoders.wmp() != null ? decoders.wmp().describe()
                : "not a pure factor permutation of the intuitive mapping";
    }

    /** Largest relative error of {@code quantity} over mappings and epochs. */
    double maxRelativeError(String quantity) {
        double m = 0;
        for (RigReproduction.Check c : reproduction.checks()) {
            if (c.quantity().equals(quantity)) {
                m = Math.max(m, c.relativeError());
            }
        }
        return m;
    }

    /** The session's description: file, subject, sizes, perturbation. */
    public Map<String, Object> sessionJson() {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("file", session.file().toString());
        s.put("monkey", session.monkey());
        s.put("date", session.date());
        s.put("units", session.intuitive().units());
        s.put("factors", session.intuitive().factors());
        s.put("targets", session.before().clouds().size());
        s.put("binWidth", session.dt());
        s.put("perturbation", perturbation());
        s.put("riccatiIterations", JsonFiles.object("intuitive", decoders.intuitive().riccatiIterations(),
                "perturbed", decoders.perturbed().riccatiIterations()));
        return s;
    }

    /**
     * The reproduction errors: per mapping, per quantity (and per epoch for per-bin quantities),
     * the max absolute error, the stored magnitude and their ratio.
     */
    public Map<String, Object> reproductionJson() {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("tolerance", TOLERANCE);
        r.put("maxRelativeError", reproduction.maxRelativeError());
        r.put("worst", reproduction.worst().describe());
        r.put("withinTolerance", reproduced());
        r.put("note", "relativeError = maxAbsError / storedMaxAbs; decoders rebuilt from mu_u, Sigma_u, L, Ph, "
                + "Sigma_z, eta, A, Q, C, d, R (beta and the Riccati gain K recomputed); vraw = M2 u + m0 for every "
                + "bin; progress compared with the stored per-bin progress (dt * vraw . cursorToTargetDirection)");
        for (RigReproduction.Check c : reproduction.checks()) {
            @SuppressWarnings("unchecked")
            Map<String, Object> mapping = (Map<String, Object>) r.computeIfAbsent(c.mapping(), k -> new LinkedHashMap<>());
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("maxAbsError", c.maxAbsError());
            e.put("storedMaxAbs", c.storedMax());
            e.put("relativeError", c.relativeError());
            if (c.epoch() == null) {
                mapping.put(c.quantity(), e);
            } else {
                @SuppressWarnings("unchecked")
                Map<String, Object> q = (Map<String, Object>) mapping.computeIfAbsent(c.quantity(),
                        k -> new LinkedHashMap<>());
                q.put(c.epoch(), e);
            }
        }
        return r;
    }

    /** Progress under each mapping before and after learning: overall mean and per target. */
    public Map<String, Object> progressJson() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("units", "workspace units per second (mm/s): raw decoded velocity . unit cursor-to-target vector");
        List<Double> angles = new ArrayList<>();
        for (double a : progress.get(0).anglesDegrees()) {
            angles.add(a);
        }
        out.put("targetAnglesDegrees", angles);
        for (RigProgress p : progress) {
            @SuppressWarnings("unchecked")
            Map<String, Object> m = (Map<String, Object>) out.computeIfAbsent(p.mapping(), k -> new LinkedHashMap<>());
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("mean", p.mean());
            e.put("bins", p.bins());
            List<Double> per = new ArrayList<>();
            for (double v : p.perTarget()) {
                per.add(v);
            }
            e.put("perTarget", per);
            m.put(p.epoch(), e);
        }
        return out;
    }

    /** One line per reproduced quantity group, for stdout. */
    public String reproductionLine() {
        StringBuilder sb = new StringBuilder();
        for (String q : List.of("K", "M1", "M2", "m0", "beta", "vraw", "factorActivity", "progress")) {
            sb.append(sb.length() == 0 ? "" : ", ").append(q).append(' ')
                    .append(String.format(java.util.Locale.ROOT, "%.3g", maxRelativeError(q)));
        }
        return sb.toString();
    }
}
