package dev.valuekit.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.valuekit.artifact.Artifact;
import dev.valuekit.artifact.Artifacts;
import dev.valuekit.artifact.Tensor;
import dev.valuekit.common.AtomicOutput;
import dev.valuekit.testutil.Cli;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.function.Consumer;
import java.util.zip.GZIPOutputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The eight holes a hostile-input run found (issue 16), each through the real CLI: damaged or
 * misleading inputs must end in exit 2 with one short line that says what is wrong, leave nothing
 * behind, and never let a library print.
 */
class HostileInputTest {
    static final Path BAD = Path.of("testdata/bad").toAbsolutePath();

    @TempDir
    Path dir;

    private String p(String name) { return dir.resolve(name).toString(); }

    /** Exit 2 and exactly one stderr line (the process's own stderr included), containing {@code fragment}. */
    private static void assertOneLineError(Cli.Result r, String fragment) {
        assertEquals(2, r.code(), r::toString);
        String err = r.stderr().strip();
        assertEquals(1, err.lines().count(), () -> "one stderr line expected:\n" + r);
        assertTrue(err.contains(": error: "), err);
        assertTrue(err.contains(fragment), () -> "expected '" + fragment + "' in: " + err);
    }

    // 1. Arrow's allocator log on stderr

    @Test
    void corruptArrowRecordBatchIsOneLineWithoutLibraryLog() {
        Cli.Result r = Cli.runCapturingProcessStderr("convert", BAD.resolve("arrow-batch-metadata-flip.arrow").toString(), "-o", p("x.csv"));
        assertOneLineError(r, "corrupt Arrow IPC file");
        assertFalse(r.stderr().contains("BaseAllocator"), r::toString);
        assertFalse(Files.exists(dir.resolve("x.csv")));
    }

    @Test
    void absurdArrowStreamLengthIsOneLineNotOutOfMemory() {
        Cli.Result r = Cli.runCapturingProcessStderr("convert", BAD.resolve("arrow-huge-message-body.arrows").toString(), "-o", p("x.csv"));
        assertOneLineError(r, "corrupt Arrow IPC stream");
    }

    // 2. A damaged model spec is an internal error

    @Test
    void dynamicsSpecWithEliteOutOfRangeIsExitTwoNamingTheField() throws Exception {
        Path model = withSpec("dyn-tiny.safetensors", s -> ((ArrayNode) s.get("elites")).removeAll().add(5));
        Cli.Result r = Cli.run("evaluate", "model", "--model", model.toString(), "--input", BAD.resolve("dyn-transitions.csv").toString());
        assertOneLineError(r, "elites");
        assertFalse(r.stderr().contains("internal error"), r::toString);
    }

    // 3. Unbounded error lines

    @Test
    void hugeCellIsQuotedShortInTheErrorLine() throws Exception {
        String big = "x".repeat(16 << 20);
        Path csv = dir.resolve("big.csv");
        Files.writeString(csv, "customer_id,date,amount\nc1,2024-01-05,3.5\nc2," + big + ",1.0\n");
        Cli.Result r = Cli.run("predict-cltv", "features", "--transactions", csv.toString(), "--calibration-end", "2024-01-31",
                "--holdout-end", "2024-03-31", "--format", "csv", "-o", p("f.csv"));
        assertOneLineError(r, "cannot read date");
        assertTrue(r.stderr().length() < 400, () -> "error line of " + r.stderr().length() + " characters");

        Path wide = dir.resolve("wide.csv");
        Files.writeString(wide, "a,b\n1,2\n3,-" + "9".repeat(1 << 20) + "e99999\n");
        Cli.Result w = Cli.run("convert", wide.toString(), "-o", p("w.csv"));
        assertOneLineError(w, "non-finite value");
        assertTrue(w.stderr().length() < 400, () -> "error line of " + w.stderr().length() + " characters");
    }

    // 4. Temporary files left forever

