package dev.valuekit.value;

import dev.valuekit.table.Transitions;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.valuekit.artifact.Artifact;
import dev.valuekit.artifact.Provenance;
import dev.valuekit.artifact.RunContext;
import dev.valuekit.common.BadInputException;
import dev.valuekit.common.ProgressListener;
import dev.valuekit.dynamics.DynamicsModel;
import dev.valuekit.dynamics.DynamicsModels;
import dev.valuekit.env.ActionSpace;
import dev.valuekit.env.Environment;
import dev.valuekit.env.Environments;
import dev.valuekit.table.ReadOptions;
import dev.valuekit.table.TransitionNames;
import dev.valuekit.tensor.Activation;
import dev.valuekit.tensor.SpectralNorm;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * {@code fit-value} as a library call: a transitions file → a value, q or agent artifact with its spec and
 * provenance, byte for byte what the command line writes for the same options and seed.
 */
public final class ValueFit {
    private ValueFit() {}

    /** Drop (default) or keep the Monte-Carlo tail whose discounted remainder exceeds 1% of a return. */
    public enum McTail {
        DROP, KEEP;

        @Override public String toString() { return name().toLowerCase(Locale.ROOT); }
    }

    /**
     * Everything {@code fit-value} takes, with its defaults and checks (messages name the flags). Nulls
     * mean "the method's default": critics 2 for sac and iql else 1, lr 1e-4 for fqe, dqn and cql else 3e-4, target
     * update every 1000 steps for dqn and cql else 100, batch 100 for fqe
     * else 256; sac's temperature is tuned when {@code alpha} is null.
     *
     * @param columns the names of the input's transition columns (null = canonical)
     * @param policy the policy fqe evaluates (a policy spec or AGENT.safetensors); fqe only
     * @param env    the environment the data came from (action bounds for sac, action space for fqe policies)
     * @param model  a dynamics model (file or env:NAME) for model-based sac; null = model-free
     */
    public record Options(String input, TransitionNames columns, ValueFitOptions.Method method, ValueFitOptions.Target target, Integer critics, Mlp arch,
                          Aggregation aggregation, Credit credit, double gamma, long steps, Integer batch, Double lr,
                          double actorLr, double alphaLr, Double alpha, double tau, double adversarialEps,
                          double adversarialCoef, double eta, SpectralNorm.Scope spectralNorm, Integer targetUpdate,
                          double lambda, McTail mcTail, boolean soft, String policy, boolean policySample, String env,
                          String model, int rolloutHorizon, int rolloutsPerEpoch, int epochSteps, int retainEpochs,
                          double realRatio, long seed, OfflineSettings offline) {
        public Options {
            if (input == null) throw new BadInputException("no transitions given", "add -i DATA");
            if (columns == null) columns = TransitionNames.CANONICAL;
            if (method == ValueFitOptions.Method.FQE || method.learnsPolicy()) target = ValueFitOptions.Target.Q;
            if (offline == null) offline = OfflineSettings.DEFAULTS;
            offline.requireFor(method);
            boolean discrete = method == ValueFitOptions.Method.DQN || method == ValueFitOptions.Method.CQL;
            if (critics == null) critics = method.learnsPolicy() && !discrete ? 2 : 1;
            if (lr == null) lr = method == ValueFitOptions.Method.FQE || discrete ? 1e-4 : 3e-4;
            // dqn/cql bootstrap from their own greedy action: frequent target copies let offline Q diverge
            if (targetUpdate == null) targetUpdate = discrete ? 1000 : 100;
            if (batch == null) batch = method == ValueFitOptions.Method.FQE ? 100 : 256;
            boolean sac = method == ValueFitOptions.Method.SAC, fqe = method == ValueFitOptions.Method.FQE;
            if (fqe && policy == null) throw new BadInputException("--method fqe needs --policy", "e.g. --policy agent.safetensors");
            if (!fqe && policy != null) throw new BadInputException("--policy is only used by --method fqe", "drop --policy");
            if (soft && !fqe) {
                throw new BadInputException("--soft applies to fqe (sac is always soft; mc and td have no policy log-probability)",
                        sac ? "drop --soft; use --alpha A to fix sac's temperature" : "drop --soft");
            }
            if (soft && (alpha == null || !(alpha > 0))) throw new BadInputException("--soft needs --alpha A > 0", "e.g. --soft --alpha 0.2");
            if (alpha != null && !(alpha > 0)) throw new BadInputException("--alpha must be > 0, got " + alpha, "e.g. --alpha 0.2");
            if (model != null && !sac) throw new BadInputException("--model is used by --method sac only", "add --method sac");
            if (!(gamma > 0 && gamma <= 1)) throw new BadInputException("--gamma must be in (0, 1], got " + gamma, "e.g. --gamma 0.99");
            if (critics < 1) throw new BadInputException("--critics must be >= 1, got " + critics, "e.g. --critics 10");
            if (steps < 1) throw new BadInputException("--steps must be >= 1, got " + steps, "e.g. --steps 10000");
            if (batch < 1) throw new BadInputException("--batch must be >= 1, got " + batch, "e.g. --batch 256");
            if (!(lr > 0)) throw new BadInputException("--lr must be > 0, got " + lr, "e.g. --lr 3e-4");
            if (!(actorLr > 0) || !(alphaLr > 0)) throw new BadInputException("--actor-lr and --alpha-lr must be > 0", "e.g. 3e-4");
            if (!(tau > 0 && tau <= 1)) throw new BadInputException("--tau must be in (0, 1], got " + tau, "e.g. --tau 0.005");
            if (!(adversarialEps >= 0) || !(adversarialCoef >= 0)) {
                throw new BadInputException("--adversarial-eps and --adversarial-coef must be >= 0", "e.g. --adversarial-eps 0.01");
            }
            if (adversarialEps > 0 && !sac) throw new BadInputException("--adversarial-eps applies to --method sac", "add --method sac");
            if (!(eta >= 0)) throw new BadInputException("--eta must be >= 0, got " + eta, "e.g. --eta 1");
            if (eta > 0 && !sac) throw new BadInputException("--eta applies to --method sac", "add --method sac");
            if (eta > 0 && arch.activation() != Activation.RELU) {
                throw new BadInputException("--eta needs --activation relu (its double gradient is exact for piecewise-linear critics only)",
                        "add --activation relu or drop --eta");
            }
            if (eta > 0 && critics < 2) throw new BadInputException("--eta needs --critics >= 2 (it compares critics' gradients)", "e.g. --critics 10");
            if (eta > 0 && adversarialEps > 0) throw new BadInputException("--eta and --adversarial-eps cannot be combined", "use one of them");
            if (!(lambda >= 0 && lambda <= 1)) throw new BadInputException("--lambda must be in [0, 1], got " + lambda, "e.g. --lambda 0.9");
            if (lambda > 0 && (method != ValueFitOptions.Method.TD || target == ValueFitOptions.Target.Q)) {
                throw new BadInputException("--lambda applies to --method td --target v", "drop --lambda");
            }
            if (targetUpdate < 1) throw new BadInputException("--target-update must be >= 1", "e.g. --target-update 100");
            if (mcTail == null) mcTail = McTail.DROP;
            if (rolloutHorizon < 1 || rolloutsPerEpoch < 1 || epochSteps < 1 || retainEpochs < 1) {
                throw new BadInputException("--rollout-horizon, --rollouts-per-epoch, --epoch-steps and --retain-epochs must be >= 1",
                        "e.g. --rollout-horizon 5");
            }
            if (!(realRatio >= 0 && realRatio <= 1)) throw new BadInputException("--real-ratio must be in [0, 1], got " + realRatio, "e.g. --real-ratio 0.05");
        }

        /** The kind of model the options make: an agent (sac, iql, dqn, cql), a q or a value function. */
        public String kind() {
            return method.learnsPolicy() ? ValueArtifacts.AGENT : target == ValueFitOptions.Target.Q ? ValueArtifacts.Q : ValueArtifacts.VALUE;
        }
    }

