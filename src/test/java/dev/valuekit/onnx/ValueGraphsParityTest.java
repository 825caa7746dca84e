package dev.valuekit.onnx;

import dev.valuekit.tensor.Activation;
import dev.valuekit.tensor.Nd4jRuntime;
import dev.valuekit.tensor.Precision;
import dev.valuekit.value.Aggregation;
import dev.valuekit.value.FittedValue;
import dev.valuekit.value.StateValue;
import dev.valuekit.value.ValueArtifacts;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Stream;

/** Exported actor, critic and value graphs against valuekit's own predictions on the same rows. */
class ValueGraphsParityTest {
    private static final int ROWS = 301;

    @TempDir
    Path tmp;

    @BeforeAll
    static void f32() {
        Nd4jRuntime.configure(Precision.F32, 1);
    }

    static Stream<Arguments> networks() {
        List<Arguments> a = new ArrayList<>();
        String[] aggs = {"min", "mean", "mean-std:1.5"};
        Activation[] acts = {Activation.SILU, Activation.RELU, Activation.TANH};
        for (int i = 0; i < acts.length; i++) a.add(Arguments.of(acts[i], aggs[i], 10L + i));
        return a.stream();
    }

    @ParameterizedTest(name = "{0} critics, {1}")
    @MethodSource("networks")
    void agentActorCriticAndValue(Activation act, String agg, long seed) throws Exception {
        Path f = TestModels.valueFile(tmp, ValueArtifacts.AGENT, act, Aggregation.parse(agg), 4, seed);
        FittedValue v = ValueArtifacts.load(f, ValueArtifacts.AGENT);
        SplittableRandom rng = new SplittableRandom(seed);
        double[] obs = TestModels.rows(rng, v.actor().normalizer(), ROWS);

        Map<String, double[]> out = run(f, ExportPart.ACTOR, obs, null);
        Parity.check("actor act (" + act + ")", out.get("act"), v.actor().meanAction(obs, ROWS));

        double[] a = new double[ROWS];
        for (int i = 0; i < ROWS; i++) a[i] = rng.nextDouble(-2, 2);
        double[] x = concat(obs, a);
        out = run(f, ExportPart.CRITIC, obs, a);
        Parity.check("agent critic q (" + act + ", " + agg + ")", out.get("q"), v.value(x, ROWS));
        Parity.check("agent critic q_members (" + act + ")", out.get("q_members"), membersByRow(v.critics().predict(x, ROWS), 4));

        out = run(f, ExportPart.VALUE, obs, null);
        Parity.check("agent value Q(s, mu(s)) (" + act + ", " + agg + ")", out.get("value"), StateValue.of(v).values(obs, ROWS));
    }

    @ParameterizedTest(name = "{0} critics, {1}")
    @MethodSource("networks")
    void valueAndQModels(Activation act, String agg, long seed) throws Exception {
        Path vf = TestModels.valueFile(tmp, ValueArtifacts.VALUE, act, Aggregation.parse(agg), 3, seed);
        FittedValue v = ValueArtifacts.load(vf, ValueArtifacts.VALUE);
        SplittableRandom rng = new SplittableRandom(seed + 100);
        double[] obs = TestModels.rows(rng, v.critics().normalizer(), ROWS);
        Map<String, double[]> out = run(vf, null, obs, null);
        Parity.check("value V (" + act + ", " + agg + ")", out.get("value"), v.value(obs, ROWS));
        Parity.check("value value_members (" + act + ")", out.get("value_members"), membersByRow(v.critics().predict(obs, ROWS), 3));

        Path qf = TestModels.valueFile(tmp, ValueArtifacts.Q, act, Aggregation.parse(agg), 5, seed);
        FittedValue q = ValueArtifacts.load(qf, ValueArtifacts.Q);
        double[] x = TestModels.rows(rng, q.critics().normalizer(), ROWS);
        double[] o = new double[ROWS * 3], a = new double[ROWS];
        for (int i = 0; i < ROWS; i++) {
            System.arraycopy(x, i * 4, o, i * 3, 3);
            a[i] = x[i * 4 + 3];
        }
        out = run(qf, null, o, a);
        Parity.check("q critic q (" + act + ", " + agg + ")", out.get("q"), q.value(x, ROWS));
    }

    static Map<String, double[]> run(Path model, ExportPart part, double[] obs, double[] act) throws Exception {
        byte[] onnx = OnnxExport.export(new OnnxExport.Options(model, part, "test")).onnx();
        try (OrtRunner r = new OrtRunner(onnx)) {
            r.floats("obs", obs, ROWS, 3);
            if (act != null) r.floats("act", act, ROWS, 1);
            return r.run();
        }
    }

    /** valuekit's [members, rows] as the graph's [rows, members]. */
    static double[] membersByRow(double[] q, int members) {
        int n = q.length / members;
        double[] t = new double[q.length];
        for (int m = 0; m < members; m++) for (int i = 0; i < n; i++) t[i * members + m] = q[m * n + i];
        return t;
    }

    static double[] concat(double[] obs, double[] act) {
        int n = act.length;
        double[] x = new double[n * 4];
        for (int i = 0; i < n; i++) {
            System.arraycopy(obs, i * 3, x, i * 4, 3);
            x[i * 4 + 3] = act[i];
        }
        return x;
    }
}
