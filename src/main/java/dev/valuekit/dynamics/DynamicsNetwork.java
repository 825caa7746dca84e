package dev.valuekit.dynamics;

import dev.valuekit.tensor.DataTypes;

import dev.valuekit.common.SeedStreams;
import dev.valuekit.tensor.Precision;
import dev.valuekit.tensor.Activation;
import dev.valuekit.tensor.EnsembleMlp;
import dev.valuekit.tensor.GaussianNll;
import dev.valuekit.tensor.MseLoss;
import dev.valuekit.tensor.Nd4jRuntime;
import dev.valuekit.tensor.Normalizer;
import dev.valuekit.tensor.Param;
import dev.valuekit.tensor.Params;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The parameters of a learned dynamics ensemble and its forward pass on raw inputs: input normaliser,
 * the ensemble body (mean and, for NLL models, raw log-variance per target), the learned log-variance
 * bounds, and the optional termination head (a second ensemble with one logit).
 */
public final class DynamicsNetwork {
    public static final String PREFIX = "dynamics";
    public static final String TERMINATION_PREFIX = "termination";

    private final int members;
    private final int inputDim;
    private final int targetDim;
    private final boolean probabilistic;
    private final Normalizer normalizer;
    private final EnsembleMlp body;
    private final GaussianNll nll;          // null for deterministic (MSE) models
    private final EnsembleMlp termination;  // null unless the termination is learned
    private final Params params = new Params();

    public DynamicsNetwork(int members, int inputDim, int targetDim, int[] hidden, Activation activation,
                           boolean probabilistic, boolean learnedTermination, Normalizer normalizer, long seed) {
        this(members, inputDim, targetDim, hidden, activation, probabilistic, learnedTermination, normalizer, seed,
                Nd4jRuntime.defaultPrecision());
    }

    /** @param precision the precision of the weights and of all the network computes */
    public DynamicsNetwork(int members, int inputDim, int targetDim, int[] hidden, Activation activation,
                           boolean probabilistic, boolean learnedTermination, Normalizer normalizer, long seed,
                           Precision precision) {
        this.members = members;
        this.inputDim = inputDim;
        this.targetDim = targetDim;
        this.probabilistic = probabilistic;
        this.normalizer = normalizer;
        this.body = new EnsembleMlp(PREFIX, members, inputDim, hidden, probabilistic ? 2 * targetDim : targetDim, activation, seed,
                precision);
        params.addAll(body.params());
        this.nll = probabilistic ? new GaussianNll(PREFIX, targetDim, precision) : null;
        if (nll != null) params.addAll(nll.params());
        this.termination = learnedTermination
                ? new EnsembleMlp(TERMINATION_PREFIX, members, inputDim, hidden, 1, activation, SeedStreams.terminationHead(seed),
                        precision)
                : null;
        if (termination != null) params.addAll(termination.params());
    }

    /** One minibatch's body loss and its per-member parts (the reported loss and the MSE). */
    public record BodyLoss(double loss, double[] memberLoss, double[] memberMse) {}

    /**
     * The body's own objective on a forward output {@code out} against targets {@code y} — the Gaussian NLL
     * for a probabilistic model, else MSE (with {@code mse} as the reusable loss) — and its backward pass
     * into the body's gradients.
     */
    public BodyLoss backwardBody(INDArray out, INDArray y, MseLoss mse) {
        if (probabilistic) {
            GaussianNll.Result r = nll.lossAndGradient(out, y);
            body.backward(r.gradient(), false);
            return new BodyLoss(r.loss(), r.nll(), r.mse());
        }
        MseLoss.Result r = mse.lossAndGradient(out, y);
        body.backward(r.gradient(), false);
        return new BodyLoss(r.loss(), r.mse(), r.mse());
    }

