package dev.valuekit.cltv;

import dev.valuekit.common.BadInputException;

/** Scoring horizon (in the model's unit) and monthly discount rate. */
public record ScoreOptions(double horizon, double monthlyDiscount) {
    public ScoreOptions {
        if (!(horizon > 0) || !Double.isFinite(horizon)) throw new BadInputException("--horizon must be positive, got " + horizon, "e.g. --horizon 52");
        if (!(monthlyDiscount >= 0) || !(monthlyDiscount < 1)) {
            throw new BadInputException("--discount-rate must be in [0, 1), got " + monthlyDiscount, "a monthly rate, e.g. 0.01");
        }
    }
}
