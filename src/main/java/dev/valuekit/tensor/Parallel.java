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

    private static final ThreadLocal<Boolean> IN_WORKER = ThreadLocal.withInitial(() -> false);

    /**
     * Runs parts 0..count-1 and rethrows the first failure. Inline when count is 1 or when called from a
     * worker (nested use would otherwise wait on its own pool); the split is the same either way.
     */
    static void forEach(int count, Body body) {
        if (count <= 1 || IN_WORKER.get()) {
            for (int t = 0; t < Math.max(count, 1); t++) body.run(new Part(t, Math.max(count, 1)));
            return;
        }
        List<Callable<Void>> jobs = new ArrayList<>(count);
        for (int t = 0; t < count; t++) {
            Part part = new Part(t, count);
            jobs.add(() -> {
                IN_WORKER.set(true);
                try {
                    body.run(part);
                } finally {
                    IN_WORKER.set(false);
                }
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
