package dev.valuekit.cli;

import dev.valuekit.artifact.Artifacts;
import dev.valuekit.common.AtomicOutput;
import dev.valuekit.tensor.Nd4jRuntime;
import dev.valuekit.tensor.SpectralNorm;
import dev.valuekit.value.Aggregation;
import dev.valuekit.value.Credit;
import dev.valuekit.value.ValueFitOptions;
import dev.valuekit.value.Mlp;
import dev.valuekit.value.OfflineSettings;
import dev.valuekit.value.ValueFit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;


/** {@code valuekit fit-value}: V/Q functions and SAC agents from transitions. */
@Command(name = "fit-value",
        header = "Fit a value function, a Q function or an offline-RL agent",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        usageHelpWidth = 100,
        description = {
            "Fit a value function V(s), a Q function Q(s,a), or a soft actor-critic agent from transitions "
                + "(obs_*, act_*, reward, next_obs_*, terminated, truncated; episode and step for mc and td on Q).",
            "Methods: mc = regression on the data's discounted Monte-Carlo returns per episode; td = TD(0) "
                + "(V: y = r + g*V'(s'), or TD(lambda) with --lambda; Q: SARSA with the data's next action); fqe = fitted Q evaluation of --policy "
                + "(y = r + g*Q'(s', a'), a' ~ policy; d3rlpy defaults lr 1e-4, batch 100, hard target update every 100 steps); "
                + "sac = soft actor-critic (tanh-Gaussian actor, automatic entropy tuning, Polyak targets tau 0.005), "
                + "offline on the data, or model-based (MBPO/RAVL) with --model; iql = implicit Q-learning (Kostrikov et al. 2021): "
                + "V by expectile regression (--expectile) on the target critics' min Q(s,a), Q by TD to V(s'), the actor by "
                + "advantage-weighted likelihood of the data's actions, weights exp(--temperature * (Q - V)) clipped at 100; "
                + "no action outside the data is ever evaluated; "
                + "dqn = Double DQN for a discrete action (one integer column act_0 with values 0..n-1; n from --env, else the data): "
                + "one Q output per action, y = r + g*Q'(s', argmax_a Q(s', a)) from a target network copied every --target-update steps, "
                + "Huber loss; cql = dqn plus the CQL(H) term --cql-alpha * (logsumexp_a Q(s, a) - Q(s, a_data)), which keeps Q low "
                + "on actions the data does not take. dqn and cql write an agent whose policy is greedy over Q (softmax with "
                + "--policy-sample in rollout and evaluate policy).",
            "Truncated rows are not terminal: td/fqe/sac bootstrap from next_obs. mc cannot bootstrap, so an episode "
                + "that ends without a terminal state has an unknown tail: --mc-tail drop (default) leaves out the rows "
                + "whose missing tail weighs more than 1%% (gamma^(rows left) > 0.01), keep counts the tail as zero.",
            "Critic ensembles (--critics N) are the members of one ensemble MLP trained on the same minibatch; the "
                + "bootstrap target and the actor use --critic-target over them: min (SAC-N/RAVL), mean, or mean-std:K "
                + "(mean - K * population std); --eta adds EDAC's diversity term on the critics' action gradients. --credit min is PURE's min-form credit: y = min(r, gamma * V(s')), and y = r "
                + "at a terminal state (mc: G_t = min(r_t, gamma * G_t+1)). --soft subtracts alpha * log pi(a'|s') "
                + "from the bootstrapped value (fqe with an agent policy; sac is always soft).",
            "Writes a 'value' (--target v), 'q' (--target q) or 'agent' (--method sac, iql, dqn, cql) model with gamma, method, columns "
                + "and normalisers in its spec. Exit 1 and no file when a loss becomes NaN (the step is named)."
        },
        footerHeading = "%nExamples:%n",
        footer = {
            "  # offline SAC-N (10 critics, min target) on pendulum data, then run its actor",
            "  valuekit fit-value -i ../shared/datasets/pendulum-medium.csv --method sac --critics 10 --env pendulum \\",
            "      --steps 20000 -o agent.safetensors",
            "  valuekit evaluate policy --policy agent.safetensors --env pendulum --episodes 50",
            "  # RAVL: horizon-5 rollouts in the true pendulum dynamics, 5%% real data",
            "  valuekit fit-value -i pendulum-random.csv --method sac --model env:pendulum --rollout-horizon 5 \\",
            "      --critics 10 --real-ratio 0.05 -o ravl.safetensors",
            "  # fitted Q evaluation of that agent (d3rlpy defaults), and best-of-32 by Q",
            "  valuekit fit-value -i pendulum-random.csv --target q --method fqe --policy agent.safetensors -o fqe.safetensors",
            "  valuekit rollout --env pendulum --policy best-of:32 --q fqe.safetensors -o bo.arrow",
            "  # implicit Q-learning on the medium data",
            "  valuekit fit-value -i pendulum-medium.csv --method iql --env pendulum --steps 20000 -o iql.safetensors",
            "  # offline Double DQN and CQL on random CartPole data, then run the greedy policy",
            "  valuekit fit-value -i ../shared/datasets/cartpole-random.csv --method cql --env cartpole -o cql.safetensors",
            "  valuekit evaluate policy --policy cql.safetensors --env cartpole --episodes 50",
            "  # Monte-Carlo V with a short discount, min-form credit",
            "  valuekit fit-value -i pendulum-medium.csv --target v --method mc --gamma 0.9 --credit min -o v.safetensors"
        })
