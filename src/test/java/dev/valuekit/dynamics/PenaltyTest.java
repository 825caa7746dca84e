package dev.valuekit.dynamics;

import dev.valuekit.rollout.Penalty;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Uncertainty measures against hand-computed values: 3 elites, obs dim 2, one row. */
class PenaltyTest {
    // targets Δobs0, Δobs1, reward per elite
    static final double[][] MEAN = {{0, 0, 5}, {3, 4, 5}, {0, 4, 5}};
    static final double[][] LOGVAR = {{Math.log(1), Math.log(4), Math.log(4)}, {Math.log(9), 0, 0}, {0, 0, 0}};

    static EnsembleStep step() {
        return new EnsembleStep(new Prediction(new double[][] {{0, 0}}, new double[] {0}, new boolean[] {false}),
                new int[] {0}, 3, MEAN, LOGVAR);
    }

    @Test
    void mopoAleatoricIsTheLargestStdNorm() {
        // elite 0: √(1 + 4 + 4) = 3; elite 1: √(9 + 1 + 1) = √11; elite 2: √3
        assertEquals(Math.sqrt(11), Penalty.MOPO_ALEATORIC.of(step())[0], 1e-12);
    }

    @Test
    void ensembleStdIsTheRmsOfPerDimensionStds() {
        // dim 0: values 0,3,0 → var 2; dim 1: 0,4,4 → var 32/9; mean 25/9 → √ = 5/3
        assertEquals(5.0 / 3.0, Penalty.ENSEMBLE_STD.of(step())[0], 1e-12);
    }

    @Test
    void pairwiseDiffIsTheLargestDistanceBetweenElites() {
        // |e0 − e1| = 5, |e0 − e2| = 4, |e1 − e2| = 3
        assertEquals(5.0, Penalty.PAIRWISE_DIFF.of(step())[0], 1e-12);
    }
}
