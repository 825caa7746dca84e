package dev.valuekit.artifact;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/** The committed bad files are the generator's bytes, and each has a case in cases.tsv. */
class BadSafetensorsCorpusTest {
    private static final Path BAD = Path.of("testdata/bad");

    @Test
    void committedFilesMatchTheGenerator() throws IOException {
        String cases = Files.readString(BAD.resolve("cases.tsv"), StandardCharsets.UTF_8);
        for (Map.Entry<String, byte[]> e : BadSafetensorsCorpus.files().entrySet()) {
            Path p = BAD.resolve(e.getKey());
            assertTrue(Files.exists(p), p + " missing: run BadSafetensorsCorpus.main");
            assertArrayEquals(e.getValue(), Files.readAllBytes(p), p + " is stale: run BadSafetensorsCorpus.main");
            assertTrue(cases.contains("{bad}/" + e.getKey() + "\t"), e.getKey() + " has no line in cases.tsv");
        }
    }
}
