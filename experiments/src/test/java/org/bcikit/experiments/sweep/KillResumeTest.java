package org.bcikit.experiments.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.bcikit.experiments.api.ExperimentPlan;
import org.bcikit.experiments.api.NoisyLearningExperiment;
import org.bcikit.experiments.api.TestSpecs;
import org.bcikit.experiments.cli.Bcikit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A sweep in a child JVM killed with SIGKILL mid-way, then resumed, ends as if never killed. The
 * child's runs from seed index {@link #DONE} on wait forever (a test hook), so the kill always
 * comes after exactly {@code DONE} finished runs, with two more in flight: no timing involved.
 */
class KillResumeTest {

    private static final int DONE = 3;
    private static final String SPEC = TestSpecs.GRID.replace("\"seeds\": 3", "\"seeds\": 6");

    private static long runFiles(Path dir) throws Exception {
        if (!Files.isDirectory(dir.resolve("runs"))) {
            return 0;
        }
        try (Stream<Path> s = Files.list(dir.resolve("runs"))) {
            return s.filter(p -> p.getFileName().toString().startsWith("c")).count();
        }
    }

    @Test
    void killedSweepResumesToTheSameResults(@TempDir Path tmp) throws Exception {
        killAndResume(tmp, SPEC, DONE);
    }

    /**
     * With shared work the runs are handed out partner by partner, so more than {@link #DONE} runs
     * finish before both threads wait; the resumed runs include some whose partner finished before
     * the kill, which do the shared work again.
     */
    @Test
    void killedSweepWithSharedWorkResumesToTheSameResults(@TempDir Path tmp) throws Exception {
        String spec = TestSpecs.SHARED_GRID.replace("\"seeds\": 3", "\"seeds\": 6");
        ExperimentPlan<?> plan = TestSpecs.plan(spec);
        List<Object> keys = new ArrayList<>();
        for (int k = 0; k < plan.runCount(); k++) {
            keys.add(key(plan, k));
        }
        // the pool's two threads take runs in submission order and each stops at its first waiting run
        int finished = 0;
        int waiting = 0;
        for (int k : SweepRunner.submissionOrder(keys, 2)) {
            if (plan.run(k).seedIndex() < DONE) {
                finished++;
            } else if (++waiting == 2) {
                break;
            }
        }
        assertTrue(finished > DONE, "partners run together: " + finished);
        killAndResume(tmp, spec, finished);
    }

    private static <P> Object key(ExperimentPlan<P> plan, int k) {
        return plan.experiment().sharedWorkKey(plan.conditions().get(k / plan.seeds()).parameters(), plan.run(k));
    }

    private static void killAndResume(Path tmp, String specJson, int done) throws Exception {
        Path spec = tmp.resolve("slow.json");
        Files.writeString(spec, specJson);
        Path killed = tmp.resolve("killed");
        String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Djava.awt.headless=true", "-Xmx256m", "-D" + NoisyLearningExperiment.BLOCK_FROM + "=" + DONE,
                "-cp", cp, TestSweepMain.class.getName(),
                "run", spec.toString(), "--out", killed.toString(), "--threads", "2", "--quiet"));
        Process child = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(tmp.resolve("child.log").toFile())
                .start();
        // waits for the child's state, not for a time: only a child that died early ends the loop otherwise
        while (runFiles(killed) < done && child.isAlive()) {
            Thread.sleep(20);
        }
        assertTrue(child.isAlive(), "the child stopped before it could be killed: " + Files.readString(tmp.resolve("child.log")));
        child.destroyForcibly(); // SIGKILL: no shutdown hooks, the two runs in flight are lost
        assertTrue(child.waitFor(60, TimeUnit.SECONDS), "the killed child did not exit");
        long before = runFiles(killed);
        assertEquals(done, before, "runs on disk when killed");
        assertTrue(!Files.exists(killed.resolve("results.json")));

        int code = Bcikit.commandLine(TestSpecs.REGISTRY).execute("run", spec.toString(), "--out", killed.toString(),
                "--resume", "--quiet");
        assertEquals(0, code);
        String timing = Files.readString(killed.resolve("timing.json"));
        assertTrue(timing.contains("\"runsReused\" : " + before), timing);

        Path clean = tmp.resolve("clean");
        assertEquals(0, Bcikit.commandLine(TestSpecs.REGISTRY).execute("run", spec.toString(), "--out", clean.toString(),
                "--quiet", "--threads", "4"));
        assertEquals(Files.readString(clean.resolve("results.json")), Files.readString(killed.resolve("results.json")));
    }
}
