package dev.valuekit.value;

/**
 * Implicit Q-learning settings (Kostrikov, Nair &amp; Levine 2021; their MuJoCo recipe: τ 0.7, β 3, two Q critics with
 * Polyak targets 0.005, Adam 3e-4, batch 256).
 *
 * @param critics     Q critics (the min of their targets is what V regresses on and the advantage uses)
 * @param expectile   τ of V's expectile regression on Q, in (0, 1); 0.5 is SARSA-like, near 1 approaches max_a Q
 * @param temperature β of the policy extraction: weights exp(β·(Q − V)), clipped at {@value IqlTrainer#MAX_WEIGHT}
 * @param polyak      Polyak rate of the target critics
 */
public record IqlOptions(int critics, Mlp criticArch, Mlp actorArch, double gamma, double polyak, double criticLr, double actorLr,
                         int batch, long steps, double expectile, double temperature, long seed) {
    public IqlOptions {
        if (critics < 1) throw new IllegalArgumentException("critics < 1");
        if (batch < 1 || steps < 0) throw new IllegalArgumentException("batch < 1 or steps < 0");
        if (!(expectile > 0 && expectile < 1)) throw new IllegalArgumentException("expectile must be in (0, 1)");
        if (!(temperature >= 0)) throw new IllegalArgumentException("temperature must be >= 0");
    }
}
