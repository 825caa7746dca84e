package dev.valuekit.cltv;

import dev.valuekit.common.ProgressListener;
import dev.valuekit.table.Batch;
import dev.valuekit.tensor.Activation;
import dev.valuekit.tensor.Nd4jRuntime;
import dev.valuekit.tensor.Param;
import dev.valuekit.tensor.Precision;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class NeuralTrainerTest {
    @BeforeEach
    void f32() { Nd4jRuntime.configure(Precision.F32, 1); }

    /**
     * Spend is zero with probability sigmoid(−x) and otherwise lognormal with μ = 1 + 0.8x (+1.5 for
     * category "b"), σ = 0.5. The best constant ZILN (the label's own purchase rate, mean and sd of ln y)
     * ignores x and the category; a trained network must beat it clearly.
     */
    static Batch synthetic(int n, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        String[] id = new String[n], cat = new String[n];
        double[] x = new double[n], y = new double[n];
        for (int i = 0; i < n; i++) {
            id[i] = "c" + i;
            x[i] = rng.nextGaussian();
            cat[i] = rng.nextBoolean() ? "a" : "b";
            boolean buys = rng.nextDouble() < 1 / (1 + Math.exp(-x[i]));
            y[i] = buys ? Math.exp(1 + 0.8 * x[i] + ("b".equals(cat[i]) ? 1.5 : 0) + 0.5 * rng.nextGaussian()) : 0;
        }
        return new Batch.Builder(n).addString("customer_id", id).addDouble("x", x).addString("segment", cat).addDouble("ltv", y).build();
    }

    static double constantZilnLoss(double[] y) {
        int pos = 0;
        double s = 0, ss = 0;
        for (double v : y) if (v > 0) { pos++; s += Math.log(v); ss += Math.log(v) * Math.log(v); }
        double p = (double) pos / y.length, mu = s / pos, sd = Math.sqrt(ss / pos - mu * mu);
        double l0 = Math.log(p / (1 - p)), l2 = Math.log(Math.expm1(sd));   // softplus⁻¹(sd)
        double sum = 0;
        for (double v : y) sum += Ziln.loss(v, l0, mu, l2);
        return sum / y.length;
    }

    private static CltvNetwork train(Batch t, NeuralModelType type, int members, long seed, NeuralTrainer.Summary[] out) {
        CustomerEncoder enc = CustomerEncoder.fit(t, "t", "customer_id", "ltv", List.of(), CustomerEncoder.Transform.NONE);
        CustomerEncoder.Encoded data = enc.encode(t, enc.resolve(t.schema(), "t"), "t", 1);
        double[] y = CustomerEncoder.labels(t, t.schema().indexOf("ltv"), "t", "ltv");
        CltvNetwork net = new CltvNetwork(new NetworkShape(type, new int[] {16}, Activation.RELU, members, 3), enc, seed);
        out[0] = NeuralTrainer.train(net, data, y, new NeuralTrainOptions(15, 128, 0.01, seed, 1.0, 2.0,
                OptDistObjective.SubLoss.ALL, 1.0, 0.1), ProgressListener.NONE);
        return net;
    }

    @Test
    void zilnTrainingBeatsTheBestConstantModel() {
        Batch t = synthetic(3000, 1);
        NeuralTrainer.Summary[] s = new NeuralTrainer.Summary[1];
        train(t, NeuralModelType.ZILN, 1, 7, s);
        double[] y = CustomerEncoder.labels(t, 3, "t", "ltv");
        double constant = constantZilnLoss(y);
        double[] e = s[0].epochLoss();
        assertTrue(e[e.length - 1] < e[0], "loss fell: " + e[0] + " → " + e[e.length - 1]);
        assertTrue(e[e.length - 1] < constant - 0.3, "trained " + e[e.length - 1] + " vs best constant " + constant);
    }

    @Test
    void optdistTrainingBeatsTheBestConstantModelAndUsesSeveralSubNetworks() {
        Batch t = synthetic(3000, 2);
        NeuralTrainer.Summary[] s = new NeuralTrainer.Summary[1];
        train(t, NeuralModelType.OPTDIST, 3, 7, s);
        double constant = constantZilnLoss(CustomerEncoder.labels(t, 3, "t", "ltv"));
        double[] e = s[0].epochLoss();
        assertTrue(e[e.length - 1] < constant - 0.3, "trained " + e[e.length - 1] + " vs best constant " + constant);
        int used = 0;
        for (int c : s[0].hardLabelCounts()) if (c > 0) used++;
        assertTrue(used >= 2, "hard labels spread over sub-networks: " + java.util.Arrays.toString(s[0].hardLabelCounts()));
    }

    @Test
    void sameSeedSameModel() {
        Batch t = synthetic(500, 3);
        NeuralTrainer.Summary[] s = new NeuralTrainer.Summary[1];
        CltvNetwork a = train(t, NeuralModelType.OPTDIST, 2, 5, s), b = train(t, NeuralModelType.OPTDIST, 2, 5, s),
                c = train(t, NeuralModelType.OPTDIST, 2, 6, s);
        boolean differs = false;
        for (Param p : a.params().list()) {
            assertArrayEquals(p.toDoubleArray(), b.params().get(p.name()).toDoubleArray(), 0.0, p.name());
            differs |= !java.util.Arrays.equals(p.toDoubleArray(), c.params().get(p.name()).toDoubleArray());
        }
        assertTrue(differs, "another seed gives another model");
    }

    @Test
    void withAHoldoutTheBestEpochIsKeptAndTrainingStopsEarly() {
        Batch t = synthetic(1500, 4);
        CustomerEncoder enc = CustomerEncoder.fit(t, "t", "customer_id", "ltv", List.of(), CustomerEncoder.Transform.NONE);
        CustomerEncoder.Encoded data = enc.encode(t, enc.resolve(t.schema(), "t"), "t", 1);
        double[] y = CustomerEncoder.labels(t, t.schema().indexOf("ltv"), "t", "ltv");
        CltvNetwork net = new CltvNetwork(new NetworkShape(NeuralModelType.OPTDIST, new int[] {16}, Activation.RELU, 2, 3), enc, 3);
        // a large step size makes the held-out loss wander, so the last epoch is not the best one
        NeuralTrainOptions o = new NeuralTrainOptions(60, 64, 0.05, 3, 1.0, 2.0, OptDistObjective.SubLoss.ALL, 1.0, 0.1, 0.2, 3);
        NeuralTrainer.Summary s = NeuralTrainer.train(net, data, y, o, ProgressListener.NONE);
        assertEquals(300, s.holdoutRows());
        assertEquals(1200, s.trainRows());
        assertTrue(s.stoppedEarly() && s.epochs() < 60, "stopped after " + s.epochs() + " epochs");
        assertEquals(s.epochs(), s.log().size());
        double bestSeen = Double.POSITIVE_INFINITY;
        for (dev.valuekit.fit.EpochRecord r : s.log()) bestSeen = Math.min(bestSeen, r.holdoutLoss()[0]);
        assertTrue(s.bestHoldoutLoss() <= bestSeen * (1 + 1e-3), s.bestHoldoutLoss() + " vs " + bestSeen);
        int[] hold = dev.valuekit.fit.HoldoutSplit.of(null, 1500, 0.2, Integer.MAX_VALUE, 3).holdout();
        assertEquals(s.bestHoldoutLoss(), NeuralTrainer.loss(net, data, y, hold, s.bounds().sigmaMax()), 0.0, "the network holds the best epoch's weights");
    }

    @Test
    void predictedMeansAreCalibratedToTheFittingCustomersSpend() {
        Batch t = synthetic(1500, 6);
        NeuralTrainer.Summary[] s = new NeuralTrainer.Summary[1];
        CltvNetwork net = train(t, NeuralModelType.ZILN, 1, 3, s);
        CustomerEncoder.Encoded data = net.encoder().encode(t, net.encoder().resolve(t.schema(), "t"), "t", 1);
        double[] y = CustomerEncoder.labels(t, t.schema().indexOf("ltv"), "t", "ltv");
        int[] all = java.util.stream.IntStream.range(0, y.length).toArray();
        ZilnBounds b = s[0].bounds(), raw = new ZilnBounds(b.sigmaMax(), b.muMin(), b.muMax(), b.ltvMax());
        double predicted = java.util.Arrays.stream(NeuralTrainer.expectedValues(net, data, all, raw)).sum();
        double actual = java.util.Arrays.stream(y).sum();
        assertNotEquals(1.0, b.meanScale(), "a short fit leaves a bias to calibrate");
        assertEquals(actual / predicted, b.meanScale(), 1e-12);
        // scaled, the means sum to the spend up to the rows the ltv cap holds down
        double calibrated = java.util.Arrays.stream(NeuralTrainer.expectedValues(net, data, all, b)).sum();
        assertEquals(actual, calibrated, 0.01 * actual);
    }

    @Test
    void withoutAHoldoutEveryEpochRuns() {
        Batch t = synthetic(400, 5);
        NeuralTrainer.Summary[] s = new NeuralTrainer.Summary[1];
        train(t, NeuralModelType.ZILN, 1, 2, s);
        assertEquals(15, s[0].epochs());
        assertEquals(0, s[0].holdoutRows());
        assertTrue(Double.isNaN(s[0].bestHoldoutLoss()) && !s[0].stoppedEarly());
    }

    @Test
    void temperatureFallsGeometricallyFromStartToEnd() {
        NeuralTrainOptions o = new NeuralTrainOptions(5, 8, 0.01, 0, 1, 2, OptDistObjective.SubLoss.ALL, 1.0, 0.1);
        assertEquals(1.0, o.temperature(0), 1e-15);
        assertEquals(Math.sqrt(0.1), o.temperature(2), 1e-15);
        assertEquals(0.1, o.temperature(4), 1e-15);
    }

    @Test
    void unseenCategoriesMapToTheOutOfVocabularyIndex() {
        Batch train = new Batch.Builder(3).addString("customer_id", new String[] {"1", "2", "3"}).addDouble("x", new double[] {1, 2, 3})
                .addString("channel", new String[] {"web", "app", "web"}).addDouble("ltv", new double[] {0, 1, 2}).build();
        CustomerEncoder enc = CustomerEncoder.fit(train, "t", "customer_id", "ltv", List.of(), CustomerEncoder.Transform.SLOG1P);
        assertEquals(List.of("x"), enc.numeric());
        assertEquals(List.of(List.of("app", "web")), enc.vocabularies());
        CustomerEncoder.Encoded known = enc.encode(train, enc.resolve(train.schema(), "t"), "t", 1);
        assertArrayEquals(new int[] {2, 1, 2}, known.categories());
        assertEquals(0, known.oovRows());
        assertNull(known.firstOov());
        Batch score = new Batch.Builder(3).addString("customer_id", new String[] {"4", "5", "6"}).addDouble("x", new double[] {1, 1, 1})
                .addString("channel", new String[] {"store", "web", null}).build();
        CustomerEncoder.Encoded e = enc.encode(score, enc.resolve(score.schema(), "s"), "s", 10);
        assertArrayEquals(new int[] {0, 2, 0}, e.categories());
        assertEquals(2, e.oovRows());
        assertEquals("column 'channel' value 'store' at row 10", e.firstOov());
        // slog1p then standardisation with the training statistics: ln 2, ln 3, ln 4 → mean ln(24)/3.
        double mean = (Math.log(2) + Math.log(3) + Math.log(4)) / 3;
        assertEquals(mean, enc.normalizer().mean()[0], 1e-12);
    }

    @Test
    void stepBudgetPlansEpochsFromTheData() {
        NeuralTrainOptions o = new NeuralTrainOptions(200, 512, 0.002, 0, 1, 2, OptDistObjective.SubLoss.ALL, 1.0, 0.1, 0.1, 10, 3000);
        assertEquals(200, o.epochsFor(2000));      // 4 minibatches an epoch: 750 epochs would spend the budget, capped at 200
        assertEquals(79, o.epochsFor(19000));      // 38 minibatches an epoch: ⌈3000/38⌉ = 79
        assertEquals(1, o.epochsFor(2_000_000));   // 3907 minibatches: one epoch already exceeds the budget
        assertEquals(200, new NeuralTrainOptions(200, 512, 0.002, 0, 1, 2, OptDistObjective.SubLoss.ALL, 1.0, 0.1).epochsFor(10));
    }
}
