package dev.valuekit.tensor;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Adam/AdamW against PyTorch 1.13 (torch.optim, float64) and a hand-computed first step; freezing; clipping. */
class AdamTest {
    static final double[][] GRADS = {{0.5, -1.0, 2.0}, {0.1, 0.3, -0.2}, {-0.4, 0.0, 1.0}};

    @BeforeEach
    void f64() { Nd4jRuntime.configure(Precision.F64, 1); }

    @Test
    void firstStepByHand() {
        // θ = 1, g = 0.5, wd = 0.1 (coupled) → g' = 0.6; m = 0.06, v = 0.00036; bias corrections 0.1, 0.001;
        // θ ← 1 − (0.1/0.1)·0.06 / (√0.00036/√0.001 + 1e-8) = 1 − 0.06/(0.6 + 1e-8)
        Param p = new Param("p", 1).weightDecay(0.1);
        p.set(new double[] {1.0});
        p.grad().assign(0.5);
        new Adam(new Params().add(p), AdamOptions.adam(0.1)).step();
        assertEquals(1 - 0.06 / (0.6 + 1e-8), p.value().getDouble(0), 1e-15);
    }

    @Test
    void matchesPyTorchAdamWithWeightDecay() {
        // torch.optim.Adam([p], lr=0.1, weight_decay=0.1), p = [1, −2, 0.5], three steps with GRADS.
        assertArrayEquals(new double[] {0.7829837790790071, -1.7846241917957342, 0.2681453997739326},
                run(AdamOptions.adam(0.1)), 1e-14);
    }

    @Test
    void matchesPyTorchAdamW() {
        // torch.optim.AdamW([p], lr=0.1, weight_decay=0.1), same data.
        assertArrayEquals(new double[] {0.7834180072745651, -1.7671581714168092, 0.2589816337699542},
                run(AdamOptions.adamW(0.1)), 1e-14);
    }

    @Test
    void frozenParametersDoNotMove() {
        Param a = new Param("base.weight", 2);
        Param b = new Param("adapter.weight", 2);
        a.set(new double[] {1, 2});
        b.set(new double[] {1, 2});
        Params ps = new Params().add(a).add(b);
        assertEquals(1, ps.setTrainable("base.", false));
        a.grad().assign(1);
        b.grad().assign(1);
        new Adam(ps, AdamOptions.adam(0.1)).step();
        assertArrayEquals(new double[] {1, 2}, a.toDoubleArray(), 0);
        assertArrayEquals(new double[] {0.9, 1.9}, b.toDoubleArray(), 1e-7);
        assertEquals(2, ps.trainableCount());
    }

    @Test
    void clipsTheGlobalNorm() {
        Param a = new Param("a", 2);
        Param b = new Param("b", 1);
        a.grad().assign(3);                       // norm² 18
        b.grad().assign(Math.sqrt(7));            // + 7 → norm 5
        Params ps = new Params().add(a).add(b);
        assertEquals(5.0, GradientClipping.clipGlobalNorm(ps, 1.0), 1e-12);
        assertEquals(1.0, GradientClipping.globalNorm(ps), 1e-6);
        assertEquals(3 / (5 + 1e-6), a.grad().getDouble(0), 1e-12);
        assertEquals(1.0, GradientClipping.clipGlobalNorm(ps, 2.0), 1e-6); // below the bound: unchanged
        assertEquals(3 / (5 + 1e-6), a.grad().getDouble(0), 1e-12);
    }

    private static double[] run(AdamOptions o) {
        Param p = new Param("p", 3).weightDecay(0.1);
        p.set(new double[] {1.0, -2.0, 0.5});
        Adam adam = new Adam(new Params().add(p), o);
        for (double[] g : GRADS) {
            p.grad().data().setData(g);
            adam.step();
        }
        return p.toDoubleArray();
    }
}
