package dev.valuekit.evaluate;

import dev.valuekit.common.BadInputException;
import dev.valuekit.common.ProgressListener;
import dev.valuekit.dynamics.DynamicsModel;
import dev.valuekit.dynamics.InvalidRowException;
import dev.valuekit.dynamics.Prediction;
import dev.valuekit.table.Batch;
import dev.valuekit.table.Schema;
import dev.valuekit.table.TableReader;
import dev.valuekit.table.TransitionColumns;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * One-step error of a dynamics model on a transitions table, batch by batch (memory bounded by the
 * reader's batch size): the model predicts each row from obs_* and act_*, and the prediction is
 * compared with next_obs_*, reward and terminated.
 */
public final class ModelEvaluator {
    private ModelEvaluator() {}

    public static ModelEvaluation evaluate(DynamicsModel model, TableReader data, EvaluateOptions options,
                                           ProgressListener progress) throws IOException {
        Schema schema = data.schema();
        TransitionColumns cols = TransitionColumns.resolve(schema, data.source(), options.columns());
        checkWidth(model, cols, options, data.source());
        int d = cols.obsDim();
        List<ErrorAccumulator> acc = new ArrayList<>();
        for (int i = 0; i < d; i++) acc.add(new ErrorAccumulator(schema.name(cols.nextObs()[i]), options.tolerance()));
        ErrorAccumulator reward = new ErrorAccumulator(schema.name(cols.reward()), options.tolerance());
        ErrorAccumulator terminated = new ErrorAccumulator("terminated", options.tolerance());
        SplittableRandom rng = new SplittableRandom(options.seed());
        long rows = 0;
        long matching = 0;
        boolean started = false;
        for (Batch b = data.next(); b != null; b = data.next()) {
            int n = b.rows();
            double[][] obs = b.matrix(cols.obs());
            double[][] act = b.matrix(cols.act());
            Prediction p;
            try {
                p = model.predict(obs, act, rng);
            } catch (InvalidRowException e) {
                String column = e.actionIndex() >= 0 ? schema.name(cols.act()[e.actionIndex()]) : null;
                throw new BadInputException(e.getMessage(), data.source(), rows + e.row() + 1, column, e.fix());
            }
            for (int r = 0; r < n; r++) {
                long row = rows + r + 1;
                boolean ok = true;
                for (int i = 0; i < d; i++) ok &= acc.get(i).add(Math.abs(p.nextObs()[r][i] - b.getDouble(cols.nextObs()[i], r)), row);
                ok &= reward.add(Math.abs(p.reward()[r] - b.getDouble(cols.reward(), r)), row);
                double term = b.getDouble(cols.terminated(), r) != 0 ? 1 : 0;
                ok &= terminated.add(Math.abs((p.terminated()[r] ? 1 : 0) - term), row);
                if (ok) matching++;
            }
            rows += n;
            if (!started) {
                // announced only once data is known good, so a bad first batch gives a one-line error
                progress.start("evaluate " + model.name(), 0);
                started = true;
            }
            progress.advance(rows);
        }
        if (started) progress.finish();
        if (rows == 0) {
            throw BadInputException.inFile("no transitions to evaluate", data.source(), "give a table with at least one row");
        }
        List<DimensionError> outputs = new ArrayList<>();
        for (ErrorAccumulator a : acc) outputs.add(a.result());
        outputs.add(reward.result());
        outputs.add(terminated.result());
        return new ModelEvaluation(model.name(), data.source(), rows, options.tolerance(), List.copyOf(outputs),
                model.isSimulator() ? matching : -1);
    }

    private static void checkWidth(DynamicsModel model, TransitionColumns cols, EvaluateOptions options, String source) {
        if (cols.obsDim() != model.obsDim()) {
            throw BadInputException.inFile("the data has " + cols.obsDim() + " observation columns (" + options.columns().obsPrefix() + "*) but "
                    + model.name() + " has " + model.obsDim(), source, "evaluate a model of the environment the data came from");
        }
        if (cols.actDim() != model.actDim()) {
            throw BadInputException.inFile("the data has " + cols.actDim() + " action columns (" + options.columns().actPrefix() + "*) but "
                    + model.name() + " takes " + model.actDim(), source, "evaluate a model of the environment the data came from");
        }
    }
}