    /** The model and the summary its provenance records. */
    public record Result(Artifact artifact, Map<String, Object> summary) {}

    public static Result fit(Options o, InputStream stdin, RunContext run, ProgressListener log) throws IOException {
        Transitions data = Transitions.read(o.input(), stdin, ReadOptions.defaults().withListener(log), o.columns());
        String source = data.source();
        Environment environment = o.env() == null ? null : Environments.create(o.env());
        if (environment != null && (environment.obsDim() != data.obsDim() || environment.actionSpace().dim() != data.actDim())) {
            throw BadInputException.inFile("data has " + data.obsDim() + " observation and " + data.actDim() + " action columns, but "
                    + environment.name() + " has " + environment.obsDim() + " and " + environment.actionSpace().dim(), source,
                    "give the environment the data was recorded in");
        }
        DynamicsModel dyn = o.model() == null ? null : DynamicsModels.resolve(o.model(), Map.of());
        Provenance prov = run.provenance(o.seed()).input(o.input());
        Result r = switch (o.method()) {
            case SAC -> sac(o, data, environment, dyn, prov, source, log);
            case IQL -> iql(o, data, environment, source, log);
            case DQN, CQL -> DqnFit.fit(o, data, environment, source, log);
            default -> critics(o, data, environment, source, log);
        };
        r.summary().forEach(prov::summary);
        Artifact a = r.artifact();
        return new Result(new Artifact(a.kind(), a.spec(), prov.toJson(), a.tensors()), r.summary());
    }

