package dev.valuekit.tensor;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;

/**
 * Runs a fixed number of parts on the runtime's worker threads, with OpenBLAS left single-threaded
 * (see {@link Nd4jRuntime#singleThreadedBlas()}). Parts are numbered, so work is split the same way
 * every time (deterministic results for a thread count).
 */
final class Parallel {
    private Parallel() {}

    record Part(int index, int count) {}

    interface Body { void run(Part part); }

    /** Runs parts 0..count-1 (inline when count is 1) and rethrows the first failure. */
    static void forEach(int count, Body body) {
        if (count <= 1) {
            body.run(new Part(0, 1));
            return;
        }
        List<Callable<Void>> jobs = new ArrayList<>(count);
        for (int t = 0; t < count; t++) {
            Part part = new Part(t, count);
            jobs.add(() -> {
                body.run(part);
                return null;
            });
        }
        Nd4jRuntime.singleThreadedBlas();
        try {
            for (Future<Void> f : Nd4jRuntime.workers().invokeAll(jobs)) f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (ExecutionException e) {
            Throwable c = e.getCause();
            if (c instanceof RuntimeException r) throw r;
            if (c instanceof Error err) throw err;
            throw new IllegalStateException(c);
        }
    }
}