public final class FitValueCommand extends BaseCommand {
    @Option(names = {"-i", "--input"}, required = true, paramLabel = "DATA",
            description = "Transitions table (Arrow IPC file or stream, Parquet file or directory, CSV, CSV.gz, "
                    + "D4RL/Minari HDF5 or Minari data-set directory, NumPy .npz; '-' is stdin).")
    String input;

    @Mixin
    TransitionColumnOptions columns = new TransitionColumnOptions();

    @Option(names = {"-o", "--output"}, required = true, paramLabel = "MODEL",
            description = "Where to write the model (.safetensors). Written atomically.")
    @OutputFile
    String output;

    @Option(names = "--target", paramLabel = "v|q", defaultValue = "q",
            description = "Fit V(s) or Q(s,a) (mc, td, fqe; fqe and sac always fit Q). Default: ${DEFAULT-VALUE}.")
    ValueFitOptions.Target target;

    @Option(names = "--method", paramLabel = "mc|td|fqe|sac|iql|dqn|cql", defaultValue = "td",
            description = "Learning method (see above). Default: ${DEFAULT-VALUE}.")
    ValueFitOptions.Method method;

    @Option(names = "--policy", paramLabel = "SPEC",
            description = "The policy fqe evaluates: an agent .safetensors (its mean action; --policy-sample to sample), or "
                    + "random, zero, constant:V, gaussian:SIGMA (these need --env for the action space). Default: none.")
    String policy;

    @Option(names = "--policy-sample", description = "fqe: sample the agent's actions instead of taking its mean. Default: off.")
    boolean policySample;

    @Option(names = "--env", paramLabel = "NAME",
            description = "The data's environment: sets the actor's action bounds (else the data's min and max per action column) "
                    + "and the action space of built-in fqe policies. Default: none.")
    String env;

    @Option(names = "--critics", paramLabel = "N",
            description = "Critic ensemble size. Default: 2 for sac, 1 otherwise; RAVL uses 10.")
    Integer critics;

    @Option(names = "--critic-target", paramLabel = "min|mean|mean-std:K", defaultValue = "min",
            description = "Aggregation of the critics in targets and in the actor's objective. Default: ${DEFAULT-VALUE}.")
    String criticTarget;

    @Option(names = "--credit", paramLabel = "sum|min", defaultValue = "sum",
            description = "sum: discounted sum of rewards; min: PURE's min-form credit y = min(r, gamma*V(s')). Default: ${DEFAULT-VALUE}.")
    Credit credit;

    @Option(names = "--soft", description = "Soft (entropy-regularised) fqe targets with --alpha; needs a sampled agent policy. Default: off.")
    boolean soft;

    @Option(names = "--alpha", paramLabel = "A",
            description = "Entropy temperature: fixed for sac (no automatic tuning) and the soft fqe target. Default: sac tunes it "
                    + "automatically from 1.0 towards entropy -dim(a).")
    Double alpha;

    @Option(names = "--gamma", paramLabel = "G", defaultValue = "0.99", description = "Discount. Default: ${DEFAULT-VALUE}.")
    double gamma;

