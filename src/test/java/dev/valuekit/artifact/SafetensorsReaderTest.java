package dev.valuekit.artifact;

import dev.valuekit.common.BadInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static dev.valuekit.artifact.RawSafetensors.*;
import static org.junit.jupiter.api.Assertions.*;

/** Every check the reader makes on an untrusted file, with the message it gives. */
class SafetensorsReaderTest {
    @TempDir Path dir;

    private BadInputException refuse(byte[] bytes) throws IOException {
        Path p = dir.resolve("bad.safetensors");
        Files.write(p, bytes);
        BadInputException e = assertThrows(BadInputException.class, () -> SafetensorsReader.read(p));
        assertEquals(p.toString(), e.source());
        assertNotNull(e.fix());
        return e;
    }

    private String what(byte[] bytes) throws IOException {
        return refuse(bytes).what();
    }

    private static String entry(String name, String dtype, String shape, long begin, long end) {
        return "\"" + name + "\":{\"dtype\":\"" + dtype + "\",\"shape\":" + shape + ",\"data_offsets\":[" + begin + "," + end + "]}";
    }

    @Test
    void tooShortForTheLength() throws IOException {
        assertEquals("file is too short to be safetensors (5 bytes; the header length alone takes 8)", what(new byte[5]));
        assertTrue(what(new byte[0]).contains("0 bytes"));
    }

    @Test
    void headerLengthIsBoundedBeforeAnythingIsAllocated() throws IOException {
        assertEquals("declared header length 100000001 bytes exceeds the 100 MB limit", what(le64(100_000_001L)));
        // the top bit set: an unsigned value, not a negative one
        assertEquals("declared header length 18446744073709551615 bytes exceeds the 100 MB limit", what(le64(-1L)));
    }

    @Test
    void headerLengthPastTheEnd() throws IOException {
        assertEquals("header length 64 bytes runs past the end of the file (20 bytes)", what(concat(le64(64), "{\"a\":1}     ".getBytes())));
    }

    @Test
    void headerMustBeAJsonObject() throws IOException {
        assertTrue(what(file("[1,2]   ", new byte[0])).startsWith("header does not start with '{'"));
        assertTrue(what(file("        ", new byte[0])).startsWith("header does not start with '{'"));
        assertTrue(what(concat(le64(0))).startsWith("header does not start with '{'"));
        assertTrue(what(file("{\"a\":", new byte[0])).startsWith("header is not valid JSON at header byte "));
        assertTrue(what(file("{\"a\" 1}", new byte[0])).startsWith("header is not valid JSON"));
        assertEquals("header has data after its JSON object (only space padding may follow)", what(file("{} {}", new byte[0])));
        byte[] badUtf8 = concat(le64(8), new byte[] {'{', '"', (byte) 0xC3, (byte) 0x28, '"', ':', '1', '}'});
        assertTrue(what(badUtf8).startsWith("header is not valid JSON"));
    }

    @Test
    void emptyHeaderObjectIsAnEmptyFile() throws IOException {
        Path p = dir.resolve("e.safetensors");
        Files.write(p, file("{}      ", new byte[0]));
        SafetensorsFile f = SafetensorsReader.read(p);
        assertTrue(f.tensors().isEmpty());
        assertTrue(f.metadata().isEmpty());
    }

    @Test
    void duplicateNamesAreRefused() throws IOException {
        String h = "{" + entry("w", "F32", "[1]", 0, 4) + "," + entry("w", "F32", "[1]", 4, 8) + "}";
        assertEquals("header repeats a key (Duplicate field 'w'); each tensor name may appear once", what(file(h, f32(1, 2))));
        assertTrue(what(file("{\"__metadata__\":{},\"__metadata__\":{}}", new byte[0])).contains("Duplicate field '__metadata__'"));
        // a key repeated inside an entry is caught by the JSON parser
        assertTrue(what(file("{\"w\":{\"dtype\":\"F32\",\"dtype\":\"F64\",\"shape\":[1],\"data_offsets\":[0,4]}}", f32(1)))
                .contains("Duplicate"));
    }

    @Test
    void metadataMustMapStringsToStrings() throws IOException {
        assertEquals("__metadata__ value of 'epochs' is not a string (safetensors metadata maps strings to strings)",
                what(file("{\"__metadata__\":{\"epochs\":3}}", new byte[0])));
        assertEquals("header's __metadata__ is not a JSON object", what(file("{\"__metadata__\":\"x\"}", new byte[0])));
    }