    @Test
    void staleTemporariesOfTheSameOutputAreRemovedAndReportedOnce() throws Exception {
        Path legacy = dir.resolve(".out.csv.5e1f00aa3c2b1d90.tmp");
        Path deadPid = dir.resolve(".out.csv.999999999-0123abcd.tmp");
        Path other = dir.resolve(".other.csv.5e1f00aa3c2b1d90.tmp");
        long old = System.currentTimeMillis() - 3_600_000;
        for (Path t : List.of(legacy, deadPid, other)) {
            Files.write(t, new byte[64]);
            Files.setLastModifiedTime(t, FileTime.fromMillis(old));
        }
        Cli.Result r = Cli.run("convert", BAD.resolve("valid-small.csv").toString(), "-o", p("out.csv"));
        assertEquals(0, r.code(), r::toString);
        assertFalse(Files.exists(legacy), "stale temporary of out.csv");
        assertFalse(Files.exists(deadPid), "temporary of a dead process");
        assertTrue(Files.exists(other), "another output's temporary is not ours to remove");
        assertEquals(1, r.stderr().lines().filter(l -> l.contains("stale temporary")).count(), r::toString);
        Cli.Result again = Cli.run("convert", BAD.resolve("valid-small.csv").toString(), "-o", p("out.csv"));
        assertFalse(again.stderr().contains("stale temporary"), again::toString);
    }

    @Test
    void temporaryOfALiveProcessIsKept() throws Exception {
        Path live = dir.resolve(".out.csv." + ProcessHandle.current().pid() + "-0123abcd.tmp");
        Files.write(live, new byte[8]);
        Cli.Result r = Cli.run("convert", BAD.resolve("valid-small.csv").toString(), "-o", p("out.csv"));
        assertEquals(0, r.code(), r::toString);
        assertTrue(Files.exists(live), "a live writer's temporary must survive");
    }

    // 5. Late checks

    @Test
    void trainModelRefusesADirectoryOutputBeforeTraining() throws Exception {
        Files.createDirectory(dir.resolve("existing"));
        Cli.Result r = Cli.run("train-model", "-i", BAD.resolve("dyn-transitions.csv").toString(), "-o", p("existing"),
                "--members", "2", "--elites", "1", "--hidden", "4", "--layers", "1", "--max-epochs", "2");
        assertOneLineError(r, "output path is a directory");
        assertFalse(r.stderr().contains("training on"), "no training before the output is checked:\n" + r);
    }

    @Test
    void everyOutputIsCheckedBeforeWork() throws Exception {
        Cli.Result r = Cli.run("train-model", "-i", BAD.resolve("dyn-transitions.csv").toString(), "-o", p("m.safetensors"),
                "--log-out", p("no-such-dir/log.csv"), "--members", "2", "--elites", "1", "--hidden", "4", "--layers", "1", "--max-epochs", "2");
        assertOneLineError(r, "output directory does not exist");
        assertFalse(r.stderr().contains("training on"), "no training before the output is checked:\n" + r);
    }

    // 6. Wrong messages

    @Test
    void rolloutToADirectorySaysItIsADirectory() throws Exception {
        Files.createDirectory(dir.resolve("adir"));
        Cli.Result r = Cli.run("rollout", "--env", "pendulum", "--episodes", "1", "-o", p("adir"));
        assertOneLineError(r, "output path is a directory");
    }

    @Test
    void truncatedGzipSaysTruncated() throws Exception {
        byte[] gz = gzip(Files.readAllBytes(BAD.resolve("valid-small.csv")));
        Path cut = dir.resolve("cut.csv.gz");
        Files.write(cut, Arrays.copyOf(gz, gz.length - 12));
        Cli.Result r = Cli.run("convert", cut.toString(), "-o", p("x.csv"));
        assertOneLineError(r, "gzip data ends early");
        assertFalse(r.stderr().contains("null"), r::toString);
    }

    @Test
    void jsonHeaderErrorsAreInTheUsersTerms() throws Exception {
        String header = "{\"a\":" + "[".repeat(5000) + "]".repeat(5000) + "}";
        byte[] h = header.getBytes(StandardCharsets.UTF_8);
        byte[] file = new byte[8 + h.length];
        java.nio.ByteBuffer.wrap(file).order(java.nio.ByteOrder.LITTLE_ENDIAN).putLong(h.length).put(h);
        Path st = dir.resolve("deep.safetensors");
        Files.write(st, file);
        Cli.Result r = Cli.run("inspect", st.toString());
        assertOneLineError(r, "header is not valid JSON");
        assertFalse(r.stderr().contains("[Source") || r.stderr().contains("StreamReadConstraints")
                || r.stderr().contains("check the path and the disk"), r::toString);
    }

