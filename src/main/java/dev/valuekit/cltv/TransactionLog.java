package dev.valuekit.cltv;

/**
 * Purchases held column-wise: customer, epoch day, amount. {@code size} entries count; the arrays
 * may be longer.
 */
public record TransactionLog(String source, String[] customer, long[] day, double[] amount, int size) {}
