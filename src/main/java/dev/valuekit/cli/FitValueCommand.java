package dev.valuekit.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.valuekit.artifact.Artifacts;
import dev.valuekit.artifact.Provenance;
import dev.valuekit.common.AtomicOutput;
import dev.valuekit.common.BadInputException;
import dev.valuekit.dynamics.DynamicsModel;
import dev.valuekit.dynamics.DynamicsModels;
import dev.valuekit.env.ActionSpace;
import dev.valuekit.env.Environment;
import dev.valuekit.env.Environments;
import dev.valuekit.table.Batch;
import dev.valuekit.table.ReadOptions;
import dev.valuekit.table.Tables;
import dev.valuekit.table.TransitionColumns;
import dev.valuekit.tensor.Activation;
import dev.valuekit.tensor.Nd4jRuntime;
import dev.valuekit.tensor.Precision;
import dev.valuekit.tensor.SpectralNorm;
import dev.valuekit.value.ActionSource;
import dev.valuekit.value.ActorPolicy;
import dev.valuekit.value.Aggregation;
import dev.valuekit.value.ArtifactPolicies;
import dev.valuekit.value.Credit;
import dev.valuekit.value.FitOptions;
import dev.valuekit.value.Mlp;
import dev.valuekit.value.ModelRollouts;
import dev.valuekit.value.SacOptions;
import dev.valuekit.value.SacTrainer;
import dev.valuekit.value.SyntheticBuffer;
import dev.valuekit.value.TransitionSource;
import dev.valuekit.value.ValueArtifacts;
import dev.valuekit.value.ValueData;
import dev.valuekit.value.ValueFitter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** {@code valuekit fit-value}: V/Q functions and SAC agents from transitions. */
@Command(name = "fit-value",
        header = "Fit a value function, a Q function or a SAC agent",
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
                + "offline on the data, or model-based (MBPO/RAVL) with --model.",
            "Truncated rows are not terminal: td/fqe/sac bootstrap from next_obs. mc cannot bootstrap, so an episode "
                + "that ends without a terminal state has an unknown tail: --mc-tail drop (default) leaves out the rows "
                + "whose missing tail weighs more than 1%% (gamma^(rows left) > 0.01), keep counts the tail as zero.",
            "Critic ensembles (--critics N) are the members of one ensemble MLP trained on the same minibatch; the "
                + "bootstrap target and the actor use --critic-target over them: min (SAC-N/RAVL), mean, or mean-std:K "
                + "(mean - K * population std); --eta adds EDAC's diversity term on the critics' action gradients. --credit min is PURE's min-form credit: y = min(r, gamma * V(s')), and y = r "
                + "at a terminal state (mc: G_t = min(r_t, gamma * G_t+1)). --soft subtracts alpha * log pi(a'|s') "
                + "from the bootstrapped value (fqe with an agent policy; sac is always soft).",
            "Writes a 'value' (--target v), 'q' (--target q) or 'agent' (--method sac) model with gamma, method, columns "
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
            "  # Monte-Carlo V with a short discount, min-form credit",
            "  valuekit fit-value -i pendulum-medium.csv --target v --method mc --gamma 0.9 --credit min -o v.safetensors"
        })
public final class FitValueCommand extends BaseCommand {
    @Option(names = {"-i", "--input"}, required = true, paramLabel = "DATA",
            description = "Transitions table (Arrow IPC file or stream, CSV, CSV.gz; '-' is stdin).")
    String input;

    @Option(names = {"-o", "--output"}, required = true, paramLabel = "MODEL",
            description = "Where to write the model (.safetensors). Written atomically.")
    @OutputFile
    String output;

    @Option(names = "--target", paramLabel = "v|q", defaultValue = "q",
            description = "Fit V(s) or Q(s,a) (mc, td, fqe; fqe and sac always fit Q). Default: ${DEFAULT-VALUE}.")
    String target;

    @Option(names = "--method", paramLabel = "mc|td|fqe|sac", defaultValue = "td",
            description = "Learning method (see above). Default: ${DEFAULT-VALUE}.")
    String method;

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
    String credit;

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

    @Option(names = "--lr", paramLabel = "LR", description = "Critic learning rate (Adam). Default: 1e-4 for fqe, 3e-4 otherwise.")
    Double lr;