    @Mixin
    NetworkShapeOptions shape = new NetworkShapeOptions(256, 3, NetworkShapeOptions.HiddenActivation.RELU);

    @Option(names = "--steps", paramLabel = "N", defaultValue = "10000", description = "Gradient steps. Default: ${DEFAULT-VALUE}.")
    long steps;

    @Option(names = "--batch", paramLabel = "B", description = "Minibatch rows. Default: 100 for fqe, 256 otherwise.")
    Integer batch;

    @Option(names = "--lr", paramLabel = "LR", description = "Critic learning rate (Adam). Default: 1e-4 for fqe, dqn and cql, 3e-4 otherwise.")
    Double lr;

    @Option(names = "--actor-lr", paramLabel = "LR", defaultValue = "3e-4", description = "sac: actor learning rate. Default: ${DEFAULT-VALUE}.")
    double actorLr;

    @Option(names = "--alpha-lr", paramLabel = "LR", defaultValue = "3e-4", description = "sac: temperature learning rate. Default: ${DEFAULT-VALUE}.")
    double alphaLr;

    @Option(names = "--tau", paramLabel = "T", defaultValue = "0.005", description = "sac, iql: Polyak rate of the target critics. Default: ${DEFAULT-VALUE}.")
    double tau;

    @Option(names = "--expectile", paramLabel = "TAU",
            description = "iql: expectile of V's regression on Q, in (0, 1); 0.5 fits the data policy's mean Q (SARSA), towards 1 "
                    + "the best action in the data. Default: 0.7 (the paper's MuJoCo value).")
    Double expectile;

    @Option(names = "--temperature", paramLabel = "BETA",
            description = "iql: inverse temperature of the policy extraction, weights exp(BETA * (Q - V)) clipped at 100; 0 is "
                    + "behaviour cloning, larger trusts the advantage more. Advantages are in reward units, so BETA scales with "
                    + "1/reward scale. Default: 3 (the paper's MuJoCo value, on rewards scaled to returns of about 1000).")
    Double temperature;

    @Option(names = "--adversarial-eps", paramLabel = "E", defaultValue = "0",
            description = "sac: one-step FGSM smoothness penalty on the critics: delta = E * sign(dQ/ds) on the observation (raw units), "
                    + "penalty (Q(s+delta, a) - Q(s, a))^2 with Q(s, a) held fixed (0 = off). Default: ${DEFAULT-VALUE}.")
    double adversarialEps;

    @Option(names = "--adversarial-coef", paramLabel = "C", defaultValue = "1",
            description = "Weight of the adversarial penalty. Default: ${DEFAULT-VALUE}.")
    double adversarialCoef;

    @Option(names = "--eta", paramLabel = "ETA", defaultValue = "0",
            description = "sac: EDAC's gradient-diversity term (An et al. 2021) added to the critics' loss: ETA * ES, "
                    + "ES = 1/(N-1) * mean over rows of the sum over critic pairs i != j of cos(dQi/da, dQj/da) at the data's (s, a), "
                    + "action gradients in raw action units. Its gradient is exact (a double gradient through the ReLU critics' "
                    + "piecewise-linear action gradient), so it needs --activation relu and --critics >= 2. EDAC used ETA 1 to 5 with "
                    + "10 to 50 critics. 0 = off. Default: ${DEFAULT-VALUE}.")
    double eta;

    @Option(names = "--spectral-norm", arity = "0..1", fallbackValue = "all", paramLabel = "all|last",
            description = "Spectral normalisation (Miyato et al. 2018) of hidden layers of every critic, any method: each normalised "
                    + "weight is used as W/sigma(W), sigma its largest singular value from one power-iteration step per gradient step "
                    + "(persistent vector per critic and layer, seeded; 15 warm-up iterations at the start), so the layer is "
                    + "about 1-Lipschitz (the estimate trails the true sigma from below: a few %% above 1). "
                    + "all (also --spectral-norm alone): every hidden layer, which bounds the critic's slope in its standardised input "
                    + "by the output layer's norm; last: only the last hidden layer, the one feeding the output (Bjorck et al. 2021). "
                    + "Measured on offline pendulum (bench/lipschitz.sh): all broke the critic at every learning rate tried "
                    + "(return -1456 to -1540 vs -184 to -215 without); last with --lr 1e-3 matched the plain critic (-178) and, "
                    + "with --adversarial-eps 0.01, had the lowest Q bias. The free layers must grow to carry the value's slope and "
                    + "Adam grows them by about LR per step: at the default --lr 3e-4 last still hurt (-880), so raise --lr with it. "
                    + "Gradients flow through sigma as in torch.nn.utils.spectral_norm. The output layer and biases are not normalised (the value's scale stays "
                    + "free); the actor is not normalised. The model stores the normalised weights. Default: off.")
    SpectralNorm.Scope spectralNorm;

