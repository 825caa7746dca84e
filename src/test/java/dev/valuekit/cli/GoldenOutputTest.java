package dev.valuekit.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.valuekit.testutil.Cli;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Pins the bytes of small seeded runs of the training and rollout commands, recorded before the
 * architecture step: restructuring must not change a single number. Tables are hashed whole; model
 * files are hashed without the provenance fields that name the run rather than its result (command
 * line, creation time, valuekit version, inputs) and without file paths, file hashes or wall-clock timings
 * anywhere in the header, so renaming a flag does not move a golden while any change to a tensor byte,
 * the spec or the training summary does.
 *
 * <p>Every run passes {@code --threads 1}: the goldens hold on any core count. When a change alters the
 * math on purpose, the failure message shows the new hash to record here, with the reason in the commit.
 */
class GoldenOutputTest {
    @TempDir static Path dir;
    static final Map<String, String> actual = new LinkedHashMap<>();

    static final Map<String, String> GOLDEN = Map.ofEntries(
            Map.entry("rollout-env.csv", "98482d48e18b56d926ed129a968e59bdec9e689bb02bdf86367fcd900836f459"),
            Map.entry("dyn.safetensors", "4455dd9e0019f0770adbbb99635dd9bc722e63bec736c65312f44ccc9c171594"),
            Map.entry("dyn-log.csv", "1342f0c9c6ca4e60d4d1aa612ab839197dab7078aa870b9bcc8d4747b659d463"),
            Map.entry("dyn64.safetensors", "6e7f82190827f254c43a9929f3c7bafc591ba8cd0ca47c92bffb14119249dd01"),
            Map.entry("rollout-model.csv", "ee1e1ea6691e8479d46d30758fb07b395e6719361fac8918f5a076a3edf82d7c"),
            Map.entry("rollout-model64.csv", "3f0ff341940162ba5b31362ae32a3a7c0bd95fecc5ab7276e63b16c7cb6e3dab"),
            Map.entry("rollout-env-model.csv", "bff6864b658c461868dc3585a6a8346a95585cc9c6dcb4dbc961f9cf2346f466"),
            Map.entry("sac.safetensors", "b9b3bfc9a112414f753dfce36d99d9436b9c88c8ea7623709e23b5d2e97b22ff"),
            Map.entry("cltv-log.csv", "5e2363efaa50c355e02a7289a1d7bd15c62cd25ce359d3f2b75b8905f49df59e"),
            Map.entry("customers.csv", "669316fe76631c7f0b3d0b35f4d057d95f18f5965cdae7b2248653bed38b099f"),
            Map.entry("ziln.safetensors", "53834b7ebdcae46c97bda539f933b900b3c38101b815b87a76eeb50a05833752"),
            Map.entry("optdist.safetensors", "450ba6727affe5006b0263cc88a0e45445279eeede3a454a2848199f6cf1a1f8"),
            Map.entry("bgnbd.safetensors", "5923694ea5908ec777066a69faf27efc8aab6027db1d3dec6d015517174f4ef9"),
            Map.entry("rollout-cartpole.csv", "1be5dce11864cd1802f33b70dd4e96bcb6053547b4f1eeda11aa2c5d1f851a47"),
            Map.entry("q-td.safetensors", "6e77f652bdc20d9f700a2d9e7f2c206a9bd216b1fa088376a0f2c452b32af520"),
            Map.entry("dyn-soma.safetensors", "efb8d2f972c47cf879b06257406e362bc8c1b6616feb020f5108d7eeeea3f068"),
            Map.entry("q-milora.safetensors", "83d30a43429653a151aa131a0276b54aee49627c66315cb61638b4271b93de3e"),
            Map.entry("ziln-pissa.safetensors", "ee7b2f45459c3edccd147c5ba8b0f79c9155093974565f6d0d3097bdfa2cf2ce"));

    static String p(String name) {
        return dir.resolve(name).toString();
    }

