package dev.valuekit.tensor;

import org.bytedeco.openblas.global.openblas_nolapack;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.nativeblas.NativeOpsHolder;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * One-time ND4J set-up: the thread bound for ND4J, OpenMP, OpenBLAS and valuekit's own workers, and the
 * precision new networks get when their creator does not name one. Nothing touches ND4J until
 * {@link #ensure()} is called (directly or by creating a network), so {@code --help} and
 * {@code --version} never load the native libraries.
 *
 * <p>Precision is not process state: every network and parameter carries its own
 * ({@link Param#precision()}, {@link EnsembleMlp#precision()}), models loaded from files keep the
 * precision they were saved in, and everything a network computes is in its precision. The default
 * here only seeds networks created without one (a command's {@code --precision}).
 *
 * <p>Determinism: every random draw comes from {@link java.util.SplittableRandom}s derived from the
 * run's seed (see the seed streams in each trainer), each ensemble member is computed by one thread with
 * single-threaded BLAS when members run in parallel, and reductions have a fixed order, so the same seed
 * and thread count give bit-identical results. ND4J's own generator is never drawn from.
 */
public final class Nd4jRuntime {
    private static Precision defaultPrecision = Precision.F32;
    private static int threads = Math.max(1, Runtime.getRuntime().availableProcessors());
    private static boolean initialised;
    private static ExecutorService workers;

    private Nd4jRuntime() {}

    /**
     * Sets the thread bound and the precision of networks created without one; a command calls this once
     * at start-up. The native settings are (re)applied at once when ND4J is already up.
     */
    public static synchronized void configure(Precision newNetworks, int nThreads) {
        if (nThreads < 1) throw new IllegalArgumentException("threads must be >= 1, got " + nThreads);
        defaultPrecision = newNetworks;
        if (nThreads != threads && workers != null) {
            workers.shutdown();
            workers = null;
        }
        threads = nThreads;
        if (initialised) apply();
    }

    /** Initialises ND4J on first use with the configured settings; cheap afterwards. */
    public static synchronized void ensure() {
        if (initialised) return;
        apply();
        initialised = true;
    }

    private static void apply() {
        // ND4J's own default type only matters for arrays created without a type; valuekit always names one
        Nd4j.setDefaultDataTypes(DataTypes.of(defaultPrecision), DataTypes.of(defaultPrecision));
        Nd4j.getEnvironment().setMaxMasterThreads(threads);
        NativeOpsHolder.getInstance().getDeviceNativeOps().setOmpNumThreads(threads);
        openblas_nolapack.blas_set_num_threads(threads);
        blasThreads = threads;
    }

    /** The precision of networks created without one. */
    public static synchronized Precision defaultPrecision() { return defaultPrecision; }
    public static synchronized int threads() { return threads; }

    private static int blasThreads = -1;

    /**
     * Makes OpenBLAS single-threaded for work parallelised in Java (ensemble members, optimiser slices).
     * Only changes the setting when needed: switching OpenBLAS's thread count back and forth around every
     * parallel region wakes and parks its pool, which cost more than the GEMMs gained.
     */
    static synchronized void singleThreadedBlas() {
        if (blasThreads != 1) {
            openblas_nolapack.blas_set_num_threads(1);
            blasThreads = 1;
        }
    }

    /**
     * Gives OpenBLAS the configured thread count again, for large single matrix products and
     * decompositions (SVD); ensemble training switches it back to one thread by itself.
     */
    public static synchronized void multiThreadedBlas() {
        ensure();
        if (blasThreads != threads) {
            openblas_nolapack.blas_set_num_threads(threads);
            blasThreads = threads;
        }
    }

    /** A pool of {@code threads} daemon workers for running ensemble members in parallel. */
    static synchronized ExecutorService workers() {
        if (workers == null) {
            workers = Executors.newFixedThreadPool(threads, r -> {
                Thread t = new Thread(r, "valuekit-member");
                t.setDaemon(true);
                return t;
            });
        }
        return workers;
    }
}
