package dev.valuekit.cltv;

/**
 * OptDist's training objective (Weng et al., CIKM 2024) on one minibatch, as plain functions of the
 * network outputs, with gradients. L sub-distribution networks each give ZILN logits per row
 * (loss ℓ_ik from {@link Ziln}); the selector gives L logits s_i.
 * <ul>
 * <li>Gumbel-softmax selection w_i = softmax((s_i + g_i)/τ) with Gumbel noise g; the mixture term
 *     (1/n) Σ_i Σ_k w_ik ℓ_ik trains the selector through w (and, with {@code weighted}, the sub-networks).</li>
 * <li>Alignment: per row the hard label h_i = argmin_k ℓ_ik and the soft label q_i = softmax(−ℓ_i),
 *     both treated as constants (pseudo-labels). The selector's π_i = softmax(s_i) is trained with the
 *     focal loss −(1 − π_ih)^γ ln π_ih plus λ·KL(q_i ‖ π_i).</li>
 * <li>Sub-networks: {@code ALL} trains every sub-network on every row, (1/n) Σ_i Σ_k ℓ_ik; {@code WEIGHTED}
 *     trains them on the mixture term, so each learns mostly from the rows selected for it.</li>
 * </ul>
 * Two objectives come back: {@code subObjective}, whose gradient the sub-network logits get, and
 * {@code selectorObjective} = mixture + focal + λ·KL, whose gradient the selector logits get.
 *
 * <p>Layouts: sub-network logits {@code [(k·n + i)·3 + o]} (ensemble output [L, n, 3]); selector logits,
 * Gumbel noise and soft labels {@code [i·L + k]}.
 */
public final class OptDistObjective {
    public enum SubLoss {
        ALL, WEIGHTED;

        public String label() { return name().toLowerCase(java.util.Locale.ROOT); }

        public static SubLoss parse(String s) {
            return switch (s) {
                case "all" -> ALL;
                case "weighted" -> WEIGHTED;
                default -> throw new dev.valuekit.common.BadInputException("unknown --sub-loss '" + s + "'", "use all or weighted");
            };
        }
    }

    /** Alignment pseudo-labels of a batch: hard[i] and soft[i·L + k]. */
    public record Targets(int[] hard, double[] soft) {}

    /**
     * @param selectedLoss mean ZILN loss of the sub-network the selector picks by argmax (the model's loss)
     * @param dSub  d(subObjective)/d(sub logits), same layout as the logits
     * @param dSel  d(selectorObjective)/d(selector logits)
     */
    public record Result(double subObjective, double selectorObjective, double selectedLoss, double[] dSub, double[] dSel) {}

    private final int members;
    private final double lambda;
    private final double gamma;
    private final SubLoss subLoss;
    private final double sigmaMax;

    public OptDistObjective(int members, double lambda, double gamma, SubLoss subLoss) {
        this(members, lambda, gamma, subLoss, Double.POSITIVE_INFINITY);
    }

    /** @param sigmaMax cap on every sub-network's σ ({@link ZilnBounds#sigmaMax()}) */
    public OptDistObjective(int members, double lambda, double gamma, SubLoss subLoss, double sigmaMax) {
        if (members < 1) throw new IllegalArgumentException("need at least one sub-network");
        this.sigmaMax = sigmaMax;
        this.members = members;
        this.lambda = lambda;
        this.gamma = gamma;
        this.subLoss = subLoss;
    }

    /** Per-row ZILN losses ℓ[i·L + k] of every sub-network. */
    public double[] losses(double[] y, int n, double[] sub) {
        int L = members;
        double[] loss = new double[n * L];
        for (int k = 0; k < L; k++) {
            for (int i = 0; i < n; i++) {
                int o = (k * n + i) * 3;
                loss[i * L + k] = Ziln.loss(y[i], sub[o], sub[o + 1], sub[o + 2], sigmaMax);
            }
        }
        return loss;
    }

