package dev.valuekit.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Runs the packaged fat jar and the launcher as real processes (failsafe, after `package`). */
class JarIT {
    static final Path ROOT = Path.of("").toAbsolutePath();
    static final Path JAR = Path.of(System.getProperty("valuekit.jar", "target/valuekit.jar")).toAbsolutePath();

    @TempDir
    Path tmp;

    record Proc(int code, String out, String err) {}

    static Proc run(Path cwd, List<String> cmd) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(cwd.toFile());
        File out = Files.createTempFile("vk-out", ".txt").toFile();
        File err = Files.createTempFile("vk-err", ".txt").toFile();
        pb.redirectOutput(out).redirectError(err).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        Process p = pb.start();
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "process timed out: " + cmd);
        return new Proc(p.exitValue(), Files.readString(out.toPath(), StandardCharsets.UTF_8),
                Files.readString(err.toPath(), StandardCharsets.UTF_8));
    }

    @Test
    void versionAndHelpDoNotLoadNd4j() throws Exception {
        for (String flag : new String[] {"--version", "--help"}) {
            Path log = tmp.resolve("classes" + flag + ".log");
            Proc p = run(tmp, List.of("java", "-Xlog:class+load=info:file=" + log, "-jar", JAR.toString(), flag));
            assertEquals(0, p.code(), p.err());
            String classes = Files.readString(log);
            assertFalse(classes.contains("org.nd4j."), flag + " must not initialise ND4J");
            assertFalse(classes.contains("org.bytedeco."), flag + " must not load JavaCPP natives");
        }
    }

    @Test
    void launcherWorksThroughASymlinkFromAnyDirectory() throws Exception {
        Path link = tmp.resolve("vk");
        Files.createSymbolicLink(link, ROOT.resolve("bin/valuekit"));
        Path elsewhere = Files.createDirectories(tmp.resolve("elsewhere"));
        Proc p = run(elsewhere, List.of(link.toString(), "--version"));
        assertEquals(0, p.code(), p.err());
        assertTrue(p.out().startsWith("valuekit "), p.out());
        assertTrue(p.out().contains("backend: ND4J cpu"), p.out());
    }

    /** The launcher's heap policy applies unless VALUEKIT_JAVA_OPTS picks a collector or a heap size. */
    @Test
    void launcherHeapPolicyYieldsToJavaOpts() throws Exception {
        String vk = ROOT.resolve("bin/valuekit").toString();
        Proc policy = run(tmp, List.of("env", "VALUEKIT_JAVA_OPTS=-XX:+PrintCommandLineFlags", vk, "--version"));
        assertEquals(0, policy.code(), policy.err());
        assertTrue(policy.out().contains("-XX:MaxNewSize=67108864") && policy.out().contains("-XX:+UseParallelGC"), policy.out());
        Proc own = run(tmp, List.of("env", "VALUEKIT_JAVA_OPTS=-XX:+UseSerialGC -Xmx512m -XX:+PrintCommandLineFlags", vk, "--version"));
        assertEquals(0, own.code(), own.err());
        assertTrue(own.out().contains("-XX:+UseSerialGC") && own.out().contains("-XX:MaxHeapSize=536870912"), own.out());
        assertFalse(own.out().contains("MaxNewSize") || own.out().contains("UseParallelGC"), own.out());
    }

    @Test
    void usageErrorsAreOneLineWithExitTwo() throws Exception {
        List<String> cmd = new ArrayList<>(List.of("java", "-jar", JAR.toString(), "--bogus"));
        Proc p = run(tmp, cmd);
        assertEquals(2, p.code());
        assertEquals(1, p.err().strip().lines().count(), p.err());
        assertEquals("", p.out());
    }

    @Test
    void aClosedPipeEndsQuietly() throws Exception {
        // `head` exits after 100 bytes; valuekit must stop without a stack trace, status 0 or 141 (SIGPIPE).
        String script = "java -jar '" + JAR + "' rollout --env pendulum --episodes 300 --seed 1 -o - --quiet"
                + " | head -c 100 >/dev/null; exit ${PIPESTATUS[0]}";
        Proc p = run(tmp, List.of("bash", "-c", script));
        assertTrue(p.code() == 0 || p.code() == 141, "exit " + p.code() + "\n" + p.err());
        assertEquals("", p.err());
    }

    @Test
    void anInterruptedRunLeavesNoFile() throws Exception {
        Path out = tmp.resolve("big.arrow");
        Process p = new ProcessBuilder("java", "-jar", JAR.toString(), "rollout", "--env", "pendulum",
                "--episodes", "2000000", "--seed", "1", "-o", out.toString())
                .redirectErrorStream(true).redirectOutput(tmp.resolve("log.txt").toFile()).start();
        // Wait until the temporary output exists, then interrupt (SIGTERM runs the same hooks as Ctrl-C).
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline && listing(tmp).stream().noneMatch(n -> n.startsWith(".big.arrow"))) {
            Thread.sleep(50);
        }
        p.destroy();
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        assertEquals(List.of("log.txt"), listing(tmp), "no partial output or temporary file may remain");
    }

    private static List<String> listing(Path dir) throws IOException {
        try (var s = Files.list(dir)) {
            return s.map(x -> x.getFileName().toString()).sorted().toList();
        }
    }
}
