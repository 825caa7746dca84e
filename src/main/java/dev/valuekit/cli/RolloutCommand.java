package dev.valuekit.cli;

import dev.valuekit.common.BadInputException;
import dev.valuekit.dynamics.DynamicsModel;
import dev.valuekit.dynamics.DynamicsModels;
import dev.valuekit.env.Environment;
import dev.valuekit.env.Environments;
import dev.valuekit.value.ArtifactPolicies;
import dev.valuekit.rollout.BranchedRollout;
import dev.valuekit.rollout.BranchedRolloutOptions;
import dev.valuekit.rollout.BranchedRolloutSummary;
import dev.valuekit.rollout.Penalty;
import dev.valuekit.policy.Policy;
import dev.valuekit.rollout.RolloutEngine;
import dev.valuekit.rollout.RolloutOptions;
import dev.valuekit.rollout.RolloutSummary;
import dev.valuekit.table.TableWriter;
import dev.valuekit.table.Tables;
import dev.valuekit.tensor.Nd4jRuntime;
import dev.valuekit.tensor.Precision;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code valuekit rollout}: generate transitions by running a policy in a built-in environment (whole
 * episodes), or k-step rollouts of any dynamics model, learned or built-in, from start states in data.
 */
@Command(name = "rollout",
        header = "Simulate an environment or a model into a transitions table",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Generate a transitions data set by running a policy in a built-in environment, a faithful "
                + "re-implementation of Gymnasium's classic control: pendulum (Pendulum-v1), mountaincar "
                + "(MountainCarContinuous-v0), cartpole (CartPole-v1), acrobot (Acrobot-v1); and point2d, valuekit's "
                + "edge-of-reach task after the simple environment of Sims et al. (2024): a point on the plane [-4, 4]^2 moving "
                + "by 0.2 x its action in [-1, 1]^2 (clipped at the walls), reward -(distance to the goal (1.5, 0)), no "
                + "termination, 50 steps, resets uniform on [-1, 1]^2. Random episodes of 20 steps (--env-param time_limit=20) "
                + "cover only the middle of the plane: the recorded data of bench/edge-of-reach.sh.",
            "Each episode starts from Gymnasium's reset distribution and runs until a terminal state "
                + "(terminated) or the environment's time limit of 200/999/500/500 steps (truncated). Output "
                + "columns: episode, step, obs_*, act_*, reward, next_obs_*, terminated, truncated, source. "
                + "The same --seed gives byte-identical output.",
            "With --start DATA: MBPO-style branched rollouts of --model (a model file from train-model, or env:NAME) for "
                + "--horizon steps from --starts start states drawn from DATA's obs_* rows. A learned model predicts each row "
                + "with a random elite (or the elites' mean, --member mean) and samples from its Gaussian (means with "
                + "--deterministic); rows leave once terminated; the last step is truncated. Extra columns: member (-1 for "
                + "the mean or a built-in environment), uncertainty (the --penalty measure; default mopo-aleatoric), "
                + "penalized_reward (reward - coef * uncertainty, with --penalty), halted (with --halt-threshold: "
                + "MOReL-style, a row whose uncertainty exceeds the threshold ends as terminated), start_row."
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
            "  # point2d data covering only part of the plane (bench/edge-of-reach.sh)",
            "  valuekit rollout --env point2d --env-param time_limit=20 --episodes 100 --seed 1 -o point2d.csv",
            "  # acrobot as gzipped CSV, then checked against the simulator",
            "  valuekit rollout --env acrobot --episodes 3 --seed 7 -o acro.csv.gz",
            "  valuekit evaluate model --model env:acrobot --input acro.csv.gz",
            "  # 5-step rollouts of a learned model from 50,000 data states,",
            "  # MOPO penalty with coefficient 1",
            "  valuekit rollout --model dyn.safetensors --start pend.arrow \\",
            "      --horizon 5 --starts 50000 --policy gaussian:0.5 \\",
            "      --penalty mopo-aleatoric --penalty-coef 1 -o model-rollouts.arrow",
            "  # the same from the true simulator, for comparison",
            "  valuekit rollout --model env:pendulum --start pend.arrow \\",
            "      --horizon 5 --starts 50000 -o true-rollouts.arrow",
            "  # elites' mean, no sampling, MOReL-style halting",
            "  valuekit rollout --model dyn.safetensors --start pend.arrow \\",
            "      --member mean --deterministic --halt-threshold 0.5 -o r.arrow"
        })