    /** Hard label argmin_k ℓ_ik (lowest index on ties) and soft label softmax(−ℓ_i). */
    public Targets targets(double[] losses, int n) {
        int L = members;
        int[] hard = new int[n];
        double[] soft = new double[n * L];
        double[] neg = new double[L];
        for (int i = 0; i < n; i++) {
            int best = 0;
            for (int k = 0; k < L; k++) {
                neg[k] = -losses[i * L + k];
                if (losses[i * L + k] < losses[i * L + best]) best = k;
            }
            hard[i] = best;
            softmax(neg, 0, 1.0, soft, i * L, L);
        }
        return new Targets(hard, soft);
    }

    /** The objective and its gradients for fixed noise {@code gumbel}, temperature {@code tau} and targets. */
    public Result evaluate(double[] y, int n, double[] sub, double[] sel, double[] gumbel, double tau, Targets t) {
        int L = members;
        double inv = 1.0 / n;
        double[] dSub = new double[n * L * 3];
        double[] dSel = new double[n * L];
        double[] g3 = new double[3];
        double[] ell = new double[L], w = new double[L], pi = new double[L], z = new double[L];
        double subObj = 0, selObj = 0, selected = 0;
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < L; k++) z[k] = sel[i * L + k] + gumbel[i * L + k];
            softmax(z, 0, 1.0 / tau, w, 0, L);
            softmax(sel, i * L, 1.0, pi, 0, L);
            double mix = 0;
            int argmax = 0;
            for (int k = 0; k < L; k++) {
                int o = (k * n + i) * 3;
                ell[k] = Ziln.lossAndGradient(y[i], sub[o], sub[o + 1], sub[o + 2], sigmaMax, g3);
                double c = subLoss == SubLoss.ALL ? inv : w[k] * inv;
                for (int j = 0; j < 3; j++) dSub[o + j] = c * g3[j];
                mix += w[k] * ell[k];
                if (sel[i * L + k] > sel[i * L + argmax]) argmax = k;
            }
            selected += ell[argmax];
            double sumEll = 0;
            for (int k = 0; k < L; k++) sumEll += ell[k];
            subObj += subLoss == SubLoss.ALL ? sumEll : mix;

            int h = t.hard()[i];
            double p = pi[h];
            double oneMinus = 1 - p;
            double focal = -Math.pow(oneMinus, gamma) * Math.log(p);
            // d(focal)/ds_j = [γ(1−p)^(γ−1)·p·ln p − (1−p)^γ]·(δ_hj − π_j); the first term vanishes at p = 1 or γ = 0.
            double first = gamma == 0 || oneMinus <= 0 ? 0 : gamma * Math.pow(oneMinus, gamma - 1) * p * Math.log(p);
            double dFocalCoef = first - Math.pow(oneMinus, gamma);
            double kl = 0;
            for (int k = 0; k < L; k++) {
                double q = t.soft()[i * L + k];
                if (q > 0) kl += q * (Math.log(q) - Math.log(pi[k]));
            }
            selObj += mix + focal + lambda * kl;
            for (int k = 0; k < L; k++) {
                double dMix = w[k] * (ell[k] - mix) / tau;
                double dFocal = dFocalCoef * ((k == h ? 1 : 0) - pi[k]);
                double dKl = pi[k] - t.soft()[i * L + k];
                dSel[i * L + k] = inv * (dMix + dFocal + lambda * dKl);
            }
        }
        return new Result(subObj * inv, selObj * inv, selected * inv, dSub, dSel);
    }

    /** dst[dOff + k] = softmax(scale · src[sOff + k]) over k < len, max-shifted. */
    static void softmax(double[] src, int sOff, double scale, double[] dst, int dOff, int len) {
        double max = Double.NEGATIVE_INFINITY;
        for (int k = 0; k < len; k++) max = Math.max(max, scale * src[sOff + k]);
        double sum = 0;
        for (int k = 0; k < len; k++) {
            double e = Math.exp(scale * src[sOff + k] - max);
            dst[dOff + k] = e;
            sum += e;
        }
        for (int k = 0; k < len; k++) dst[dOff + k] /= sum;
    }

    /** Standard Gumbel draws −ln(−ln U), U uniform in (0, 1). */
    public static void gumbel(java.util.SplittableRandom rng, double[] dst, int len) {
        for (int i = 0; i < len; i++) {
            double u = rng.nextDouble();
            while (u <= 0) u = rng.nextDouble();
            dst[i] = -Math.log(-Math.log(u));
        }
    }
}
