package dev.valuekit.common;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Temporaries of {@link AtomicOutput}: {@code .<name>.<pid>-<hex>.tmp} beside the target, so a
 * later run can tell whose they are. A run killed with SIGKILL (or a power cut) cannot delete its
 * temporary; the next run to the same target removes those that are older than itself and whose
 * writer is gone. A temporary whose process is alive (and started before the file was last written,
 * so the id was not reused) is left alone, as is anything written since this run started. Names
 * without a process id ({@code .<name>.<hex>.tmp}, from older versions) count as stale once older
 * than this run.
 */
final class StaleTemporaries {
    private static final Pattern MIDDLE = Pattern.compile("(?:(\\d{1,18})-)?[0-9a-f]+");

    private StaleTemporaries() {}

    static Path name(Path target, long random) {
        return target.resolveSibling("." + target.getFileName() + "." + ProcessHandle.current().pid() + "-"
                + Long.toHexString(random) + ".tmp");
    }

    /** Removes the stale temporaries of {@code target}; returns how many. */
    static int remove(Path target) {
        String prefix = "." + target.getFileName() + ".";
        Instant runStart = ProcessHandle.current().info().startInstant().orElse(Instant.now());
        int removed = 0;
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(target.getParent(), prefix + "*.tmp")) {
            for (Path p : ds) {
                String f = p.getFileName().toString();
                Matcher m = MIDDLE.matcher(f.substring(prefix.length(), f.length() - ".tmp".length()));
                if (m.matches() && isStale(p, m.group(1), runStart) && Files.deleteIfExists(p)) removed++;
            }
        } catch (IOException ignored) {
            // cleaning up is a courtesy; the output itself is unaffected
        }
        return removed;
    }

    private static boolean isStale(Path temp, String pid, Instant runStart) throws IOException {
        if (!Files.isRegularFile(temp)) return false;
        Instant written = Files.getLastModifiedTime(temp).toInstant();
        if (!written.isBefore(runStart)) return false;
        if (pid == null) return true;
        Optional<ProcessHandle> writer = ProcessHandle.of(Long.parseLong(pid));
        if (writer.isEmpty() || !writer.get().isAlive()) return true;
        // the id is in use: by the writer unless that process started after the file was written
        return writer.get().info().startInstant().map(written::isBefore).orElse(false);
    }
}
