package dev.valuekit.cli;

import dev.valuekit.artifact.Artifacts;
import dev.valuekit.artifact.Provenance;
import dev.valuekit.cltv.CltvArtifacts;
import dev.valuekit.cltv.CltvMethod;
import dev.valuekit.cltv.CltvNetwork;
import dev.valuekit.cltv.CustomerColumns;
import dev.valuekit.cltv.CustomerEncoder;
import dev.valuekit.cltv.NetworkShape;
import dev.valuekit.cltv.NeuralArtifacts;
import dev.valuekit.cltv.NeuralModelType;
import dev.valuekit.cltv.NeuralTrainOptions;
import dev.valuekit.cltv.NeuralTrainer;
import dev.valuekit.cltv.OptDistObjective;
import dev.valuekit.cltv.PeriodUnit;
import dev.valuekit.cltv.ProbabilisticModel;
import dev.valuekit.cltv.PurchaseModelType;
import dev.valuekit.fit.TrainingLogTable;
import dev.valuekit.table.TableWriter;
import dev.valuekit.common.AtomicOutput;
import dev.valuekit.common.BadInputException;
import dev.valuekit.table.Batch;
import dev.valuekit.table.Tables;
import dev.valuekit.tensor.Activation;
import dev.valuekit.tensor.Nd4jRuntime;
import dev.valuekit.tensor.Precision;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code valuekit predict-cltv fit}: fit a CLTV model on a customer table and save it as a cltv artifact. */
@Command(name = "fit",
        header = "Fit a CLTV model (ZILN, OptDist or BG/NBD + Gamma-Gamma)",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Fit a customer-value model on a customer table (from 'predict-cltv features') and save it as a "
                + "cltv model file (.safetensors).",
            "--method bgnbd: BG/NBD purchase model (Fader, Hardie & Lee 2005) by maximum likelihood on frequency, "
                + "recency and T, plus the Gamma-Gamma spend model on the repeat buyers' monetary_value. The "
                + "parameters are stored as tensors bgnbd.params = [r, alpha, a, b] and gamma_gamma.params = "
                + "[p, q, v]; 'valuekit inspect' prints them.",
            "--method mbgnbd: MBG/NBD (Batislam et al. 2007): as BG/NBD, but a customer may also drop out at the first "
                + "purchase, so one without repeats is not sure to be alive; tensor mbgnbd.params = [r, alpha, a, b]. "
                + "--method paretonbd: Pareto/NBD (Schmittlein et al. 1987) with exponential lifetimes at rate mu ~ "
                + "Gamma(s, beta), dropout at any time; tensor paretonbd.params = [r, alpha, s, beta]. Both by maximum "
                + "likelihood as BG/NBD, with the same Gamma-Gamma spend model. A fit that runs to the no-dropout edge "
                + "(a -> 0, or s/beta -> 0) warns and records the limiting NBD model as limiting_model in the spec.",
            "--method ziln: an MLP with 3 outputs per customer (l0 = purchase logit, mu, sigma logit) trained on the "
                + "zero-inflated lognormal loss of google/lifetime_value: BCE on spend > 0 plus, for spenders, the "
                + "lognormal negative log-likelihood with sigma = max(softplus(l2), sqrt(1e-7)).",
            "--method optdist (Weng et al., CIKM 2024): --sub-networks L ZILN networks (one batched ensemble MLP) and a "
                + "selector MLP with L outputs. Training: Gumbel-softmax over the selector logits with temperature "
                + "falling geometrically over the epochs (--temperature, 1.0 -> 0.1); per row the hard label is the sub-network "
                + "with the lowest ZILN loss and the soft label softmax(-losses); the selector learns from the focal "
                + "cross-entropy on the hard label (--focal-gamma) + --kl-weight x KL(soft || selector) + the Gumbel-weighted "
                + "loss; sub-networks learn on all rows or weighted by the selection (--sub-loss). Scoring uses the "
                + "selector's argmax (column component).",
            "ziln/optdist training: --holdout of the customers (default 10%%) are held out at random; after every epoch their "
                + "mean ZILN loss is measured, training stops after --patience epochs without improvement and the best epoch's "
                + "weights are kept. The number of epochs is planned from a budget of --steps Adam steps (so a small table "
                + "gets enough updates), at most --max-epochs. If the best held-out loss does not beat the constant model "
                + "(the training labels' purchase rate and lognormal, no features) fit warns and the spec records "
                + "fit.beats_constant false. --log-out writes the per-epoch losses.",
            "ziln/optdist predictions are bounded by what the training labels support (recorded as 'bounds' in the model "
                + "spec): sigma at most the standard deviation of ln(label) over the training spenders, in training and "
                + "scoring (the spread given the features averages no more than the overall spread, so a larger sigma is a "
                + "fitting failure, and exp(sigma^2/2) is what blew unbounded means up to 1e25); mu clamped to the log range "
                + "of the positive training labels; predicted_ltv and quantiles at most the largest training label. Every "
                + "prediction is finite. The predicted mean is then calibrated: bounds.mean_scale = (sum of the labels) / "
                + "(sum of the predicted means) over the customers given to fit multiplies predicted_ltv and the quantiles. "
                + "The lognormal mean exp(mu + sigma^2/2) misses real spend by the same factor for everybody when ln(spend) is "
                + "not normal (0.8x on CDNOW, 0.5x on a Pareto-tailed log), so uncalibrated sums over a segment overshoot.",
            "Neural inputs: every column but the id and the label; numeric ones pass sign(x)*log(1+|x|) (--transform) "
                + "and standardisation; STRING columns (and --categorical ones) get embeddings (--embedding-dim) over "
                + "the training vocabulary plus an out-of-vocabulary vector for categories first seen at scoring."
        },
        footerHeading = "%nExamples:%n",
        footer = {
            "  valuekit predict-cltv fit --method bgnbd --input customers.arrow -o bgnbd.safetensors",
            "  valuekit inspect bgnbd.safetensors",
            "  valuekit predict-cltv fit --method paretonbd --input customers.arrow -o pareto.safetensors",
            "  # features made in days",
            "  valuekit predict-cltv fit --method bgnbd --input customers.csv --unit day -o bgnbd.safetensors",
            "  # neural models on the same table (label column ltv)",
            "  valuekit predict-cltv fit --method ziln --input customers.arrow --seed 1 --log-out ziln-log.csv -o ziln.safetensors",
            "  valuekit predict-cltv fit --method optdist --input customers.arrow --sub-networks 4 --kl-weight 1 -o optdist.safetensors",
            "  # a table with a numeric store code to be treated as a category",
            "  valuekit predict-cltv fit --method optdist --input customers.csv --label revenue_next_year --categorical store -o m.safetensors"
        })