    // 7. Lenient reads that change meaning

    @Test
    void terminatedMustBeAFlag() throws Exception {
        Path csv = withCell("terminated", "2");
        Cli.Result r = Cli.run("evaluate", "model", "--model", "env:pendulum", "--input", csv.toString());
        assertOneLineError(r, "column terminated");
        assertTrue(r.stderr().contains("'2' is not a flag"), r::toString);
    }

    @Test
    void episodeMustBeAnInteger() throws Exception {
        Path csv = withCell("episode", "1.5");
        Cli.Result r = Cli.run("convert", csv.toString(), "-o", p("x.arrow"));
        assertOneLineError(r, "column episode");
        assertTrue(r.stderr().contains("'1.5' is not an integer"), r::toString);
    }

    @Test
    void trailingGarbageAfterGzipIsRejected() throws Exception {
        byte[] gz = gzip(Files.readAllBytes(BAD.resolve("valid-small.csv")));
        Path junk = dir.resolve("junk.csv.gz");
        Files.write(junk, concat(gz, "not gzip at all".getBytes(StandardCharsets.US_ASCII)));
        Cli.Result r = Cli.run("convert", junk.toString(), "-o", p("x.csv"));
        assertOneLineError(r, "data after the end of the gzip stream");
        Path twoMembers = dir.resolve("two.csv.gz");
        Files.write(twoMembers, concat(gz, gzip("".getBytes(StandardCharsets.US_ASCII))));
        assertEquals(0, Cli.run("convert", twoMembers.toString(), "-o", p("y.csv")).code(), "concatenated gzip members are valid");
    }

    // 8. NaN/Inf weights

    @Test
    void modelWithNonFiniteWeightsIsRefusedButInspectable() throws Exception {
        Artifact a = Artifacts.read(BAD.resolve("dyn-tiny.safetensors"));
        LinkedHashMap<String, Tensor> t = new LinkedHashMap<>(a.tensors());
        Tensor w = t.get("dynamics.layer.1.weight");
        double[] d = w.data().clone();
        d[3] = Double.NaN;
        t.put(w.name(), new Tensor(w.name(), w.dtype(), w.shape(), d));
        Path model = write(new Artifact(a.kind(), a.spec(), a.provenance(), t), "nan.safetensors");

        Cli.Result r = Cli.run("evaluate", "model", "--model", model.toString(), "--input", BAD.resolve("dyn-transitions.csv").toString());
        assertOneLineError(r, "dynamics.layer.1.weight");
        assertTrue(r.stderr().contains("non-finite"), r::toString);
        Cli.Result s = Cli.run("svd-adapt", "spectrum", "--weights", model.toString());
        assertOneLineError(s, "dynamics.layer.1.weight");
        assertEquals(0, Cli.run("inspect", model.toString()).code(), "inspect still shows a damaged model");
    }

    // helpers

    private Path withSpec(String fixture, Consumer<ObjectNode> edit) throws Exception {
        Artifact a = Artifacts.read(BAD.resolve(fixture));
        ObjectNode spec = a.spec().deepCopy();
        edit.accept(spec);
        return write(new Artifact(a.kind(), spec, a.provenance(), a.tensors()), "edited-" + fixture);
    }

    private Path write(Artifact a, String name) throws Exception {
        Path out = dir.resolve(name);
        try (AtomicOutput o = AtomicOutput.open(out.toString(), null)) {
            Artifacts.write(o, a);
            o.commit();
        }
        return out;
    }

    /** dyn-transitions.csv with {@code column} of its second data row set to {@code value}. */
    private Path withCell(String column, String value) throws Exception {
        List<String> lines = Files.readAllLines(BAD.resolve("dyn-transitions.csv"));
        int c = Arrays.asList(lines.get(0).split(",")).indexOf(column);
        String[] row = lines.get(2).split(",");
        row[c] = value;
        lines.set(2, String.join(",", row));
        Path csv = dir.resolve("edited-" + column + ".csv");
        Files.write(csv, lines);
        return csv;
    }

    private static byte[] gzip(byte[] data) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream g = new GZIPOutputStream(out)) { g.write(data); }
        return out.toByteArray();
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
