package org.bcikit.experiments.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;

import org.bcikit.data.format.RecordingFormat;
import org.bcikit.data.format.Recordings;
import org.bcikit.data.io.JsonFiles;
import org.bcikit.data.npy.NpyArray;
import org.bcikit.data.synthetic.SyntheticPopulation;
import org.bcikit.experiments.api.StrictJson;
import org.bcikit.manifold.fa.FactorAnalysis;
import org.bcikit.manifold.fa.FactorModel;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;

class ManifoldFitCommandTest {

    /** n samples of q units from a d-factor model (loadings N(0, 1), private variances U(0.2, 1)). */
    static DMatrixRMaj factorSamples(int q, int n, int d, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        double[][] l = new double[q][d];
        double[] sd = new double[q];
        for (int i = 0; i < q; i++) {
            for (int k = 0; k < d; k++) {
                l[i][k] = rng.nextGaussian();
            }
            sd[i] = Math.sqrt(0.2 + 0.8 * rng.nextDouble());
        }
        DMatrixRMaj x = new DMatrixRMaj(n, q);
        double[] z = new double[d];
        for (int t = 0; t < n; t++) {
            for (int k = 0; k < d; k++) {
                z[k] = rng.nextGaussian();
            }
            for (int i = 0; i < q; i++) {
                double v = i - 5 + sd[i] * rng.nextGaussian(); // negative values: a plain matrix, not counts
                for (int k = 0; k < d; k++) {
                    v += l[i][k] * z[k];
                }
                x.unsafe_set(t, i, v);
            }
        }
        return x;
    }

    private static JsonNode read(Path json) throws Exception {
        return StrictJson.read(json);
    }

    @Test
    void fixedDimsWritesTheModelAsTheLibraryFitsIt(@TempDir Path dir) throws Exception {
        DMatrixRMaj x = factorSamples(12, 1500, 3, 1);
        Path data = dir.resolve("x.npy");
        NpyArray.writeMatrix(data, x);
        Path out = dir.resolve("m.json");
        CliRun r = CliRun.of("manifold", "fit", data.toString(), "--dims", "3", "--out", out.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("dims    3 (fixed)"), r.out());
        JsonNode json = read(out);
        FactorModel expect = new FactorAnalysis(3).fit(x);
        assertEquals(3, json.get("dims").asInt());
        assertEquals(expect.logLikelihoodPerSample(), json.get("logLikelihoodPerSample").asDouble(), 1e-12);
        assertEquals(expect.iterations(), json.get("iterations").asInt());
        assertTrue(json.get("converged").asBoolean());
        assertTrue(json.get("fitSeconds").asDouble() > 0);
        assertEquals(12, json.get("mean").size());
        assertEquals(12, json.get("loadings").size());
        assertEquals(3, json.get("loadings").get(0).size());
        assertEquals(expect.loadings().get(4, 2), json.get("loadings").get(4).get(2).asDouble(), 1e-12);
        assertEquals(expect.privateVariances()[7], json.get("privateVariances").get(7).asDouble(), 1e-12);
        JsonNode cum = json.get("sharedVarianceExplained");
        assertEquals(3, cum.size());
        assertEquals(1.0, cum.get(2).asDouble(), 1e-12);
        assertFalse(json.has("crossValidation"));
        assertFalse(Files.exists(dir.resolve("m-shared-variance.png")));
    }