    @Option(names = "--actor-lr", paramLabel = "LR", defaultValue = "3e-4", description = "sac: actor learning rate. Default: ${DEFAULT-VALUE}.")
    double actorLr;

    @Option(names = "--alpha-lr", paramLabel = "LR", defaultValue = "3e-4", description = "sac: temperature learning rate. Default: ${DEFAULT-VALUE}.")
    double alphaLr;

    @Option(names = "--tau", paramLabel = "T", defaultValue = "0.005", description = "sac: Polyak rate of the target critics. Default: ${DEFAULT-VALUE}.")
    double tau;

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
    String spectralNorm;

    @Option(names = "--target-update", paramLabel = "N", defaultValue = "100",
            description = "td/fqe: steps between hard target-network updates. Default: ${DEFAULT-VALUE}.")
    int targetUpdate;

    @Option(names = "--lambda", paramLabel = "L", defaultValue = "0",
            description = "td with --target v: TD(lambda), lambda-returns along each episode from the target network, recomputed at "
                    + "every target update (0 = TD(0)). Default: ${DEFAULT-VALUE}.")
    double lambda;

    @Option(names = "--mc-tail", paramLabel = "drop|keep", defaultValue = "drop",
            description = "mc: rows of episodes without a terminal end whose missing tail weighs > 1%% are dropped, or kept "
                    + "with the tail counted as zero. Default: ${DEFAULT-VALUE}.")
    String mcTail;

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
        FitOptions.Method m = parseMethod();
        boolean isQ = m == FitOptions.Method.FQE || m == FitOptions.Method.SAC || target(target);
        Aggregation agg = Aggregation.parse(criticTarget);
        Credit cr = Credit.parse(credit);
        Activation act = shape.activation();
        Precision prec = precision.precision();
        checkOptions(m, isQ);
        SpectralNorm.Scope sn = spectralScope();
        Nd4jRuntime.configure(prec, global().threads(), seed.seed());

