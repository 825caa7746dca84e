package dev.valuekit.tensor;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Gaussian negative log-likelihood for an ensemble with mean and log-variance heads, log-variance
 * soft-clamped between learned bounds as in PETS / mbrl-lib's GaussianMLP:
 * <pre>
 *   lv = max − softplus(max − raw);  lv = min + softplus(lv − min)      (max init 0.5, min init −10)
 * </pre>
 * The network output is {@code [members, batch, 2·d]}: means in the first d columns, raw
 * log-variances in the last d.
 *
 * <p>Conventions (both reported): the <b>training objective</b> is mbrl-lib's,
 * {@code Σ_members mean_{batch,dims}[(μ − y)²·e^{−lv} + lv] + 0.01·(Σ max − Σ min)} (no ½, no constant;
 * the penalty keeps the bounds from drifting apart). The <b>reported NLL</b> per member is the true
 * per-dimension negative log-density, {@code mean[½(μ − y)²·e^{−lv} + ½·lv + ½·log 2π]}.
 * Gradients flow to the network output and to both bounds.
 */
public final class GaussianNll {
    public static final double BOUND_PENALTY = 0.01;
    public static final double MAX_LOGVAR_INIT = 0.5;
    public static final double MIN_LOGVAR_INIT = -10.0;
    private static final double HALF_LOG_2PI = 0.5 * Math.log(2 * Math.PI);

    private final int dims;
    private final Param maxLogVar;
    private final Param minLogVar;
    private final Params params = new Params();
    private final GradientBuffer gradient = new GradientBuffer();

    /** Bounds are named {@code prefix.max_logvar} and {@code prefix.min_logvar}, shape [1, dims]. */
    public GaussianNll(String prefix, int dims) {
        this(prefix, dims, Nd4jRuntime.defaultPrecision());
    }

    public GaussianNll(String prefix, int dims, Precision precision) {
        this.dims = dims;
        this.maxLogVar = new Param(prefix + ".max_logvar", precision, 1, dims);
        this.minLogVar = new Param(prefix + ".min_logvar", precision, 1, dims);
        double[] hi = new double[dims];
        double[] lo = new double[dims];
        java.util.Arrays.fill(hi, MAX_LOGVAR_INIT);
        java.util.Arrays.fill(lo, MIN_LOGVAR_INIT);
        maxLogVar.set(hi);
        minLogVar.set(lo);
        params.add(maxLogVar).add(minLogVar);
    }

    public int dims() { return dims; }
    public Params params() { return params; }
    public Param maxLogVar() { return maxLogVar; }
    public Param minLogVar() { return minLogVar; }

    /**
     * @param loss     the training objective (see class comment)
     * @param nll      reported NLL per member (with ½ and ½·log 2π)
     * @param mse      mean squared error of the means per member
     * @param gradient d(loss)/d(network output), an internal buffer reused by the next call; null from
     *                 {@link #evaluate}
     */
    public record Result(double loss, double[] nll, double[] mse, INDArray gradient) {}

    /**
     * Loss and gradients: returns d(loss)/d(output) and adds d(loss)/d(bounds) to the bounds'
     * gradients. {@code target} is {@code [members, batch, d]} or {@code [batch, d]} (same for all).
     */
    public Result lossAndGradient(INDArray output, INDArray target) {
        return compute(output, target, true);
    }

    /** Loss values only; no gradients. */
    public Result evaluate(INDArray output, INDArray target) {
        return compute(output, target, false);
    }

    /** The bounded log-variances of an output, {@code [members, batch, d]} row-major, as doubles. */
    public double[] logVariance(INDArray output) {
        double[] out = HostMath.toDoubles(output);
        double[] hi = maxLogVar.toDoubleArray();
        double[] lo = minLogVar.toDoubleArray();
        int rows = out.length / (2 * dims);
        double[] lv = new double[rows * dims];
        for (int r = 0; r < rows; r++) {
            for (int j = 0; j < dims; j++) {
                double a = hi[j] - softplus(hi[j] - out[r * 2 * dims + dims + j]);
                lv[r * dims + j] = lo[j] + softplus(a - lo[j]);
            }
        }
        return lv;
    }

