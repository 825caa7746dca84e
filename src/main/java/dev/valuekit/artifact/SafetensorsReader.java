package dev.valuekit.artifact;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.valuekit.common.BadInputException;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads safetensors files, treating every byte as untrusted: the header length is bounded before
 * anything is allocated, and every dtype, shape and offset is checked against the file before it is
 * used. Only F32 and F64 tensors are accepted. Every problem is a {@link BadInputException} naming
 * the file, the tensor and a fix. The file is read through a {@link FileChannel} in chunks, so files
 * larger than 2 GB work as long as each tensor fits a Java array.
 */
public final class SafetensorsReader {
    /** The reference implementation's bound on the JSON header. */
    public static final long MAX_HEADER_BYTES = 100_000_000L;
    /** Largest element count a double[] can hold on common JVMs. */
    static final long MAX_ELEMENTS = Integer.MAX_VALUE - 8;
    private static final int CHUNK = 1 << 16;
    private static final String METADATA = "__metadata__";
    private static final String CORRUPT = "the file is corrupt or not a safetensors file; re-create it";
    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    private SafetensorsReader() {}

    /** Reads and validates the whole file. */
    public static SafetensorsFile read(Path path) {
        String source = path.toString();
        if (Files.isDirectory(path)) {
            throw BadInputException.inFile("model file is a directory", source, "name a .safetensors file");
        }
        try (FileChannel ch = FileChannel.open(path, StandardOpenOption.READ)) {
            return new Parse(ch, source).run();
        } catch (NoSuchFileException e) {
            throw BadInputException.inFile("model file not found", source, "check the path");
        } catch (AccessDeniedException e) {
            throw BadInputException.inFile("model file is not readable", source, "check the file's permissions");
        } catch (EOFException e) {
            throw BadInputException.inFile("file ended while reading tensor data (was it being written?)", source, CORRUPT);
        } catch (IOException e) {
            throw BadInputException.inFile("cannot read model file: " + e.getMessage(), source, "check the path and the disk");
        }
    }

    /** One tensor's header entry, checked, with offsets relative to the data buffer. */
    private record Entry(String name, DType dtype, long[] shape, long begin, long end) {}

    private static final class Parse {
        private final FileChannel ch;
        private final String source;

        Parse(FileChannel ch, String source) {
            this.ch = ch;
            this.source = source;
        }

        private BadInputException bad(String what, String fix) {
            return BadInputException.inFile(what, source, fix);
        }

        SafetensorsFile run() throws IOException {
            long size = ch.size();
            if (size < 8) {
                throw bad("file is too short to be safetensors (" + size + " bytes; the header length alone takes 8)",
                        "the file is truncated or not a model file; re-create it");
            }
            ByteBuffer len = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
            readFully(len, 0);
            long n = len.getLong(0);
            if (Long.compareUnsigned(n, MAX_HEADER_BYTES) > 0) {
                throw bad("declared header length " + Long.toUnsignedString(n) + " bytes exceeds the 100 MB limit", CORRUPT);
            }
            if (n > size - 8) {
                throw bad("header length " + n + " bytes runs past the end of the file (" + size + " bytes)",
                        "the file is truncated or not a safetensors file; re-create it");
            }
            ByteBuffer header = ByteBuffer.allocate((int) n);
            readFully(header, 8);
            long dataStart = 8 + n;
            long bufferSize = size - dataStart;

            Map<String, String> metadata = new LinkedHashMap<>();
            List<Entry> entries = parseHeader(header.array(), metadata, bufferSize);
            LinkedHashMap<String, Tensor> tensors = new LinkedHashMap<>();
            for (Entry e : inFileOrder(entries, bufferSize)) {
                tensors.put(e.name(), new Tensor(e.name(), e.dtype(), e.shape(), readData(e, dataStart)));
            }
            return new SafetensorsFile(metadata, tensors);
        }

