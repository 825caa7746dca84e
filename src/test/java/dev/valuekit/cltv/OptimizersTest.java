package dev.valuekit.cltv;

import dev.valuekit.cltv.optim.Bfgs;
import dev.valuekit.cltv.optim.Minimum;
import dev.valuekit.cltv.optim.NelderMead;
import dev.valuekit.cltv.optim.Objective;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OptimizersTest {
    /** Rosenbrock's banana (1 − x)² + 100 (y − x²)², minimum 0 at (1, 1): the classic badly scaled valley. */
    private static final Objective ROSENBROCK = new Objective() {
        @Override public double value(double[] p) {
            double a = 1 - p[0], b = p[1] - p[0] * p[0];
            return a * a + 100 * b * b;
        }

        @Override public double valueAndGradient(double[] p, double[] g) {
            double a = 1 - p[0], b = p[1] - p[0] * p[0];
            g[0] = -2 * a - 400 * p[0] * b;
            g[1] = 200 * b;
            return a * a + 100 * b * b;
        }
    };

    @Test
    void bfgsFindsTheRosenbrockMinimum() {
        Minimum m = new Bfgs(1e-9, 1000).minimize(ROSENBROCK, new double[]{-1.2, 1});
        assertTrue(m.converged());
        assertEquals(1, m.x()[0], 1e-6);
        assertEquals(1, m.x()[1], 1e-6);
    }

    @Test
    void nelderMeadReachesTheValley() {
        Minimum m = new NelderMead(0.5, 1e-12, 1e-8, 5000).minimize(ROSENBROCK, new double[]{-1.2, 1});
        assertEquals(1, m.x()[0], 1e-4);
        assertEquals(1, m.x()[1], 1e-4);
    }

    @Test
    void nelderMeadTreatsNonFiniteValuesAsWalls() {
        // f = x² on x > 0.5, NaN elsewhere: the simplex must stay on the feasible side and stop at the wall.
        Objective walled = new Objective() {
            @Override public double value(double[] p) { return p[0] > 0.5 ? p[0] * p[0] : Double.NaN; }
            @Override public double valueAndGradient(double[] p, double[] g) { g[0] = 2 * p[0]; return value(p); }
        };
        Minimum m = new NelderMead(0.5, 1e-12, 1e-9, 2000).minimize(walled, new double[]{3});
        assertTrue(m.x()[0] > 0.5 && m.x()[0] < 0.51, "x = " + m.x()[0]);
    }
}