    @Test
    void onlyFloat32AndFloat64() throws IOException {
        for (String dt : new String[] {"BF16", "F16", "I64", "BOOL", "F8_E4M3", "f32"}) {
            assertEquals("tensor 'w' has dtype " + dt + "; valuekit reads F32 and F64 tensors only",
                    what(file("{" + entry("w", dt, "[1]", 0, 4) + "}", f32(1))));
        }
        assertEquals("tensor 'w' has no dtype string", what(file("{\"w\":{\"shape\":[1],\"data_offsets\":[0,4]}}", f32(1))));
        assertEquals("tensor 'w' is not an object with dtype, shape and data_offsets", what(file("{\"w\":[1]}", f32(1))));
    }

    @Test
    void shapeMustBeNaturalNumbers() throws IOException {
        for (String shape : new String[] {"[-1]", "[1.5]", "[\"2\"]", "3", "[18446744073709551616]"}) {
            assertTrue(what(file("{" + entry("w", "F32", shape, 0, 4) + "}", f32(1)))
                    .startsWith("tensor 'w' has shape " + shape.replace("1.5", "1.5") + "; a shape is a list"), shape);
        }
        assertTrue(what(file("{\"w\":{\"dtype\":\"F32\",\"data_offsets\":[0,4]}}", f32(1))).startsWith("tensor 'w' has shape null"));
    }

    @Test
    void shapeMustMatchTheByteCount() throws IOException {
        assertEquals("tensor 'w' has shape [3] of F32 (12 bytes) but data_offsets [0, 16] span 16 bytes",
                what(file("{" + entry("w", "F32", "[3]", 0, 16) + "}", f32(1, 2, 3, 4))));
        assertEquals("tensor 'w' has shape [2] of F64 (16 bytes) but data_offsets [0, 8] span 8 bytes",
                what(file("{" + entry("w", "F64", "[2]", 0, 8) + "}", f64(1))));
        // a shape whose byte count overflows a long
        assertTrue(what(file("{" + entry("w", "F64", "[4294967296,4294967296]", 0, 8) + "}", f64(1)))
                .endsWith("too large to exist"));
    }

    @Test
    void offsetsMustBeOrderedPairsInsideTheBuffer() throws IOException {
        assertEquals("tensor 'w' has data_offsets [0, 64] past the end of the data buffer (16 bytes)",
                what(file("{" + entry("w", "F32", "[16]", 0, 64) + "}", f32(1, 2, 3, 4))));
        assertTrue(what(file("{" + entry("w", "F32", "[1]", 8, 4) + "}", f32(1, 2)))
                .startsWith("tensor 'w' has data_offsets [8,4]; they must be [begin, end]"));
        assertTrue(what(file("{\"w\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0]}}", f32(1)))
                .contains("they must be [begin, end]"));
        assertTrue(what(file("{\"w\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[-4,0]}}", f32(1)))
                .contains("they must be [begin, end]"));
    }

    @Test
    void tensorsMustTileTheBufferExactly() throws IOException {
        String overlap = "{" + entry("a", "F32", "[4]", 0, 16) + "," + entry("b", "F32", "[4]", 8, 24) + "}";
        assertEquals("tensors 'a' [0, 16] and 'b' [8, 24] overlap in the data buffer", what(file(overlap, f32(1, 2, 3, 4, 5, 6))));
        String same = "{" + entry("a", "F32", "[2]", 0, 8) + "," + entry("b", "F32", "[2]", 0, 8) + "}";
        assertTrue(what(file(same, f32(1, 2))).endsWith("overlap in the data buffer"));
        String hole = "{" + entry("a", "F32", "[1]", 0, 4) + "," + entry("b", "F32", "[1]", 8, 12) + "}";
        assertEquals("data buffer bytes [4, 8) before tensor 'b' belong to no tensor", what(file(hole, f32(1, 2, 3))));
        String tail = "{" + entry("a", "F32", "[1]", 0, 4) + "}";
        assertEquals("the last 4 bytes of the data buffer belong to no tensor", what(file(tail, f32(1, 2))));
    }

    @Test
    void missingOrUnreadablePaths() {
        BadInputException e = assertThrows(BadInputException.class, () -> SafetensorsReader.read(dir.resolve("nope.safetensors")));
        assertEquals("model file not found", e.what());
        e = assertThrows(BadInputException.class, () -> SafetensorsReader.read(dir));
        assertEquals("model file is a directory", e.what());
    }

    @Test
    void messagesAreOneLine() throws IOException {
        String m = refuse(file("{\"a\":\n\n", new byte[0])).getMessage();
        assertFalse(m.contains("\n"), m);
        assertTrue(m.contains("bad.safetensors"), m);
        assertEquals(m, new String(m.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8));
    }
}
