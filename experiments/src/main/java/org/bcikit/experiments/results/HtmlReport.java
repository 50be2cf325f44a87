package org.bcikit.experiments.results;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

import org.bcikit.data.io.AtomicFiles;
import org.bcikit.data.io.JsonFiles;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import org.bcikit.experiments.api.BuildInfo;
import org.bcikit.experiments.api.ConditionSummary;
import org.bcikit.experiments.api.ExperimentResults;
import org.bcikit.experiments.api.ResultTrees;
import org.bcikit.experiments.api.ScalarStats;
import org.bcikit.experiments.figures.NamedFigure;

/**
 * A folder's {@code index.html}: one page that shows what a command wrote without opening its files
 * one by one. Title and description, tables of the headline numbers, every figure with its SVG
 * inlined, the resolved spec, version and timing, and relative links to the folder's CSV and JSON
 * files. The page is self-contained (inline CSS, no script, no network), so it can be mailed or
 * archived with the folder, and it is also well-formed XML, so tests can parse it. Everything is
 * read when {@link #write} runs, from the files already in the folder; the same files give the
 * same bytes (the only clock in it is what timing.json recorded).
 *
 * <p>Build one with {@link #titled} or {@link #of(ExperimentResults)}, add sections in the order
 * they should appear, then {@link #write}. Spec, timing, version and links always come last.
 */
public final class HtmlReport {

    /** File name of the report inside its folder. */
    public static final String FILE = "index.html";

    /** Colour of a figure's frame; the browser test finds figures on a screenshot by it. */
    static final String FIGURE_FRAME = "#4b6a88";

    private static final String CSS = String.join("",
            "body{font-family:'DejaVu Sans',Helvetica,Arial,sans-serif;font-size:14px;line-height:1.4;color:#1f2328;",
            "background:#fff;max-width:1160px;margin:0 auto;padding:16px 20px}",
            "h1{font-size:24px;margin:0 0 4px}",
            "h2{font-size:18px;margin:26px 0 8px;padding-bottom:3px;border-bottom:1px solid #d8dee4}",
            "h3{font-size:15px;margin:14px 0 6px}",
            "p.sub{color:#59636e;margin:0 0 6px}",
            "div.scroll{overflow-x:auto}",
            "table{border-collapse:collapse;margin:4px 0 12px;font-variant-numeric:tabular-nums}",
            "th,td{border:1px solid #d8dee4;padding:3px 8px;text-align:right;white-space:nowrap;vertical-align:top}",
            "th{background:#f6f8fa;font-weight:600}",
            "th.key,td.key{text-align:left}",
            "td.text{text-align:left;white-space:normal;max-width:640px}",
            "div.figs{display:grid;grid-template-columns:repeat(auto-fill,minmax(500px,1fr));gap:16px}",
            "figure.fig{margin:0;padding:6px;border:2px solid ", FIGURE_FRAME, ";background:#fff}",
            "figure.fig svg{display:block;width:100%;height:auto}",
            "figcaption{font-size:13px;color:#59636e;margin-top:4px}",
            "pre{background:#f6f8fa;border:1px solid #d8dee4;padding:8px;font-size:12px;overflow:auto;max-height:480px}",
            "ul.files{columns:3;padding-left:20px}",
            "footer{margin-top:28px;color:#59636e;font-size:12px}");

    /** Arrays up to this length are shown in key-number tables; longer ones are counted. */
    private static final int SHOWN_ARRAY = 12;

    private interface Section {
        void render(Path dir, Page page) throws IOException;
    }

    private final String title;
    private final List<String> subtitles = new ArrayList<>();
    private final String description;
    private final List<Section> sections = new ArrayList<>();
    private final List<String> linkedFolders = new ArrayList<>(List.of(""));
    private JsonNode spec;

    private HtmlReport(String title, String description) {
        this.title = title;
        this.description = description == null ? "" : description;
    }

