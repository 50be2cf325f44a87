package org.bcikit.experiments.results;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Assumptions;

/**
 * Renders a report in headless Chromium and finds its figures on the screenshot. Figures are found
 * by their frame colour ({@link HtmlReport#FIGURE_FRAME}), so the test needs no script in the page
 * and no knowledge of the layout. Without Chromium the test is skipped on a developer's machine
 * and fails under CI (the environment variable {@code CI} set), where {@code .ci/setup} installs it.
 */
public final class Chromium {

    private static final int FRAME_RGB = Integer.parseInt(HtmlReport.FIGURE_FRAME.substring(1), 16);

    private final Path executable;

    private Chromium(Path executable) {
        this.executable = executable;
    }

    /** The installed Chromium; skips the calling test without it, unless under CI, where it fails. */
    public static Chromium require() {
        Optional<Path> found = find();
        if (found.isEmpty()) {
            String ci = System.getenv("CI");
            if (ci != null && !ci.isBlank() && !ci.equalsIgnoreCase("false") && !ci.equals("0")) {
                fail("CI=" + ci + " but no chromium on PATH: run .ci/setup (apt-get install chromium) before mvn verify");
            }
            Assumptions.abort("chromium not found on PATH: browser test skipped (install it with .ci/setup; "
                    + "under CI=true this test fails instead)");
        }
        return new Chromium(found.get());
    }

    private static Optional<Path> find() {
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        for (String name : List.of("chromium", "chromium-browser")) {
            for (String dir : path.split(File.pathSeparator)) {
                Path p = Path.of(dir, name);
                if (Files.isExecutable(p)) {
                    return Optional.of(p);
                }
            }
        }
        return Optional.empty();
    }

    /** A screenshot of {@code html} in a {@code width} x {@code height} window (the page must fit in it). */
    public BufferedImage screenshot(Path html, int width, int height, Path work) throws IOException, InterruptedException {
        Path png = work.resolve("screenshot.png");
        Path log = work.resolve("chromium.log");
        List<String> cmd = List.of(executable.toString(), "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--hide-scrollbars", "--force-device-scale-factor=1", "--force-color-profile=srgb",
                "--user-data-dir=" + work.resolve("profile"), "--screenshot=" + png,
                "--window-size=" + width + "," + height, html.toAbsolutePath().toUri().toString());
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        // a guard against a hung browser, not a timing assertion
        if (!p.waitFor(5, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            fail("chromium did not finish within 5 minutes; its output: " + Files.readString(log));
        }
        assertEquals(0, p.exitValue(), () -> "chromium failed: " + read(log));
        assertTrue(Files.isRegularFile(png), () -> "chromium wrote no screenshot: " + read(log));
        return ImageIO.read(png.toFile());
    }

    private static String read(Path log) {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            return e.toString();
        }
    }

    /** The bounding boxes of the figure frames on {@code image}, top to bottom, left to right. */
    public static List<Rectangle> figureFrames(BufferedImage image) {
        int w = image.getWidth();
        int h = image.getHeight();
        boolean[] seen = new boolean[w * h];
        List<Rectangle> frames = new ArrayList<>();
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                if (seen[y * w + x] || (image.getRGB(x, y) & 0xffffff) != FRAME_RGB) {
                    continue;
                }
                // flood-fill one frame: its pixels are connected around the ring
                int x0 = x;
                int x1 = x;
                int y0 = y;
                int y1 = y;
                ArrayDeque<int[]> todo = new ArrayDeque<>();
                todo.add(new int[] {x, y});
                seen[y * w + x] = true;
                while (!todo.isEmpty()) {
                    int[] q = todo.poll();
                    x0 = Math.min(x0, q[0]);
                    x1 = Math.max(x1, q[0]);
                    y0 = Math.min(y0, q[1]);
                    y1 = Math.max(y1, q[1]);
                    for (int dy = -1; dy <= 1; dy++) {
                        for (int dx = -1; dx <= 1; dx++) {
                            int nx = q[0] + dx;
                            int ny = q[1] + dy;
                            if (nx >= 0 && ny >= 0 && nx < w && ny < h && !seen[ny * w + nx]
                                    && (image.getRGB(nx, ny) & 0xffffff) == FRAME_RGB) {
                                seen[ny * w + nx] = true;
                                todo.add(new int[] {nx, ny});
                            }
                        }
                    }
                }
                // a stray pixel of the same colour inside a chart is not a frame
                if (x1 - x0 >= 200 && y1 - y0 >= 100) {
                    frames.add(new Rectangle(x0, y0, x1 - x0 + 1, y1 - y0 + 1));
                }
            }
        }
        return frames;
    }

    /** Distinct colours inside {@code r}. */
    public static int distinctColours(BufferedImage image, Rectangle r) {
        Set<Integer> colours = new HashSet<>();
        for (int y = r.y; y < r.y + r.height; y++) {
            for (int x = r.x; x < r.x + r.width; x++) {
                colours.add(image.getRGB(x, y) & 0xffffff);
            }
        }
        return colours.size();
    }

    /** Fraction of pixels inside {@code r} that are not white. */
    public static double inkFraction(BufferedImage image, Rectangle r) {
        long ink = 0;
        long all = 0;
        for (int y = r.y; y < r.y + r.height; y++) {
            for (int x = r.x; x < r.x + r.width; x++) {
                all++;
                ink += (image.getRGB(x, y) & 0xffffff) == 0xffffff ? 0 : 1;
            }
        }
        return all == 0 ? 0 : (double) ink / all;
    }
}
