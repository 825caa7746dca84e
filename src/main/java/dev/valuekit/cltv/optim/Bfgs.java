package dev.valuekit.cltv.optim;

/**
 * Quasi-Newton minimisation with the BFGS inverse-Hessian update and a backtracking Armijo line
 * search. Converges quadratically near a smooth optimum, which Nelder–Mead alone approaches slowly.
 */
public final class Bfgs {
    private final double gradientTolerance;
    private final int maxIterations;

    public Bfgs(double gradientTolerance, int maxIterations) {
        this.gradientTolerance = gradientTolerance;
        this.maxIterations = maxIterations;
    }

    public Minimum minimize(Objective f, double[] start) {
        int n = start.length;
        double[] x = start.clone();
        double[] g = new double[n];
        double fx = f.valueAndGradient(x, g);
        if (!Double.isFinite(fx)) return new Minimum(x, fx, 0, false);
        double[][] h = identity(n);
        double[] xNew = new double[n], gNew = new double[n], d = new double[n];
        for (int it = 0; it < maxIterations; it++) {
            if (maxAbs(g) < gradientTolerance) return new Minimum(x, fx, it, true);
            for (int i = 0; i < n; i++) {
                double s = 0;
                for (int j = 0; j < n; j++) s -= h[i][j] * g[j];
                d[i] = s;
            }
            double slope = dot(g, d);
            if (slope >= 0) { // lost descent (curvature information broke down): restart from steepest descent
                h = identity(n);
                for (int i = 0; i < n; i++) d[i] = -g[i];
                slope = dot(g, d);
            }
            double t = 1, fNew = Double.NaN;
            boolean accepted = false;
            for (int k = 0; k < 60; k++) {
                for (int i = 0; i < n; i++) xNew[i] = x[i] + t * d[i];
                fNew = f.valueAndGradient(xNew, gNew);
                if (Double.isFinite(fNew) && fNew <= fx + 1e-4 * t * slope) { accepted = true; break; }
                t *= 0.5;
            }
            if (!accepted) return new Minimum(x, fx, it, maxAbs(g) < Math.sqrt(gradientTolerance));
            double[] s = new double[n], y = new double[n];
            for (int i = 0; i < n; i++) { s[i] = xNew[i] - x[i]; y[i] = gNew[i] - g[i]; }
            double sy = dot(s, y);
            if (sy > 1e-12 * Math.sqrt(dot(s, s) * dot(y, y))) updateInverse(h, s, y, sy);
            System.arraycopy(xNew, 0, x, 0, n);
            System.arraycopy(gNew, 0, g, 0, n);
            boolean tiny = Math.abs(fx - fNew) <= 1e-15 * Math.max(1, Math.abs(fx));
            fx = fNew;
            if (tiny && maxAbs(g) < Math.sqrt(gradientTolerance)) return new Minimum(x, fx, it + 1, true);
        }
        return new Minimum(x, fx, maxIterations, maxAbs(g) < gradientTolerance);
    }

    /** H ← (I − ρ s yᵀ) H (I − ρ y sᵀ) + ρ s sᵀ with ρ = 1/(yᵀs). */
    private static void updateInverse(double[][] h, double[] s, double[] y, double sy) {
        int n = s.length;
        double rho = 1 / sy;
        double[] hy = new double[n];
        for (int i = 0; i < n; i++) for (int j = 0; j < n; j++) hy[i] += h[i][j] * y[j];
        double yhy = dot(y, hy);
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                h[i][j] += -rho * (hy[i] * s[j] + s[i] * hy[j]) + (rho * rho * yhy + rho) * s[i] * s[j];
            }
        }
    }

    private static double[][] identity(int n) {
        double[][] m = new double[n][n];
        for (int i = 0; i < n; i++) m[i][i] = 1;
        return m;
    }

    private static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) s += a[i] * b[i];
        return s;
    }

    private static double maxAbs(double[] a) {
        double m = 0;
        for (double v : a) m = Math.max(m, Math.abs(v));
        return m;
    }
}