    /** An empty report with a title (a command or experiment name) and a one-line description. */
    public static HtmlReport titled(String title, String description) {
        return new HtmlReport(title, description);
    }

    /**
     * The report of a finished sweep: per condition its metrics and its scalars (mean ± s.e.m.
     * over seeds, as results.json holds them), the figures in the folder and the resolved spec.
     */
    public static HtmlReport of(ExperimentResults results) {
        HtmlReport r = new HtmlReport(results.plan().name(), results.plan().spec().description());
        r.subtitles.add("experiment " + results.plan().spec().experiment() + " \u00b7 " + results.conditions().size()
                + " condition(s) \u00d7 " + results.plan().seeds() + " seed(s) \u00b7 base seed "
                + results.plan().spec().seed());
        r.sections.add((dir, page) -> metrics(results, page));
        if (results.plan().spec().output().figures()) {
            // in the order the experiment draws them (its first figure is its main one), not by name
            List<String> order = results.plan().experiment().figures(results).stream().map(NamedFigure::name).toList();
            r.sections.add((dir, page) -> figures("Figures", dir, "", order, page));
        }
        r.sections.add((dir, page) -> scalars(results, page));
        r.spec = results.plan().specTree();
        return r;
    }

    /**
     * A table of the numbers in {@code tree} (a command's JSON): leaves by their dotted path;
     * objects whose fields are the same as their neighbours' (such as an error per quantity) form
     * one table with a row per object. Short arrays are shown, long ones counted.
     */
    public HtmlReport keyNumbers(String heading, JsonNode tree) {
        sections.add((dir, page) -> keyNumbers(heading, tree, page));
        return this;
    }

    /** Every SVG figure in {@code subfolder} of the report's folder ("" for the folder itself), by name. */
    public HtmlReport figures(String heading, String subfolder) {
        sections.add((dir, page) -> figures(heading, dir, subfolder, List.of(), page));
        if (!subfolder.isEmpty() && !linkedFolders.contains(subfolder)) {
            linkedFolders.add(subfolder);
        }
        return this;
    }

    /** Writes {@code dir/index.html} atomically and returns its path. */
    public Path write(Path dir) throws IOException {
        Path file = dir.resolve(FILE);
        AtomicFiles.writeString(file, render(dir));
        return file;
    }

    /** The page for the files now in {@code dir}. */
    String render(Path dir) throws IOException {
        Page page = new Page();
        page.raw("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\"/>\n")
                .raw("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/>\n")
                .raw("<title>").text(title + " \u2014 bcikit").raw("</title>\n<style>").raw(CSS).raw("</style>\n")
                .raw("</head>\n<body>\n<h1>").text(title).raw("</h1>\n");
        for (String s : subtitles) {
            page.raw("<p class=\"sub\">").text(s).raw("</p>\n");
        }
        if (!description.isEmpty()) {
            page.raw("<p>").text(description).raw("</p>\n");
        }
        for (Section s : sections) {
            s.render(dir, page);
        }
        if (spec != null) {
            page.raw("<h2>Resolved spec</h2>\n<pre>").text(pretty(spec)).raw("</pre>\n");
        }
        timing(dir, page);
        links(dir, page);
        page.raw("<footer>bcikit ").text(BuildInfo.version()).raw("</footer>\n</body>\n</html>\n");
        return page.toString();
    }

    // ---- sweep results ------------------------------------------------------------------------

    private static void metrics(ExperimentResults results, Page page) {
        page.raw("<h2>Metrics</h2>\n<p class=\"sub\">").text("per condition, mean \u00b1 s.e.m. over seeds where the "
                + "experiment reports one; curves are in curves.csv").raw("</p>\n");
        List<Map<String, String>> rows = new ArrayList<>();
        for (ConditionSummary c : results.conditions()) {
            Map<String, String> row = new LinkedHashMap<>();
            row.put("runs", Integer.toString(c.runs()));
            metricCells(ResultTrees.node(c.metrics()), row);
            rows.add(row);
        }
        grouped(results, rows, page);
    }