public final class PredictCltvFitCommand extends BaseCommand {
    @Option(names = "--method", required = true, paramLabel = "METHOD",
            description = "The algorithm: bgnbd (BG/NBD), mbgnbd (MBG/NBD) or paretonbd (Pareto/NBD), each + Gamma-Gamma; "
                    + "ziln or optdist (neural, see above).")
    CltvMethod method;

    @Option(names = {"-i", "--input"}, required = true, paramLabel = "TABLE",
            description = "Customer table ('-' = stdin): bgnbd reads customer_id, frequency, recency, T and monetary_value; "
                    + "ziln/optdist read every column, the label included.")
    String input;

    @Option(names = "--unit", paramLabel = "day|week|month",
            description = "Unit the table's recency and T are in. Default: read from the window column names "
                    + "(purchases_last_13w → week) that 'predict-cltv features' writes; week when there are none.")
    String unit;

    @Option(names = {"-o", "--output"}, required = true, paramLabel = "MODEL",
            description = "Model file to write (.safetensors). Written atomically.")
    @OutputFile
    String output;

    @Option(names = "--label", defaultValue = "ltv", paramLabel = "NAME",
            description = "ziln/optdist: label column (future spend, >= 0). Default: ${DEFAULT-VALUE}.")
    String label;

    @Option(names = "--id-column", defaultValue = "customer_id", paramLabel = "NAME",
            description = "ziln/optdist: customer id column, not a feature. Default: ${DEFAULT-VALUE}.")
    String idColumn;

