package dev.valuekit.value;

import dev.valuekit.tensor.Adam;
import dev.valuekit.tensor.AdamOptions;
import dev.valuekit.tensor.EnsembleMlp;
import dev.valuekit.tensor.MseLoss;
import dev.valuekit.tensor.Nd4jRuntime;
import dev.valuekit.tensor.Normalizer;
import dev.valuekit.tensor.Precision;
import dev.valuekit.tensor.Param;
import dev.valuekit.tensor.ReluInputGradients;
import dev.valuekit.tensor.SpectralNorm;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * N critics as the members of one ensemble MLP with a scalar output, each with a target copy. Inputs
 * are raw rows ({@code obs} for V, {@code obs ⊕ act} for Q), standardised with a fixed normaliser.
 * Every member is trained on the same minibatch and target (SAC-N / RAVL); members differ by their
 * initialisation. With spectral normalisation ({@link SpectralNorm}) the network's weights of the normalised
 * layers are always W/σ (so predictions, target copies and saved artifacts need nothing special),
 * Adam steps the raw weights, and σ gets one power iteration after each step. The target network copies
 * (or Polyak-averages) the normalised weights.
 */
public final class CriticEnsemble {
    private final EnsembleMlp net;
    private final EnsembleMlp target;
    private final Normalizer norm;
    private final Adam adam;
    private final MseLoss mse = new MseLoss();
    private final SpectralNorm spectral;
    /** 0: a scalar output (V(s) or Q(s, a) of a continuous action); n: Q(s, ·) over n discrete actions, input obs only. */
    private final int actions;
    private ReluInputGradients actionGradients;

    public CriticEnsemble(String prefix, int members, Normalizer norm, Mlp arch, double lr, long seed) {
        this(prefix, members, norm, arch, lr, seed, null);
    }

    /** @param spectralNorm which hidden layers of every critic to normalise spectrally; null for none */
    public CriticEnsemble(String prefix, int members, Normalizer norm, Mlp arch, double lr, long seed, SpectralNorm.Scope spectralNorm) {
        this(prefix, members, norm, arch, lr, seed, spectralNorm, Nd4jRuntime.defaultPrecision());
    }

    /** @param precision the precision of the critics' weights and arithmetic */
    public CriticEnsemble(String prefix, int members, Normalizer norm, Mlp arch, double lr, long seed, SpectralNorm.Scope spectralNorm,
                          Precision precision) {
        this(prefix, members, norm, arch, lr, seed, spectralNorm, precision, 0);
    }

    /**
     * Q critics over {@code actions} discrete actions: the input is the observation ({@code norm} over obs
     * only) and member m's output j is Q_m(s, j), as in DQN.
     */
    public static CriticEnsemble discrete(String prefix, int members, Normalizer norm, Mlp arch, double lr, long seed, int actions,
                                          Precision precision) {
        if (actions < 2) throw new IllegalArgumentException("a discrete Q needs at least 2 actions, got " + actions);
        return new CriticEnsemble(prefix, members, norm, arch, lr, seed, null, precision, actions);
    }

    private CriticEnsemble(String prefix, int members, Normalizer norm, Mlp arch, double lr, long seed, SpectralNorm.Scope spectralNorm,
                           Precision precision, int actions) {
        this.norm = norm;
        this.actions = actions;
        int out = Math.max(1, actions);
        this.net = new EnsembleMlp(prefix, members, norm.width(), arch.hidden(), out, arch.activation(), seed, precision);
        this.spectral = spectralNorm == null ? null : new SpectralNorm(net, seed, spectralNorm);
        this.target = new EnsembleMlp(prefix + "_target", members, norm.width(), arch.hidden(), out, arch.activation(), seed, precision);
        hardUpdate();
        this.adam = new Adam(spectral == null ? net.params() : spectral.params(), AdamOptions.adam(lr));
    }

    /** The spectral normalisation of the hidden layers, or null. */
    public SpectralNorm spectralNorm() { return spectral; }

    public int members() { return net.members(); }
    public int inputs() { return net.inputs(); }
    public Normalizer normalizer() { return norm; }
    public EnsembleMlp network() { return net; }
    /** Number of discrete actions the outputs cover, or 0 for a scalar critic. */
    public int actions() { return actions; }

    /** Online predictions {@code [members, n]} row-major ({@code [members, n, actions]} for discrete critics). */
    public double[] predict(double[] x, int n) { return Nd.doubles(net.forward(input(x, n))); }