        Batch table = Tables.readAll(input, io().stdin(), ReadOptions.defaults());
        String source = "-".equals(input) ? "stdin" : input;
        ValueData data = ValueData.from(table, TransitionColumns.resolve(table.schema(), source), source);
        Environment environment = env == null ? null : Environments.create(env);
        if (environment != null && (environment.obsDim() != data.obsDim() || environment.actionSpace().dim() != data.actDim())) {
            throw BadInputException.inFile("data has " + data.obsDim() + " observation and " + data.actDim() + " action columns, but "
                    + environment.name() + " has " + environment.obsDim() + " and " + environment.actionSpace().dim(), source,
                    "give the environment the data was recorded in");
        }
        DynamicsModel dyn = model == null ? null : DynamicsModels.resolve(model, Map.of());
        Mlp arch = Mlp.of(shape.layers(), shape.hidden(), act);
        int n = critics == null ? (m == FitOptions.Method.SAC ? 2 : 1) : critics;
        ObjectNode training = new ObjectMapper().createObjectNode();
        Map<String, Object> summary = new LinkedHashMap<>();
        String kind;
        dev.valuekit.artifact.Artifact artifact;
        Provenance prov = Provenance.start("valuekit " + String.join(" ", spec.commandLine().getParseResult().originalArgs())).seed(seed.seed());
        prov.input("-".equals(input) ? "-" : input);
        if (m == FitOptions.Method.SAC) {
            kind = ValueArtifacts.AGENT;
            double[][] bounds = actionBounds(data, environment);
            SacOptions so = new SacOptions(n, arch, arch, agg, cr, gamma, tau, lr == null ? 3e-4 : lr, actorLr, alphaLr,
                    alpha == null ? Double.NaN : alpha, 1.0, Double.NaN, batch == null ? 256 : batch, steps, adversarialEps,
                    adversarialCoef, seed.seed(), sn, eta);
            SacTrainer trainer = SacTrainer.forData(so, data, bounds[0], bounds[1]);
            ModelRollouts rollouts = null;
            SyntheticBuffer buffer = null;
            if (dyn != null) {
                rollouts = new ModelRollouts(dyn, data, horizon, rolloutsPerEpoch);
                buffer = new SyntheticBuffer(data.obsDim(), data.actDim(), Math.max(1, rolloutsPerEpoch * horizon * retainEpochs));
                prov.input(model);
                log().info("model-based: " + rolloutsPerEpoch + " rollouts of " + horizon + " steps in " + dyn.name() + " every "
                        + epochSteps + " steps, " + realRatio + " real data");
            }
            log().info("sac on " + data.rows() + " transitions from " + source + ": " + n + " critics (" + agg + " target), "
                    + shape.layers() + " x " + shape.hidden() + " " + act + ", " + steps + " steps");
            SacTrainer.Result r = trainer.train(TransitionSource.of(data), rollouts, buffer, realRatio, epochSteps, log());
            summary.put("steps", r.steps());
            summary.put("critic_loss", r.criticLoss());
            summary.put("actor_loss", r.actorLoss());
            summary.put("alpha", r.alpha());
            summary.put("q", r.meanQ());
            summary.put("updates_per_second", r.steps() / Math.max(1e-9, r.seconds()));
            summary.put("updates_per_cpu_second", r.steps() / Math.max(1e-9, r.cpuSeconds()));
            if (model != null) summary.put("synthetic_transitions", r.syntheticTransitions());
            training.put("critics", n).put("steps", steps).put("batch", so.batch()).put("tau", tau).put("alpha", r.alpha());
            if (adversarialEps > 0) training.put("adversarial_eps", adversarialEps).put("adversarial_coef", adversarialCoef);
            spectralNormSpec(training, sn);
            if (eta > 0) training.put("eta", eta);
            if (model != null) {
                training.put("model", model).put("rollout_horizon", horizon).put("rollouts_per_epoch", rolloutsPerEpoch)
                        .put("real_ratio", realRatio);
            }
            artifact = ValueArtifacts.toArtifact(kind, meta(data, cr, agg, arch, training, "sac"), trainer.critics(), trainer.actor(), null);
        } else {
            kind = isQ ? ValueArtifacts.Q : ValueArtifacts.VALUE;
            ActionSource pol = m == FitOptions.Method.FQE ? fqePolicy(data, environment) : null;
            FitOptions fo = new FitOptions(isQ ? FitOptions.Target.Q : FitOptions.Target.V, m, n, arch, agg, cr, gamma,
                    lr == null ? (m == FitOptions.Method.FQE ? 1e-4 : 3e-4) : lr,
                    batch == null ? (m == FitOptions.Method.FQE ? 100 : 256) : batch, steps, targetUpdate,
                    "keep".equals(mcTail) ? 0 : 0.01, soft ? alpha : 0, lambda, seed.seed(), sn);
            log().info(m.name().toLowerCase(Locale.ROOT) + " " + kind + " on " + data.rows() + " transitions from " + source + ", "
                    + n + " critic(s), " + steps + " steps");
            ValueFitter.Result r = ValueFitter.fit(data, fo, pol, log());
            summary.put("steps", steps);
            summary.put("loss", r.loss());
            summary.put("rows_used", r.rows());
            training.put("critics", n).put("steps", steps).put("batch", fo.batch()).put("lr", fo.lr()).put("rows_used", r.rows());
            if (policy != null) training.put("policy", policy);
            if (m == FitOptions.Method.MC) training.put("mc_tail", mcTail);
            if (lambda > 0) training.put("lambda", lambda);
            spectralNormSpec(training, sn);
            artifact = ValueArtifacts.toArtifact(kind, meta(data, cr, agg, arch, training, m.name().toLowerCase(Locale.ROOT)),
                    r.critics(), null, null);
        }
        summary.forEach(prov::summary);
        artifact = new dev.valuekit.artifact.Artifact(artifact.kind(), artifact.spec(), prov.toJson(), artifact.tensors());
        try (AtomicOutput out = openOutput(output)) {
            Artifacts.write(out, artifact);
            out.commit();
        }
        log().metrics("fit-value " + kind, summary);
        return 0;
    }

    private ValueArtifacts.Meta meta(ValueData d, Credit cr, Aggregation agg, Mlp arch, ObjectNode training, String methodName) {
        return new ValueArtifacts.Meta(methodName, gamma, cr, agg, d.obsNames(), d.actNames(), arch, arch, training);
    }

    private ActionSource fqePolicy(ValueData data, Environment environment) {
        if (policy.trim().endsWith(".safetensors")) {
            var v = dev.valuekit.value.ValueArtifacts.load(Path.of(policy.trim()), ValueArtifacts.AGENT);
            if (v.obsColumns().length != data.obsDim() || v.actColumns().length != data.actDim()) {
                throw BadInputException.inFile("agent reads " + v.obsColumns().length + " observation and " + v.actColumns().length
                        + " action columns, the data has " + data.obsDim() + " and " + data.actDim(), policy, "use an agent fitted on this kind of data");
            }
            if (soft && !policySample) throw new BadInputException("--soft needs the policy's log-probabilities", "add --policy-sample");
            return new ActorPolicy(v.actor(), policySample, policy);
        }
        if (soft) throw new BadInputException("--soft needs an agent policy (its log-probabilities)", "give --policy AGENT.safetensors --policy-sample");
        if (environment == null) {
            throw new BadInputException("--policy " + policy + " needs the action space", "add --env NAME (e.g. --env pendulum)");
        }
        ActionSpace space = environment.actionSpace();
        return ActionSource.of(ArtifactPolicies.parse(policy, null, false, space, environment.name(), data.obsDim()), data.obsDim());
    }

    /** The actor's box: the environment's, else the data's range per action column. */
    private static double[][] actionBounds(ValueData d, Environment environment) {
        int k = d.actDim();
        double[] lo = new double[k], hi = new double[k];
        if (environment != null) {
            ActionSpace s = environment.actionSpace();
            if (s.isDiscrete()) {
                throw new BadInputException("sac needs continuous actions, but " + environment.name() + " has " + s.describe(),
                        "use a continuous environment (pendulum, mountaincar)");
            }
            for (int j = 0; j < k; j++) { lo[j] = s.low(j); hi[j] = s.high(j); }
            return new double[][] {lo, hi};
        }
        java.util.Arrays.fill(lo, Double.POSITIVE_INFINITY);
        java.util.Arrays.fill(hi, Double.NEGATIVE_INFINITY);
        for (int r = 0; r < d.rows(); r++) {
            for (int j = 0; j < k; j++) {
                lo[j] = Math.min(lo[j], d.act()[r * k + j]);
                hi[j] = Math.max(hi[j], d.act()[r * k + j]);
            }
        }
        for (int j = 0; j < k; j++) {
            if (!(hi[j] > lo[j])) {
                throw BadInputException.inFile("action column " + d.actNames()[j] + " is constant (" + lo[j] + "): no action range to learn",
                        d.source(), "name the environment with --env NAME");
            }
        }
        return new double[][] {lo, hi};
    }

    private void checkOptions(FitOptions.Method m, boolean isQ) {
        if (m == FitOptions.Method.FQE && policy == null) throw new BadInputException("--method fqe needs --policy", "e.g. --policy agent.safetensors");
        if (m != FitOptions.Method.FQE && policy != null) throw new BadInputException("--policy is only used by --method fqe", "drop --policy");
        if (soft && m != FitOptions.Method.FQE) {
            throw new BadInputException("--soft applies to fqe (sac is always soft; mc and td have no policy log-probability)",
                    m == FitOptions.Method.SAC ? "drop --soft; use --alpha A to fix sac's temperature" : "drop --soft");
        }
        if (soft && (alpha == null || !(alpha > 0))) throw new BadInputException("--soft needs --alpha A > 0", "e.g. --soft --alpha 0.2");
        if (alpha != null && !(alpha > 0)) throw new BadInputException("--alpha must be > 0, got " + alpha, "e.g. --alpha 0.2");
        if (model != null && m != FitOptions.Method.SAC) throw new BadInputException("--model is used by --method sac only", "add --method sac");
        if (!(gamma > 0 && gamma <= 1)) throw new BadInputException("--gamma must be in (0, 1], got " + gamma, "e.g. --gamma 0.99");
        if (critics != null && critics < 1) throw new BadInputException("--critics must be >= 1, got " + critics, "e.g. --critics 10");
        if (shape.hidden() < 1 || shape.layers() < 1) throw new BadInputException("--hidden and --layers must be >= 1", "e.g. --hidden 256 --layers 3");
        if (steps < 1) throw new BadInputException("--steps must be >= 1, got " + steps, "e.g. --steps 10000");
        if (batch != null && batch < 1) throw new BadInputException("--batch must be >= 1, got " + batch, "e.g. --batch 256");
        if (lr != null && !(lr > 0)) throw new BadInputException("--lr must be > 0, got " + lr, "e.g. --lr 3e-4");
        if (!(actorLr > 0) || !(alphaLr > 0)) throw new BadInputException("--actor-lr and --alpha-lr must be > 0", "e.g. 3e-4");
        if (!(tau > 0 && tau <= 1)) throw new BadInputException("--tau must be in (0, 1], got " + tau, "e.g. --tau 0.005");
        if (!(adversarialEps >= 0) || !(adversarialCoef >= 0)) throw new BadInputException("--adversarial-eps and --adversarial-coef must be >= 0", "e.g. --adversarial-eps 0.01");
        if (adversarialEps > 0 && m != FitOptions.Method.SAC) throw new BadInputException("--adversarial-eps applies to --method sac", "add --method sac");
        if (!(eta >= 0)) throw new BadInputException("--eta must be >= 0, got " + eta, "e.g. --eta 1");
        if (eta > 0 && m != FitOptions.Method.SAC) throw new BadInputException("--eta applies to --method sac", "add --method sac");
        if (eta > 0 && shape.activation() != Activation.RELU) {
            throw new BadInputException("--eta needs --activation relu (its double gradient is exact for piecewise-linear critics only)",
                    "add --activation relu or drop --eta");
        }
        if (eta > 0 && critics != null && critics < 2) throw new BadInputException("--eta needs --critics >= 2 (it compares critics' gradients)", "e.g. --critics 10");
        if (eta > 0 && adversarialEps > 0) throw new BadInputException("--eta and --adversarial-eps cannot be combined", "use one of them");
        if (!(lambda >= 0 && lambda <= 1)) throw new BadInputException("--lambda must be in [0, 1], got " + lambda, "e.g. --lambda 0.9");
        if (lambda > 0 && (m != FitOptions.Method.TD || isQ)) throw new BadInputException("--lambda applies to --method td --target v", "drop --lambda");
        if (targetUpdate < 1) throw new BadInputException("--target-update must be >= 1", "e.g. --target-update 100");
        if (!mcTail.equals("drop") && !mcTail.equals("keep")) throw new BadInputException("--mc-tail must be drop or keep, got " + mcTail, "e.g. --mc-tail keep");
        if (horizon < 1 || rolloutsPerEpoch < 1 || epochSteps < 1 || retainEpochs < 1) {
            throw new BadInputException("--rollout-horizon, --rollouts-per-epoch, --epoch-steps and --retain-epochs must be >= 1", "e.g. --rollout-horizon 5");
        }
        if (!(realRatio >= 0 && realRatio <= 1)) throw new BadInputException("--real-ratio must be in [0, 1], got " + realRatio, "e.g. --real-ratio 0.05");
    }

    /** Null when --spectral-norm is absent. */
    private SpectralNorm.Scope spectralScope() {
        if (spectralNorm == null) return null;
        return switch (spectralNorm.trim().toLowerCase(Locale.ROOT)) {
            case "all" -> SpectralNorm.Scope.ALL;
            case "last" -> SpectralNorm.Scope.LAST;
            default -> throw new BadInputException("unknown --spectral-norm scope '" + spectralNorm + "'",
                    "use --spectral-norm=last (the default of --spectral-norm alone) or --spectral-norm=all");
        };
    }

    private static void spectralNormSpec(ObjectNode training, SpectralNorm.Scope sn) {
        if (sn != null) training.put("spectral_norm", true).put("spectral_norm_layers", sn.name().toLowerCase(Locale.ROOT));
    }

    private FitOptions.Method parseMethod() {
        return switch (method.trim().toLowerCase(Locale.ROOT)) {
            case "mc" -> FitOptions.Method.MC;
            case "td" -> FitOptions.Method.TD;
            case "fqe" -> FitOptions.Method.FQE;
            case "sac" -> FitOptions.Method.SAC;
            default -> throw new BadInputException("unknown --method '" + method + "'", "use mc, td, fqe or sac");
        };
    }

    private static boolean target(String t) {
        return switch (t.trim().toLowerCase(Locale.ROOT)) {
            case "q" -> true;
            case "v" -> false;
            default -> throw new BadInputException("unknown --target '" + t + "'", "use v or q");
        };
    }
}