    public int members() { return members; }
    public Precision precision() { return body.precision(); }
    public int inputDim() { return inputDim; }
    public int targetDim() { return targetDim; }
    public boolean probabilistic() { return probabilistic; }
    public boolean learnedTermination() { return termination != null; }
    public Normalizer normalizer() { return normalizer; }
    public EnsembleMlp body() { return body; }
    public GaussianNll nll() { return nll; }
    public EnsembleMlp termination() { return termination; }
    /** Every trainable parameter, by artifact tensor name. */
    public Params params() { return params; }

    /** Per-member predictions for the same rows, row-major {@code [members][rows·targetDim]}. */
    public record Output(int rows, double[][] mean, double[][] logVar, double[][] terminalProbability) {}

    /** Rows per forward pass: bounds the activation buffers (members × chunk × width) whatever the batch. */
    static final int CHUNK = 4096;

    /**
     * Predicts raw (unnormalised) inputs {@code x} ({@code rows × inputDim}, row-major) with every
     * member. Log-variances are bounded; a deterministic model reports none (null).
     */
    public Output predict(double[] x, int rows) {
        double[][] mean = new double[members][rows * targetDim];
        double[][] lv = probabilistic ? new double[members][rows * targetDim] : null;
        double[][] pTerm = termination != null ? new double[members][rows] : null;
        double[] hi = probabilistic ? nll.maxLogVar().toDoubleArray() : null;
        double[] lo = probabilistic ? nll.minLogVar().toDoubleArray() : null;
        int w = probabilistic ? 2 * targetDim : targetDim;
        for (int start = 0; start < rows; start += CHUNK) {
            int n = Math.min(CHUNK, rows - start);
            double[] xn = java.util.Arrays.copyOfRange(x, start * inputDim, (start + n) * inputDim);
            normalizer.normalize(xn);
            INDArray in = Nd4j.createFromArray(xn).reshape(n, inputDim).castTo(DataTypes.of(precision()));
            double[] o = body.forward(in).data().asDouble();
            for (int m = 0; m < members; m++) {
                for (int r = 0; r < n; r++) {
                    int base = (m * n + r) * w;
                    int dst = (start + r) * targetDim;
                    for (int j = 0; j < targetDim; j++) {
                        mean[m][dst + j] = o[base + j];
                        if (probabilistic) {
                            double a = hi[j] - softplus(hi[j] - o[base + targetDim + j]);
                            lv[m][dst + j] = lo[j] + softplus(a - lo[j]);
                        }
                    }
                }
            }
            if (termination != null) {
                double[] z = termination.forward(in).data().asDouble();
                for (int m = 0; m < members; m++) {
                    for (int r = 0; r < n; r++) pTerm[m][start + r] = BernoulliLoss.sigmoid(z[m * n + r]);
                }
            }
        }
        return new Output(rows, mean, lv, pTerm);
    }

    /** Copies member {@code m}'s slice of every per-member parameter (for best-epoch snapshots). */
    double[][] memberSnapshot(int m) {
        java.util.List<Param> list = perMember();
        double[][] s = new double[list.size()][];
        for (int i = 0; i < list.size(); i++) {
            Param p = list.get(i);
            long n = p.size() / members;
            s[i] = p.value().reshape(members, n).getRow(m).dup().data().asDouble();
        }
        return s;
    }

    void restoreMember(int m, double[][] snapshot) {
        java.util.List<Param> list = perMember();
        for (int i = 0; i < list.size(); i++) {
            Param p = list.get(i);
            long n = p.size() / members;
            p.value().reshape(members, n).getRow(m).assign(Nd4j.createFromArray(snapshot[i]).castTo(p.value().dataType()));
        }
    }

    /** The parameters with a leading member axis (layers of both ensembles; not the shared bounds). */
    private java.util.List<Param> perMember() {
        java.util.List<Param> l = new java.util.ArrayList<>(body.params().list());
        if (termination != null) l.addAll(termination.params().list());
        return l;
    }

    static double softplus(double x) {
        return Math.max(x, 0) + Math.log1p(Math.exp(-Math.abs(x)));
    }
}
