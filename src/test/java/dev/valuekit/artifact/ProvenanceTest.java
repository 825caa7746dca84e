package dev.valuekit.artifact;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.valuekit.common.BadInputException;
import dev.valuekit.common.BuildInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

class ProvenanceTest {
    @TempDir Path dir;

    @Test
    void recordsVersionCommandSeedInputsTimeAndSummary() throws IOException {
        Path in = dir.resolve("data.csv");
        Files.writeString(in, "abc", StandardCharsets.US_ASCII);
        ObjectNode j = Provenance.start("valuekit train-model -i data.csv --seed 3")
                .seed(3)
                .input(in)
                .input("-")
                .input("env:pendulum")
                .created(Instant.parse("2026-11-27T05:00:00Z"))
                .summary("epochs", 40)
                .summary("final_loss", Map.of("nll", -1.25))
                .summary("elites", List.of(0, 2, 4))
                .toJson();
        assertEquals(List.of("valuekit_version", "command_line", "seed", "created", "inputs", "summary"),
                names(j.fieldNames()));
        assertEquals(BuildInfo.version(), j.get("valuekit_version").textValue());
        assertFalse(j.get("valuekit_version").textValue().isBlank());
        assertEquals("valuekit train-model -i data.csv --seed 3", j.get("command_line").textValue());
        assertEquals(3, j.get("seed").longValue());
        assertEquals("2026-11-27T05:00:00Z", j.get("created").textValue());
        // SHA-256("abc"), FIPS 180-2 test vector
        assertEquals("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", j.get("inputs").get(0).get("sha256").textValue());
        assertEquals(3, j.get("inputs").get(0).get("bytes").longValue());
        assertEquals(in.toString(), j.get("inputs").get(0).get("path").textValue());
        assertEquals("-", j.get("inputs").get(1).get("path").textValue());
        assertTrue(j.get("inputs").get(1).get("sha256").isNull());
        assertEquals("env:pendulum", j.get("inputs").get(2).get("path").textValue());
        assertEquals(40, j.get("summary").get("epochs").intValue());
        assertEquals(-1.25, j.get("summary").get("final_loss").get("nll").doubleValue());
        assertEquals(3, j.get("summary").get("elites").size());
    }

    @Test
    void hashesFilesLargerThanTheReadBuffer() throws IOException {
        Path in = dir.resolve("big.bin");
        byte[] b = new byte[200_001];
        for (int i = 0; i < b.length; i++) b[i] = (byte) (i * 31);
        Files.write(in, b);
        String expected;
        try {
            expected = java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(b));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
        assertEquals(expected, Provenance.sha256(in));
    }

    @Test
    void seedIsNullUntilSetAndTimeIsUtcSeconds() {
        ObjectNode j = Provenance.start("x").toJson();
        assertTrue(j.get("seed").isNull());
        assertTrue(j.get("created").textValue().matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ"), j.get("created").textValue());
    }

    @Test
    void sourceDateEpochFixesTheTime() {
        assertEquals(Instant.parse("2023-11-14T22:13:20Z"), Provenance.defaultCreated("1700000000"));
        Instant now = Provenance.defaultCreated(null);
        assertTrue(Math.abs(now.getEpochSecond() - Instant.now().getEpochSecond()) < 60);
        assertNotEquals(Instant.EPOCH, Provenance.defaultCreated("not-a-number"));
    }

    @Test
    void missingInputIsBadInput() {
        BadInputException e = assertThrows(BadInputException.class, () -> Provenance.start("x").input(dir.resolve("none.csv")));
        assertEquals("input file not found", e.what());
    }

    static <T> List<T> names(java.util.Iterator<T> it) {
        List<T> l = new java.util.ArrayList<>();
        it.forEachRemaining(l::add);
        return l;
    }
}
