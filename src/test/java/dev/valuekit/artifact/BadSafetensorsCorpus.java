package dev.valuekit.artifact;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import static dev.valuekit.artifact.RawSafetensors.*;

/**
 * Makes the malformed safetensors files of testdata/bad/ (each breaks one rule of the format;
 * cases.tsv says what {@code valuekit inspect} must answer). BadSafetensorsCorpusTest checks the
 * committed files are exactly these bytes; to rewrite them run this class's main from the repo root.
 */
final class BadSafetensorsCorpus {
    private BadSafetensorsCorpus() {}

    private static String entry(String name, String dtype, String shape, long begin, long end) {
        return "\"" + name + "\":{\"dtype\":\"" + dtype + "\",\"shape\":" + shape + ",\"data_offsets\":[" + begin + "," + end + "]}";
    }

    static Map<String, byte[]> files() {
        Map<String, byte[]> m = new LinkedHashMap<>();
        m.put("st-empty.safetensors", new byte[0]);
        m.put("st-truncated.safetensors", new byte[] {8, 0, 0, 0, 0});
        m.put("st-header-past-end.safetensors", concat(le64(1000), "{\"w\":1}".getBytes(StandardCharsets.UTF_8)));
        m.put("st-huge-header.safetensors", concat(le64(200_000_000L), "{}      ".getBytes(StandardCharsets.UTF_8)));
        m.put("st-bad-json.safetensors", file("{\"w\":{\"dtype\":\"F32\",}", f32(1)));
        m.put("st-bf16.safetensors", file("{" + entry("embed.weight", "BF16", "[2]", 0, 4) + "}",
                new byte[] {(byte) 0x80, 0x3F, 0x00, 0x40}));
        m.put("st-overlap.safetensors", file("{" + entry("a", "F32", "[4]", 0, 16) + "," + entry("b", "F32", "[4]", 8, 24) + "}",
                f32(1, 2, 3, 4, 5, 6)));
        m.put("st-out-of-range.safetensors", file("{" + entry("w", "F32", "[16]", 0, 64) + "}", f32(1, 2, 3, 4)));
        m.put("st-shape-mismatch.safetensors", file("{" + entry("w", "F32", "[3]", 0, 16) + "}", f32(1, 2, 3, 4)));
        m.put("st-negative-shape.safetensors", file("{" + entry("w", "F32", "[-1]", 0, 4) + "}", f32(1)));
        m.put("st-hole.safetensors", file("{" + entry("a", "F32", "[1]", 0, 4) + "," + entry("b", "F32", "[1]", 8, 12) + "}",
                f32(1, 2, 3)));
        m.put("st-duplicate-name.safetensors", file("{" + entry("w", "F32", "[1]", 0, 4) + "," + entry("w", "F32", "[1]", 4, 8) + "}",
                f32(1, 2)));
        m.put("st-metadata-not-string.safetensors", file("{\"__metadata__\":{\"epochs\":3}}", new byte[0]));
        m.put("st-format-2.safetensors", file("{\"__metadata__\":{\"valuekit.format\":\"2\",\"valuekit.kind\":\"q\"}}", new byte[0]));
        return m;
    }

    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args.length > 0 ? args[0] : "testdata/bad");
        for (Map.Entry<String, byte[]> e : files().entrySet()) Files.write(dir.resolve(e.getKey()), e.getValue());
    }
}