    @Option(names = "--categorical", split = ",", paramLabel = "NAME",
            description = "ziln/optdist: numeric columns to treat as categories (STRING columns always are). Default: none.")
    List<String> categorical = List.of();

    @Option(names = "--max-epochs", defaultValue = "200", paramLabel = "N",
            description = "ziln/optdist: most passes over the training customers. Default: ${DEFAULT-VALUE}.")
    int epochs;

    @Option(names = "--steps", defaultValue = "3000", paramLabel = "N",
            description = "ziln/optdist: budget of Adam steps that plans the epochs from the data, ceil(N / minibatches per epoch) "
                    + "capped by --max-epochs: 2,000 customers get many passes, 200,000 few; early stopping usually ends sooner. "
                    + "0 runs --max-epochs epochs. Default: ${DEFAULT-VALUE}.")
    int steps;

    @Option(names = "--holdout", defaultValue = "0.1", paramLabel = "F",
            description = "ziln/optdist: share of customers held out (at random, seeded) to score every epoch with the mean ZILN loss "
                    + "of the sub-network scoring would pick; the best epoch's weights are kept. 0 trains on all and keeps the last "
                    + "epoch. Default: ${DEFAULT-VALUE}, as train-model.")
    double holdout;

    @Option(names = "--patience", defaultValue = "10", paramLabel = "E",
            description = "ziln/optdist: stop after this many epochs without a held-out improvement (relative 1e-4). Default: ${DEFAULT-VALUE}.")
    int patience;

    @Option(names = "--log-out", paramLabel = "FILE",
            description = "ziln/optdist: write the per-epoch training log (epoch, train_loss, holdout_loss, epoch_seconds, ...) as a "
                    + "table. Default: none.")
    @OutputFile
    String logOut;

    @Option(names = "--batch", defaultValue = "512", paramLabel = "N", description = "ziln/optdist: customers per minibatch. Default: ${DEFAULT-VALUE}.")
    int batch;

    @Option(names = "--lr", defaultValue = "0.002", paramLabel = "RATE", description = "ziln/optdist: Adam learning rate. Default: ${DEFAULT-VALUE}.")
    double lr;

    @Option(names = "--hidden", defaultValue = "64,32", split = ",", paramLabel = "W",
            description = "ziln/optdist: hidden layer widths of each network. Default: ${DEFAULT-VALUE}.")
    int[] hidden;

    @Option(names = "--activation", defaultValue = "relu", paramLabel = "relu|silu|tanh",
            description = "ziln/optdist: hidden activation. Default: ${DEFAULT-VALUE}.")
    NetworkShapeOptions.HiddenActivation activation;

    @Mixin
    SeedOption seed = new SeedOption();

    @Option(names = "--embedding-dim", defaultValue = "5", paramLabel = "D", description = "ziln/optdist: embedding width of a categorical column. Default: ${DEFAULT-VALUE}.")
    int embeddingDim;

    @Option(names = "--transform", defaultValue = "slog1p", paramLabel = "slog1p|none",
            description = "ziln/optdist: numeric transform before standardisation. Default: ${DEFAULT-VALUE}.")
    String transform;

    @Option(names = "--sub-networks", defaultValue = "4", paramLabel = "L", description = "optdist: number of sub-distribution networks. Default: ${DEFAULT-VALUE}.")
    int subNetworks;

    @Option(names = "--kl-weight", defaultValue = "1.0", paramLabel = "X", description = "optdist: weight of KL(soft label || selector). Default: ${DEFAULT-VALUE}.")
    double lambda;

    @Option(names = "--focal-gamma", defaultValue = "2.0", paramLabel = "G", description = "optdist: focusing exponent of the focal loss. Default: ${DEFAULT-VALUE}.")
    double focalGamma;

