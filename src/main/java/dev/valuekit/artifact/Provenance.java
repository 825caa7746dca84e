package dev.valuekit.artifact;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.valuekit.common.BadInputException;
import dev.valuekit.common.BuildInfo;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Builds a model's provenance: which valuekit made it, from which command line, seed and input files
 * (with SHA-256), when, and a training summary. The JSON always has the keys {@code valuekit_version,
 * command_line, seed, created, inputs, summary} in that order ({@code seed} null when unset).
 *
 * <p>{@code created} is the current time (UTC, whole seconds), or {@code SOURCE_DATE_EPOCH} when that
 * variable is set, the reproducible-builds convention: set it to get byte-identical model files from
 * repeated runs.
 */
public final class Provenance {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String commandLine;
    private final ArrayNode inputs = JSON.createArrayNode();
    private final Map<String, Object> summary = new LinkedHashMap<>();
    private Long seed;
    private Instant created;

    private Provenance(String commandLine, Instant created) {
        this.commandLine = commandLine;
        this.created = created;
    }

    public static Provenance start(String commandLine) {
        return new Provenance(commandLine, defaultCreated(System.getenv("SOURCE_DATE_EPOCH")));
    }

    static Instant defaultCreated(String sourceDateEpoch) {
        if (sourceDateEpoch != null && sourceDateEpoch.matches("\\d{1,12}")) {
            return Instant.ofEpochSecond(Long.parseLong(sourceDateEpoch));
        }
        return Instant.now().truncatedTo(ChronoUnit.SECONDS);
    }

    public Provenance seed(long s) {
        this.seed = s;
        return this;
    }

    /** Overrides the creation time (tests, reproducible output). */
    public Provenance created(Instant t) {
        this.created = t;
        return this;
    }

    /**
     * Records an input file with its size and SHA-256 (read in a stream, so any size works). A
     * directory (a Parquet or Minari data set) is recorded with the total size of its files and the
     * SHA-256 of their relative paths and hashes in name order.
     */
    public Provenance input(Path p) {
        ObjectNode o = inputs.addObject();
        o.put("path", p.toString());
        try {
            if (Files.isDirectory(p)) {
                recordDirectory(o, p);
                return this;
            }
            o.put("bytes", Files.size(p));
            o.put("sha256", sha256(p));
        } catch (NoSuchFileException e) {
            throw BadInputException.inFile("input file not found", p.toString(), "check the path");
        } catch (IOException e) {
            throw BadInputException.inFile("cannot read input file: " + e.getMessage(), p.toString(), "check the file");
        }
        return this;
    }

    /**
     * Records an input named on the command line: {@code -} (stdin) and built-in environments
     * ({@code env:NAME}) are recorded by name with null size and hash; anything else is a file.
     */
    public Provenance input(String name) {
        if (name.equals("-") || name.startsWith("env:")) {
            ObjectNode o = inputs.addObject();
            o.put("path", name);
            o.putNull("bytes");
            o.putNull("sha256");
            return this;
        }
        return input(Path.of(name));
    }

    /** Adds a training-summary entry (numbers, strings, lists, maps). */
    public Provenance summary(String key, Object value) {
        summary.put(key, value);
        return this;
    }

    /** The provenance as JSON, exactly the tree a reader parses back from the file (number node types included). */
    public ObjectNode toJson() {
        ObjectNode o = JSON.createObjectNode();
        o.put("valuekit_version", BuildInfo.version());
        o.put("command_line", commandLine);
        if (seed == null) o.putNull("seed");
        else o.put("seed", seed);
        o.put("created", DateTimeFormatter.ISO_INSTANT.format(created));
        o.set("inputs", inputs.deepCopy());
        o.set("summary", JSON.valueToTree(summary));
        try {
            return (ObjectNode) JSON.readTree(JSON.writeValueAsString(o));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException("provenance summary is not JSON-serializable: " + e.getOriginalMessage(), e);
        }
    }

    private static void recordDirectory(ObjectNode o, Path dir) throws IOException {
        java.util.List<Path> files;
        try (java.util.stream.Stream<Path> s = Files.walk(dir)) {
            files = s.filter(Files::isRegularFile).sorted().toList();
        }
        MessageDigest md = sha256Digest();
        long bytes = 0;
        for (Path f : files) {
            bytes += Files.size(f);
            String line = dir.relativize(f).toString().replace('\\', '/') + "\0" + sha256(f) + "\n";
            md.update(line.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
        o.put("bytes", bytes);
        o.put("sha256", HexFormat.of().formatHex(md.digest()));
    }

    private static MessageDigest sha256Digest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }

    /** SHA-256 of a file as hex, read in a stream (any size). */
    public static String sha256(Path p) throws IOException {
        MessageDigest md = sha256Digest();
        byte[] buf = new byte[1 << 16];
        try (InputStream in = Files.newInputStream(p)) {
            for (int r; (r = in.read(buf)) > 0; ) md.update(buf, 0, r);
        }
        return HexFormat.of().formatHex(md.digest());
    }

    /** SHA-256 of bytes as hex. */
    public static String sha256(byte[] bytes) {
        return HexFormat.of().formatHex(sha256Digest().digest(bytes));
    }
}
