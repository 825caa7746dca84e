package dev.valuekit.dynamics;

import dev.valuekit.table.Transitions;

import dev.valuekit.fit.EpochRecord;
import dev.valuekit.common.ComputationException;
import dev.valuekit.common.ProgressListener;
import dev.valuekit.env.ActionSpace;
import dev.valuekit.tensor.Activation;
import dev.valuekit.tensor.Minibatches;
import dev.valuekit.tensor.Nd4jRuntime;
import dev.valuekit.tensor.Param;
import dev.valuekit.tensor.Precision;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The trainer on a synthetic linear system: s' = 0.9·s + 0.5·a + noise, r = −s². */
class DynamicsTrainerTest {
    @BeforeAll
    static void runtime() { Nd4jRuntime.configure(Precision.F32, 1); }

    static Transitions linear(int episodes, int length, double noise, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        int n = episodes * length;
        double[] obs = new double[n], act = new double[n], reward = new double[n], nextObs = new double[n];
        long[] ep = new long[n];
        boolean[] term = new boolean[n];
        for (int e = 0; e < episodes; e++) {
            double s = rng.nextDouble(-1, 1);
            for (int t = 0; t < length; t++) {
                int r = e * length + t;
                double a = rng.nextDouble(-1, 1);
                double next = 0.9 * s + 0.5 * a + noise * rng.nextGaussian();
                obs[r] = s;
                act[r] = a;
                nextObs[r] = next;
                reward[r] = -s * s;
                ep[r] = e;
                term[r] = next > 0.95;
                s = next;
            }
        }
        return new Transitions("linear", new String[] {"obs_0"}, new String[] {"act_0"}, n, obs, act, reward, nextObs, term,
                new boolean[n], ep, null);
    }

    static TrainOptions options(int maxEpochs, double lr, Termination term) {
        return new TrainOptions(3, 2, 32, 2, Activation.SILU, TrainOptions.Loss.NLL, term, 0.2, 5000, 5, maxEpochs, 64, lr,
                TrainOptions.MBPO_WEIGHT_DECAY, false, 1, 0);
    }

    @Test
    void learnsTheSystemAndPicksElitesByHoldoutMse() throws Exception {
        Transitions data = linear(40, 50, 0.01, 2);
        TrainingResult r = DynamicsTrainer.train(data, options(15, 3e-3, Termination.NONE), CheckpointStore.NONE, ProgressListener.NONE);
        double first = DynamicsTrainer.mean(r.log().get(0).holdoutMse());
        double best = r.bestHoldoutMse()[r.elites()[0]];
        assertTrue(best < first / 10, "holdout MSE should fall well below the first epoch's: " + first + " → " + best);
        assertEquals(2, r.elites().length);
        for (int m = 0; m < 3; m++) assertTrue(r.bestHoldoutMse()[r.elites()[1]] <= r.bestHoldoutMse()[m] || m == r.elites()[0]);
        assertEquals(400, r.split().holdout().length, "8 whole episodes of 50 rows");
    }

    @Test
    void sameSeedGivesIdenticalWeights() throws Exception {
        Transitions data = linear(10, 30, 0.05, 3);
        TrainingResult a = DynamicsTrainer.train(data, options(2, 1e-3, Termination.NONE), CheckpointStore.NONE, ProgressListener.NONE);
        TrainingResult b = DynamicsTrainer.train(data, options(2, 1e-3, Termination.NONE), CheckpointStore.NONE, ProgressListener.NONE);
        for (Param p : a.network().params().list()) {
            assertArrayEquals(p.toDoubleArray(), b.network().params().get(p.name()).toDoubleArray(), 0.0, p.name());
        }
    }