    @Option(names = "--sub-loss", defaultValue = "all", paramLabel = "all|weighted",
            description = "optdist: sub-networks learn on all rows, or on rows weighted by the Gumbel-softmax selection. Default: ${DEFAULT-VALUE}.")
    String subLoss;

    @Option(names = "--temperature", defaultValue = "1.0,0.1", split = ",", paramLabel = "START,END", hideParamSyntax = true,
            description = "optdist: Gumbel-softmax temperature of the first and the last epoch (geometric in between). Default: ${DEFAULT-VALUE}.")
    double[] tau;

    @Mixin
    PrecisionOption precision = new PrecisionOption();

    @Override
    protected int run() throws Exception {
        if (method.neural() != null) return fitNeural(method.neural());
        PurchaseModelType purchase = method.purchase();
        Batch t = Tables.readAll(input, io().stdin(), readOptions());
        String source = "-".equals(input) ? "stdin" : input;
        PeriodUnit u = resolveUnit(t, source);
        CustomerColumns cols = CustomerColumns.defaults();
        int[] c = cols.resolve(t.schema(), source);
        double[] x = column(t, c[1]), tx = column(t, c[2]), age = column(t, c[3]), m = column(t, c[4]);
        log().info("fitting " + purchase.title() + " + Gamma-Gamma on " + t.rows() + " customers (unit " + u.label() + ")");
        ProbabilisticModel fitted = ProbabilisticModel.fit(purchase, x, tx, age, m, u);
        if (!fitted.converged()) {
            log().warn("the optimiser stopped before the gradient vanished; the likelihood is flat in some direction "
                    + "(e.g. too few repeat buyers to pin down dropout), treat the parameters with care");
        }
        if (fitted.zeroSpendRepeatBuyers() > 0) {
            log().warn(fitted.zeroSpendRepeatBuyers() + " repeat buyers whose repeat purchases were all worth 0 are left out of the Gamma-Gamma fit");
        }
        if (fitted.purchases().limitingModel() != null) {
            log().warn(purchase.title() + " ran to the boundary where nobody drops out; the fit is the limiting "
                    + fitted.purchases().limitingModel() + " (recorded as limiting_model in the spec; 'valuekit inspect' shows it)");
        }
        Map<String, Object> summary = new LinkedHashMap<>();
        double[] params = fitted.purchases().parameters();
        for (int k = 0; k < params.length; k++) summary.put(purchase.parameterNames().get(k), params[k]);
        summary.put(purchase.label() + "_log_likelihood", fitted.purchaseLogLikelihood());
        summary.put("p", fitted.spend().p());
        summary.put("q", fitted.spend().q());
        summary.put("v", fitted.spend().v());
        summary.put("repeat_buyers", fitted.repeatBuyers());
        log().metrics("fit", summary);
        Provenance prov = Provenance.start(commandLineText()).input(input);
        summary.forEach(prov::summary);
        try (AtomicOutput out = openOutput(output)) {
            Artifacts.write(out, CltvArtifacts.toArtifact(fitted, cols, prov.toJson()));
            out.commit();
        }
        return 0;
    }