        private List<Entry> parseHeader(byte[] header, Map<String, String> metadata, long bufferSize) throws IOException {
            // The spec requires '{' first; checking it also rejects an all-space or empty header clearly.
            if (header.length == 0 || header[0] != '{') {
                throw bad("header does not start with '{' (a safetensors header is a JSON object)", CORRUPT);
            }
            List<Entry> entries = new ArrayList<>();
            try (JsonParser p = JSON.createParser(header)) {
                p.nextToken();
                // Strict duplicate detection (set on the mapper) refuses a repeated key at any depth:
                // JSON parsers otherwise keep the last one, letting two names alias bytes unnoticed.
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String name = p.currentName();
                    p.nextToken();
                    JsonNode value = p.readValueAsTree();
                    if (METADATA.equals(name)) readMetadata(value, metadata);
                    else entries.add(entry(name, value, bufferSize));
                }
                if (p.currentToken() != JsonToken.END_OBJECT) {
                    throw bad("header is not a JSON object of tensor entries", CORRUPT);
                }
                if (p.nextToken() != null) {
                    throw bad("header has data after its JSON object (only space padding may follow)", CORRUPT);
                }
            } catch (JsonProcessingException e) {
                // Jackson's own message names its source and settings; keep only what is wrong, where.
                JsonLocation at = e.getLocation();
                String where = at == null || at.getByteOffset() < 0 ? "" : " at header byte " + at.getByteOffset();
                String why = String.valueOf(e.getOriginalMessage()).replaceAll(", from `[^`]*`", "");
                if (why.startsWith("Duplicate field")) {
                    throw bad("header repeats a key (" + why + "); each tensor name may appear once", CORRUPT);
                }
                throw bad("header is not valid JSON" + where + ": " + why, CORRUPT);
            }
            return entries;
        }

        private void readMetadata(JsonNode value, Map<String, String> metadata) {
            if (!value.isObject()) throw bad("header's __metadata__ is not a JSON object", CORRUPT);
            for (Map.Entry<String, JsonNode> f : value.properties()) {
                if (!f.getValue().isTextual()) {
                    throw bad("__metadata__ value of '" + f.getKey() + "' is not a string (safetensors metadata maps strings to strings)",
                            "store it as a string (e.g. JSON-encode it) and re-create the file");
                }
                metadata.put(f.getKey(), f.getValue().textValue());
            }
        }

        private Entry entry(String name, JsonNode v, long bufferSize) {
            String t = "tensor '" + name + "'";
            if (!v.isObject()) throw bad(t + " is not an object with dtype, shape and data_offsets", CORRUPT);
            JsonNode dt = v.get("dtype");
            if (dt == null || !dt.isTextual()) throw bad(t + " has no dtype string", CORRUPT);
            DType dtype = DType.parse(dt.textValue());
            if (dtype == null) {
                throw bad(t + " has dtype " + dt.textValue() + "; valuekit reads F32 and F64 tensors only",
                        "convert the tensors to float32 before saving (PyTorch: {k: v.float() for k, v in state_dict.items()})");
            }
            long[] shape = naturals(v.get("shape"), -1);
            if (shape == null) {
                throw bad(t + " has shape " + v.get("shape") + "; a shape is a list of non-negative integers", CORRUPT);
            }
            long[] offsets = naturals(v.get("data_offsets"), 2);
            if (offsets == null || offsets[0] > offsets[1]) {
                throw bad(t + " has data_offsets " + v.get("data_offsets") + "; they must be [begin, end] with 0 <= begin <= end", CORRUPT);
            }
            long begin = offsets[0];
            long end = offsets[1];
            if (end > bufferSize) {
                throw bad(t + " has data_offsets [" + begin + ", " + end + "] past the end of the data buffer ("
                        + bufferSize + " bytes)", "the file is truncated or corrupt; re-create it");
            }
            long elements;
            long bytes;
            try {
                elements = Tensor.elements(shape);
                bytes = Math.multiplyExact(elements, dtype.bytes());
            } catch (ArithmeticException e) {
                throw bad(t + " has shape " + Arrays.toString(shape) + ", too large to exist", CORRUPT);
            }
            if (end - begin != bytes) {
                throw bad(t + " has shape " + Arrays.toString(shape) + " of " + dtype + " (" + bytes
                        + " bytes) but data_offsets [" + begin + ", " + end + "] span " + (end - begin) + " bytes", CORRUPT);
            }
            if (elements > MAX_ELEMENTS) {
                throw bad(t + " has " + elements + " values; valuekit holds at most " + MAX_ELEMENTS + " per tensor",
                        "split the tensor into smaller ones");
            }
            return new Entry(name, dtype, shape, begin, end);
        }