    @Test
    void keepsEachMembersBestEpochAndStopsEarly() throws Exception {
        // pure noise: nothing generalises, holdout MSE stops improving and patience runs out
        Transitions data = linear(20, 20, 0.0, 4);
        SplittableRandom rng = new SplittableRandom(9);
        for (int i = 0; i < data.rows(); i++) {
            data.nextObs()[i] = data.obs()[i] + rng.nextGaussian();
            data.reward()[i] = rng.nextGaussian();
        }
        TrainOptions o = new TrainOptions(3, 2, 32, 2, Activation.SILU, TrainOptions.Loss.NLL, Termination.NONE, 0.2, 5000, 2, 50,
                32, 1e-2, TrainOptions.MBPO_WEIGHT_DECAY, false, 1, 0);
        TrainingResult r = DynamicsTrainer.train(data, o, CheckpointStore.NONE, ProgressListener.NONE);
        assertTrue(r.stoppedEarly() && r.epochs() < 50, "stopped after " + r.epochs());
        int[] hold = r.split().holdout();
        double[] x = Minibatches.rows(data.obsAct(), 2, hold), y = Minibatches.rows(DynamicsTargets.of(data), 2, hold);
        var out = r.network().predict(x, hold.length);
        for (int m = 0; m < 3; m++) {
            double min = Double.POSITIVE_INFINITY;
            for (EpochRecord e : r.log()) min = Math.min(min, e.holdoutMse()[m]);
            // an epoch only counts as an improvement when it beats the best by more than 1%
            assertTrue(r.bestHoldoutMse()[m] * 0.99 <= min + 1e-12, "best is within 1% of every logged epoch's MSE");
            double se = 0;
            for (int i = 0; i < y.length; i++) se += Math.pow(out.mean()[m][i] - y[i], 2);
            assertEquals(r.bestHoldoutMse()[m], se / y.length, 1e-4 * r.bestHoldoutMse()[m],
                    "member " + m + " ends with the weights of its best epoch");
        }
    }

    @Test
    void learnsTerminationWithABernoulliHead() throws Exception {
        Transitions data = linear(40, 50, 0.01, 5);
        TrainingResult r = DynamicsTrainer.train(data, options(15, 3e-3, Termination.LEARNED), CheckpointStore.NONE, ProgressListener.NONE);
        DynamicsSpec spec = new DynamicsSpec(3, 32, 2, Activation.SILU, TrainOptions.Loss.NLL, "f32", new String[] {"obs_0"},
                new String[] {"act_0"}, r.network().normalizer().mean(), r.network().normalizer().std(), r.elites(),
                Termination.LEARNED, ActionSpace.box(new double[] {-1}, new double[] {1}));
        LearnedDynamics m = new LearnedDynamics("t", spec, r.network(), true, true);
        var p = m.predict(new double[][] {{0.9}, {-0.5}}, new double[][] {{1}, {0}}, new SplittableRandom(0));
        assertTrue(p.terminated()[0], "0.9·0.9 + 0.5 = 1.31 > 0.95 is terminal");
        assertTrue(!p.terminated()[1], "−0.45 is not terminal");
    }

    @Test
    void divergenceNamesTheEpoch() {
        Transitions data = linear(10, 30, 0.05, 3);
        ComputationException e = assertThrows(ComputationException.class,
                () -> DynamicsTrainer.train(data, options(3, 1e12, Termination.NONE), CheckpointStore.NONE, ProgressListener.NONE));
        assertTrue(e.getMessage().contains("diverged at epoch 1"), e.getMessage());
    }

    @Test
    void artifactRoundTripPredictsTheSame(@TempDir Path dir) throws Exception {
        Transitions data = linear(10, 30, 0.05, 3);
        TrainingResult r = DynamicsTrainer.train(data, options(1, 1e-3, Termination.LEARNED), CheckpointStore.NONE, ProgressListener.NONE);
        DynamicsSpec spec = new DynamicsSpec(3, 32, 2, Activation.SILU, TrainOptions.Loss.NLL, "f32", new String[] {"obs_0"},
                new String[] {"act_0"}, r.network().normalizer().mean(), r.network().normalizer().std(), r.elites(),
                Termination.LEARNED, DynamicsSpec.inferActionSpace(data));
        Path f = dir.resolve("m.safetensors");
        try (var out = dev.valuekit.common.AtomicOutput.open(f.toString(), null)) {
            dev.valuekit.artifact.Artifacts.write(out, DynamicsArtifacts.toArtifact(r.network(), spec, null, null));
            out.commit();
        }
        LearnedDynamics a = new LearnedDynamics("a", spec, r.network(), false, false);
        LearnedDynamics b = DynamicsModels.learned(f, false, false);
        double[][] obs = {{0.1}, {-0.7}, {0.4}}, act = {{0.2}, {-1}, {0.9}};
        var pa = a.predict(obs, act, new SplittableRandom(3));
        var pb = b.predict(obs, act, new SplittableRandom(3));
        for (int i = 0; i < 3; i++) {
            assertArrayEquals(pa.nextObs()[i], pb.nextObs()[i], 0.0);
            assertEquals(pa.reward()[i], pb.reward()[i], 0.0);
            assertEquals(pa.terminated()[i], pb.terminated()[i]);
        }
        assertArrayEquals(r.elites(), b.spec().elites());
        assertEquals(-1.0, b.actionSpace().low(0), 0.05);
    }
}
