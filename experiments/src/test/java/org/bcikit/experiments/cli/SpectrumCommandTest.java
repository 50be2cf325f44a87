package org.bcikit.experiments.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.bcikit.experiments.api.StrictJson;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;

import picocli.CommandLine;

class SpectrumCommandTest {

    private static final Pattern NSE = Pattern.compile("^NSE (0\\.\\d{3})$", Pattern.MULTILINE);

    private static String[] run(String... args) {
        CommandLine cl = Bcikit.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        int code = cl.execute(args);
        return new String[] {Integer.toString(code), out.toString(), err.toString()};
    }

    private static double nse(String stdout) {
        Matcher m = NSE.matcher(stdout);
        assertTrue(m.find(), "an 'NSE 0.xxx' line in: " + stdout);
        return Double.parseDouble(m.group(1));
    }

    @Test
    void printsNseAndWritesHistogramAndNumbers(@TempDir Path dir) throws Exception {
        String[] colei = run("spectrum", "--model", "colei", "--units", "60", "--inhibitory-fraction", "0.1",
                "--seed", "3", "--out", dir.resolve("colei").toString());
        assertEquals("0", colei[0], colei[2]);
        String[] dann = run("spectrum", "--model", "dann", "--units", "60", "--inhibitory-fraction", "0.1",
                "--seed", "3", "--out", dir.resolve("dann").toString());
        assertEquals("0", dann[0], dann[2]);
        // Li et al. 2023: the ColEI spectrum is more dispersed than the DANN one
        assertTrue(nse(colei[1]) + 0.1 < nse(dann[1]), colei[1] + dann[1]);
        for (String name : new String[] {"singular-values.png", "singular-values.svg", "spectrum.json"}) {
            assertTrue(Files.size(dir.resolve("colei").resolve(name)) > 100, name);
        }
        JsonNode json = StrictJson.read(dir.resolve("colei").resolve("spectrum.json"));
        assertEquals(54, json.get("excitatory").asInt());
        assertEquals(6, json.get("inhibitory").asInt());
        assertEquals(60, json.get("singularValues").size());
        assertEquals(nse(colei[1]), json.get("nse").asDouble(), 5e-4);
        assertEquals(1.5, json.get("spectralRadius").asDouble(), 1e-9);
        // the report: the histogram inlined, the NSE as the table shows it
        String html = Files.readString(dir.resolve("colei").resolve("index.html"));
        assertEquals(1, html.split("<svg ", -1).length - 1);
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("<td class=\"key\">nse</td><td class=\"text\">([^<]+)<")
                .matcher(html);
        assertTrue(m.find(), html);
        assertEquals(json.get("nse").asDouble(), Double.parseDouble(m.group(1)), 1e-5, "six significant digits");
    }

    @Test
    void sameSeedSameNumbers(@TempDir Path dir) {
        String[] a = run("spectrum", "--model", "standard", "--units", "30", "--seed", "9", "--out", dir.toString());
        String[] b = run("spectrum", "--model", "standard", "--units", "30", "--seed", "9", "--out", dir.toString());
        assertEquals(a[1], b[1]);
    }

    @Test
    void badInputExitsWithCodeTwoAndOneLine(@TempDir Path dir) {
        String[] r = run("spectrum", "--model", "colei", "--inhibitory-fraction", "1.5", "--out", dir.toString());
        assertEquals("2", r[0]);
        assertTrue(r[2].startsWith("bcikit: --inhibitory-fraction: expected a number in (0, 1), found 1.5"), r[2]);
        assertEquals("2", run("spectrum", "--model", "lstm")[0]);
    }
}
