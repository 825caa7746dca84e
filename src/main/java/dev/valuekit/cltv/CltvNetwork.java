package dev.valuekit.cltv;

import dev.valuekit.tensor.Embedding;
import dev.valuekit.tensor.EnsembleMlp;
import dev.valuekit.tensor.HostArrays;
import dev.valuekit.tensor.Nd4jRuntime;
import dev.valuekit.tensor.Precision;
import dev.valuekit.tensor.Params;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The neural CLTV network: input row = standardised numeric features followed by one embedding per
 * categorical column; the sub-distribution networks are one ensemble MLP with L members (each a ZILN
 * head: 3 outputs l0 = purchase logit, l1 = μ, l2 = σ-logit) evaluated on the same rows in one batched
 * pass; OptDist adds a selector MLP with L outputs. ZILN is the case L = 1 without selector.
 * Embeddings are shared by the sub-networks and the selector.
 */
public final class CltvNetwork {
    static final String SUB = "sub";
    static final String SELECTOR = "selector";
    static final String EMBEDDING = "embedding.";

    private final NetworkShape shape;
    private final CustomerEncoder encoder;
    private final List<Embedding> embeddings = new ArrayList<>();
    private final EnsembleMlp sub;
    private final EnsembleMlp selector;
    private final Params params = new Params();
    private final int inputs;
    private double[] inputBuf = new double[0];
    private INDArray input;
    private INDArray gradSub;
    private INDArray gradSelector;
    private final Precision precision;
    private int lastRows;
    private int[] lastCategories;

    public CltvNetwork(NetworkShape shape, CustomerEncoder encoder, long seed) {
        this(shape, encoder, seed, Nd4jRuntime.defaultPrecision());
    }

    /** @param precision the precision of the weights and of everything the network computes */
    public CltvNetwork(NetworkShape shape, CustomerEncoder encoder, long seed, Precision precision) {
        this.shape = shape;
        this.precision = precision;
        this.encoder = encoder;
        SplittableRandom rng = new SplittableRandom(seed);
        int width = encoder.numeric().size();
        for (int j = 0; j < encoder.categorical().size(); j++) {
            Embedding e = new Embedding(EMBEDDING + encoder.categorical().get(j), encoder.embeddingRows(j), shape.embeddingDim(), precision);
            // Out-of-vocabulary row 0 starts at zero: an unseen category adds nothing until trained.
            e.initNormal(rng.split(), 0.1, 0);
            embeddings.add(e);
            params.add(e.param());
            width += shape.embeddingDim();
        }
        this.inputs = width;
        int members = shape.subNetworks();
        this.sub = new EnsembleMlp(SUB, members, width, shape.hidden(), 3, shape.activation(), rng.nextLong(), precision);
        params.addAll(sub.params());
        if (shape.type() == NeuralModelType.OPTDIST) {
            this.selector = new EnsembleMlp(SELECTOR, 1, width, shape.hidden(), members, shape.activation(), rng.nextLong(), precision);
            params.addAll(selector.params());
        } else {
            this.selector = null;
        }
    }

    public NetworkShape shape() { return shape; }
    public Precision precision() { return precision; }
    public CustomerEncoder encoder() { return encoder; }
    public Params params() { return params; }
    public int members() { return shape.subNetworks(); }
    public boolean hasSelector() { return selector != null; }
    /** The L sub-distribution networks (ZILN heads), one ensemble. */
    public EnsembleMlp sub() { return sub; }
    /** OptDist's selector network, or null for ZILN. */
    public EnsembleMlp selector() { return selector; }
    /** The embedding of categorical column j (row 0: out of vocabulary). */
    public Embedding embedding(int j) { return embeddings.get(j); }

    /** Outputs of one batch: sub-network logits [(k·n + i)·3 + o] and selector logits [i·L + k] (null for ZILN). */
    public record Output(int rows, double[] sub, double[] selector) {
        /** The sub-network the selector picks for row {@code i} (argmax, lowest index on ties; 0 for ZILN). */
        public int selected(int i, int members) {
            int k = 0;
            if (selector != null) {
                for (int j = 1; j < members; j++) if (selector[i * members + j] > selector[i * members + k]) k = j;
            }
            return k;
        }
    }

    /**
     * Forward pass over rows {@code order[from .. from + n)} of {@code data} ({@code order} null = rows
     * from..from+n in order).
     */
    public Output forward(CustomerEncoder.Encoded data, int[] order, int from, int n) {
        int d = encoder.numeric().size(), c = encoder.categorical().size();
        if (input == null || input.size(0) != n) {
            inputBuf = new double[n * inputs];
            input = HostArrays.create(precision, n, inputs);
            gradSub = HostArrays.create(precision, members(), n, 3);
            gradSelector = selector == null ? null : HostArrays.create(precision, 1, n, members());
        }
        int[] cats = new int[n * c];
        for (int r = 0; r < n; r++) {
            int row = order == null ? from + r : order[from + r];
            System.arraycopy(data.numeric(), row * d, inputBuf, r * inputs, d);
            System.arraycopy(data.categories(), row * c, cats, r * c, c);
        }
        for (int j = 0; j < c; j++) {
            embeddings.get(j).lookup(cats, c, j, n, inputBuf, inputs, d + j * shape.embeddingDim());
        }
        HostArrays.store(inputBuf, input);
        lastRows = n;
        lastCategories = cats;
        double[] s = HostArrays.toDoubles(sub.forward(input));
        double[] sel = selector == null ? null : HostArrays.toDoubles(selector.forward(input));
        return new Output(n, s, sel);
    }

    /** Back-propagates d/d(sub logits) and d/d(selector logits) of the last forward pass; adds into the gradients. */
    public void backward(double[] dSub, double[] dSel) {
        int n = lastRows;
        boolean embed = !embeddings.isEmpty();
        HostArrays.store(dSub, gradSub);
        INDArray inGrad = sub.backward(gradSub, embed);
        double[] dx = embed ? HostArrays.toDoubles(inGrad) : null;
        if (selector != null && dSel != null) {
            HostArrays.store(dSel, gradSelector);
            INDArray selIn = selector.backward(gradSelector, embed);
            if (embed) {
                double[] more = HostArrays.toDoubles(selIn);
                for (int i = 0; i < dx.length; i++) dx[i] += more[i];
            }
        }
        if (!embed) return;
        int d = encoder.numeric().size(), c = encoder.categorical().size();
        for (int j = 0; j < c; j++) {
            embeddings.get(j).accumulateGradient(lastCategories, c, j, n, dx, inputs, d + j * shape.embeddingDim());
        }
    }

    /** Makes lookups see the embedding tables after an optimiser step or a load. */
    public void refreshEmbeddings() {
        for (Embedding e : embeddings) e.refresh();
    }
}