    private static void scalars(ExperimentResults results, Page page) {
        page.raw("<h2>Scalars</h2>\n<p class=\"sub\">").text("every scalar the runs recorded: mean \u00b1 s.e.m. over "
                + "seeds; (n=k) where only k runs reached it").raw("</p>\n");
        List<Map<String, String>> rows = new ArrayList<>();
        for (ConditionSummary c : results.conditions()) {
            Map<String, String> row = new LinkedHashMap<>();
            c.scalars().forEach((name, s) -> row.put(name, scalarCell(s, c.runs())));
            rows.add(row);
        }
        grouped(results, rows, page);
    }

    /** One table per run of conditions with the same columns (the demo mixes two learners). */
    private static void grouped(ExperimentResults results, List<Map<String, String>> rows, Page page) {
        int start = 0;
        for (int i = 1; i <= rows.size(); i++) {
            if (i == rows.size() || !rows.get(i).keySet().equals(rows.get(start).keySet())) {
                List<String> names = new ArrayList<>();
                for (ConditionSummary c : results.conditions().subList(start, i)) {
                    names.add(c.name());
                }
                conditionTable(names, rows.subList(start, i), page);
                start = i;
            }
        }
    }

    /**
     * Conditions as columns when they are fewer than the quantities, else as rows: the longer list
     * runs down the page, so a table of a few conditions does not need a horizontal scroll.
     */
    private static void conditionTable(List<String> conditions, List<Map<String, String>> rows, Page page) {
        List<String> keys = new ArrayList<>(rows.get(0).keySet());
        if (keys.isEmpty()) {
            return;
        }
        page.raw("<div class=\"scroll\"><table>\n");
        if (keys.size() > conditions.size()) {
            page.raw("<tr><th class=\"key\">").text("condition").raw("</th>");
            for (String c : conditions) {
                page.raw("<th>").text(c).raw("</th>");
            }
            page.raw("</tr>\n");
            for (String k : keys) {
                page.raw("<tr><td class=\"key\">").text(k).raw("</td>");
                for (Map<String, String> row : rows) {
                    page.raw("<td>").text(row.get(k)).raw("</td>");
                }
                page.raw("</tr>\n");
            }
        } else {
            page.raw("<tr><th class=\"key\">").text("condition").raw("</th>");
            for (String k : keys) {
                page.raw("<th>").text(k).raw("</th>");
            }
            page.raw("</tr>\n");
            for (int i = 0; i < rows.size(); i++) {
                page.raw("<tr><td class=\"key\">").text(conditions.get(i)).raw("</td>");
                for (String k : keys) {
                    page.raw("<td>").text(rows.get(i).get(k)).raw("</td>");
                }
                page.raw("</tr>\n");
            }
        }
        page.raw("</table></div>\n");
    }

    /** Numbers, strings and booleans by dotted path; {@code xSem} joins {@code x} as its ± part; arrays are curves. */
    private static void metricCells(JsonNode metrics, Map<String, String> row) {
        Map<String, JsonNode> leaves = new LinkedHashMap<>();
        flatten("", metrics, leaves);
        for (Map.Entry<String, JsonNode> e : leaves.entrySet()) {
            String k = e.getKey();
            JsonNode v = e.getValue();
            if (v.isArray() || (k.endsWith("Sem") && leaves.containsKey(k.substring(0, k.length() - 3)))) {
                continue;
            }
            JsonNode sem = leaves.get(k + "Sem");
            if (v.isNumber() && sem != null && sem.isNumber()) {
                row.put(k, plusMinus(v.asDouble(), sem.asDouble()));
            } else {
                row.put(k, value(v, 4));
            }
        }
    }

    private static String scalarCell(ScalarStats s, int runs) {
        if (s.n() == 0) {
            return "\u2013";
        }
        String v = Double.isFinite(s.sem()) ? plusMinus(s.mean(), s.sem()) : number(s.mean(), 4);
        return s.n() < runs ? v + " (n=" + s.n() + ")" : v;
    }

