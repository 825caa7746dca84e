package dev.valuekit.testutil;

import org.junit.jupiter.api.Assumptions;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Locates the real data sets in {@code ../shared/datasets} (system property {@code valuekit.shared}
 * set by Maven). Tests that need them are skipped, with a message saying why, when they are absent.
 */
public final class SharedData {
    private SharedData() {}

    public static Path root() {
        String prop = System.getProperty("valuekit.shared");
        return Path.of(prop != null ? prop : "../shared").toAbsolutePath().normalize();
    }

    public static boolean available() {
        return Files.isDirectory(root().resolve("datasets"));
    }

    /** The data set's path; skips the calling test when ../shared/datasets is not there. */
    public static Path dataset(String name) {
        Path p = root().resolve("datasets").resolve(name);
        Assumptions.assumeTrue(Files.isRegularFile(p),
                "skipped: " + p + " not found (tests on real data need ../shared/datasets beside the checkout)");
        return p;
    }
}