        /** A JSON array of non-negative integers (of the given length, or any when -1), else null. */
        private static long[] naturals(JsonNode a, int length) {
            if (a == null || !a.isArray() || (length >= 0 && a.size() != length)) return null;
            long[] out = new long[a.size()];
            for (int i = 0; i < out.length; i++) {
                JsonNode x = a.get(i);
                if (!x.isIntegralNumber() || !x.canConvertToLong() || x.longValue() < 0) return null;
                out[i] = x.longValue();
            }
            return out;
        }

        /**
         * The spec requires the tensors to tile the data buffer exactly: no overlap (two names for the
         * same bytes) and no holes (bytes no tensor accounts for, e.g. a polyglot payload). Returns the
         * entries in the order of their bytes, the order the tensors are read and reported in.
         */
        private List<Entry> inFileOrder(List<Entry> entries, long bufferSize) {
            List<Entry> sorted = new ArrayList<>(entries);
            sorted.sort(Comparator.comparingLong(Entry::begin).thenComparingLong(Entry::end).thenComparing(Entry::name));
            long pos = 0;
            Entry prev = null;
            for (Entry e : sorted) {
                if (e.begin() < pos) {
                    throw bad("tensors '" + prev.name() + "' [" + prev.begin() + ", " + prev.end() + "] and '" + e.name()
                            + "' [" + e.begin() + ", " + e.end() + "] overlap in the data buffer", CORRUPT);
                }
                if (e.begin() > pos) {
                    throw bad("data buffer bytes [" + pos + ", " + e.begin() + ") before tensor '" + e.name()
                            + "' belong to no tensor", CORRUPT);
                }
                pos = e.end();
                prev = e;
            }
            if (pos != bufferSize) {
                throw bad("the last " + (bufferSize - pos) + " bytes of the data buffer belong to no tensor", CORRUPT);
            }
            return sorted;
        }

        private double[] readData(Entry e, long dataStart) throws IOException {
            int size = e.dtype().bytes();
            int n = (int) ((e.end() - e.begin()) / size);
            double[] data = new double[n];
            ByteBuffer buf = ByteBuffer.allocate(CHUNK).order(ByteOrder.LITTLE_ENDIAN);
            long pos = dataStart + e.begin();
            int i = 0;
            while (i < n) {
                int count = Math.min(CHUNK / size, n - i);
                buf.clear().limit(count * size);
                readFully(buf, pos);
                pos += (long) count * size;
                buf.flip();
                if (e.dtype() == DType.F32) {
                    FloatBuffer f = buf.asFloatBuffer();
                    for (int k = 0; k < count; k++) data[i++] = f.get(k);
                } else {
                    DoubleBuffer d = buf.asDoubleBuffer();
                    for (int k = 0; k < count; k++) data[i++] = d.get(k);
                }
            }
            return data;
        }

        private void readFully(ByteBuffer buf, long position) throws IOException {
            long pos = position;
            while (buf.hasRemaining()) {
                int r = ch.read(buf, pos);
                if (r < 0) throw new EOFException();
                pos += r;
            }
        }
    }
}