    // ---- key numbers of a command's JSON ------------------------------------------------------

    private static void keyNumbers(String heading, JsonNode tree, Page page) {
        page.raw("<h2>").text(heading).raw("</h2>\n");
        // leaves grouped by the object that holds them, in file order
        List<String> prefixes = new ArrayList<>();
        List<Map<String, JsonNode>> groups = new ArrayList<>();
        Map<String, JsonNode> leaves = new LinkedHashMap<>();
        flatten("", tree, leaves);
        for (Map.Entry<String, JsonNode> e : leaves.entrySet()) {
            int dot = e.getKey().lastIndexOf('.');
            String prefix = dot < 0 ? "" : e.getKey().substring(0, dot);
            if (prefixes.isEmpty() || !prefixes.get(prefixes.size() - 1).equals(prefix)) {
                prefixes.add(prefix);
                groups.add(new LinkedHashMap<>());
            }
            groups.get(groups.size() - 1).put(e.getKey().substring(dot + 1), e.getValue());
        }
        List<String[]> pairs = new ArrayList<>();
        int i = 0;
        while (i < groups.size()) {
            int j = i + 1;
            while (j < groups.size() && groups.get(i).size() > 1 && groups.get(j).keySet().equals(groups.get(i).keySet())) {
                j++;
            }
            if (j - i >= 2) {
                pairTable(pairs, page);
                matrixTable(prefixes.subList(i, j), groups.subList(i, j), page);
            } else {
                String prefix = prefixes.get(i);
                groups.get(i).forEach((k, v) -> pairs.add(new String[] {prefix.isEmpty() ? k : prefix + "." + k,
                    value(v, 6)}));
            }
            i = j;
        }
        pairTable(pairs, page);
    }

    /** Writes and clears the pending key-value rows. */
    private static void pairTable(List<String[]> pairs, Page page) {
        if (pairs.isEmpty()) {
            return;
        }
        page.raw("<div class=\"scroll\"><table>\n");
        for (String[] p : pairs) {
            page.raw("<tr><td class=\"key\">").text(p[0]).raw("</td><td class=\"text\">").text(p[1]).raw("</td></tr>\n");
        }
        page.raw("</table></div>\n");
        pairs.clear();
    }

    private static void matrixTable(List<String> rows, List<Map<String, JsonNode>> groups, Page page) {
        page.raw("<div class=\"scroll\"><table>\n<tr><th class=\"key\"></th>");
        for (String k : groups.get(0).keySet()) {
            page.raw("<th>").text(k).raw("</th>");
        }
        page.raw("</tr>\n");
        for (int r = 0; r < rows.size(); r++) {
            page.raw("<tr><td class=\"key\">").text(rows.get(r)).raw("</td>");
            for (JsonNode v : groups.get(r).values()) {
                page.raw("<td>").text(value(v, 6)).raw("</td>");
            }
            page.raw("</tr>\n");
        }
        page.raw("</table></div>\n");
    }

    /** Objects are opened into dotted paths; arrays and scalars are leaves. */
    private static void flatten(String prefix, JsonNode node, Map<String, JsonNode> out) {
        if (node.isObject() && node.size() > 0) {
            Iterator<Map.Entry<String, JsonNode>> it = node.fields();
            while (it.hasNext()) {
                Map.Entry<String, JsonNode> e = it.next();
                flatten(prefix.isEmpty() ? e.getKey() : prefix + "." + e.getKey(), e.getValue(), out);
            }
        } else {
            out.put(prefix, node);
        }
    }

    // ---- figures, timing, links ---------------------------------------------------------------

