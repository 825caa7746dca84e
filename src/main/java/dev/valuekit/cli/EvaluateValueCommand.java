package dev.valuekit.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.valuekit.common.AtomicOutput;
import dev.valuekit.common.BadInputException;
import dev.valuekit.evaluate.ValueEvaluator;
import dev.valuekit.evaluate.ValueReport;
import dev.valuekit.table.Batch;
import dev.valuekit.table.Tables;
import dev.valuekit.tensor.Nd4jRuntime;
import dev.valuekit.tensor.Precision;
import dev.valuekit.value.FittedValue;
import dev.valuekit.value.ValueArtifacts;
import dev.valuekit.table.Transitions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Locale;

/** {@code valuekit evaluate value}: a fitted V, Q or agent critic against the data's Monte-Carlo returns. */
@Command(name = "value",
        header = "A value function against Monte-Carlo returns of the data",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Compare a value, q or agent model with the discounted Monte-Carlo returns of a transitions table (the model's "
                + "gamma): RMSE, bias (mean prediction - mean return; positive = overestimation), Spearman rank correlation, "
                + "mean squared one-step TD error, the value of the episodes' initial states, and for Q models the mean "
                + "standard deviation across critics on the data's actions vs on uniform random actions.",
            "Q models are evaluated at the data's actions. Rows of episodes that end without a terminal state and whose "
                + "missing tail weighs more than 1%% (gamma^(rows left) > 0.01) have no usable return and are left out of "
                + "RMSE/bias/Spearman (--mc-tail keep counts the tail as zero instead)."
        },
        footerHeading = "%nExamples:%n",
        footer = {
            "  valuekit evaluate value --model v.safetensors --input pendulum-medium.csv",
            "  valuekit evaluate value --model agent.safetensors --input pendulum-random.csv --json"
        })
public final class EvaluateValueCommand extends BaseCommand {
    @Option(names = {"-m", "--model"}, required = true, paramLabel = "MODEL", description = "A value, q or agent model from fit-value.")
    Path model;

    @Option(names = {"-i", "--input"}, required = true, paramLabel = "DATA", description = "Transitions table with episode (and step) columns.")
    String data;

    @Mixin
    TransitionColumnOptions columns = new TransitionColumnOptions();

    @Option(names = "--mc-tail", paramLabel = "drop|keep", defaultValue = "drop",
            description = "Rows with an unknown tail that matters: drop, or keep with the tail counted as zero. Default: ${DEFAULT-VALUE}.")
    String mcTail;

    @Mixin
    SeedOption seed = new SeedOption();

    @Option(names = "--json", description = "Write the report as JSON. Default: text.")
    boolean json;

    @Option(names = {"-o", "--output"}, defaultValue = "-", paramLabel = "FILE", description = "Where to write the report. Default: stdout.")
    @OutputFile
    String output;

    @Override
    protected int run() throws Exception {
        if (!mcTail.equals("drop") && !mcTail.equals("keep")) throw new BadInputException("--mc-tail must be drop or keep, got " + mcTail, "e.g. --mc-tail keep");
        Nd4jRuntime.configure(Precision.F32, global().threads());
        FittedValue v = ValueArtifacts.load(model, ValueArtifacts.VALUE, ValueArtifacts.Q, ValueArtifacts.AGENT);
        Batch b = Tables.readAll(data, io().stdin(), readOptions());
        String source = "-".equals(data) ? "stdin" : data;
        Transitions d = Transitions.from(b, columns.names(), source);
        if (d.obsDim() != v.obsColumns().length || (v.isQ() && d.actDim() != v.actColumns().length)) {
            throw BadInputException.inFile("data has " + d.obsDim() + " observation and " + d.actDim() + " action columns, the model reads "
                    + v.obsColumns().length + " and " + v.actColumns().length, source, "evaluate the model on data like the data it was fitted on");
        }
        ValueReport r = ValueEvaluator.evaluate(v, d, mcTail.equals("keep") ? 0 : 0.01, seed.seed());
        String text = json ? json(r) : text(r);
        try (AtomicOutput out = openOutput(output)) {
            out.stream().write(text.getBytes(StandardCharsets.UTF_8));
            out.commit();
        }
        return 0;
    }

    private static String text(ValueReport r) {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "%s model %s (%s, gamma %s, %d critics) on %d rows, %d with a Monte-Carlo return%n",
                r.kind(), r.model(), r.method(), r.gamma(), r.members(), r.rows(), r.rowsCompared()));
        sb.append(String.format(Locale.ROOT, "rmse %.4f  bias %+.4f  spearman %.4f  (mean prediction %.4f, mean return %.4f)%n",
                r.rmse(), r.bias(), r.spearman(), r.meanPrediction(), r.meanReturn()));
        sb.append(String.format(Locale.ROOT, "td error (mean squared) %.4f over %d rows%n", r.tdError(), r.tdRows()));
        sb.append(String.format(Locale.ROOT, "initial states: value %.4f, return %.4f%n", r.initialValue(), r.initialReturn()));
        if (!Double.isNaN(r.ensembleStdData())) {
            sb.append(String.format(Locale.ROOT, "critic std: data actions %.4f, random actions %.4f%n", r.ensembleStdData(), r.ensembleStdRandom()));
        }
        return sb.toString();
    }

    private static String json(ValueReport r) {
        ObjectNode o = new ObjectMapper().createObjectNode();
        o.put("model", r.model()).put("kind", r.kind()).put("method", r.method()).put("gamma", r.gamma()).put("critics", r.members());
        o.put("rows", r.rows()).put("rows_compared", r.rowsCompared());
        o.put("rmse", r.rmse()).put("bias", r.bias()).put("spearman", r.spearman());
        o.put("mean_prediction", r.meanPrediction()).put("mean_return", r.meanReturn());
        o.put("td_error", r.tdError()).put("td_rows", r.tdRows());
        o.put("initial_value", r.initialValue()).put("initial_return", r.initialReturn());
        if (!Double.isNaN(r.ensembleStdData())) o.put("critic_std_data", r.ensembleStdData()).put("critic_std_random", r.ensembleStdRandom());
        return o.toPrettyString() + "\n";
    }
}
