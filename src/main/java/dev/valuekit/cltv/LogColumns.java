package dev.valuekit.cltv;

/** Which table columns hold the customer, the purchase date and the amount. */
public record LogColumns(String customer, String date, String amount) {
    public static LogColumns defaults() { return new LogColumns("customer_id", "date", "amount"); }
}
