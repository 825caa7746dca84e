package dev.valuekit.tensor.bench;

import dev.valuekit.tensor.DataTypes;

import dev.valuekit.tensor.Activation;
import dev.valuekit.tensor.Adam;
import dev.valuekit.tensor.AdamOptions;
import dev.valuekit.tensor.EnsembleMlp;
import dev.valuekit.tensor.GaussianNll;
import dev.valuekit.tensor.Minibatches;
import dev.valuekit.tensor.Nd4jRuntime;
import dev.valuekit.tensor.Params;
import dev.valuekit.tensor.Precision;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.SplittableRandom;

/**
 * Training-throughput benchmark of the MBPO dynamics ensemble (run by bench/train-throughput.sh, not
 * by the unit tests): 7 members × 4×200 SiLU, Gaussian NLL with learned log-variance bounds, Adam
 * with MBPO's per-layer weight decay, batch 256, each member its own shuffle of the data.
 * Prints {@code rows_per_s=<r> cpu_rows_per_s=<c> steps=<n> seconds=<s> cpu_seconds=<u> threads=<t>}: rows/s
 * counts batch rows per step, per wall-clock second and per second of process CPU time (steadier on a
 * shared machine). {@code --profile true} adds per-phase CPU times.
 */
public final class TrainThroughput {
    public static void main(String[] args) {
        boolean profileOpt = false;
        int threads = 1, rows = 20000, members = 7, hidden = 200, layers = 4, batch = 256, obs = 3, act = 1, warmup = 20;
        double seconds = 10;
        Precision precision = Precision.F32;
        for (int i = 0; i < args.length; i += 2) {
            String v = args[i + 1];
            switch (args[i]) {
                case "--threads" -> threads = Integer.parseInt(v);
                case "--rows" -> rows = Integer.parseInt(v);
                case "--members" -> members = Integer.parseInt(v);
                case "--hidden" -> hidden = Integer.parseInt(v);
                case "--layers" -> layers = Integer.parseInt(v);
                case "--batch" -> batch = Integer.parseInt(v);
                case "--seconds" -> seconds = Double.parseDouble(v);
                case "--warmup" -> warmup = Integer.parseInt(v);
                case "--precision" -> precision = Precision.parse(v);
                case "--profile" -> profileOpt = Boolean.parseBoolean(v);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        final boolean profile = profileOpt;
        Nd4jRuntime.configure(precision, threads);
        Nd4jRuntime.ensure();
        int nIn = obs + act, nOut = obs + 1;
        SplittableRandom rng = new SplittableRandom(0);
        double[] x = new double[rows * nIn];
        double[] y = new double[rows * nOut];
        for (int i = 0; i < x.length; i++) x[i] = rng.nextGaussian();
        for (int i = 0; i < y.length; i++) y[i] = 0.1 * rng.nextGaussian();
        int[] hid = new int[layers];
        java.util.Arrays.fill(hid, hidden);
        EnsembleMlp net = new EnsembleMlp("dynamics", members, nIn, hid, 2 * nOut, Activation.SILU, 0);
        net.setWeightDecay(2.5e-5, 5e-5, 7.5e-5, 7.5e-5, 1e-4);
        GaussianNll nll = new GaussianNll("dynamics", nOut);
        Params all = new Params().addAll(net.params()).addAll(nll.params());
        Adam adam = new Adam(all, AdamOptions.adam(1e-3));
        INDArray xb = Nd4j.create(DataTypes.of(precision), new long[] {members, batch, nIn}, 'c');
        INDArray yb = Nd4j.create(DataTypes.of(precision), new long[] {members, batch, nOut}, 'c');
        int[][] order = new int[members][rows];
        int stepsPerEpoch = rows / batch;
        int[] cursor = {stepsPerEpoch};
        final int fm = members, fb = batch, fnIn = nIn, fnOut = nOut, frows = rows;
        long[] phase = new long[5];
        java.lang.management.ThreadMXBean tmx = java.lang.management.ManagementFactory.getThreadMXBean();
        java.util.function.LongSupplier clock = profile ? tmx::getCurrentThreadCpuTime : () -> 0L;
        Runnable step = () -> {
            long t0 = clock.getAsLong();
            if (cursor[0] == stepsPerEpoch) {
                for (int[] o : order) shuffle(o, rng);
                cursor[0] = 0;
            }
            int k = cursor[0]++;
            Minibatches.gather(x, fnIn, order, k * fb, fb, xb);
            Minibatches.gather(y, fnOut, order, k * fb, fb, yb);
            all.zeroGrad();
            long t1 = clock.getAsLong();
            INDArray out = net.forward(xb);
            long t2 = clock.getAsLong();
            GaussianNll.Result r = nll.lossAndGradient(out, yb);
            long t3 = clock.getAsLong();
            net.backward(r.gradient(), false);
            long t4 = clock.getAsLong();
            adam.step();
            long t5 = clock.getAsLong();
            phase[0] += t1 - t0; phase[1] += t2 - t1; phase[2] += t3 - t2; phase[3] += t4 - t3; phase[4] += t5 - t4;
        };
        for (int i = 0; i < warmup; i++) step.run();
        com.sun.management.OperatingSystemMXBean os =
                (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        long c0 = os.getProcessCpuTime();
        long t0 = System.nanoTime();
        int steps = 0;
        double dt;
        while (true) {
            step.run();
            steps++;
            dt = (System.nanoTime() - t0) / 1e9;
            if (dt >= seconds) break;
        }
        double cpu = (os.getProcessCpuTime() - c0) / 1e9;
        if (profile) { // calling thread's CPU time per phase, warm-up steps included
            String[] names = {"gather+zero", "forward", "loss", "backward", "adam"};
            for (int i = 0; i < names.length; i++) {
                System.out.printf(java.util.Locale.ROOT, "  %-12s %8.3f ms/step%n", names[i], phase[i] / 1e6 / (steps + warmup));
            }
        }
        System.out.printf(java.util.Locale.ROOT,
                "rows_per_s=%.1f cpu_rows_per_s=%.1f steps=%d seconds=%.3f cpu_seconds=%.3f threads=%d%n",
                steps * batch / dt, steps * batch / cpu, steps, dt, cpu, threads);
    }

    private static void shuffle(int[] a, SplittableRandom rng) {
        for (int i = 0; i < a.length; i++) a[i] = i;
        for (int i = a.length - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = a[i]; a[i] = a[j]; a[j] = t;
        }
    }
}
