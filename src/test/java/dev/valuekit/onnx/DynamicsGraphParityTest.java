package dev.valuekit.onnx;

import dev.valuekit.dynamics.DynamicsArtifacts;
import dev.valuekit.dynamics.DynamicsNetwork;
import dev.valuekit.dynamics.EnsembleStep;
import dev.valuekit.dynamics.LearnedDynamics;
import dev.valuekit.dynamics.TrainOptions;
import dev.valuekit.tensor.Activation;
import dev.valuekit.tensor.Nd4jRuntime;
import dev.valuekit.tensor.Precision;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Path;
import java.util.Map;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * An exported dynamics graph against {@link LearnedDynamics} predicting with the elites' mean and no
 * sampling, on the same rows: next observation, reward, each elite's mean and variance, and the learned
 * terminal probability. The elites are a reordered subset of the members, so the graph must pick them.
 */
class DynamicsGraphParityTest {
    private static final int ROWS = 257;

    @TempDir
    Path tmp;

    /** Loading an f64 model switches the runtime to f64; every case starts and ends in f32. */
    @BeforeEach
    @AfterEach
    void f32() {
        Nd4jRuntime.configure(Precision.F32, 1);
    }

    /** The f64 case: a model trained in float64 runs in float64 in valuekit; the float32 graph agrees to float32 rounding. */
    @ParameterizedTest(name = "{0} loss, learned termination {1}, {2}, {3}")
    @CsvSource({"NLL, true, SILU, F32, 21", "NLL, false, RELU, F32, 22", "MSE, false, SILU, F32, 23", "VAGRAM, true, TANH, F32, 24",
            "NLL, true, SILU, F64, 25"})
    void elitesMeanPrediction(TrainOptions.Loss loss, boolean learnedTermination, Activation act, Precision precision, long seed)
            throws Exception {
        Nd4jRuntime.configure(precision, 1);
        Path f = TestModels.dynamicsFile(tmp, loss, learnedTermination, act, seed);
        Nd4jRuntime.configure(Precision.F32, 1);
        DynamicsArtifacts.Loaded d = DynamicsArtifacts.load(f);
        DynamicsNetwork net = d.network();
        SplittableRandom rng = new SplittableRandom(seed);
        double[] x = TestModels.rows(rng, net.normalizer(), ROWS);
        double[][] obs = new double[ROWS][3], act2 = new double[ROWS][1];
        double[] obsFlat = new double[ROWS * 3], actFlat = new double[ROWS];
        for (int i = 0; i < ROWS; i++) {
            System.arraycopy(x, i * 4, obs[i], 0, 3);
            System.arraycopy(x, i * 4, obsFlat, i * 3, 3);
            act2[i][0] = actFlat[i] = x[i * 4 + 3];
        }
        EnsembleStep step = new LearnedDynamics("m", d.spec(), net, true, true).step(obs, act2, rng);

        Map<String, double[]> out;
        try (OrtRunner r = new OrtRunner(OnnxExport.export(new OnnxExport.Options(f, null, "test")).onnx())) {
            out = r.floats("obs", obsFlat, ROWS, 3).floats("act", actFlat, ROWS, 1).run();
        }
        String what = " (" + loss + ", " + act + (precision == Precision.F64 ? ", f64 model" : "") + ")";
        Parity.check("dynamics next_obs" + what, out.get("next_obs"), flat(step.prediction().nextObs()));
        Parity.check("dynamics reward" + what, out.get("reward"), step.prediction().reward());
        Parity.check("dynamics member_mean" + what, out.get("member_mean"), byRow(step.eliteMean(), false));
        if (loss == TrainOptions.Loss.NLL) {
            Parity.check("dynamics member_variance" + what, out.get("member_variance"), byRow(step.eliteLogVar(), true));
        } else {
            assertFalse(out.containsKey("member_variance"), "a deterministic model has no variance output");
        }
        if (learnedTermination) {
            double[][] p = net.predict(x, ROWS).terminalProbability();
            int[] elites = d.spec().elites();
            double[] mean = new double[ROWS];
            for (int e : elites) for (int i = 0; i < ROWS; i++) mean[i] += p[e][i] / elites.length;
            Parity.check("dynamics p_terminal" + what, out.get("p_terminal"), mean);
        } else {
            assertEquals(learnedTermination, out.containsKey("p_terminal"));
        }
    }

    private static double[] flat(double[][] rows) {
        int w = rows[0].length;
        double[] f = new double[rows.length * w];
        for (int i = 0; i < rows.length; i++) System.arraycopy(rows[i], 0, f, i * w, w);
        return f;
    }

    /** valuekit's [elites][rows·t] as the graph's [rows, elites, t]; exp of log-variances when asked. */
    private static double[] byRow(double[][] perElite, boolean exp) {
        int e = perElite.length, t = 4, n = perElite[0].length / t;
        double[] f = new double[e * n * t];
        for (int k = 0; k < e; k++) {
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < t; j++) {
                    double v = perElite[k][i * t + j];
                    f[(i * e + k) * t + j] = exp ? Math.exp(v) : v;
                }
            }
        }
        return f;
    }

}
