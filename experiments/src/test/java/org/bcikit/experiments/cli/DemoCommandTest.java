package org.bcikit.experiments.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.bcikit.data.Recording;
import org.bcikit.data.format.Recordings;
import org.bcikit.data.synthetic.SyntheticPopulation;
import org.bcikit.experiments.api.StrictJson;
import org.bcikit.experiments.results.Chromium;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;

class DemoCommandTest {

    /** One toy demo run, shared by the tests that read its folder. */
    @TempDir
    static Path dir;

    private static CliRun run;

    @BeforeAll
    static void runTheDemoOnce() {
        run = demo(2, "--out", dir.toString(), "--seed", "3");
    }

    /** The demo pipeline at toy sizes: the same code path, a few seconds instead of a minute. */
    private static CliRun demo(int seeds, String... extra) {
        List<String> args = new ArrayList<>(List.of("demo", "--seeds", Integer.toString(seeds), "--threads", "2",
                "--set", "staticNetwork.initialTraining.steps=100",
                "--set", "staticNetwork.selection.ompCandidates=50",
                "--set", "staticNetwork.adaptation.steps=120",
                "--set", "closedLoop.subject.pretrainingTrials=120",
                "--set", "closedLoop.practiceTrials=16",
                "--set", "closedLoop.perturbationBlocks=2",
                "--set", "closedLoop.candidates=50"));
        args.addAll(List.of(extra));
        return CliRun.of(args.toArray(String[]::new));
    }

    @Test
    void runsThePipelineAndWritesResultsFiguresSessionAndSummary() throws Exception {
        assertEquals(0, run.code(), run.err());
        assertTrue(run.err().startsWith("demo: 1/3 learners adapting"), run.err());
        for (String f : new String[] {"results.json", "curves.csv", "summary.json",
            "static-learning-curves.png", "static-learning-curves.svg", "closed-loop-success-rate.png",
            "closed-loop-success-rate.svg", "amount-of-learning.png", "amount-of-learning.svg",
            "session/session.npy", "session/session.json", "session/session.csv", "session/raster.png",
            "session/tuning.svg", "index.html"}) {
            assertTrue(Files.size(dir.resolve(f)) > 0, f);
        }
        JsonNode results = StrictJson.read(dir.resolve("results.json"));
        assertEquals(6, results.get("conditions").size());
        assertEquals("static-lazy/WMP", results.at("/conditions/0/name").asText());
        assertEquals("rate-rnn/OMP", results.at("/conditions/5/name").asText());

        Recording expected = SyntheticPopulation.defaults().withSeed(3).generate().recording();
        assertArrayEquals(expected.stackedCounts().data, Recordings.read(dir.resolve("session/session.npy")).stackedCounts().data);
        assertArrayEquals(expected.stackedCounts().data, Recordings.read(dir.resolve("session/session.csv")).stackedCounts().data);

        StrictJson.read(dir.resolve("session/session.json"));
        for (String r : new String[] {"timing.json", "spec.json"}) {
            StrictJson.read(dir.resolve(r));
        }
        JsonNode summary = StrictJson.read(dir.resolve("summary.json"));
        assertEquals(3, summary.get("seed").asLong());
        double perf = summary.at("/adaptation/static-lazy~1WMP/performanceAt100").asDouble();
        assertTrue(perf > 0 && perf <= 1, "performance at step 100 " + perf);
        assertTrue(summary.at("/adaptation/rate-rnn~1OMP/amountOfLearning").isNumber());
        // the population has 6 generating factors; with 96 trials of 20 bins CV lands near them
        int d = summary.at("/session/manifold/crossValidatedDims").asInt();
        assertTrue(Math.abs(d - 6) <= 1, "cross-validated dimensionality " + d);
        assertTrue(run.out().contains("static-lazy/WMP") && run.out().contains("amount of learning"), run.out());
    }

    /**
     * The report in a real browser: every figure, the session's included, is drawn where the page
     * puts it. Figures are found on the screenshot by their frame colour and must hold a chart
     * (many colours, ink on white), at the full width of their grid cell and the SVG's aspect ratio.
     */
    @Test
    void reportShowsEveryFigureInABrowser(@TempDir Path work) throws Exception {
        assertEquals(0, run.code(), run.err());
        Chromium chromium = Chromium.require();
        String html = Files.readString(dir.resolve("index.html"));
        int figures = html.split("<figure class=", -1).length - 1;
        assertEquals(5, figures, "3 sweep figures and the session's raster and tuning");
        assertFalse(html.contains("<img"), "figures are inline SVG: no image can be broken");
        int width = 1200;
        int height = 7000;
        BufferedImage shot = chromium.screenshot(dir.resolve("index.html"), width, height, work);
        List<Rectangle> frames = Chromium.figureFrames(shot);
        assertEquals(figures, frames.size(), "figure frames on the screenshot: " + frames);
        for (Rectangle f : frames) {
            assertTrue(f.y + f.height < height - 1, "figure cut off by the window, make it taller: " + f);
            // two columns in a 1160-pixel page
            assertTrue(f.width > 480 && f.width < 600, "a grid column: " + f);
            // the chart: inside border and padding, above the caption, 3:2 as drawn
            int inner = f.width - 16;
            Rectangle chart = new Rectangle(f.x + 8, f.y + 8, inner, inner * 2 / 3);
            assertTrue(f.height >= chart.height + 16 + 14, "the SVG is scaled to its column, not collapsed: " + f);
            int colours = Chromium.distinctColours(shot, chart);
            double ink = Chromium.inkFraction(shot, chart);
            assertTrue(colours >= 40, "a drawn chart has many colours, found " + colours + " in " + f);
            assertTrue(ink > 0.02 && ink < 0.98, "ink on white " + ink + " in " + f);
        }
    }

    @Test
    void quietMeansNothingOnStderr(@TempDir Path q) {
        CliRun run = demo(1, "--out", q.toString(), "--quiet");
        assertEquals(0, run.code(), run.err());
        assertEquals("", run.err());
        assertTrue(run.out().startsWith("demo: results and figures in "), run.out());
    }
}
