package dev.valuekit.common;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * An output file that appears only when the run succeeds: bytes go to a temporary file beside the
 * target, {@link #commit()} renames it over the target, and {@link #close()} without commit deletes
 * it. A failed, interrupted (Ctrl-C) or killed run therefore never leaves a partial file and never
 * clobbers an existing one. The path {@code -} writes straight to the given stdout stream.
 */
public final class AtomicOutput implements AutoCloseable {
    private static final Set<Path> PENDING = ConcurrentHashMap.newKeySet();
    private static final java.security.SecureRandom RANDOM = new java.security.SecureRandom();

    static {
        // Ctrl-C runs shutdown hooks: remove temporaries of outputs that were never committed.
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            for (Path p : PENDING) {
                try { Files.deleteIfExists(p); } catch (IOException ignored) { /* best effort */ }
            }
        }, "valuekit-cleanup"));
    }

    private final String name;
    private final Path target;
    private final Path temp;
    private final OutputStream out;
    private boolean committed;
    private boolean closed;

    private AtomicOutput(String name, Path target, Path temp, OutputStream out) {
        this.name = name;
        this.target = target;
        this.temp = temp;
        this.out = out;
    }

    /** Opens {@code path} for writing ({@code -} means {@code stdout}); see {@link #open(String, OutputStream, ProgressListener)}. */
    public static AtomicOutput open(String path, OutputStream stdout) {
        return open(path, stdout, ProgressListener.NONE);
    }

    /**
     * Opens {@code path} for writing ({@code -} means {@code stdout}). Fails with a
     * {@link BadInputException} naming the path when it is a directory or its directory does not
     * exist or is not writable. Temporaries of the same output that earlier, interrupted runs left
     * behind are removed first, and {@code log} is told so once.
     */
    public static AtomicOutput open(String path, OutputStream stdout, ProgressListener log) {
        if ("-".equals(path)) {
            return new AtomicOutput("-", null, null, new FilterOutputStream(stdout) {
                @Override public void write(byte[] b, int off, int len) throws IOException { out.write(b, off, len); }
                @Override public void close() throws IOException { out.flush(); }
            });
        }
        Path target = checkedTarget(path);
        int removed = StaleTemporaries.remove(target);
        if (removed > 0) {
            log.info("removed " + removed + " stale temporary file" + (removed == 1 ? "" : "s") + " of " + path
                    + " left by an interrupted run");
        }
        Path temp = createTemp(path, target);
        try {
            PENDING.add(temp);
            return new AtomicOutput(path, target, temp, Files.newOutputStream(temp));
        } catch (IOException e) {
            deleteQuietly(temp);
            throw BadInputException.inFile("cannot create output: " + e.getMessage(), path, "check the path and free disk space");
        }
    }

    /**
     * Checks, before any work, that {@code path} can be written: not a directory, in an existing
     * writable directory (a probe file is created and removed). {@code -} (stdout) always can.
     */
    public static void preflight(String path) {
        if ("-".equals(path)) return;
        Path target = checkedTarget(path);
        deleteQuietly(createTemp(path, target));
    }

    private static Path checkedTarget(String path) {
        Path target = Path.of(path).toAbsolutePath();
        Path dir = target.getParent();
        if (Files.isDirectory(target)) {
            throw BadInputException.inFile("output path is a directory", path, "name a file inside it");
        }
        if (dir == null || !Files.isDirectory(dir)) {
            throw BadInputException.inFile("output directory does not exist", path, "create it first or choose another path");
        }
        return target;
    }

    /** An empty temporary beside the target, named for the target and this process (see {@link StaleTemporaries}). */
    private static Path createTemp(String path, Path target) {
        try {
            // createFile (not createTempFile, which forces mode 0600) so the result follows the umask.
            return Files.createFile(StaleTemporaries.name(target, RANDOM.nextLong()));
        } catch (AccessDeniedException | NoSuchFileException e) {
            throw BadInputException.inFile("output directory is not writable", path, "choose a directory you can write to");
        } catch (IOException e) {
            throw BadInputException.inFile("cannot create output: " + e.getMessage(), path, "check the path and free disk space");
        }
    }

    private static void deleteQuietly(Path p) {
        try { Files.deleteIfExists(p); } catch (IOException ignored) { /* best effort */ }
    }

    /** The path as the user wrote it, for messages. */
    public String name() { return name; }

    public boolean isStdout() { return target == null; }

    /** Where the result will be, or null for stdout. */
    public Path target() { return target; }

    /** The stream to write to (buffer it yourself for small writes). */
    public OutputStream stream() { return out; }

    /** Flushes and moves the finished file into place. */
    public void commit() throws IOException {
        if (closed) throw new IllegalStateException("output already closed: " + name);
        out.close();
        closed = true;
        if (target != null) {
            try {
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (java.nio.file.AtomicMoveNotSupportedException e) {
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
            }
            PENDING.remove(temp);
        }
        committed = true;
    }

    /** Discards the output unless {@link #commit()} ran. */
    @Override
    public void close() {
        if (committed) return;
        try {
            if (!closed) out.close();
        } catch (IOException ignored) {
            // discarding anyway
        }
        closed = true;
        if (temp != null) {
            try { Files.deleteIfExists(temp); } catch (IOException ignored) { /* best effort */ }
            PENDING.remove(temp);
        }
    }
}