    private static Result sac(Options o, Transitions data, Environment environment, DynamicsModel dyn, Provenance prov, String source,
                              ProgressListener log) throws IOException {
        double[][] bounds = actionBounds(data, environment, "sac");
        SacOptions so = new SacOptions(o.critics(), o.arch(), o.arch(), o.aggregation(), o.credit(), o.gamma(), o.tau(), o.lr(),
                o.actorLr(), o.alphaLr(), o.alpha() == null ? Double.NaN : o.alpha(), 1.0, Double.NaN, o.batch(), o.steps(),
                o.adversarialEps(), o.adversarialCoef(), o.seed(), o.spectralNorm(), o.eta());
        SacTrainer trainer = SacTrainer.forData(so, data, bounds[0], bounds[1]);
        SyntheticRollouts rollouts = null;
        SyntheticBuffer buffer = null;
        if (dyn != null) {
            rollouts = new SyntheticRollouts(dyn, data, o.rolloutHorizon(), o.rolloutsPerEpoch());
            buffer = new SyntheticBuffer(data.obsDim(), data.actDim(), Math.max(1, o.rolloutsPerEpoch() * o.rolloutHorizon() * o.retainEpochs()));
            prov.input(o.model());
            log.info("model-based: " + o.rolloutsPerEpoch() + " rollouts of " + o.rolloutHorizon() + " steps in " + dyn.name() + " every "
                    + o.epochSteps() + " steps, " + o.realRatio() + " real data");
        }
        log.info("sac on " + data.rows() + " transitions from " + source + ": " + o.critics() + " critics (" + o.aggregation() + " target), "
                + o.arch().hidden().length + " x " + o.arch().hidden()[0] + " " + o.arch().activation() + ", " + o.steps() + " steps");
        SacTrainer.Result r = trainer.train(TransitionSource.of(data), rollouts, buffer, o.realRatio(), o.epochSteps(), log);
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("steps", r.steps());
        summary.put("critic_loss", r.criticLoss());
        summary.put("actor_loss", r.actorLoss());
        summary.put("alpha", r.alpha());
        summary.put("q", r.meanQ());
        summary.put("updates_per_second", r.steps() / Math.max(1e-9, r.seconds()));
        summary.put("updates_per_cpu_second", r.steps() / Math.max(1e-9, r.cpuSeconds()));
        if (o.model() != null) summary.put("synthetic_transitions", r.syntheticTransitions());
        ObjectNode training = new ObjectMapper().createObjectNode();
        training.put("critics", o.critics()).put("steps", o.steps()).put("batch", so.batch()).put("tau", o.tau()).put("alpha", r.alpha());
        if (o.adversarialEps() > 0) training.put("adversarial_eps", o.adversarialEps()).put("adversarial_coef", o.adversarialCoef());
        spectralNormSpec(training, o.spectralNorm());
        if (o.eta() > 0) training.put("eta", o.eta());
        if (o.model() != null) {
            training.put("model", o.model()).put("rollout_horizon", o.rolloutHorizon()).put("rollouts_per_epoch", o.rolloutsPerEpoch())
                    .put("real_ratio", o.realRatio());
        }
        return new Result(ValueArtifacts.toArtifact(o.kind(), meta(o, data, training, "sac"), trainer.critics(), trainer.actor(), null), summary);
    }