    /** The SVGs in the folder: those named in {@code order} first, in that order, then the rest by name. */
    private static void figures(String heading, Path dir, String subfolder, List<String> order, Page page)
            throws IOException {
        Path folder = subfolder.isEmpty() ? dir : dir.resolve(subfolder);
        List<String> names = filesIn(folder, ".svg");
        names.sort(Comparator.comparingInt((String n) -> {
            int i = order.indexOf(n.substring(0, n.length() - ".svg".length()));
            return i < 0 ? order.size() : i;
        }));
        if (names.isEmpty()) {
            return;
        }
        page.raw("<h2>").text(heading).raw("</h2>\n<div class=\"figs\">\n");
        for (String svgName : names) {
            String rel = subfolder.isEmpty() ? svgName : subfolder + "/" + svgName;
            String base = rel.substring(0, rel.length() - 4);
            int n = page.figures++;
            String svg;
            try {
                svg = InlineSvg.of(Files.readString(folder.resolve(svgName), StandardCharsets.UTF_8), "f" + n + "-");
            } catch (IllegalArgumentException e) {
                // a damaged figure is shown as such; the other figures and the numbers still are
                svg = null;
            }
            page.raw("<figure class=\"fig\" id=\"fig-").text(Integer.toString(n)).raw("\">\n");
            if (svg == null) {
                page.raw("<p>").text(rel + ": not a readable SVG file").raw("</p>\n");
            } else {
                page.raw(svg).raw("\n");
            }
            page.raw("<figcaption>").text(base).raw(" \u00b7 ");
            if (Files.isRegularFile(dir.resolve(base + ".png"))) {
                page.link(base + ".png", "PNG").raw(" \u00b7 ");
            }
            page.link(rel, "SVG").raw("</figcaption>\n</figure>\n");
        }
        page.raw("</div>\n");
    }

    private static void timing(Path dir, Page page) throws IOException {
        Path t = dir.resolve("timing.json");
        if (!Files.isRegularFile(t)) {
            return;
        }
        JsonNode tree;
        try {
            tree = JsonFiles.mapper().readTree(t.toFile());
        } catch (JsonProcessingException e) {
            return; // timing is informative only; a damaged file does not stop the report
        }
        if (tree != null && tree.size() > 0) {
            keyNumbers("Timing", tree, page);
        }
    }

    private void links(Path dir, Page page) throws IOException {
        page.raw("<h2>Files</h2>\n<ul class=\"files\">\n");
        for (String sub : linkedFolders) {
            Path folder = sub.isEmpty() ? dir : dir.resolve(sub);
            List<String> names = filesIn(folder, ".json");
            names.addAll(filesIn(folder, ".csv"));
            names.sort(null);
            for (String name : names) {
                String rel = sub.isEmpty() ? name : sub + "/" + name;
                page.raw("<li>").link(rel, rel).raw("</li>\n");
            }
        }
        Path runs = dir.resolve("runs");
        if (Files.isDirectory(runs)) {
            page.raw("<li>").link("runs/", "runs/").text(" (" + filesIn(runs, ".json").size() + " run files)")
                    .raw("</li>\n");
        }
        page.raw("</ul>\n");
    }

    /** Names of the visible files in {@code folder} ending with {@code suffix}, sorted. */
    private static List<String> filesIn(Path folder, String suffix) throws IOException {
        List<String> out = new ArrayList<>();
        if (!Files.isDirectory(folder)) {
            return out;
        }
        try (Stream<Path> s = Files.list(folder)) {
            s.filter(Files::isRegularFile).map(p -> p.getFileName().toString())
                    .filter(n -> n.endsWith(suffix) && !n.startsWith(".")).sorted().forEach(out::add);
        }
        return out;
    }

    // ---- formatting ---------------------------------------------------------------------------

    private static String pretty(JsonNode tree) {
        try {
            return JsonFiles.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(tree);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree cannot fail to print", e);
        }
    }

    private static String value(JsonNode v, int digits) {
        if (v.isNull()) {
            return "\u2013";
        }
        if (v.isIntegralNumber()) {
            return v.asText();
        }
        if (v.isNumber()) {
            return number(v.asDouble(), digits);
        }
        if (v.isArray()) {
            return array(v, digits);
        }
        if (v.isObject()) {
            return "{}";
        }
        return v.asText();
    }

