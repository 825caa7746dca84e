package dev.valuekit.value;

import dev.valuekit.tensor.Adam;
import dev.valuekit.tensor.AdamOptions;
import dev.valuekit.tensor.EnsembleMlp;
import dev.valuekit.tensor.Nd4jRuntime;
import dev.valuekit.tensor.Normalizer;
import dev.valuekit.tensor.Precision;

import java.util.random.RandomGenerator;

/**
 * SAC's actor: an MLP from the standardised observation to the mean and log-std of a diagonal
 * Gaussian, squashed by tanh into the action box (see {@link TanhGaussian} for the formulas).
 * Output columns: μ₀..μ_{k−1}, ℓ₀..ℓ_{k−1}.
 */
public final class TanhGaussianActor {
    private final EnsembleMlp net;
    private final Normalizer obsNorm;
    private final double[] centre;
    private final double[] half;
    private final Adam adam;

    /** A drawn batch, kept for {@link #backward}: network outputs, noise, actions (env units) and log π. */
    public record Sample(int n, double[] out, double[] eps, double[] action, double[] logProb) {}

    public TanhGaussianActor(Normalizer obsNorm, double[] low, double[] high, Mlp arch, double lr, long seed) {
        this(obsNorm, low, high, arch, lr, seed, Nd4jRuntime.defaultPrecision());
    }

    /** @param precision the precision of the actor's weights and arithmetic */
    public TanhGaussianActor(Normalizer obsNorm, double[] low, double[] high, Mlp arch, double lr, long seed, Precision precision) {
        int k = low.length;
        this.obsNorm = obsNorm;
        this.net = new EnsembleMlp("actor", 1, obsNorm.width(), arch.hidden(), 2 * k, arch.activation(), seed, precision);
        this.centre = new double[k];
        this.half = new double[k];
        for (int j = 0; j < k; j++) {
            centre[j] = (high[j] + low[j]) / 2;
            half[j] = (high[j] - low[j]) / 2;
            if (!(half[j] > 0)) throw new IllegalArgumentException("action bounds must have low < high");
        }
        this.adam = new Adam(net.params(), AdamOptions.adam(lr));
    }

    public EnsembleMlp network() { return net; }
    public Normalizer normalizer() { return obsNorm; }
    public int actDim() { return centre.length; }
    public double[] low() { double[] l = new double[centre.length]; for (int j = 0; j < l.length; j++) l[j] = centre[j] - half[j]; return l; }
    public double[] high() { double[] h = new double[centre.length]; for (int j = 0; j < h.length; j++) h[j] = centre[j] + half[j]; return h; }

    /** Draws one action per row ({@code rng == null}: the mean action, ε = 0). */
    public Sample sample(double[] obs, int n, RandomGenerator rng) {
        int k = actDim();
        double[] out = forward(obs, n);
        double[] eps = new double[n * k];
        double[] a = new double[n * k];
        double[] lp = new double[n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < k; j++) {
                double e = rng == null ? 0 : rng.nextGaussian();
                double mu = out[i * 2 * k + j], l = out[i * 2 * k + k + j];
                eps[i * k + j] = e;
                a[i * k + j] = TanhGaussian.action(mu, l, e, centre[j], half[j]);
                lp[i] += TanhGaussian.logProb(mu, l, e, half[j]);
            }
        }
        return new Sample(n, out, eps, a, lp);
    }

    /** The deterministic action c + h·tanh(μ) per row. */
    public double[] meanAction(double[] obs, int n) { return sample(obs, n, null).action(); }

    /**
     * Adds the gradient of {@code Σᵢ (dActionᵢ·aᵢ + dLogProbᵢ·log πᵢ)} to the actor's parameters, for
     * the batch drawn by the last {@link #sample} (whose forward pass the network still holds).
     */
    public void backward(Sample s, double[] dAction, double[] dLogProb) {
        int n = s.n(), k = actDim();
        double[] dOut = new double[n * 2 * k];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < k; j++) {
                double[] g = TanhGaussian.gradient(s.out()[i * 2 * k + j], s.out()[i * 2 * k + k + j], s.eps()[i * k + j],
                        half[j], dAction[i * k + j], dLogProb[i]);
                dOut[i * 2 * k + j] = g[0];
                dOut[i * 2 * k + k + j] = g[1];
            }
        }
        net.backward(Nd.of(net.precision(), dOut, 1, n, 2 * k), false);
    }

    /**
     * Adds the gradient of {@code −Σᵢ wᵢ·log π(aᵢ|sᵢ)} for given actions (env units) to the actor's parameters and
     * returns that weighted negative log-likelihood: advantage-weighted regression (IQL's policy extraction) with
     * weights, behaviour cloning with wᵢ = 1/n. An action on the box's edge has no finite pre-image under tanh, so
     * actions are held {@value #EDGE} of the half-width inside the box. The tanh Jacobian term of log π does not depend
     * on the parameters, so the gradient is the Gaussian's in u = atanh((a − c)/h): with z = (u − μ)/σ,
     * {@code ∂log π/∂μ = z/σ} and {@code ∂log π/∂ℓ = z² − 1} (zero where ℓ is clamped).
     */
    public double weightedLogLikelihoodBackward(double[] obs, double[] act, int n, double[] w) {
        int k = actDim();
        double[] out = forward(obs, n);
        double[] dOut = new double[n * 2 * k];
        double loss = 0;
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < k; j++) {
                double mu = out[i * 2 * k + j], raw = out[i * 2 * k + k + j];
                double u = preTanh(act[i * k + j], j);
                double lp = TanhGaussian.logProbOfPreTanh(mu, raw, u, half[j]);
                double[] g = TanhGaussian.preTanhGradient(mu, raw, u);
                loss -= w[i] * lp;
                dOut[i * 2 * k + j] = -w[i] * g[0];
                dOut[i * 2 * k + k + j] = -w[i] * g[1];
            }
        }
        net.backward(Nd.of(net.precision(), dOut, 1, n, 2 * k), false);
        return loss;
    }

    /** log π(a|s) of given actions (env units, held inside the box as in {@link #weightedLogLikelihoodBackward}). */
    public double[] logProb(double[] obs, double[] act, int n) {
        int k = actDim();
        double[] out = forward(obs, n);
        double[] lp = new double[n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < k; j++) {
                lp[i] += TanhGaussian.logProbOfPreTanh(out[i * 2 * k + j], out[i * 2 * k + k + j], preTanh(act[i * k + j], j), half[j]);
            }
        }
        return lp;
    }

    /** Share of the half-width an action is kept inside the box by before atanh. */
    static final double EDGE = 1e-3;

    private double preTanh(double a, int j) {
        double t = (a - centre[j]) / half[j];
        t = Math.max(-1 + EDGE, Math.min(1 - EDGE, t));
        return 0.5 * Math.log((1 + t) / (1 - t));
    }

    public void zeroGrad() { net.params().zeroGrad(); }

    public void step() { adam.step(); }

    private double[] forward(double[] obs, int n) {
        double[] z = obs.clone();
        obsNorm.normalize(z);
        return Nd.doubles(net.forward(Nd.of(net.precision(), z, n, obsNorm.width())));
    }
}