    @Test
    void largeFilesAreStreamedInBlocksToTheSameModel(@TempDir Path dir) throws Exception {
        DMatrixRMaj x = factorSamples(12, 9000, 3, 5); // more than one 4096-row block
        for (int t = 0; t < x.numRows; t++) {
            x.set(t, 4, 0.5); // a silent unit, dropped by id
        }
        Path data = dir.resolve("x.npy");
        NpyArray.writeMatrix(data, x);
        Path whole = dir.resolve("whole.json");
        Path blocks = dir.resolve("blocks.json");
        long before = ManifoldFitCommand.streamBytes;
        CliRun a = CliRun.of("manifold", "fit", data.toString(), "--dims", "3", "--drop-silent", "--min-var-frac", "0",
                "--out", whole.toString());
        CliRun b;
        try {
            ManifoldFitCommand.streamBytes = 0;
            b = CliRun.of("manifold", "fit", data.toString(), "--dims", "3", "--drop-silent", "--min-var-frac", "0",
                    "--out", blocks.toString());
        } finally {
            ManifoldFitCommand.streamBytes = before;
        }
        assertEquals(0, a.code(), a.err());
        assertEquals(0, b.code(), b.err());
        assertTrue(b.err().contains("read in blocks of 4096 rows"), b.err());
        assertFalse(a.err().contains("read in blocks"), a.err());
        JsonNode ja = read(whole);
        JsonNode jb = read(blocks);
        assertEquals("[\"4\"]", jb.get("droppedUnits").toString());
        assertEquals(ja.get("unitIds").toString(), jb.get("unitIds").toString());
        assertEquals(9000, jb.get("samples").asInt());
        assertEquals(ja.get("logLikelihoodPerSample").asDouble(), jb.get("logLikelihoodPerSample").asDouble(), 1e-10);
        for (int i = 0; i < 11; i++) {
            assertEquals(ja.get("mean").get(i).asDouble(), jb.get("mean").get(i).asDouble(), 1e-12);
            assertEquals(ja.get("privateVariances").get(i).asDouble(), jb.get("privateVariances").get(i).asDouble(), 1e-8);
        }
    }

    @Test
    void autoChoosesTheGeneratingDimsAndPlots(@TempDir Path dir) throws Exception {
        Path data = dir.resolve("x.npy");
        NpyArray.writeMatrix(data, factorSamples(15, 2000, 4, 2));
        Path out = dir.resolve("fit").resolve("model.json");
        CliRun r = CliRun.of("manifold", "fit", data.toString(), "--max-dims", "8", "--folds", "4", "--seed", "3",
                "--zscore", "--plot", "--out", out.toString());
        assertEquals(0, r.code(), r.err());
        JsonNode json = read(out);
        JsonNode cv = json.get("crossValidation");
        assertEquals(8, cv.get("dims").size());
        assertEquals(8, cv.get("logLikelihoodPerSample").size());
        assertEquals(4, cv.get("folds").asInt());
        int best = cv.get("bestDims").asInt();
        assertTrue(Math.abs(best - 4) <= 1, "picked " + best);
        assertEquals(best, json.get("dims").asInt());
        assertTrue(json.get("zScored").asBoolean());
        for (String name : new String[] {"model-cross-validation", "model-shared-variance"}) {
            for (String ext : new String[] {".png", ".svg"}) {
                assertTrue(Files.size(out.resolveSibling(name + ext)) > 1000, name + ext);
            }
        }
        String html = Files.readString(out.resolveSibling("index.html"));
        assertEquals(2, html.split("<svg ", -1).length - 1, "both figures in the report");
        assertTrue(html.contains("<td class=\"key\">crossValidation.bestDims</td><td class=\"text\">" + best + "<"), html);
        assertTrue(r.out().contains("index.html"), r.out());
        // the same seed gives the same curve
        Path again = dir.resolve("again.json");
        assertEquals(0, CliRun.of("manifold", "fit", data.toString(), "--max-dims", "8", "--folds", "4", "--seed", "3",
                "--zscore", "--out", again.toString()).code());
        assertEquals(cv.get("logLikelihoodPerSample"), read(again).get("crossValidation").get("logLikelihoodPerSample"));
        assertFalse(Files.exists(dir.resolve("index.html")), "without --plot no report");
    }

    @Test
    void readsRecordingsAndDropsSilentUnitsByTheirIds(@TempDir Path dir) throws Exception {
        Path csv = dir.resolve("session.csv");
        Recordings.write(csv, SyntheticPopulation.defaults().withUnits(10).withTrials(8, 10, 20).generate().recording(),
                RecordingFormat.CSV);
        Path out = dir.resolve("session.json");
        CliRun r = CliRun.of("manifold", "fit", csv.toString(), "--dims", "2", "--out", out.toString());
        assertEquals(0, r.code(), r.err());
        assertEquals(10, read(out).get("unitIds").size());
        assertEquals(1600, read(out).get("samples").asInt());

        DMatrixRMaj x = factorSamples(8, 500, 2, 4);
        for (int t = 0; t < x.numRows; t++) {
            x.set(t, 5, 3.0);
        }
        Path data = dir.resolve("silent.npy");
        NpyArray.writeMatrix(data, x);
        CliRun fail = CliRun.of("manifold", "fit", data.toString(), "--dims", "2", "--out", out.toString());
        assertEquals(2, fail.code());
        assertTrue(fail.err().startsWith("bcikit: " + data + ": 1 unit(s) never vary"), fail.err());
        assertTrue(fail.err().contains("unit id(s) 5") && fail.err().contains("--drop-silent"), fail.err());
        CliRun dropped = CliRun.of("manifold", "fit", data.toString(), "--dims", "2", "--drop-silent", "--out", out.toString());
        assertEquals(0, dropped.code(), dropped.err());
        assertTrue(dropped.err().contains("dropped 1 silent unit(s): 5"), dropped.err());
        JsonNode json = read(out);
        assertEquals("5", json.get("droppedUnits").get(0).asText());
        assertEquals(7, json.get("unitIds").size());
        assertEquals("6", json.get("unitIds").get(5).asText());
    }