    static void ok(String... args) {
        List<String> a = new ArrayList<>(List.of("--threads", "1"));
        a.addAll(List.of(args));
        Cli.Result r = Cli.run(a.toArray(String[]::new));
        assertEquals(0, r.code(), String.join(" ", args) + "\n" + r);
    }

    @BeforeAll
    static void runAll() throws Exception {
        ok("rollout", "--env", "pendulum", "--episodes", "3", "--policy", "gaussian:0.5", "--seed", "1", "-o", p("rollout-env.csv"), "--quiet");
        ok("train-model", "-i", p("rollout-env.csv"), "-o", p("dyn.safetensors"), "--members", "3", "--elites", "2", "--hidden", "8",
                "--layers", "2", "--batch", "64", "--max-epochs", "3", "--seed", "3", "--log-out", p("dyn-log.csv"), "--quiet");
        ok("train-model", "-i", p("rollout-env.csv"), "-o", p("dyn64.safetensors"), "--members", "2", "--elites", "1", "--hidden", "8",
                "--layers", "1", "--batch", "64", "--max-epochs", "2", "--seed", "5", "--precision", "f64", "--quiet");
        ok("rollout", "--model", p("dyn.safetensors"), "--start", p("rollout-env.csv"), "--horizon", "3", "--starts", "40",
                "--policy", "gaussian:0.5", "--penalty", "mopo-aleatoric", "--penalty-coef", "1", "--seed", "5",
                "-o", p("rollout-model.csv"), "--quiet");
        ok("rollout", "--model", p("dyn64.safetensors"), "--start", p("rollout-env.csv"), "--horizon", "2", "--starts", "20",
                "--member", "mean", "--seed", "6", "-o", p("rollout-model64.csv"), "--quiet");
        ok("rollout", "--model", "env:pendulum", "--start", p("rollout-env.csv"), "--horizon", "3", "--starts", "20", "--seed", "7",
                "-o", p("rollout-env-model.csv"), "--quiet");
        ok("fit-value", "-i", p("rollout-env.csv"), "-o", p("sac.safetensors"), "--method", "sac", "--env", "pendulum", "--critics", "2",
                "--hidden", "16", "--layers", "1", "--steps", "25", "--batch", "32", "--seed", "4", "--quiet");
        ok("predict-cltv", "synth", "--customers", "400", "--seed", "3", "-o", p("cltv-log.csv"));
        ok("predict-cltv", "features", "--transactions", p("cltv-log.csv"), "--attributes", "channel,region",
                "--calibration-end", "2024-09-29", "--holdout-end", "2025-06-29", "-o", p("customers.csv"));
        for (String m : List.of("ziln", "optdist")) {
            ok("predict-cltv", "fit", "--method", m, "-i", p("customers.csv"), "--max-epochs", "2", "--batch", "64", "--hidden", "8",
                    "--sub-networks", "2", "--seed", "4", "-o", p(m + ".safetensors"));
        }
        ok("predict-cltv", "fit", "--method", "bgnbd", "-i", p("customers.csv"), "-o", p("bgnbd.safetensors"));
        ok("rollout", "--env", "cartpole", "--episodes", "6", "--seed", "2", "-o", p("rollout-cartpole.csv"), "--quiet");
        ok("fit-value", "-i", p("rollout-cartpole.csv"), "-o", p("q-td.safetensors"), "--target", "q", "--method", "td", "--hidden", "16",
                "--layers", "2", "--steps", "30", "--batch", "32", "--seed", "2", "--quiet");
        ok("svd-adapt", "fit", "--model", p("dyn.safetensors"), "--input", p("rollout-env.csv"), "--method", "soma", "--rank", "2",
                "--max-epochs", "3", "--batch", "64", "-o", p("dyn-soma.safetensors"), "--quiet");
        ok("svd-adapt", "fit", "--model", p("q-td.safetensors"), "--input", p("rollout-cartpole.csv"), "--method", "milora", "--rank", "2",
                "--max-epochs", "3", "--batch", "32", "-o", p("q-milora.safetensors"), "--quiet");
        ok("svd-adapt", "fit", "--model", p("ziln.safetensors"), "--input", p("customers.csv"), "--method", "pissa", "--rank", "2",
                "--max-epochs", "3", "--batch", "32", "-o", p("ziln-pissa.safetensors"), "--quiet");
        for (String name : GOLDEN.keySet()) actual.put(name, hash(dir.resolve(name)));
    }

