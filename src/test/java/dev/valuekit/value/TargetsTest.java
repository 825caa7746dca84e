package dev.valuekit.value;

import dev.valuekit.table.Transitions;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every target formula on tiny hand-computed cases. */
class TargetsTest {
    @Test
    void aggregationsOverThreeCritics() {
        // two rows, three members, [members, n] row-major: row 0 = {1, 4, -2}, row 1 = {3, 3, 3}
        double[] q = {1, 3, 4, 3, -2, 3};
        assertEquals(-2, Aggregation.MIN.apply(q, 3, 2, 0));
        assertEquals(1, Aggregation.MEAN.apply(q, 3, 2, 0));
        // population std of {1, 4, -2} = sqrt((0 + 9 + 9) / 3) = sqrt(6)
        assertEquals(1 - 2 * Math.sqrt(6), Aggregation.parse("mean-std:2").apply(q, 3, 2, 0), 1e-12);
        assertEquals(3, Aggregation.parse("mean-std:2").apply(q, 3, 2, 1), 1e-12);
    }

    @Test
    void aggregationWeightsAreItsDerivatives() {
        double[] q = {1, 4, -2};
        double[] w = new double[3];
        Aggregation.MIN.weights(q, 3, 1, 0, w);
        assertArrayEquals(new double[] {0, 0, 1}, w);
        Aggregation ms = Aggregation.parse("mean-std:0.5");
        ms.weights(q, 3, 1, 0, w);
        for (int m = 0; m < 3; m++) {
            double[] p = q.clone();
            p[m] += 1e-7;
            assertEquals((ms.apply(p, 3, 1, 0) - ms.apply(q, 3, 1, 0)) / 1e-7, w[m], 1e-6);
        }
        assertThrows(RuntimeException.class, () -> Aggregation.parse("max"));
        assertThrows(RuntimeException.class, () -> Aggregation.parse("mean-std:-1"));
    }

    @Test
    void sumAndMinCreditBackups() {
        assertEquals(-1 + 0.9 * -10, Credit.SUM.backup(-1, 0.9, false, -10), 1e-12);
        assertEquals(-1, Credit.SUM.backup(-1, 0.9, true, -10));
        assertEquals(-9, Credit.MIN.backup(-1, 0.9, false, -10), 1e-12);   // min(-1, 0.9·-10)
        assertEquals(-1, Credit.MIN.backup(-1, 0.9, false, 5));            // min(-1, 4.5)
        assertEquals(2, Credit.MIN.backup(2, 0.9, true, -10));
    }

    @Test
    void bootstrapTargetWithMinOverCriticsSoftTermAndTerminalRows() {
        double[] r = {1, -2, 0.5};
        boolean[] term = {false, true, false};
        // two critics: Q'_0 = {10, 7, -4}, Q'_1 = {8, 9, -6}
        double[] nq = {10, 7, -4, 8, 9, -6};
        double[] lp = {-1, 3, 0.5};
        double[] y = BootstrapTarget.compute(r, term, nq, 2, Aggregation.MIN, 0.99, Credit.SUM, lp, 0.2);
        assertEquals(1 + 0.99 * (8 - 0.2 * -1), y[0], 1e-12);
        assertEquals(-2, y[1], 0);
        assertEquals(0.5 + 0.99 * (-6 - 0.2 * 0.5), y[2], 1e-12);
        double[] ym = BootstrapTarget.compute(r, term, nq, 2, Aggregation.MEAN, 0.5, Credit.MIN, null, 0);
        assertEquals(Math.min(1, 0.5 * 9), ym[0], 1e-12);
        assertEquals(Math.min(0.5, 0.5 * -5), ym[2], 1e-12);
    }

