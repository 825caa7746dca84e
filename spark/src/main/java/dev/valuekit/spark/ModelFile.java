package dev.valuekit.spark;

import dev.valuekit.artifact.Artifact;
import dev.valuekit.artifact.Artifacts;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;

import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A model file shipped to the executors once, as a broadcast of its bytes (executors need not see the
 * driver's file system). Tasks read it back through valuekit's own safetensors reader, with the same
 * checks, from a private temporary copy.
 */
record ModelFile(String name, Broadcast<byte[]> bytes) implements Serializable {

    static ModelFile broadcast(JavaSparkContext sc, String path) throws IOException {
        return new ModelFile(path, sc.broadcast(Files.readAllBytes(Path.of(path))));
    }

    /** The artifact, in a task; {@code kind} null accepts any kind. */
    Artifact read(String kind) {
        try {
            Path tmp = Files.createTempFile("valuekit-model-", ".safetensors");
            try {
                Files.write(tmp, bytes.value());
                Artifact a = kind == null ? Artifacts.read(tmp) : Artifacts.read(tmp, kind);
                return a;
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A local copy for readers that take a path (learned dynamics); the caller deletes it. */
    Path copy() throws IOException {
        Path tmp = Files.createTempFile("valuekit-model-", ".safetensors");
        Files.write(tmp, bytes.value());
        return tmp;
    }
}