    @Test
    void badInputExitsWithCodeTwoAndOneClearLine(@TempDir Path dir) throws Exception {
        DMatrixRMaj x = factorSamples(6, 40, 2, 5);
        Path good = dir.resolve("good.npy");
        NpyArray.writeMatrix(good, x);
        Path out = dir.resolve("m.json");
        CliRun tooMany = CliRun.of("manifold", "fit", good.toString(), "--dims", "6", "--out", out.toString());
        assertEquals(2, tooMany.code());
        assertTrue(tooMany.err().contains("dims: expected fewer factors than units (6), got 6"), tooMany.err());
        assertEquals(1, tooMany.err().lines().filter(l -> l.startsWith("bcikit:")).count(), tooMany.err());
        assertFalse(tooMany.err().contains("Exception"), tooMany.err());

        DMatrixRMaj nan = x.copy();
        nan.set(7, 3, Double.NaN);
        Path bad = dir.resolve("nan.npy");
        NpyArray.writeMatrix(bad, nan);
        CliRun r = CliRun.of("manifold", "fit", bad.toString(), "--dims", "2", "--out", out.toString());
        assertEquals(2, r.code());
        assertTrue(r.err().startsWith("bcikit: " + bad + ": data[7][3]: expected a finite value, found NaN"), r.err());

        Path few = dir.resolve("few.npy");
        NpyArray.writeMatrix(few, factorSamples(6, 5, 2, 6));
        r = CliRun.of("manifold", "fit", few.toString(), "--dims", "2", "--out", out.toString());
        assertEquals(2, r.code());
        assertTrue(r.err().contains("expected more samples than units"), r.err());

        assertEquals(2, CliRun.of("manifold", "fit", good.toString(), "--dims", "two").code());
        assertEquals(2, CliRun.of("manifold", "fit", dir.resolve("missing.npy").toString()).code());
        assertEquals(2, CliRun.of("manifold", "fit", good.toString(), "--folds", "1").code());
        assertEquals(2, CliRun.of("manifold").code());
        assertFalse(Files.exists(out), "no model written for bad input");
    }

    @Test
    void benchPrintsOneJsonLineWithTheBaselinesFields(@TempDir Path dir) throws Exception {
        Path data = dir.resolve("bench.npy");
        DMatrixRMaj x = factorSamples(20, 1000, 3, 7);
        NpyArray.writeMatrix(data, x);
        CliRun r = CliRun.of("bench", "fa", data.toString(), "--dims", "3", "--reps", "2", "--warmup", "0");
        assertEquals(0, r.code(), r.err());
        assertEquals(1, r.out().strip().lines().count(), r.out());
        JsonNode json = JsonFiles.mapper().readTree(r.out());
        for (String field : new String[] {"library", "fit_seconds_median", "fit_seconds_min", "loglik_per_sample", "n_iter"}) {
            assertTrue(json.has(field), field + " in " + r.out());
        }
        assertTrue(json.get("fit_seconds_min").asDouble() <= json.get("fit_seconds_median").asDouble());
        assertEquals(new FactorAnalysis(3).fit(x).logLikelihoodPerSample(), json.get("loglik_per_sample").asDouble(), 1e-12);
        assertEquals(2, CliRun.of("bench", "fa", dir.resolve("none.npy").toString()).code());
        assertEquals(2, CliRun.of("bench", "fa", data.toString(), "--dims", "20").code());
    }
}