    private Result compute(INDArray output, INDArray target, boolean withGradient) {
        if (output.rank() != 3 || output.size(2) != 2L * dims) {
            throw new IllegalArgumentException("output must be [members, batch, " + 2 * dims + "], got "
                    + java.util.Arrays.toString(output.shape()));
        }
        int members = (int) output.size(0);
        int batch = (int) output.size(1);
        boolean sharedTarget = target.rank() == 2;
        if ((sharedTarget ? target.size(0) : target.size(1)) != batch || target.size(target.rank() - 1) != dims
                || (!sharedTarget && target.size(0) != members)) {
            throw new IllegalArgumentException("target must be [" + members + ", " + batch + ", " + dims + "] or ["
                    + batch + ", " + dims + "], got " + java.util.Arrays.toString(target.shape()));
        }
        double[] out = HostMath.toDoubles(output);
        double[] y = HostMath.toDoubles(target);
        double[] hi = maxLogVar.toDoubleArray();
        double[] lo = minLogVar.toDoubleArray();
        double[] grad = withGradient ? new double[out.length] : null;
        double[][] dHiM = new double[members][dims];
        double[][] dLoM = new double[members][dims];
        double[] objM = new double[members];
        double[] nll = new double[members];
        double[] mse = new double[members];
        double inv = 1.0 / ((double) batch * dims);
        // Members are independent; per-member partial sums are reduced in member order afterwards,
        // so the result does not depend on how members were spread over threads.
        Parallel.forEach(Math.min(Nd4jRuntime.threads(), members), part -> {
            for (int m = part.index(); m < members; m += part.count()) {
                memberTerms(m, batch, sharedTarget, out, y, hi, lo, inv, grad, dHiM[m], dLoM[m], objM, mse);
            }
        });
        double loss = 0;
        double[] dHi = new double[dims];
        double[] dLo = new double[dims];
        for (int m = 0; m < members; m++) {
            loss += objM[m] * inv;
            nll[m] = 0.5 * objM[m] * inv + HALF_LOG_2PI;
            for (int j = 0; j < dims; j++) { dHi[j] += dHiM[m][j]; dLo[j] += dLoM[m][j]; }
        }
        double sumHi = 0, sumLo = 0;
        for (int j = 0; j < dims; j++) { sumHi += hi[j]; sumLo += lo[j]; }
        loss += BOUND_PENALTY * (sumHi - sumLo);
        INDArray g = null;
        if (withGradient) {
            for (int j = 0; j < dims; j++) { dHi[j] += BOUND_PENALTY; dLo[j] -= BOUND_PENALTY; }
            addGrad(maxLogVar, dHi);
            addGrad(minLogVar, dLo);
            g = gradient.of(output);
            HostMath.of(g).storeDoubles(grad, g);
        }
        return new Result(loss, nll, mse, g);
    }

    private void memberTerms(int m, int batch, boolean sharedTarget, double[] out, double[] y, double[] hi, double[] lo,
                             double inv, double[] grad, double[] dHi, double[] dLo, double[] objM, double[] mseM) {
        boolean withGradient = grad != null;
        double obj = 0, se = 0;
        for (int b = 0; b < batch; b++) {
            int row = (m * batch + b) * 2 * dims;
            int trow = (sharedTarget ? b : m * batch + b) * dims;
            for (int j = 0; j < dims; j++) {
                double mu = out[row + j];
                double raw = out[row + dims + j];
                // softplus and sigmoid of the same argument share one exp(−|x|); log1p is not intrinsic
                double u = hi[j] - raw;
                double eu = Math.exp(-Math.abs(u));
                double a = hi[j] - (Math.max(u, 0) + Math.log(1 + eu));
                double w = a - lo[j];
                double ew = Math.exp(-Math.abs(w));
                double lv = lo[j] + Math.max(w, 0) + Math.log(1 + ew);
                double e = mu - y[trow + j];
                double iv = Math.exp(-lv);
                double e2iv = e * e * iv;
                obj += e2iv + lv;
                se += e * e;
                if (withGradient) {
                    double gLv = inv * (1 - e2iv);
                    double sLo = w >= 0 ? 1 / (1 + ew) : ew / (1 + ew);   // d lv / d a = σ(a − min)
                    double sHi = u >= 0 ? 1 / (1 + eu) : eu / (1 + eu);   // d a / d raw = σ(max − raw)
                    grad[row + j] = inv * 2 * e * iv;
                    grad[row + dims + j] = gLv * sLo * sHi;
                    dHi[j] += gLv * sLo * (1 - sHi);
                    dLo[j] += gLv * (1 - sLo);
                }
            }
        }
        objM[m] = obj;
        mseM[m] = se * inv;
    }

    static void addGrad(Param p, double[] d) {
        if (!p.trainable()) return;
        double[] g = p.grad().data().asDouble();
        for (int i = 0; i < g.length; i++) g[i] += d[i];
        HostMath.of(p.grad()).storeDoubles(g, p.grad());
    }

    /** log(1 + eˣ) without overflow. */
    static double softplus(double x) {
        return Math.max(x, 0) + Math.log1p(Math.exp(-Math.abs(x)));
    }

    static double sigmoid(double x) {
        return x >= 0 ? 1 / (1 + Math.exp(-x)) : Math.exp(x) / (1 + Math.exp(x));
    }
}