    @Option(names = "--target-update", paramLabel = "N",
            description = "td/fqe/dqn/cql: steps between hard target-network updates. Default: 1000 for dqn and cql, 100 otherwise.")
    Integer targetUpdate;

    @Option(names = "--cql-alpha", paramLabel = "A",
            description = "cql: weight of the conservative term alpha * (logsumexp_a Q(s, a) - Q(s, a_data)) added to the "
                    + "Double-DQN loss (Kumar et al. 2020, CQL(H)). Default: 1.")
    Double cqlAlpha;

    @Option(names = "--lambda", paramLabel = "L", defaultValue = "0",
            description = "td with --target v: TD(lambda), lambda-returns along each episode from the target network, recomputed at "
                    + "every target update (0 = TD(0)). Default: ${DEFAULT-VALUE}.")
    double lambda;

    @Option(names = "--mc-tail", paramLabel = "drop|keep", defaultValue = "drop",
            description = "mc: rows of episodes without a terminal end whose missing tail weighs > 1%% are dropped, or kept "
                    + "with the tail counted as zero. Default: ${DEFAULT-VALUE}.")
    ValueFit.McTail mcTail;

    @Option(names = {"-m", "--model"}, paramLabel = "DYN|env:NAME",
            description = "sac: train model-based (MBPO/RAVL) with rollouts in this dynamics model from data states. Default: none (offline on the data).")
    String model;

    @Option(names = "--rollout-horizon", paramLabel = "K", defaultValue = "5", description = "Model rollout length. Default: ${DEFAULT-VALUE}.")
    int horizon;

    @Option(names = "--rollouts-per-epoch", paramLabel = "M", defaultValue = "5000",
            description = "Rollouts started from data states every --epoch-steps steps. Default: ${DEFAULT-VALUE}.")
    int rolloutsPerEpoch;

    @Option(names = "--epoch-steps", paramLabel = "N", defaultValue = "1000", description = "Steps between rollout rounds. Default: ${DEFAULT-VALUE}.")
    int epochSteps;

    @Option(names = "--retain-epochs", paramLabel = "E", defaultValue = "5",
            description = "Rollout rounds the synthetic buffer keeps. Default: ${DEFAULT-VALUE}.")
    int retainEpochs;

    @Option(names = "--real-ratio", paramLabel = "F", defaultValue = "0.05", description = "Share of real rows per batch with --model. Default: ${DEFAULT-VALUE}.")
    double realRatio;

    @Mixin
    SeedOption seed = new SeedOption();

    @Mixin
    PrecisionOption precision = new PrecisionOption();

    @Override
    protected int run() throws Exception {
        ValueFit.Options options = new ValueFit.Options(input, columns.names(), method, target, critics,
                Mlp.of(shape.layers(), shape.hidden(), shape.activation()), Aggregation.parse(criticTarget), credit, gamma, steps,
                batch, lr, actorLr, alphaLr, alpha, tau, adversarialEps, adversarialCoef, eta, spectralNorm, targetUpdate, lambda,
                mcTail, soft, policy, policySample, env, model, horizon, rolloutsPerEpoch, epochSteps, retainEpochs, realRatio,
                seed.seed(), new OfflineSettings(expectile, temperature, cqlAlpha));
        Nd4jRuntime.configure(precision.precision(), global().threads());
        ValueFit.Result r = ValueFit.fit(options, io().stdin(), runContext(), log());
        try (AtomicOutput out = openOutput(output)) {
            Artifacts.write(out, r.artifact());
            out.commit();
        }
        log().metrics("fit-value " + options.kind(), r.summary());
        return 0;
    }
}
