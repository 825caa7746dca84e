package dev.valuekit.value;

import dev.valuekit.common.ProgressListener;
import dev.valuekit.table.Transitions;
import dev.valuekit.tensor.Activation;
import dev.valuekit.tensor.Normalizer;
import dev.valuekit.tensor.Precision;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Double DQN's target, the Huber loss and the CQL(H) term against hand-computed values, and learning on a tiny chain. */
class DqnTrainerTest {
    private static DqnTrainer.Options options(Aggregation agg, double gamma, double alpha) {
        return new DqnTrainer.Options(1, new Mlp(new int[] {32, 32}, Activation.RELU), agg, Credit.SUM, gamma, 3e-3, 32, 1500, 20, alpha, 7);
    }

    @Test
    void onlineNetworkChoosesTargetNetworkValues() {
        // one critic, 3 rows, 2 actions; online Q(s', .) and target Q'(s', .) row-major
        double[] online = {1, 3, 5, 2, 0, 9};
        double[] target = {10, 20, 30, 40, 50, 60};
        double[] y = DqnTrainer.targets(online, target, 1, 3, 2, new double[] {1, 2, 3}, new boolean[] {false, false, true},
                options(Aggregation.MIN, 0.5, 0));
        // row 0: argmax online = 1 → 1 + 0.5·20; row 1: argmax online = 0 → 2 + 0.5·30 (max of the target would give 22);
        // row 2 is terminal → 3
        assertArrayEquals(new double[] {11, 17, 3}, y, 1e-12);
    }

    @Test
    void criticsAggregateBeforeChoosingAndInTheTarget() {
        // two critics, one row: min over critics of online = [1, 2] → action 1; min of target at action 1 = 18
        double[] online = {1, 3, 4, 2};
        double[] target = {10, 20, 12, 18};
        double[] y = DqnTrainer.targets(online, target, 2, 1, 2, new double[] {1}, new boolean[] {false},
                options(Aggregation.MIN, 0.5, 0));
        assertArrayEquals(new double[] {10}, y, 1e-12);
    }

    @Test
    void huberLossAndGradientAtTheTakenActions() {
        double[] out = {0, 2, 5, 1};
        double[] grad = new double[4];
        double loss = DqnTrainer.huber(out, 1, 2, 2, new int[] {1, 0}, new double[] {1.5, 1.0}, grad);
        // row 0: e = 0.5 → 0.125 (quadratic); row 1: e = 4 → 3.5 (linear); mean over 2 rows
        assertEquals((0.125 + 3.5) / 2, loss, 1e-12);
        assertArrayEquals(new double[] {0, 0.25, 0.5, 0}, grad, 1e-12);
    }

    @Test
    void conservativeTermIsLogSumExpMinusTheDataAction() {
        double[] out = {0, 2, 5, 1};
        double[] grad = new double[4];
        double loss = DqnTrainer.conservative(out, 1, 2, 2, new int[] {1, 0}, 2.0, grad);
        // α·mean(log(e^0 + e^2) − 2, log(e^5 + e^1) − 5) = 2·(0.12692801 + 0.01814993)/2
        assertEquals(0.1450779389607817, loss, 1e-12);
        // α/n·(softmax − onehot): row 0 softmax = [0.11920292, 0.88079708], row 1 = [0.98201379, 0.01798621]
        assertArrayEquals(new double[] {0.11920292202211755, -0.11920292202211755, -0.017986209962091555, 0.017986209962091555},
                grad, 1e-12);
    }

    /**
     * A two-state chain, γ = 0.5: in s0 action 0 pays 0 and leads to s1, action 1 pays 0.5 and ends; in s1 action 0
     * pays 2, action 1 pays 0, both end. Q* = {s0: [1, 0.5], s1: [2, 0]}.
     */
    @Test
    void learnsTheOptimalQOfATinyChain() {
        Transitions d = chain(new double[] {0, 0, 1, 1});
        DqnTrainer t = new DqnTrainer(options(Aggregation.MIN, 0.5, 0), Normalizer.fit(d.obs(), d.rows(), 1), 2, Precision.F64);
        t.train(d, new int[] {0, 0, 1, 1}, ProgressListener.NONE);
        double[] q = t.critics().predict(new double[] {0, 1}, 2);
        assertArrayEquals(new double[] {1, 0.5, 2, 0}, q, 0.05);
    }

    /** With only action 0 in the data, CQL keeps Q(s, 1) below Q(s, 0); plain DQN leaves the unseen action's value unconstrained. */
    @Test
    void conservativeTermPushesDownActionsTheDataNeverTakes() {
        Transitions d = chain(new double[] {0, 0});
        DqnTrainer cql = new DqnTrainer(options(Aggregation.MIN, 0.5, 1.0), Normalizer.fit(d.obs(), d.rows(), 1), 2, Precision.F64);
        cql.train(d, new int[] {0, 0}, ProgressListener.NONE);
        double[] q = cql.critics().predict(new double[] {0, 1}, 2);
        assertTrue(q[1] < q[0] - 0.5 && q[3] < q[2] - 0.5, java.util.Arrays.toString(q));
        assertEquals(2, q[2], 0.2);   // the data's action keeps its value up to the regulariser's pull
    }

    /** The chain's transitions for the given actions, rows alternating s0 and s1. */
    private static Transitions chain(double[] act) {
        int n = act.length;
        double[] obs = new double[n], next = new double[n], reward = new double[n];
        boolean[] terminal = new boolean[n];
        for (int i = 0; i < n; i++) {
            boolean s0 = i % 2 == 0;
            obs[i] = s0 ? 0 : 1;
            int a = (int) act[i];
            next[i] = s0 && a == 0 ? 1 : 0;
            reward[i] = s0 ? (a == 0 ? 0 : 0.5) : (a == 0 ? 2 : 0);
            terminal[i] = !(s0 && a == 0);
        }
        return new Transitions("chain", new String[] {"obs_0"}, new String[] {"act_0"}, n, obs, act, reward, next, terminal,
                new boolean[n], null, null);
    }
}