    @Test
    void monteCarloReturnsPerEpisodeInStepOrder() {
        // episode 7: rows 2, 0 (steps 1, 0) ending terminal at row 0? no: steps order row 2 (step 0) then row 0 (step 1, terminal)
        // episode 3: rows 1, 3 (steps 0, 1), truncated at row 3
        Transitions d = data(new double[] {-1, 2, 3, 4}, new boolean[] {true, false, false, false},
                new boolean[] {false, false, false, true}, new long[] {7, 3, 7, 3}, new long[] {1, 0, 0, 1});
        Episodes eps = Episodes.of(d);
        assertEquals(2, eps.count());
        assertEquals(0, eps.successor(2));
        assertEquals(-1, eps.successor(0));
        double[] g = MonteCarlo.returns(d, eps, 0.5, Credit.SUM, 0);
        assertEquals(-1, g[0]);
        assertEquals(3 + 0.5 * -1, g[2], 1e-12);
        assertEquals(4, g[3]);
        assertEquals(2 + 0.5 * 4, g[1], 1e-12);
        double[] gm = MonteCarlo.returns(d, eps, 0.5, Credit.MIN, 0);
        assertEquals(Math.min(3, 0.5 * -1), gm[2], 1e-12);
        assertEquals(Math.min(2, 0.5 * 4), gm[1], 1e-12);
    }

    @Test
    void monteCarloDropsRowsWhoseMissingTailStillMatters() {
        Transitions d = data(new double[] {1, 1, 1, 1}, new boolean[4], new boolean[] {false, false, false, true},
                new long[] {0, 0, 0, 0}, new long[] {0, 1, 2, 3});
        // γ = 0.5, tolerance 0.2: a row with L rows left (itself included) is kept when 0.5^L <= 0.2, i.e. L >= 3
        double[] g = MonteCarlo.returns(d, Episodes.of(d), 0.5, Credit.SUM, 0.2);
        assertEquals(1 + 0.5 + 0.25 + 0.125, g[0], 1e-12);
        assertEquals(1 + 0.5 + 0.25, g[1], 1e-12);
        assertTrue(Double.isNaN(g[2]));
        assertTrue(Double.isNaN(g[3]));
    }

    @Test
    void withoutEpisodeColumnEpisodesEndAtTerminalOrTruncatedRows() {
        Transitions d = data(new double[] {1, 2, 3}, new boolean[] {false, true, false}, new boolean[3], null, null);
        Episodes e = Episodes.of(d);
        assertEquals(2, e.count());
        assertArrayEquals(new int[] {0, 2}, e.initialRows());
        assertEquals(1 + 0.9 * 2, MonteCarlo.returns(d, e, 0.9, Credit.SUM, 0)[0], 1e-12);
    }

    @Test
    void lambdaReturnsMixNextValuesAndLaterReturns() {
        // one truncated episode of 3 rows, rewards 1, 2, 3, next-state values 10, 20, 30, γ 0.5, λ 0.25
        Transitions d = data(new double[] {1, 2, 3}, new boolean[3], new boolean[] {false, false, true}, new long[] {0, 0, 0},
                new long[] {0, 1, 2});
        double[] g = LambdaReturns.compute(d, Episodes.of(d), new double[] {10, 20, 30}, 0.5, 0.25, Credit.SUM);
        double g2 = 3 + 0.5 * 30;                             // last row bootstraps from its own next state
        double g1 = 2 + 0.5 * (0.75 * 20 + 0.25 * g2);
        double g0 = 1 + 0.5 * (0.75 * 10 + 0.25 * g1);
        assertArrayEquals(new double[] {g0, g1, g2}, g, 1e-12);
        // λ = 0 is TD(0); λ = 1 ending in a terminal state is Monte Carlo
        assertArrayEquals(new double[] {1 + 5, 2 + 10, 3 + 15}, LambdaReturns.compute(d, Episodes.of(d), new double[] {10, 20, 30}, 0.5, 0, Credit.SUM), 1e-12);
        Transitions t = data(new double[] {1, 2, 3}, new boolean[] {false, false, true}, new boolean[3], new long[] {0, 0, 0}, new long[] {0, 1, 2});
        assertArrayEquals(MonteCarlo.returns(t, Episodes.of(t), 0.5, Credit.SUM, 0),
                LambdaReturns.compute(t, Episodes.of(t), new double[] {10, 20, 30}, 0.5, 1, Credit.SUM), 1e-12);
    }

    static Transitions data(double[] reward, boolean[] terminal, boolean[] truncated, long[] episode, long[] step) {
        int n = reward.length;
        double[] obs = new double[n], act = new double[n], next = new double[n];
        for (int i = 0; i < n; i++) { obs[i] = i; next[i] = i + 1; }
        return new Transitions("test", new String[] {"obs_0"}, new String[] {"act_0"}, n, obs, act, reward, next, terminal,
                truncated, episode, step);
    }
}
