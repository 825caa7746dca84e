package dev.valuekit.cli;

import picocli.CommandLine.IVersionProvider;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** Version and backend from the build, without loading ND4J (keeps --version fast). */
public final class VersionProvider implements IVersionProvider {
    static Properties build() {
        Properties p = new Properties();
        try (InputStream in = VersionProvider.class.getResourceAsStream("/valuekit/build.properties")) {
            if (in != null) p.load(in);
        } catch (IOException ignored) {
            // defaults below
        }
        return p;
    }

    public static String version() { return build().getProperty("version", "dev"); }

    @Override public String[] getVersion() {
        Properties p = build();
        return new String[] {
            "valuekit " + p.getProperty("version", "dev"),
            "backend: ND4J " + p.getProperty("backend", "cpu") + " (1.0.0-M2.1)",
            "java: " + System.getProperty("java.version") + " (" + System.getProperty("java.vm.name") + ")"
        };
    }
}