    private int fitNeural(NeuralModelType type) throws Exception {
        if (tau.length != 2) throw new BadInputException("--temperature takes two temperatures, got " + tau.length, "e.g. --temperature 1.0,0.1");
        Activation act = activation.activation();
        Precision prec = precision.precision();
        NetworkShape shape = new NetworkShape(type, hidden, act, type == NeuralModelType.ZILN ? 1 : subNetworks, embeddingDim);
        NeuralTrainOptions options = new NeuralTrainOptions(epochs, batch, lr, seed.seed(), lambda, focalGamma, OptDistObjective.SubLoss.parse(subLoss),
                tau[0], tau[1], holdout, patience, steps);
        if (patience < 1 && holdout > 0) throw new BadInputException("--patience must be >= 1, got " + patience, "e.g. --patience 10");
        if (logOut != null) Tables.outputFormat(logOut, dev.valuekit.table.WriteOptions.defaults());
        CustomerEncoder.Transform tr = CustomerEncoder.Transform.parse(transform);
        Batch t = Tables.readAll(input, io().stdin(), readOptions());
        String source = "-".equals(input) ? "stdin" : input;
        int labelCol = t.schema().requireNumeric(label, source);
        t.schema().require(idColumn, source);
        if (t.rows() == 0) throw BadInputException.inFile("the customer table is empty", source, "fit on a table with customers");
        double[] y = CustomerEncoder.labels(t, labelCol, source, label);
        CustomerEncoder encoder = CustomerEncoder.fit(t, source, idColumn, label, categorical, tr);
        CustomerEncoder.Encoded data = encoder.encode(t, encoder.resolve(t.schema(), source), source, 1);
        Nd4jRuntime.configure(prec, global().threads());
        CltvNetwork net = new CltvNetwork(shape, encoder, seed.seed());
        long spenders = Arrays.stream(y).filter(v -> v > 0).count();
        log().info("fitting " + type.label() + " on " + t.rows() + " customers (" + spenders + " with spend > 0), "
                + encoder.numeric().size() + " numeric and " + encoder.categorical().size() + " categorical features, "
                + net.params().trainableCount() + " parameters");
        if (spenders == 0) log().warn("no customer has a label > 0: the spend distribution cannot be learned, only P(purchase)");
        NeuralTrainer.Summary s = NeuralTrainer.train(net, data, y, options, log());
        if (!s.beatsConstant()) {
            log().warn(String.format(java.util.Locale.ROOT, "the held-out ZILN loss never beat a constant predictor (best %.5f vs %.5f for "
                    + "the training labels' own purchase rate and lognormal): the features did not help; the model records beats_constant false",
                    s.bestHoldoutLoss(), s.constantHoldoutLoss()));
        }
        Provenance prov = Provenance.start(commandLineText()).seed(seed.seed()).input(input)
                .summary("epochs", s.epochs()).summary("final_loss", s.finalLoss());
        if (s.holdoutRows() > 0) prov.summary("best_holdout_loss", s.bestHoldoutLoss());
        if (type == NeuralModelType.OPTDIST) prov.summary("hard_label_counts_last_epoch", Arrays.toString(s.hardLabelCounts()));
        try (AtomicOutput out = openOutput(output); AtomicOutput logFile = logOut == null ? null : openOutput(logOut)) {
            Artifacts.write(out, NeuralArtifacts.toArtifact(net, idColumn, label, options, s, prov.toJson()));
            if (logFile != null) {
                Batch table = TrainingLogTable.of(s.log(), new int[] {0});
                try (TableWriter w = Tables.create(logFile, table.schema(), dev.valuekit.table.WriteOptions.defaults())) {
                    w.write(table);
                    w.finish();
                }
            }
            out.commit();
        }
        log().info("wrote " + output + " after " + s.epochs() + " of " + s.plannedEpochs() + " planned epochs (final training loss "
                + String.format(java.util.Locale.ROOT, "%.5f", s.finalLoss())
                + (s.holdoutRows() > 0 ? String.format(java.util.Locale.ROOT, ", best held-out %.5f", s.bestHoldoutLoss()) : "") + ")");
        return 0;
    }

    private PeriodUnit resolveUnit(Batch t, String source) {
        PeriodUnit fromColumns = PeriodUnit.fromWindowColumns(t.schema());
        if (unit == null) return fromColumns != null ? fromColumns : PeriodUnit.WEEK;
        PeriodUnit given = PeriodUnit.parse(unit);
        if (fromColumns != null && fromColumns != given) {
            throw BadInputException.inFile("--unit " + given.label() + " but the table's window columns are in " + fromColumns.label() + "s",
                    source, "drop --unit or make the features again with --unit " + given.label());
        }
        return given;
    }

    private String commandLineText() {
        return "valuekit " + String.join(" ", spec.root().commandLine().getParseResult().originalArgs());
    }

    private static double[] column(Batch b, int c) {
        double[] v = new double[b.rows()];
        for (int i = 0; i < v.length; i++) v[i] = b.getDouble(c, i);
        return v;
    }
}
