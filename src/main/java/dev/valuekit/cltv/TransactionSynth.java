package dev.valuekit.cltv;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A seeded synthetic transaction log with the generative story of BG/NBD and Gamma-Gamma, plus two
 * categorical attributes that shift it:
 * <ul>
 * <li>customer i joins on a uniform day of the first {@code acquisitionWeeks}; {@code channel} ∈ {web 50%,
 *     store 30%, app 20%}, {@code region} ∈ {north, south, east, west} uniformly;</li>
 * <li>purchase rate λ ~ Gamma(r = 0.25, rate α = 4) per week, times 0.8 (web), 1.0 (store), 1.6 (app);
 *     after each purchase the customer drops out for good with probability p ~ Beta(a = 0.8, b = 2.4);
 *     while alive, purchases follow a Poisson process (exponential gaps), the first on the join day;</li>
 * <li>spend per purchase ~ Gamma(shape 6, rate ν) with ν ~ Gamma(q = 3.7, rate 15) per customer
 *     (mean ≈ 33), times 1.0 (north), 0.7 (south), 1.3 (east), 2.0 (west) and 1.2 for store buyers;
 *     amounts in cents.</li>
 * </ul>
 * The parameters are close to those fitted on CDNOW, so the log looks like a retail log: most
 * customers buy once or twice, a few buy often.
 *
 * <p>With {@link Spend#HEAVY} each customer's spend is further multiplied by a Pareto draw with tail index
 * 1.5 (finite mean, infinite variance; divided by its mean 3), and a share {@code whales} of customers are
 * whales: spend × 100 and purchase rate × 4. These draws come after the default ones, so the default log
 * is unchanged.
 */
public final class TransactionSynth {
    public static final String[] CHANNELS = {"web", "store", "app"};
    private static final double[] CHANNEL_P = {0.5, 0.3, 0.2};
    private static final double[] CHANNEL_RATE = {0.8, 1.0, 1.6};
    private static final double[] CHANNEL_SPEND = {1.0, 1.2, 1.0};
    public static final String[] REGIONS = {"north", "south", "east", "west"};
    private static final double[] REGION_SPEND = {1.0, 0.7, 1.3, 2.0};

    /** One purchase row. */
    public record Purchase(String customer, LocalDate date, double amount, String channel, String region) {}

    /** How spend per customer is spread: the Gamma-Gamma story alone, or with a Pareto tail and whales. */
    public enum Spend {
        GAMMA, HEAVY;

        public String label() { return name().toLowerCase(java.util.Locale.ROOT); }

        public static Spend parse(String s) {
            for (Spend v : values()) if (v.label().equals(s)) return v;
            throw new dev.valuekit.common.BadInputException("unknown --spend '" + s + "'", "use gamma or heavy");
        }
    }

    private static final double PARETO_TAIL = 1.5;
    private static final double WHALE_SPEND = 100;
    private static final double WHALE_RATE = 4;

    public record Options(int customers, long seed, LocalDate start, int weeks, int acquisitionWeeks, Spend spend, double whales) {
        public Options(int customers, long seed, LocalDate start, int weeks, int acquisitionWeeks) {
            this(customers, seed, start, weeks, acquisitionWeeks, Spend.GAMMA, 0);
        }

        public Options {
            if (!(whales >= 0 && whales <= 1)) {
                throw new dev.valuekit.common.BadInputException("--whales must be a share in [0, 1], got " + whales, "e.g. --whales 0.002");
            }
            if (whales > 0 && spend != Spend.HEAVY) {
                throw new dev.valuekit.common.BadInputException("--whales needs --spend heavy", "add --spend heavy or drop --whales");
            }
            if (customers < 1) throw new dev.valuekit.common.BadInputException("--customers must be >= 1, got " + customers, "e.g. --customers 10000");
            if (weeks < 1 || acquisitionWeeks < 1 || acquisitionWeeks > weeks) {
                throw new dev.valuekit.common.BadInputException("need 1 <= --acquisition-weeks <= --weeks, got " + acquisitionWeeks + " and " + weeks,
                        "e.g. --weeks 78 --acquisition-weeks 12");
            }
        }
    }

    public interface Sink { void accept(Purchase p) throws java.io.IOException; }

    /** Customers join during the first 12 weeks unless told otherwise. */
    public static final int DEFAULT_ACQUISITION_WEEKS = 12;

    private TransactionSynth() {}

    /** The acquisition window when none is asked for: 12 weeks, or the whole log when it is shorter. */
    public static int defaultAcquisitionWeeks(int weeks) { return Math.min(DEFAULT_ACQUISITION_WEEKS, weeks); }

    /** Generates customer by customer (each from its own split of the seed) and hands rows to {@code sink} in date order per customer. */
    public static long generate(Options o, Sink sink) throws java.io.IOException {
        SplittableRandom root = new SplittableRandom(o.seed());
        int days = o.weeks() * 7;
        long rows = 0;
        List<Purchase> buf = new ArrayList<>();
        for (int c = 0; c < o.customers(); c++) {
            SplittableRandom rng = root.split();
            int ch = pick(rng, CHANNEL_P);
            int rg = rng.nextInt(REGIONS.length);
            double lambda = gamma(rng, 0.25) / 4.0 * CHANNEL_RATE[ch];
            double p = beta(rng, 0.8, 2.4);
            double nu = gamma(rng, 3.7) / 15.0;
            double scale = REGION_SPEND[rg] * CHANNEL_SPEND[ch];
            if (o.spend() == Spend.HEAVY) {
                double pareto = Math.pow(1 - rng.nextDouble(), -1 / PARETO_TAIL);
                scale *= pareto * (PARETO_TAIL - 1) / PARETO_TAIL;
                if (rng.nextDouble() < o.whales()) {
                    scale *= WHALE_SPEND;
                    lambda *= WHALE_RATE;
                }
            }
            String id = Integer.toString(c + 1);
            double t = rng.nextInt(o.acquisitionWeeks() * 7) / 7.0;
            buf.clear();
            while (true) {
                double amount = Math.max(0.01, Math.round(gamma(rng, 6.0) / nu * scale * 100) / 100.0);
                buf.add(new Purchase(id, o.start().plusDays((long) Math.floor(t * 7)), amount, CHANNELS[ch], REGIONS[rg]));
                if (rng.nextDouble() < p) break;
                t += -Math.log(1 - rng.nextDouble()) / lambda;
                if (!(t * 7 < days)) break;
            }
            for (Purchase q : buf) sink.accept(q);
            rows += buf.size();
        }
        return rows;
    }

    private static int pick(SplittableRandom rng, double[] probs) {
        double u = rng.nextDouble(), acc = 0;
        for (int i = 0; i < probs.length; i++) {
            acc += probs[i];
            if (u < acc) return i;
        }
        return probs.length - 1;
    }

    /** Gamma(shape k, scale 1) by Marsaglia and Tsang (k < 1 via the boost U^(1/k)). */
    static double gamma(SplittableRandom rng, double k) {
        if (k < 1) return gamma(rng, k + 1) * Math.pow(rng.nextDouble(), 1 / k);
        double d = k - 1.0 / 3, c = 1 / Math.sqrt(9 * d);
        while (true) {
            double x = rng.nextGaussian(), v = 1 + c * x;
            if (v <= 0) continue;
            v = v * v * v;
            double u = rng.nextDouble();
            if (u < 1 - 0.0331 * x * x * x * x || Math.log(u) < 0.5 * x * x + d * (1 - v + Math.log(v))) return d * v;
        }
    }

    static double beta(SplittableRandom rng, double a, double b) {
        double x = gamma(rng, a), y = gamma(rng, b);
        return x / (x + y);
    }
}