    @Test
    void seededOutputsAreByteIdenticalToTheRecordedGoldens() {
        StringBuilder diff = new StringBuilder();
        for (Map.Entry<String, String> e : actual.entrySet()) {
            if (!e.getValue().equals(GOLDEN.get(e.getKey()))) {
                diff.append("\n  Map.entry(\"").append(e.getKey()).append("\", \"").append(e.getValue()).append("\"),");
            }
        }
        assertEquals("", diff.toString(), "outputs differ from the goldens; new hashes:");
    }

    /** Wall-clock figures differ from run to run: removed before hashing. */
    static boolean isTiming(String name) {
        return name.contains("second");
    }

    /** Removes timings, file paths and file hashes at any depth. */
    static void dropRunSpecific(JsonNode node) {
        if (node instanceof ObjectNode o) {
            List<String> names = new ArrayList<>();
            o.fieldNames().forEachRemaining(names::add);
            for (String n : names) {
                if (isTiming(n) || n.equals("path") || n.equals("sha256")) o.remove(n);   // an adapter's spec names its base
                else dropRunSpecific(o.get(n));
            }
        } else if (node != null && node.isArray()) {
            node.forEach(GoldenOutputTest::dropRunSpecific);
        }
    }

    /** A CSV table's bytes without its timing columns (the training log's epoch_seconds). */
    static byte[] withoutTimings(byte[] csv) {
        String[] lines = new String(csv, StandardCharsets.UTF_8).split("\n", -1);
        List<String> header = List.of(lines[0].split(",", -1));
        if (header.stream().noneMatch(GoldenOutputTest::isTiming)) return csv;
        StringBuilder sb = new StringBuilder();
        for (String line : lines) {
            String[] cells = line.split(",", -1);
            for (int c = 0; c < cells.length; c++) {
                if (c < header.size() && !isTiming(header.get(c))) sb.append(cells[c]).append(',');
            }
            sb.append('\n');
        }
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** SHA-256 of a table's bytes, or of a model file without the run-naming provenance fields. */
    static String hash(Path file) throws Exception {
        byte[] bytes = Files.readAllBytes(file);
        MessageDigest md = MessageDigest.getInstance("SHA-256");
        if (!file.toString().endsWith(".safetensors")) return HexFormat.of().formatHex(md.digest(withoutTimings(bytes)));
        long headerLength = ByteBuffer.wrap(bytes, 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
        ObjectMapper json = new ObjectMapper();
        ObjectNode header = (ObjectNode) json.readTree(new String(bytes, 8, (int) headerLength, StandardCharsets.UTF_8));
        ObjectNode meta = (ObjectNode) header.get("__metadata__");
        ObjectNode prov = (ObjectNode) json.readTree(meta.get("valuekit.provenance").asText());
        // inputs: a model file given as input differs in size and hash from run to run (its own provenance
        // names the run); the tables among the inputs are pinned whole here anyway
        prov.remove(List.of("command_line", "created", "valuekit_version", "inputs"));
        dropRunSpecific(prov);
        meta.put("valuekit.provenance", json.writeValueAsString(prov));
        JsonNode spec = json.readTree(meta.get("valuekit.spec").asText());
        dropRunSpecific(spec);
        meta.put("valuekit.spec", json.writeValueAsString(spec));
        String dump = System.getProperty("valuekit.golden.dump");   // a folder: the hashed headers, to see what moved
        if (dump != null) Files.write(Path.of(dump, file.getFileName() + ".json"), json.writerWithDefaultPrettyPrinter().writeValueAsBytes(header));
        md.update(json.writeValueAsBytes(header));
        md.update(Arrays.copyOfRange(bytes, 8 + (int) headerLength, bytes.length));
        return HexFormat.of().formatHex(md.digest());
    }
}