    private static Result iql(Options o, Transitions data, Environment environment, String source, ProgressListener log) {
        double[][] bounds = actionBounds(data, environment, "iql");
        OfflineSettings s = o.offline();
        IqlOptions io = new IqlOptions(o.critics(), o.arch(), o.arch(), o.gamma(), o.tau(), o.lr(), o.actorLr(), o.batch(), o.steps(),
                s.expectileOrDefault(), s.temperatureOrDefault(), o.seed());
        IqlTrainer trainer = IqlTrainer.forData(io, data, bounds[0], bounds[1]);
        log.info("iql on " + data.rows() + " transitions from " + source + ": " + o.critics() + " critics, expectile " + io.expectile()
                + ", temperature " + io.temperature() + ", " + o.steps() + " steps");
        IqlTrainer.Result r = trainer.train(TransitionSource.of(data), log);
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("steps", r.steps());
        summary.put("critic_loss", r.criticLoss());
        summary.put("value_loss", r.valueLoss());
        summary.put("actor_loss", r.actorLoss());
        summary.put("mean_weight", r.meanWeight());
        summary.put("q", r.meanQ());
        summary.put("updates_per_second", r.steps() / Math.max(1e-9, r.seconds()));
        summary.put("updates_per_cpu_second", r.steps() / Math.max(1e-9, r.cpuSeconds()));
        ObjectNode training = new ObjectMapper().createObjectNode();
        training.put("critics", o.critics()).put("steps", o.steps()).put("batch", io.batch()).put("tau", o.tau())
                .put("expectile", io.expectile()).put("temperature", io.temperature());
        return new Result(ValueArtifacts.toArtifact(o.kind(), meta(o, data, training, "iql"), trainer.critics(), trainer.actor(), null), summary);
    }

    private static Result critics(Options o, Transitions data, Environment environment, String source, ProgressListener log) {
        ActionSource pol = o.method() == ValueFitOptions.Method.FQE ? fqePolicy(o, data, environment) : null;
        ValueFitOptions fo = new ValueFitOptions(o.target(), o.method(), o.critics(), o.arch(), o.aggregation(), o.credit(), o.gamma(), o.lr(),
                o.batch(), o.steps(), o.targetUpdate(), o.mcTail() == McTail.KEEP ? 0 : 0.01, o.soft() ? o.alpha() : 0, o.lambda(),
                o.seed(), o.spectralNorm());
        String method = o.method().name().toLowerCase(Locale.ROOT);
        log.info(method + " " + o.kind() + " on " + data.rows() + " transitions from " + source + ", "
                + o.critics() + " critic(s), " + o.steps() + " steps");
        ValueFitter.Result r = ValueFitter.fit(data, fo, pol, log);
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("steps", o.steps());
        summary.put("loss", r.loss());
        summary.put("rows_used", r.rows());
        ObjectNode training = new ObjectMapper().createObjectNode();
        training.put("critics", o.critics()).put("steps", o.steps()).put("batch", fo.batch()).put("lr", fo.lr()).put("rows_used", r.rows());
        if (o.policy() != null) training.put("policy", o.policy());
        if (o.method() == ValueFitOptions.Method.MC) training.put("mc_tail", o.mcTail().toString());
        if (o.lambda() > 0) training.put("lambda", o.lambda());
        spectralNormSpec(training, o.spectralNorm());
        return new Result(ValueArtifacts.toArtifact(o.kind(), meta(o, data, training, method), r.critics(), null, null), summary);
    }

