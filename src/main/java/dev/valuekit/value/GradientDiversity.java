package dev.valuekit.value;

/**
 * EDAC's ensemble-diversity term (An et al. 2021) on the critics' action gradients {@code gₘ = ∇ₐQₘ(s, a)} at
 * the data's (s, a), in raw action units, as in the reference implementation:
 * <pre>
 *   ĝₘ = gₘ / (‖gₘ‖ + 1e-10)
 *   ES = 1/(N − 1) · mean_b Σ_{i≠j} ⟨ĝᵢ, ĝⱼ⟩
 * </pre>
 * Its gradient with respect to each gₘ (what {@link dev.valuekit.tensor.ReluInputGradients} turns into a weight
 * gradient): with Sᵢ = Σ_{j≠i} ĝⱼ and n = ‖gᵢ‖, {@code ∂ES/∂ĝᵢ = 2·Sᵢ / (B·(N − 1))} and
 * {@code ∂ES/∂gᵢ = ∂ES/∂ĝᵢ / (n + 1e-10) − gᵢ·⟨gᵢ, ∂ES/∂ĝᵢ⟩ / (n·(n + 1e-10)²)} (the second term 0 at n = 0).
 */
public final class GradientDiversity {
    static final double EPS = 1e-10;

    private GradientDiversity() {}

    /**
     * ES of input gradients {@code g} ({@code [members, rows, inputs]}, action columns from {@code actFrom}), and,
     * when {@code dG} is not null, {@code coef·∂ES/∂g} written into it (zeros on the other columns).
     */
    public static double value(double[] g, int members, int rows, int inputs, int actFrom, double coef, double[] dG) {
        int k = inputs - actFrom;
        double es = 0;
        double[][] unit = new double[members][k];
        double[] norms = new double[members];
        double[] total = new double[k];
        if (dG != null) java.util.Arrays.fill(dG, 0);
        for (int r = 0; r < rows; r++) {
            java.util.Arrays.fill(total, 0);
            for (int m = 0; m < members; m++) {
                int o = (m * rows + r) * inputs + actFrom;
                double s = 0;
                for (int j = 0; j < k; j++) s += g[o + j] * g[o + j];
                norms[m] = Math.sqrt(s);
                for (int j = 0; j < k; j++) {
                    unit[m][j] = g[o + j] / (norms[m] + EPS);
                    total[j] += unit[m][j];
                }
            }
            double sumSq = 0, selfSq = 0;
            for (int j = 0; j < k; j++) sumSq += total[j] * total[j];
            for (int m = 0; m < members; m++) for (int j = 0; j < k; j++) selfSq += unit[m][j] * unit[m][j];
            es += (sumSq - selfSq) / (members - 1) / rows;
            if (dG == null) continue;
            double scale = coef * 2.0 / ((double) rows * (members - 1));
            for (int m = 0; m < members; m++) {
                int o = (m * rows + r) * inputs + actFrom;
                double n = norms[m], d = n + EPS, dot = 0;
                double[] gu = new double[k];
                for (int j = 0; j < k; j++) {
                    gu[j] = scale * (total[j] - unit[m][j]);
                    dot += g[o + j] * gu[j];
                }
                double proj = n > 0 ? dot / (n * d * d) : 0;
                for (int j = 0; j < k; j++) dG[o + j] = gu[j] / d - g[o + j] * proj;
            }
        }
        return es;
    }
}