    private static String array(JsonNode a, int digits) {
        if (a.size() > 0 && a.get(0).isArray()) {
            return a.size() + " \u00d7 " + a.get(0).size() + " values";
        }
        if (a.size() > SHOWN_ARRAY) {
            return a.size() + " values";
        }
        List<String> parts = new ArrayList<>();
        for (JsonNode e : a) {
            parts.add(e.isContainerNode() ? "\u2026" : value(e, digits));
        }
        return "[" + String.join(", ", parts) + "]";
    }

    /**
     * {@code mean ± sem} with the s.e.m. to two significant digits and the mean to the same decimal
     * place, as a paper would print it ({@code 0.815 ± 0.039}).
     */
    static String plusMinus(double mean, double sem) {
        if (!Double.isFinite(mean)) {
            return "\u2013";
        }
        if (!Double.isFinite(sem) || sem <= 0) {
            return number(mean, 4);
        }
        int decimals = 1 - (int) Math.floor(Math.log10(sem));
        if (decimals > 8 || decimals < -6 || Math.abs(mean) >= 1e9) {
            return number(mean, 3) + " \u00b1 " + number(sem, 2);
        }
        return new BigDecimal(mean).setScale(decimals, RoundingMode.HALF_UP).toPlainString() + " \u00b1 "
                + new BigDecimal(sem).setScale(decimals, RoundingMode.HALF_UP).toPlainString();
    }

    /** {@code v} to {@code digits} significant digits, plain between 1e-4 and 1e9, else scientific. */
    static String number(double v, int digits) {
        if (!Double.isFinite(v)) {
            return "\u2013";
        }
        if (v == Math.rint(v) && Math.abs(v) < 1e9) {
            return Long.toString((long) v);
        }
        double a = Math.abs(v);
        if (a >= 1e-4 && a < 1e9) {
            return new BigDecimal(v).round(new MathContext(digits)).stripTrailingZeros().toPlainString();
        }
        String s = String.format(Locale.ROOT, "%." + (digits - 1) + "e", v);
        int e = s.indexOf('e');
        // 1.00000e-09 reads as 1e-09
        String mantissa = s.substring(0, e).replaceAll("\\.?0+$", "");
        return mantissa + s.substring(e);
    }

    /** The page under construction; {@link #text} escapes, {@link #raw} does not. */
    private static final class Page {
        private final StringBuilder sb = new StringBuilder(1 << 16);
        private int figures;

        Page raw(String s) {
            sb.append(s);
            return this;
        }

        /** Text and attribute values escaped for HTML and XML alike. */
        Page text(String s) {
            for (int i = 0; i < s.length(); i++) {
                char c = s.charAt(i);
                switch (c) {
                    case '&' -> sb.append("&amp;");
                    case '<' -> sb.append("&lt;");
                    case '>' -> sb.append("&gt;");
                    case '"' -> sb.append("&quot;");
                    case '\'' -> sb.append("&#39;");
                    default -> {
                        // control characters are not allowed in XML, and a report should not carry them
                        if (c >= 0x20 || c == '\n' || c == '\t') {
                            sb.append(c);
                        }
                    }
                }
            }
            return this;
        }

        /** A relative link; path segments are percent-encoded so names with spaces or '#' still work. */
        Page link(String relativePath, String label) {
            sb.append("<a href=\"");
            text(encodePath(relativePath));
            sb.append("\">");
            text(label);
            sb.append("</a>");
            return this;
        }

        @Override
        public String toString() {
            return sb.toString();
        }
    }

    static String encodePath(String path) {
        StringBuilder sb = new StringBuilder();
        for (byte b : path.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || "-._~/".indexOf(c) >= 0) {
                sb.append((char) c);
            } else {
                sb.append('%').append(String.format(Locale.ROOT, "%02X", c));
            }
        }
        return sb.toString();
    }
}
