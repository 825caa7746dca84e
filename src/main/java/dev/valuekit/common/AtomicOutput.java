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

    /**
     * Opens {@code path} for writing ({@code -} means {@code stdout}). Fails with a
     * {@link BadInputException} naming the path when its directory does not exist or is not writable.
     */
    public static AtomicOutput open(String path, OutputStream stdout) {
        if ("-".equals(path)) {
            return new AtomicOutput("-", null, null, new FilterOutputStream(stdout) {
                @Override public void write(byte[] b, int off, int len) throws IOException { out.write(b, off, len); }
                @Override public void close() throws IOException { out.flush(); }
            });
        }
        Path target = Path.of(path).toAbsolutePath();
        Path dir = target.getParent();
        if (Files.isDirectory(target)) {
            throw BadInputException.inFile("output path is a directory", path, "name a file inside it");
        }
        if (dir == null || !Files.isDirectory(dir)) {
            throw BadInputException.inFile("output directory does not exist", path, "create it first or choose another path");
        }
        try {
            // createFile (not createTempFile, which forces mode 0600) so the result follows the umask.
            Path temp = dir.resolve("." + target.getFileName() + "." + Long.toHexString(RANDOM.nextLong()) + ".tmp");
            Files.createFile(temp);
            PENDING.add(temp);
            return new AtomicOutput(path, target, temp, Files.newOutputStream(temp));
        } catch (AccessDeniedException | NoSuchFileException e) {
            throw BadInputException.inFile("output directory is not writable", path, "choose a directory you can write to");
        } catch (IOException e) {
            throw BadInputException.inFile("cannot create output: " + e.getMessage(), path, "check the path and free disk space");
        }
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
