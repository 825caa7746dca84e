package dev.valuekit.spark;

import dev.valuekit.cli.PredictCltvFeaturesCommand;
import dev.valuekit.cli.PredictCltvScoreCommand;
import dev.valuekit.cli.RolloutCommand;

import java.util.Map;

/** Which subcommands run as Spark jobs; every other one runs on the driver as in valuekit. */
final class SparkJobs {
    private static final Map<Class<?>, SparkJob> JOBS = Map.of(
            PredictCltvFeaturesCommand.class, new CltvFeaturesJob(),
            PredictCltvScoreCommand.class, new CltvScoreJob(),
            RolloutCommand.class, new EnvRolloutJob());   // --start is refused: not distributed yet

    private SparkJobs() {}

    static SparkJob of(Class<?> command) { return JOBS.get(command); }
}
