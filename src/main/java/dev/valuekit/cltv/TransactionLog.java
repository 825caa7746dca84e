package dev.valuekit.cltv;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * Purchases held compactly: each distinct customer id is stored once (a dictionary), and a purchase is
 * 16 bytes (customer index, epoch day as int, amount as double). That keeps a 50M-row log within a laptop's
 * memory; {@link RfmFeatures} works on these arrays directly.
 */
public final class TransactionLog {
    private final String source;
    private final String[] ids;
    private final int[] customer;
    private final int[] day;
    private final double[] amount;
    private final int size;

    private TransactionLog(String source, String[] ids, int[] customer, int[] day, double[] amount, int size) {
        this.source = source;
        this.ids = ids;
        this.customer = customer;
        this.day = day;
        this.amount = amount;
        this.size = size;
    }

    /** The first {@code size} purchases of parallel arrays (customer id, epoch day, amount). */
    public TransactionLog(String source, String[] customer, long[] day, double[] amount, int size) {
        this(build(source, customer, day, amount, size));
    }

    private TransactionLog(TransactionLog t) {
        this(t.source, t.ids, t.customer, t.day, t.amount, t.size);
    }

    private static TransactionLog build(String source, String[] customer, long[] day, double[] amount, int size) {
        Builder b = new Builder(source);
        for (int i = 0; i < size; i++) b.add(customer[i], day[i], amount[i]);
        return b.build();
    }

    public String source() { return source; }

    /** Number of purchases. */
    public int size() { return size; }

    /** Number of distinct customers. */
    public int customers() { return ids.length; }

    /** The id of customer index k (0 ≤ k &lt; customers()). */
    public String id(int k) { return ids[k]; }

    /** Customer index of purchase i. */
    public int customerOf(int i) { return customer[i]; }

    public int dayOf(int i) { return day[i]; }

    public double amountOf(int i) { return amount[i]; }

    /** The customer ids of all purchases, one entry per purchase (a new array; the strings are shared). */
    public String[] customer() {
        String[] out = new String[size];
        for (int i = 0; i < size; i++) out[i] = ids[customer[i]];
        return out;
    }

    /** The epoch days of all purchases (a new array). */
    public long[] day() {
        long[] out = new long[size];
        for (int i = 0; i < size; i++) out[i] = day[i];
        return out;
    }

    /** The amounts of all purchases (a copy). */
    public double[] amount() { return Arrays.copyOf(amount, size); }

    /** Collects purchases, interning customer ids. */
    public static final class Builder {
        private final String source;
        private final Map<String, Integer> index = new HashMap<>();
        private String[] ids = new String[1024];
        private int[] customer = new int[1024];
        private int[] day = new int[1024];
        private double[] amount = new double[1024];
        private int n;

        public Builder(String source) { this.source = source; }

        public void add(String id, long epochDay, double value) {
            if (n == customer.length) {
                int grown = n + (n >> 1);
                customer = Arrays.copyOf(customer, grown);
                day = Arrays.copyOf(day, grown);
                amount = Arrays.copyOf(amount, grown);
            }
            Integer k = index.get(id);
            if (k == null) {
                k = index.size();
                if (k == ids.length) ids = Arrays.copyOf(ids, k + (k >> 1));
                ids[k] = id;
                index.put(id, k);
            }
            customer[n] = k;
            day[n] = Math.toIntExact(epochDay);
            amount[n] = value;
            n++;
        }

        public TransactionLog build() {
            return new TransactionLog(source, Arrays.copyOf(ids, index.size()), customer, day, amount, n);
        }
    }
}
