package dev.valuekit.common;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/**
 * What the build stamped into {@code /valuekit/build.properties}: readable by domain code (model
 * provenance) without depending on the CLI.
 */
public final class BuildInfo {
    private static final Properties PROPS = load();

    private BuildInfo() {}

    private static Properties load() {
        Properties p = new Properties();
        try (InputStream in = BuildInfo.class.getResourceAsStream("/valuekit/build.properties")) {
            if (in != null) p.load(in);
        } catch (IOException ignored) {
            // a jar without the file still runs; the defaults below say so
        }
        return p;
    }

    /** The valuekit version, or "dev" when the resource was not filtered by Maven. */
    public static String version() {
        String v = PROPS.getProperty("version", "dev");
        return v.startsWith("${") ? "dev" : v;
    }

    /** The ND4J backend the jar carries ("cpu", "cuda-11.6"). */
    public static String backend() {
        String b = PROPS.getProperty("backend", "cpu");
        return b.startsWith("${") ? "cpu" : b;
    }
}