    /** Target-network predictions, shaped as {@link #predict}. */
    public double[] predictTarget(double[] x, int n) { return Nd.doubles(target.forward(input(x, n))); }

    /** One Adam step on {@code Σ_m mean_i (Q_m(xᵢ) − yᵢ)²}; returns the loss before the step. */
    public double train(double[] x, int n, double[] y) {
        net.params().zeroGrad();
        INDArray out = net.forward(input(x, n));
        MseLoss.Result r = mse.lossAndGradient(out, Nd.of(net.precision(), y, n, 1));
        net.backward(r.gradient(), false);
        step();
        return r.loss();
    }

    /**
     * Online outputs of raw rows {@code x} ({@code [members, n, outputs]}, row-major), with the gradients
     * zeroed for a loss whose output gradient {@link #backwardStep} then applies.
     */
    public double[] forwardForStep(double[] x, int n) {
        net.params().zeroGrad();
        return Nd.doubles(net.forward(input(x, n)));
    }

    /** Back-propagates dL/d(output) {@code [members, n, outputs]} through the last {@link #forwardForStep}; one Adam step. */
    public void backwardStep(double[] dOut, int n) {
        net.backward(Nd.of(net.precision(), dOut, members(), n, net.outputs()), false);
        step();
    }

    /**
     * One Adam step on IQL's expectile regression {@code Σ_m mean_i L₂^τ(yᵢ − Q_m(xᵢ))}, {@code L₂^τ(u) = |τ − 1(u < 0)|·u²}
     * (see {@link Expectile}); returns the loss before the step.
     */
    public double trainExpectile(double[] x, int n, double[] y, double tau) {
        net.params().zeroGrad();
        double[] p = Nd.doubles(net.forward(input(x, n)));
        int m = members();
        double[] g = new double[m * n];
        double loss = 0;
        for (int k = 0; k < m; k++) {
            for (int i = 0; i < n; i++) {
                double u = y[i] - p[k * n + i];
                loss += Expectile.loss(u, tau) / n;
                g[k * n + i] = -Expectile.derivative(u, tau) / n;   // d/dQ = −d/du
            }
        }
        net.backward(Nd.of(net.precision(), g, m, n, 1), false);
        step();
        return loss;
    }

    /**
     * One Adam step on the regression loss plus the one-step FGSM smoothness penalty on the observation
     * columns (the first {@code obsDim} inputs), the single-model Lipschitz regulariser:
     * <pre>
     *   δᵢ = ε·sign(∂ Σ_m Q_m(xᵢ) / ∂sᵢ)    (in raw units, actions untouched)
     *   loss = Σ_m mean_i (Q_m(xᵢ) − yᵢ)² + c·Σ_m mean_i (Q_m(xᵢ + δᵢ) − stop_grad(Q_m(xᵢ)))²
     * </pre>
     * Returns the regression loss before the step.
     */
    public double trainAdversarial(double[] x, int n, double[] y, int obsDim, double eps, double coef) {
        int in = inputs(), m = members();
        double[] ones = new double[n];
        java.util.Arrays.fill(ones, 1.0);
        double[] g = inputGradient(x, n, Aggregation.MEAN, ones, null);
        double[] q0 = predict(x, n);
        double[] xp = x.clone();
        for (int i = 0; i < n; i++) for (int j = 0; j < obsDim; j++) xp[i * in + j] += eps * Math.signum(g[i * in + j]);
        net.params().zeroGrad();
        double[] qp = Nd.doubles(net.forward(input(xp, n)));
        double[] dp = new double[m * n];
        for (int k = 0; k < m * n; k++) dp[k] = coef * 2 * (qp[k] - q0[k]) / n;
        net.backward(Nd.of(net.precision(), dp, m, n, 1), false);
        INDArray out = net.forward(input(x, n));
        MseLoss.Result r = mse.lossAndGradient(out, Nd.of(net.precision(), y, n, 1));
        net.backward(r.gradient(), false);
        step();
        return r.loss();
    }

    /**
     * One Adam step on the regression loss plus EDAC's gradient-diversity term on the action columns (from
     * {@code obsDim}): {@code loss = Σ_m mean_i (Q_m(xᵢ) − yᵢ)² + η·ES}, ES as in {@link GradientDiversity}, its
     * weight gradient exact through {@link ReluInputGradients} (ReLU critics only). Returns the regression loss
     * before the step.
     */
    public double trainDiverse(double[] x, int n, double[] y, int obsDim, double eta) {
        net.params().zeroGrad();
        INDArray out = net.forward(input(x, n));
        MseLoss.Result r = mse.lossAndGradient(out, Nd.of(net.precision(), y, n, 1));
        net.backward(r.gradient(), false);
        diversityPenalty(x, n, obsDim, eta, true);
        step();
        return r.loss();
    }