    private static ValueArtifacts.Meta meta(Options o, Transitions d, ObjectNode training, String methodName) {
        return new ValueArtifacts.Meta(methodName, o.gamma(), o.credit(), o.aggregation(), d.obsNames(), d.actNames(), o.arch(), o.arch(), training);
    }

    private static void spectralNormSpec(ObjectNode training, SpectralNorm.Scope sn) {
        if (sn != null) training.put("spectral_norm", true).put("spectral_norm_layers", sn.name().toLowerCase(Locale.ROOT));
    }

    /** The policy fqe evaluates: an agent file (its mean or sampled action) or a spec over the environment's actions. */
    private static ActionSource fqePolicy(Options o, Transitions data, Environment environment) {
        String policy = o.policy().trim();
        if (policy.endsWith(".safetensors")) {
            FittedValue v = ValueArtifacts.load(Path.of(policy), ValueArtifacts.AGENT);
            if (v.obsColumns().length != data.obsDim() || v.actColumns().length != data.actDim()) {
                throw BadInputException.inFile("agent reads " + v.obsColumns().length + " observation and " + v.actColumns().length
                        + " action columns, the data has " + data.obsDim() + " and " + data.actDim(), o.policy(), "use an agent fitted on this kind of data");
            }
            if (environment != null) ArtifactPolicies.checkSpace(v, environment.actionSpace(), o.policy(), environment.name());
            if (o.soft() && !o.policySample()) throw new BadInputException("--soft needs the policy's log-probabilities", "add --policy-sample");
            if (v.actions() > 0) {
                int seen = DiscreteActions.of(data, environment, "a discrete-action policy").count();
                if (seen > v.actions()) {
                    throw BadInputException.inFile("the data's actions reach " + (seen - 1) + ", but the policy's action space is discrete 0.."
                            + (v.actions() - 1), o.policy(), "use an agent fitted on this kind of data");
                }
                return new DiscreteQPolicy(v, o.policySample(), o.policy());
            }
            return new ActorPolicy(v.actor(), o.policySample(), o.policy());
        }
        if (o.soft()) throw new BadInputException("--soft needs an agent policy (its log-probabilities)", "give --policy AGENT.safetensors --policy-sample");
        if (environment == null) {
            throw new BadInputException("--policy " + o.policy() + " needs the action space", "add --env NAME (e.g. --env pendulum)");
        }
        ActionSpace space = environment.actionSpace();
        return ActionSource.of(ArtifactPolicies.parse(o.policy(), null, false, space, environment.name(), data.obsDim()), data.obsDim());
    }

    /** The actor's box: the environment's, else the data's range per action column. */
    static double[][] actionBounds(Transitions d, Environment environment, String method) {
        int k = d.actDim();
        if (environment != null) {
            ActionSpace s = environment.actionSpace();
            if (s.isDiscrete()) {
                throw new BadInputException(method + " needs continuous actions, but " + environment.name() + " has " + s.describe(),
                        "use a continuous environment (pendulum, mountaincar)");
            }
            double[] lo = new double[k], hi = new double[k];
            for (int j = 0; j < k; j++) { lo[j] = s.low(j); hi[j] = s.high(j); }
            return new double[][] {lo, hi};
        }
        double[][] range = d.actRange();
        double[] lo = range[0], hi = range[1];
        for (int j = 0; j < k; j++) {
            if (!(hi[j] > lo[j])) {
                throw BadInputException.inFile("action column " + d.actNames()[j] + " is constant (" + lo[j] + "): no action range to learn",
                        d.source(), "name the environment with --env NAME");
            }
        }
        return new double[][] {lo, hi};
    }
}
