package dev.valuekit.dynamics;

import dev.valuekit.common.ProgressListener;
import dev.valuekit.rollout.BranchedRollout;
import dev.valuekit.rollout.BranchedRolloutOptions;
import dev.valuekit.rollout.BranchedRolloutSummary;
import dev.valuekit.rollout.Penalty;
import dev.valuekit.policy.Policies;
import dev.valuekit.table.Batch;
import dev.valuekit.tensor.Nd4jRuntime;
import dev.valuekit.tensor.Precision;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Rollouts of the hand-set ensemble of {@link LearnedDynamicsTest}: every elite's σ is 0.5 on all 3 targets. */
class BranchedRolloutTest {
    static final double MOPO = Math.sqrt(3 * 0.25);

    @BeforeAll
    static void f64() { Nd4jRuntime.configure(Precision.F64, 1); }

    static List<Batch> run(double halt, Penalty penalty, int horizon) throws Exception {
        LearnedDynamics m = new LearnedDynamics("t", LearnedDynamicsTest.spec(Termination.NONE, new int[] {0, 1}),
                LearnedDynamicsTest.network(), false, true);
        List<Batch> out = new ArrayList<>();
        BranchedRolloutSummary s = BranchedRollout.run(m, Policies.parse("zero", m.actionSpace(), "t"),
                new double[][] {{0, 0}, {1, 1}}, new BranchedRolloutOptions(10, horizon, 3, penalty, 2.0, halt, 4), out::add,
                ProgressListener.NONE);
        assertEquals(10, s.starts());
        return out;
    }

    @Test
    void deterministicRolloutsAccumulateTheChosenMembersMeansAndPenalize() throws Exception {
        List<Batch> out = run(Double.NaN, Penalty.MOPO_ALEATORIC, 3);
        int rows = 0;
        for (Batch b : out) {
            int obs0 = b.schema().indexOf("obs_0"), next0 = b.schema().indexOf("next_obs_0"), mem = b.schema().indexOf("member");
            int r = b.schema().indexOf("reward"), pr = b.schema().indexOf("penalized_reward"), u = b.schema().indexOf("uncertainty");
            for (int i = 0; i < b.rows(); i++) {
                int e = (int) b.getLong(mem, i);
                assertEquals(b.getDouble(obs0, i) + LearnedDynamicsTest.MEAN[e][0], b.getDouble(next0, i), 1e-9);
                assertEquals(MOPO, b.getDouble(u, i), 1e-9);
                assertEquals(b.getDouble(r, i) - 2.0 * MOPO, b.getDouble(pr, i), 1e-9);
                rows++;
            }
        }
        assertEquals(30, rows, "10 starts × horizon 3, nothing terminates");
        assertEquals(9, out.size(), "chunks of 4, 4 and 2 starts, one batch per chunk and step");
    }

    @Test
    void haltingEndsRowsWhoseUncertaintyExceedsTheThreshold() throws Exception {
        List<Batch> halted = run(0.5, null, 3);
        int rows = 0;
        for (Batch b : halted) {
            for (int i = 0; i < b.rows(); i++) {
                assertTrue(b.getDouble(b.schema().indexOf("halted"), i) != 0);
                assertTrue(b.getDouble(b.schema().indexOf("terminated"), i) != 0);
                assertEquals(0, b.getLong(b.schema().indexOf("step"), i));
                rows++;
            }
        }
        assertEquals(10, rows, "every start halts on its first step");
        int kept = 0;
        for (Batch b : run(1.0, null, 3)) kept += b.rows();
        assertEquals(30, kept, "σ-norm 0.866 is below a threshold of 1");
    }
}