    /** η·ES at raw rows {@code x}; with {@code accumulate}, its exact weight gradient is added to the network's. */
    double diversityPenalty(double[] x, int n, int obsDim, double eta, boolean accumulate) {
        int in = inputs(), m = members();
        if (actionGradients == null) actionGradients = new ReluInputGradients(net);
        double[] z = x.clone();
        norm.normalize(z);
        double[] g = actionGradients.compute(z, n);          // standardised units: ∂Q/∂x = (∂Q/∂z) / std
        double[] std = norm.std();
        for (int i = 0; i < g.length; i++) g[i] /= std[i % in];
        double[] c = accumulate ? new double[g.length] : null;
        double es = GradientDiversity.value(g, m, n, in, obsDim, eta, c);
        if (accumulate) {
            for (int i = 0; i < c.length; i++) c[i] /= std[i % in];  // ⟨c, ∂Q/∂x⟩ = ⟨c / std, ∂Q/∂z⟩
            actionGradients.accumulate(c);
        }
        return eta * es;
    }

    /**
     * d(Σᵢ wᵢ·agg_m Q_m(xᵢ))/dxᵢ in raw input units ({@code [n, inputs]}), with the aggregation's
     * per-member weights; parameters are left untouched (their gradient is not even computed).
     */
    public double[] inputGradient(double[] x, int n, Aggregation agg, double[] rowWeight, double[] qOut) {
        return inputGradient(x, n, rowWeight, qOut, (q, i, w) -> agg.weights(q, members(), n, i, w), (q, i) -> agg.apply(q, members(), n, i));
    }

    /** As {@link #inputGradient(double[], int, Aggregation, double[], double[])} of one member's Q alone (TD3's actor uses Q₁). */
    public double[] memberInputGradient(int member, double[] x, int n, double[] rowWeight, double[] qOut) {
        return inputGradient(x, n, rowWeight, qOut, (q, i, w) -> { java.util.Arrays.fill(w, 0); w[member] = 1; },
                (q, i) -> q[member * n + i]);
    }

    private interface MemberWeights { void fill(double[] q, int row, double[] w); }

    private interface RowValue { double of(double[] q, int row); }

    private double[] inputGradient(double[] x, int n, double[] rowWeight, double[] qOut, MemberWeights weights, RowValue value) {
        int m = members();
        for (Param p : net.params().list()) p.trainable(false);
        try {
            double[] q = Nd.doubles(net.forward(input(x, n)));
            if (qOut != null) for (int i = 0; i < n; i++) qOut[i] = value.of(q, i);
            double[] dOut = new double[m * n];
            double[] w = new double[m];
            for (int i = 0; i < n; i++) {
                weights.fill(q, i, w);
                for (int k = 0; k < m; k++) dOut[k * n + i] = w[k] * rowWeight[i];
            }
            double[] g = Nd.doubles(net.backward(Nd.of(net.precision(), dOut, m, n, 1), true));
            double[] std = norm.std();
            int in = inputs();
            for (int i = 0; i < g.length; i++) g[i] /= std[i % in];
            return g;
        } finally {
            for (Param p : net.params().list()) p.trainable(true);
        }
    }

    /** Adam on the accumulated gradients (through the spectral normalisation when on). */
    private void step() {
        if (spectral != null) spectral.chainGradients();
        adam.step();
        if (spectral != null) spectral.normalize();
    }

    /** θ' ← θ. */
    public void hardUpdate() {
        var src = net.params().list();
        var dst = target.params().list();
        for (int i = 0; i < src.size(); i++) dst.get(i).value().assign(src.get(i).value());
    }

    /** θ' ← τ·θ + (1 − τ)·θ' (Polyak averaging). */
    public void polyak(double tau) {
        var src = net.params().list();
        var dst = target.params().list();
        for (int i = 0; i < src.size(); i++) {
            INDArray t = dst.get(i).value();
            t.muli(1 - tau).addi(src.get(i).value().mul(tau));
        }
    }

    private INDArray input(double[] x, int n) {
        double[] z = x.clone();
        norm.normalize(z);
        return Nd.of(net.precision(), z, n, inputs());
    }
}
