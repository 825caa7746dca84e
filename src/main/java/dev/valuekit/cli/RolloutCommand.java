package dev.valuekit.cli;

import dev.valuekit.common.AtomicOutput;
import dev.valuekit.common.BadInputException;
import dev.valuekit.dynamics.DynamicsModels;
import dev.valuekit.env.Environment;
import dev.valuekit.env.Environments;
import dev.valuekit.value.ArtifactPolicies;
import dev.valuekit.rollout.Policy;
import dev.valuekit.rollout.RolloutEngine;
import dev.valuekit.rollout.RolloutOptions;
import dev.valuekit.rollout.RolloutSummary;
import dev.valuekit.table.ReadOptions;
import dev.valuekit.table.TableWriter;
import dev.valuekit.table.Tables;
import dev.valuekit.table.WriteOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.util.LinkedHashMap;
import java.util.Map;

/** {@code valuekit rollout}: generate transitions by running a policy in a built-in environment. */
@Command(name = "rollout",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Generate a transitions data set by running a policy in a built-in environment, a faithful "
                + "re-implementation of Gymnasium's classic control: pendulum (Pendulum-v1), mountaincar "
                + "(MountainCarContinuous-v0), cartpole (CartPole-v1), acrobot (Acrobot-v1).",
            "Each episode starts from Gymnasium's reset distribution and runs until a terminal state "
                + "(terminated) or the environment's time limit of 200/999/500/500 steps (truncated). Output "
                + "columns: episode, step, obs_*, act_*, reward, next_obs_*, terminated, truncated, source. "
                + "The same --seed gives byte-identical output."
        },
        footerHeading = "%nExamples:%n",
        footer = {
            "  # 100 episodes of random torques on the pendulum, as an Arrow file",
            "  valuekit rollout --env pendulum --episodes 100 --seed 1 -o pend.arrow",
            "  # heavier pendulum, stronger gravity, Gaussian torques (sigma 0.5), CSV",
            "  valuekit rollout --env pendulum --env-param g=12,m=1.5 \\",
            "      --policy gaussian:0.5 --episodes 20 -o shifted.csv",
            "  # cartpole always pushing right, piped to another command",
            "  valuekit rollout --model env:cartpole --policy constant:1 -o - \\",
            "      | valuekit convert - -o cp.csv",
            "  # the actor of a fitted agent, and best-of-32 actions by a fitted Q",
            "  valuekit rollout --env pendulum --policy agent.safetensors --episodes 50 -o agent.arrow",
            "  valuekit rollout --env pendulum --policy best-of:32 --q q.safetensors -o best.arrow",
            "  # acrobot as gzipped CSV, then checked against the simulator",
            "  valuekit rollout --env acrobot --episodes 3 --seed 7 -o acro.csv.gz",
            "  valuekit evaluate model --model env:acrobot --data acro.csv.gz"
        })
public final class RolloutCommand extends BaseCommand {
    @Option(names = "--env", paramLabel = "NAME",
            description = "Environment: pendulum, mountaincar, cartpole or acrobot (Gymnasium ids such as Pendulum-v1 work too). "
                    + "Required unless --model env:NAME is given.")
    String env;

    @Option(names = {"-m", "--model"}, paramLabel = "env:NAME",
            description = "The dynamics to roll out, as a model name: env:NAME is the same as --env NAME. Default: none.")
    String model;

    @Option(names = "--env-param", split = ",", paramLabel = "KEY=VALUE",
            description = "Override environment constants, e.g. g=12,m=1.5. pendulum: g, m, l, max_speed, max_torque, dt; "
                    + "mountaincar: power, max_speed, min_position, max_position, goal_position, goal_velocity; "
                    + "cartpole: gravity, masscart, masspole, length, force_mag, tau, x_threshold, theta_threshold_radians, "
                    + "sutton_barto_reward; acrobot: dt, link_length_1, link_mass_1, link_mass_2, link_com_pos_1, "
                    + "link_com_pos_2, link_moi, g, max_vel_1, max_vel_2. Default: Gymnasium's values.")
    Map<String, Double> envParams = new LinkedHashMap<>();