public final class RolloutCommand extends BaseCommand {
    @Option(names = "--env", paramLabel = "NAME",
            description = "Environment: pendulum, mountaincar, cartpole, acrobot (Gymnasium ids such as Pendulum-v1 work too) or point2d (valuekit's "
                    + "edge-of-reach task, see the README). "
                    + "Required unless --model env:NAME is given.")
    String env;

    @Option(names = {"-m", "--model"}, paramLabel = "MODEL",
            description = "The dynamics to roll out: env:NAME (the same as --env NAME) or, with --start, a dynamics model file "
                    + "from train-model. Default: none.")
    String model;

    @Option(names = "--start", paramLabel = "DATA",
            description = "Roll out k steps from start states drawn (with replacement, seeded) from this table's obs_* rows "
                    + "instead of whole episodes from resets. Default: none.")
    String start;

    @Mixin
    TransitionColumnOptions columns = new TransitionColumnOptions();

    @Option(names = "--horizon", paramLabel = "K", defaultValue = "5",
            description = "Steps per rollout with --start. Default: ${DEFAULT-VALUE}.")
    int horizon;

    @Option(names = "--starts", paramLabel = "N", defaultValue = "1000",
            description = "Start states drawn with --start. Default: ${DEFAULT-VALUE}.")
    int starts;

    @Option(names = "--member", paramLabel = "random|mean", defaultValue = "random",
            description = "Learned models: a random elite per row and step (MBPO), or the mean of the elites. Default: ${DEFAULT-VALUE}.")
    DynamicsModels.Member member;

    @Option(names = "--deterministic",
            description = "Learned models: use predicted means instead of sampling the predicted Gaussian.")
    boolean deterministic;

    @Option(names = "--penalty", paramLabel = "NAME",
            description = "Uncertainty penalty: mopo-aleatoric (max over elites of the predicted std's norm), ensemble-std "
                    + "(std of the elites' mean next observations), pairwise-diff (largest distance between two elites' mean "
                    + "next observations). Adds penalized_reward. Default: none (uncertainty still reported, mopo-aleatoric).")
    Penalty penalty;

    @Option(names = "--penalty-coef", paramLabel = "LAMBDA", defaultValue = "1.0",
            description = "penalized_reward = reward - LAMBDA * uncertainty. Default: ${DEFAULT-VALUE}.")
    double penaltyCoef;

    @Option(names = "--halt-threshold", paramLabel = "U",
            description = "MOReL-style halting: a row whose uncertainty exceeds U ends there (terminated, halted). Default: never.")
    Double haltThreshold;

    @Option(names = "--env-param", split = ",", paramLabel = "KEY=VALUE",
            description = "Override environment constants, e.g. g=12,m=1.5. pendulum: g, m, l, max_speed, max_torque, dt; "
                    + "mountaincar: power, max_speed, min_position, max_position, goal_position, goal_velocity; "
                    + "cartpole: gravity, masscart, masspole, length, force_mag, tau, x_threshold, theta_threshold_radians, "
                    + "sutton_barto_reward; acrobot: dt, link_length_1, link_mass_1, link_mass_2, link_com_pos_1, "
                    + "link_com_pos_2, link_moi, g, max_vel_1, max_vel_2; point2d: size, step_size, start_size, goal_x, goal_y, "
                    + "time_limit. Every environment: distractors=K appends K AR(1) "
                    + "noise observations (n' = rho*n + sqrt(1-rho^2)*eps, stationary N(0,1), rho = distractor_rho, default "
                    + "0.9) that affect nothing (VaGraM's distracting dimensions). Default: Gymnasium's values, no distractors.")
    Map<String, Double> envParams = new LinkedHashMap<>();

    @Option(names = {"-n", "--episodes"}, paramLabel = "N", defaultValue = "10",
            description = "Number of episodes. Default: ${DEFAULT-VALUE}.")
    int episodes;

    @Option(names = "--policy", paramLabel = "SPEC", defaultValue = "random",
            description = "random (uniform over the action space), zero, constant:V (always V; for cartpole/acrobot an action index), "
                    + "gaussian:SIGMA (N(0, SIGMA^2) clipped to the bounds; continuous actions only), AGENT.safetensors (an agent from "
                    + "fit-value --method sac: its mean action, or sampled with --policy-sample; from --method dqn or cql: the action "
                    + "with the highest Q, or softmax over Q with --policy-sample), best-of:N (N uniform candidate actions, "
                    + "the best by --q's Q). Default: ${DEFAULT-VALUE}.")
    String policy;

    @Option(names = "--policy-sample",
            description = "With an agent policy: sample its tanh-Gaussian actions instead of taking the mean (a discrete agent: "
                    + "softmax over its Q instead of the greedy action). Default: off.")
    boolean policySample;

