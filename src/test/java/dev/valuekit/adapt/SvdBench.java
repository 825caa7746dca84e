package dev.valuekit.adapt;

import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.Arrays;
import java.util.Locale;

/**
 * Timing of valuekit's SVDs for bench/svd.sh (not a unit test). Prints one line per case:
 * {@code valuekit <case> <median seconds> <relative error>}, after one warm-up run.
 * Usage: SvdBench FULL_N RAND_N RAND_K REPS
 */
public final class SvdBench {
    private SvdBench() {}

    public static void main(String[] args) {
        int fullN = Integer.parseInt(args[0]), randN = Integer.parseInt(args[1]), k = Integer.parseInt(args[2]);
        int reps = Integer.parseInt(args[3]);
        INDArray a = Matrices.gaussian(fullN, fullN, 1);
        double[] t = new double[reps];
        double err = 0;
        for (int i = -1; i < reps; i++) {
            long t0 = System.nanoTime();
            SvdResult r = Svd.full(a);
            long t1 = System.nanoTime();
            if (i >= 0) t[i] = (t1 - t0) / 1e9;
            else err = Matrices.maxAbsDiff(r.reconstruct(), a);
        }
        report("full_svd_" + fullN + "x" + fullN, t, err);

        INDArray b = Matrices.gaussian(randN, randN, 2);
        RandomizedSvdOptions o = RandomizedSvdOptions.of(k, 3);
        for (int i = -1; i < reps; i++) {
            long t0 = System.nanoTime();
            SvdResult r = Svd.randomized(b, o);
            long t1 = System.nanoTime();
            if (i >= 0) t[i] = (t1 - t0) / 1e9;
            else err = Math.abs(r.singularValues()[0] - Svd.randomized(b, RandomizedSvdOptions.of(k, 4)).singularValues()[0]);
        }
        report("randomized_svd_" + randN + "x" + randN + "_rank" + k, t, err);
    }

    private static void report(String name, double[] t, double check) {
        double[] s = t.clone();
        Arrays.sort(s);
        // the check column: reconstruction max error (full) / sigma_1 difference between two seeds (randomized)
        System.err.printf(Locale.ROOT, "valuekit %s %.4f %.3g%n", name, s[s.length / 2], check);
    }
}
