package org.bcikit.experiments.results;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;

import org.bcikit.experiments.api.ConditionSummary;
import org.bcikit.experiments.api.ExperimentResults;
import org.bcikit.experiments.api.TestSpecs;
import org.bcikit.experiments.cli.Bcikit;
import org.bcikit.experiments.sweep.Shard;
import org.bcikit.experiments.sweep.SweepJob;
import org.bcikit.experiments.sweep.SweepRunner;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

class HtmlReportTest {

    private static final Pattern REF = Pattern.compile("url\\(#([^)]+)\\)");

    private static ExperimentResults sweep(String spec, Path dir) throws IOException {
        return SweepJob.run(TestSpecs.plan(spec), dir, new SweepRunner.Options(2, Shard.ALL, false, null));
    }

    /** The page parsed as XML: the report is written to be well-formed, inlined SVGs included. */
    private static Document parse(Path html) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", false);
        f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        DocumentBuilder b = f.newDocumentBuilder();
        return b.parse(new ByteArrayInputStream(Files.readAllBytes(html)));
    }

    private static List<Element> elements(Document d, String tag) {
        NodeList n = d.getElementsByTagNameNS("*", tag);
        List<Element> out = new ArrayList<>();
        for (int i = 0; i < n.getLength(); i++) {
            out.add((Element) n.item(i));
        }
        return out;
    }

    private static List<String> texts(Document d, String tag) {
        List<String> out = new ArrayList<>();
        for (Element e : elements(d, tag)) {
            out.add(e.getTextContent());
        }
        return out;
    }

    @Test
    void sweepReportInlinesEveryFigureAndShowsTheNumbersOfResultsJson(@TempDir Path dir) throws Exception {
        ExperimentResults r = sweep(TestSpecs.GRID, dir);
        Path html = dir.resolve("index.html");
        Document doc = parse(html);

        // every SVG file of the folder is inlined once, as an svg element scaled by a viewBox
        List<Element> svgs = new ArrayList<>();
        for (Element e : elements(doc, "svg")) {
            if (!(e.getParentNode() instanceof Element p && p.getLocalName().equals("svg"))) {
                svgs.add(e);
            }
        }
        assertEquals(2, svgs.size());
        assertEquals("0 0 600 400", svgs.get(0).getAttribute("viewBox"), "the spec's 600 x 400 figure size");
        String page = Files.readString(html);
        assertFalse(page.contains("<?xml") || page.contains("DOCTYPE svg"), "prolog and DOCTYPE are stripped");
        // a chart's lines are there, not an empty element: each figure draws the four conditions
        for (Element svg : svgs) {
            assertTrue(svg.getElementsByTagNameNS("*", "path").getLength() >= 4, "paths in a figure");
        }
        // ids are unique on the page, and every clip-path reference finds its own figure's id
        Set<String> ids = new HashSet<>();
        for (Element svg : svgs) {
            Set<String> own = new HashSet<>();
            NodeList all = svg.getElementsByTagNameNS("*", "*");
            for (int i = 0; i < all.getLength(); i++) {
                String id = ((Element) all.item(i)).getAttribute("id");
                if (!id.isEmpty()) {
                    assertTrue(ids.add(id), "duplicate id " + id);
                    own.add(id);
                }
            }
            assertFalse(own.isEmpty());
            for (int i = 0; i < all.getLength(); i++) {
                Matcher m = REF.matcher(((Element) all.item(i)).getAttribute("clip-path"));
                if (m.find()) {
                    assertTrue(own.contains(m.group(1)), "reference to " + m.group(1) + " outside its figure");
                }
            }
        }

        // the title, the conditions and their numbers as results.json has them
        assertEquals("grid", texts(doc, "h1").get(0));
        List<String> headers = texts(doc, "th");
        List<String> cells = texts(doc, "td");
        for (ConditionSummary c : r.conditions()) {
            // 4 conditions and 3 scalars: conditions are the rows
            assertTrue(cells.contains(c.name()), c.name() + " in " + cells);
        }
        ConditionSummary fast = r.condition("lr=0.2/2");
        double mean = fast.scalars().get("final").mean();
        double sem = fast.scalars().get("final").sem();
        String cell = HtmlReport.plusMinus(mean, sem);
        assertTrue(cells.contains(cell), cell + " in " + cells);
        // the cell holds the number itself, to the s.e.m.'s second digit
        String[] parts = cell.split(" \u00b1 ");
        assertEquals(mean, Double.parseDouble(parts[0]), sem / 10);
        assertEquals(sem, Double.parseDouble(parts[1]), sem / 10);
        assertTrue(cells.contains(HtmlReport.plusMinus(fast.scalars().get("sometimes").mean(),
                fast.scalars().get("sometimes").sem()) + " (n=2)"), "a scalar only 2 of 3 runs reached says so");
        assertTrue(headers.contains("highFinalSeeds"), "metrics as the experiment names them");

        // the resolved spec, version, timing; links to the folder's files; nothing from outside
        String pre = texts(doc, "pre").get(0);
        assertTrue(pre.contains("\"learningRate\"") && pre.contains("\"noise\" : 0.05"), pre);
        assertTrue(texts(doc, "footer").get(0).contains(org.bcikit.experiments.api.BuildInfo.version()));
        assertTrue(cells.contains("runsRun") && cells.contains("12"), "timing.json");
        List<String> hrefs = new ArrayList<>();
        for (Element a : elements(doc, "a")) {
            hrefs.add(a.getAttribute("href"));
        }
        for (String f : List.of("results.json", "curves.csv", "spec.json", "timing.json", "runs/",
            "learning-curves.png", "learning-curves.svg")) {
            assertTrue(hrefs.contains(f), f + " in " + hrefs);
        }
        for (String h : hrefs) {
            assertTrue(Files.exists(dir.resolve(h)), "link to a missing file " + h);
        }
        assertTrue(elements(doc, "img").isEmpty() && elements(doc, "script").isEmpty() && elements(doc, "link").isEmpty(),
                "no images to break, no script, no external style sheet");
        assertFalse(page.contains("src=") || page.contains("href=\"http") || page.contains("@import"), "nothing fetched");

        // same files, same bytes
        byte[] first = Files.readAllBytes(html);
        HtmlReport.of(r).write(dir);
        assertArrayEquals(first, Files.readAllBytes(html));
    }

    @Test
    void textIsEscaped(@TempDir Path dir) throws Exception {
        sweep(TestSpecs.GRID.replace("engine test grid", "a <b> & \\\"c\\\" 'd'"), dir);
        Document doc = parse(dir.resolve("index.html"));
        assertTrue(texts(doc, "p").contains("a <b> & \"c\" 'd'"), texts(doc, "p").toString());
        assertTrue(Files.readString(dir.resolve("index.html")).contains("a &lt;b&gt; &amp; &quot;c&quot; &#39;d&#39;"));
    }

    @Test
    void mergedShardsGetTheReportToo(@TempDir Path tmp) throws Exception {
        var plan = TestSpecs.plan(TestSpecs.GRID);
        SweepJob.run(plan, tmp.resolve("a"), new SweepRunner.Options(1, Shard.parse("0/2"), false, null));
        SweepJob.run(plan, tmp.resolve("b"), new SweepRunner.Options(1, Shard.parse("1/2"), false, null));
        assertFalse(Files.exists(tmp.resolve("a").resolve("index.html")), "a shard has no results to report");
        int code = Bcikit.commandLine(TestSpecs.REGISTRY).execute("merge", "--out", tmp.resolve("m").toString(),
                tmp.resolve("a").toString(), tmp.resolve("b").toString());
        assertEquals(0, code);
        Document doc = parse(tmp.resolve("m").resolve("index.html"));
        assertEquals(2, elements(doc, "figure").size());
        assertTrue(texts(doc, "td").contains("lr=0.05/1"));
    }

    @Test
    void keyNumbersShowLeavesByPathAndUniformObjectsAsOneTable(@TempDir Path dir) throws Exception {
        var tree = org.bcikit.data.io.JsonFiles.mapper().readTree("""
                {"nse": 0.80123456, "units": 100, "model": "colei", "values": [1, 2.5, 3],
                 "long": [1,2,3,4,5,6,7,8,9,10,11,12,13], "matrix": [[1, 2], [3, 4], [5, 6]],
                 "errors": {"K": {"abs": 1e-9, "rel": 1.1261323e-10}, "M1": {"abs": 2e-14, "rel": 3.15e-14}},
                 "missing": null}
                """);
        HtmlReport.titled("bcikit spectrum", "one matrix").keyNumbers("Spectrum", tree).write(dir);
        Document doc = parse(dir.resolve("index.html"));
        List<String> cells = texts(doc, "td");
        assertTrue(cells.containsAll(List.of("nse", "0.801235", "units", "100", "model", "colei", "[1, 2.5, 3]",
                "long", "13 values", "3 \u00d7 2 values", "missing", "\u2013")), cells.toString());
        // errors.K and errors.M1 have the same fields: one row each under the columns abs, rel
        assertTrue(cells.containsAll(List.of("errors.K", "1e-09", "1.12613e-10", "errors.M1")), cells.toString());
        assertTrue(texts(doc, "th").containsAll(List.of("abs", "rel")), texts(doc, "th").toString());
        assertTrue(elements(doc, "figure").isEmpty());
    }

    @Test
    void numbersReadAsAPaperPrintsThem() {
        assertEquals("0.815 \u00b1 0.039", HtmlReport.plusMinus(0.8153607145956197, 0.038756286870292034));
        assertEquals("0.98728 \u00b1 0.00064", HtmlReport.plusMinus(0.9872773334663479, 6.359025679471908E-4));
        assertEquals("1230 \u00b1 120", HtmlReport.plusMinus(1234.5, 123));
        assertEquals("0.5", HtmlReport.plusMinus(0.5, Double.NaN));
        assertEquals("\u2013", HtmlReport.plusMinus(Double.NaN, 0.1));
        assertEquals("-136.219", HtmlReport.number(-136.21931715427, 6));
        assertEquals("1.23525e-10", HtmlReport.number(1.2352477061827693e-10, 6));
        assertEquals("6", HtmlReport.number(6.0, 6));
        assertEquals("a%20b%23.json", HtmlReport.encodePath("a b#.json"));
    }

    @Test
    void inlinedSvgLosesItsPrologAndGetsAViewBoxAndOwnIds() {
        String file = "<?xml version=\"1.0\"?>\n<!DOCTYPE svg PUBLIC \"-//W3C//DTD SVG 1.0//EN\" \"x.dtd\">\n"
                + "<svg xmlns='http://www.w3.org/2000/svg' width='900.0' height='600.0'><defs><clipPath id='_1clip-0'>"
                + "<path d='M0,0Z'/></clipPath><clipPath id='_1clip-01'><path d='M1,1Z'/></clipPath></defs>"
                + "<g clip-path='url(#_1clip-0)' fill='#ff0000'/><g clip-path='url(#_1clip-01)'/></svg>\n";
        String svg = InlineSvg.of(file, "f3-");
        assertEquals("<svg xmlns='http://www.w3.org/2000/svg' width='900.0' height='600.0' viewBox='0 0 900 600'><defs>"
                + "<clipPath id='f3-_1clip-0'><path d='M0,0Z'/></clipPath><clipPath id='f3-_1clip-01'><path d='M1,1Z'/>"
                + "</clipPath></defs><g clip-path='url(#f3-_1clip-0)' fill='#ff0000'/><g clip-path='url(#f3-_1clip-01)'/>"
                + "</svg>", svg);
        assertEquals("<svg viewBox='0 0 2 1'/>", InlineSvg.of("<svg viewBox='0 0 2 1'/>", "f0-"));
        assertThrows(() -> InlineSvg.of("<html/>", "f0-"));
    }

    private static void assertThrows(Runnable r) {
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, r::run);
    }
}