    @Option(names = "--q", paramLabel = "MODEL",
            description = "The q (or agent) model that ranks the candidates of --policy best-of:N. Default: none.")
    java.nio.file.Path q;

    @Mixin
    SeedOption seed = new SeedOption();

    @Mixin
    TableOutputOptions target = new TableOutputOptions();


    @Override
    protected int run() throws Exception {
        columns.requireReadsTransitions(start != null, "they apply to --start DATA; drop them, or add --start");
        if (start != null) return runFromStarts();
        if (model != null && !model.startsWith(DynamicsModels.ENV_PREFIX)) {
            throw new BadInputException("a model file rolls out from start states, but no --start was given",
                    "add --start DATA (a table whose obs_* rows are the start states)");
        }
        Environment environment = Environments.create(envName(), envParams);
        RolloutOptions options = new RolloutOptions(episodes, seed.seed());
        if (policy.trim().endsWith(".safetensors") || policy.trim().startsWith("best-of:")) {
            Nd4jRuntime.configure(Precision.F32, global().threads());
        }
        Policy pol = ArtifactPolicies.parse(policy, q, policySample, environment.actionSpace(), environment.name(), environment.obsDim());
        target.check();
        RolloutSummary summary;
        try (TableWriter writer = Tables.create(openOutput(target.path()), RolloutEngine.schema(environment), target.writeOptions())) {
            summary = RolloutEngine.run(environment, pol, options, writer::write, log());
            writer.finish();
        }
        log().metrics("rollout " + environment.gymId() + " " + pol.spec(), summary.metrics());
        return 0;
    }

    private int runFromStarts() throws Exception {
        BranchedRolloutOptions o = new BranchedRolloutOptions(starts, horizon, seed.seed(), penalty, penaltyCoef,
                haltThreshold == null ? Double.NaN : haltThreshold, BranchedRolloutOptions.DEFAULT_CHUNK_ROWS);
        target.check();
        Nd4jRuntime.configure(Precision.F32, global().threads());
        DynamicsModel dyn = startModel();
        Policy pol = ArtifactPolicies.parse(policy, q, policySample, dyn.actionSpace(), dyn.name(), dyn.obsDim());
        double[][] pool = BranchedRollout.startStates(Tables.readAll(start, io().stdin(), readOptions()),
                "-".equals(start) ? "stdin" : start, columns.names(), dyn);
        long cpu0 = processCpuNanos();
        BranchedRolloutSummary s;
        try (TableWriter writer = Tables.create(openOutput(target.path()),
                BranchedRollout.schema(dyn.obsDim(), dyn.actDim(), o.penalty() != null, o.halting()), target.writeOptions())) {
            s = BranchedRollout.run(dyn, pol, pool, o, writer::write, log());
            writer.finish();
        }
        Map<String, Object> m = s.metrics(o.halting());
        // CPU time of the whole process (all threads, JIT and GC included) during the rollout: a rate that
        // stays comparable on a loaded machine where wall time does not
        double cpu = (processCpuNanos() - cpu0) / 1e9;
        if (cpu > 0) m.put("transitions_per_cpu_s", Math.round(s.transitions() / cpu));
        log().metrics("rollout " + dyn.name() + " " + pol.spec(), m);
        return 0;
    }

    private static long processCpuNanos() {
        return java.lang.management.ManagementFactory.getOperatingSystemMXBean()
                instanceof com.sun.management.OperatingSystemMXBean os ? os.getProcessCpuTime() : -1;
    }

    /** The model of a rollout from start states: --model FILE, --model env:NAME or --env NAME, never two that disagree. */
    private DynamicsModel startModel() {
        if (model == null) {
            if (env == null) throw new BadInputException("no model given", "add --model FILE or --model env:NAME");
            return DynamicsModels.resolve(DynamicsModels.ENV_PREFIX + env, envParams);
        }
        if (model.startsWith(DynamicsModels.ENV_PREFIX)) return DynamicsModels.resolve(DynamicsModels.ENV_PREFIX + envName(), envParams);
        if (env != null) throw new BadInputException("--env " + env + " and --model " + model + " disagree", "give only one of them");
        if (!envParams.isEmpty()) {
            throw new BadInputException("--env-param applies to built-in environments, not to the model file " + model,
                    "drop --env-param, or use --model env:NAME");
        }
        return DynamicsModels.learned(Path.of(model), member, deterministic);
    }
    /** --env, or the NAME of --model env:NAME; exactly one source. */
    private String envName() {
        return DynamicsModels.environmentName(env, model);
    }
}
