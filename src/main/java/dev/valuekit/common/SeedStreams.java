package dev.valuekit.common;

/**
 * The per-purpose random streams derived from a run's {@code --seed}, named in one place. Each purpose
 * draws from its own {@link java.util.SplittableRandom} seeded here, so adding draws to one purpose never
 * shifts another's, and the same seed gives the same bytes. The constants are those the streams have
 * always used: changing one changes seeded outputs (the golden test says which).
 */
public final class SeedStreams {
    private static final long GOLDEN = 0x9E3779B97F4A7C15L;

    private SeedStreams() {}

    /** Row orders drawn once per run: each member's bootstrap resample (train-model), the CLTV trainer's shuffles and Gumbel noise. */
    public static long rowOrders(long seed) { return seed ^ 0x5DEECE66DL; }

    /** One epoch's shuffles of the row orders: one stream per (seed, epoch), so a resumed run sees the same orders. */
    public static long epochShuffle(long seed, int epoch) { return seed * GOLDEN + epoch; }

    /** The initial weights of a dynamics model's termination head (the body uses the seed itself). */
    public static long terminationHead(long seed) { return seed + GOLDEN; }

    /** SAC's minibatch draws, action noise and model rollouts. */
    public static long sac(long seed) { return seed ^ 0x5AC5AC5ACL; }

    /** IQL's minibatch draws. */
    public static long iql(long seed) { return seed ^ 0x1A11L; }

    /** TD3+BC's minibatch draws and target-policy noise. */
    public static long td3bc(long seed) { return seed ^ 0x7D3BCL; }

    /** Behaviour cloning's minibatch draws. */
    public static long behaviorCloning(long seed) { return seed ^ 0xBC0L; }

    /** DQN's and CQL's minibatch draws. */
    public static long dqn(long seed) { return seed ^ 0xD0D0D0DL; }

    /** The power-iteration start vectors of spectral normalisation. */
    public static long spectralNorm(long seed) { return seed ^ 0x5BEC7A1L; }

    /** The distracting observation dimensions of the {@code count}-th reset of a distracted environment. */
    public static long distractors(long seed, long count) { return seed * GOLDEN + count; }

    /** The hash key of the customer split (mixed with each customer id's hash). */
    public static long customerSplit(long seed) { return seed * GOLDEN; }
}