    @Option(names = {"-n", "--episodes"}, paramLabel = "N", defaultValue = "10",
            description = "Number of episodes. Default: ${DEFAULT-VALUE}.")
    int episodes;

    @Option(names = "--policy", paramLabel = "SPEC", defaultValue = "random",
            description = "random (uniform over the action space), zero, constant:V (always V; for cartpole/acrobot an action index), "
                    + "gaussian:SIGMA (N(0, SIGMA^2) clipped to the bounds; continuous actions only), AGENT.safetensors (an agent from "
                    + "fit-value --method sac: its mean action, or sampled with --policy-sample), best-of:N (N uniform candidate actions, "
                    + "the best by --q's Q). Default: ${DEFAULT-VALUE}.")
    String policy;

    @Option(names = "--policy-sample",
            description = "With an agent policy: sample its tanh-Gaussian actions instead of taking the mean. Default: off.")
    boolean policySample;

    @Option(names = "--q", paramLabel = "MODEL",
            description = "The q (or agent) model that ranks the candidates of --policy best-of:N. Default: none.")
    java.nio.file.Path q;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "0",
            description = "Seed for resets and the policy; the same seed gives identical bytes. Default: ${DEFAULT-VALUE}.")
    long seed;

    @Option(names = {"-o", "--output"}, required = true, paramLabel = "OUT",
            description = "Where to write the transitions: .arrow/.feather, .arrows, .csv, .csv.gz; '-' writes stdout "
                    + "(Arrow IPC stream unless --format csv). Written atomically.")
    String output;

    @Option(names = "--format", paramLabel = "csv|arrow|arrows",
            description = "Output format, overriding the extension. Default: from the output's extension; Arrow IPC stream on stdout.")
    ConvertCommand.Format format;

    @Override
    protected int run() throws Exception {
        Environment environment = Environments.create(envName(), envParams);
        if (episodes < 0) throw new BadInputException("--episodes must not be negative, got " + episodes, "e.g. --episodes 10");
        if (policy.trim().endsWith(".safetensors") || policy.trim().startsWith("best-of:")) {
            dev.valuekit.tensor.Nd4jRuntime.configure(dev.valuekit.tensor.Precision.F32, global().threads(), seed);
        }
        Policy pol = ArtifactPolicies.parse(policy, q, policySample, environment.actionSpace(), environment.name(), environment.obsDim());
        WriteOptions writeOptions = new WriteOptions(format == null ? null : format.table);
        Tables.outputFormat(output, writeOptions);
        AtomicOutput out = openOutput(output);
        RolloutSummary summary;
        try (TableWriter writer = Tables.create(out, RolloutEngine.schema(environment), writeOptions)) {
            summary = RolloutEngine.run(environment, pol,
                    new RolloutOptions(episodes, seed, ReadOptions.DEFAULT_BATCH_SIZE), writer::write, log());
            writer.finish();
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("episodes", summary.episodes());
        m.put("transitions", summary.transitions());
        m.put("terminated_episodes", summary.terminatedEpisodes());
        m.put("mean_return", summary.meanReturn());
        m.put("min_return", summary.minReturn());
        m.put("max_return", summary.maxReturn());
        log().metrics("rollout " + environment.gymId() + " " + pol.spec(), m);
        return 0;
    }

    /** --env, or the NAME of --model env:NAME; exactly one source. */
    private String envName() {
        if (model != null) {
            if (!model.startsWith(DynamicsModels.ENV_PREFIX)) {
                throw new BadInputException("--model '" + model + "' is not a built-in environment",
                        "rollout runs built-in environments: use --model env:NAME or --env NAME, NAME one of " + Environments.names());
            }
            String name = model.substring(DynamicsModels.ENV_PREFIX.length());
            if (env != null && !Environments.spec(env).equals(Environments.spec(name))) {
                throw new BadInputException("--env " + env + " and --model " + model + " disagree", "give only one of them");
            }
            return name;
        }
        if (env == null) throw new BadInputException("no environment given", "add --env NAME, NAME one of " + Environments.names());
        return env;
    }
}
