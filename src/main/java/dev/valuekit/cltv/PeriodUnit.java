package dev.valuekit.cltv;

import dev.valuekit.common.BadInputException;

import java.util.Locale;

/**
 * The unit every CLTV time quantity (recency, T, windows, horizons) is measured in. Durations are
 * whole days between dates divided by the unit's length in days; a month is 365.25/12 days.
 * {@link #perMonth()} is how many units make one discounting month, as lifetimes counts them
 * (30 days, 4.345 weeks).
 */
public enum PeriodUnit {
    DAY(1.0, 30.0), WEEK(7.0, 4.345), MONTH(365.25 / 12, 1.0);

    private final double days;
    private final double perMonth;

    PeriodUnit(double days, double perMonth) {
        this.days = days;
        this.perMonth = perMonth;
    }

    public double days() { return days; }

    public double perMonth() { return perMonth; }

    /** A span of whole days in this unit. */
    public double of(long dayCount) { return dayCount / days; }

    public String label() { return name().toLowerCase(Locale.ROOT); }

    public static PeriodUnit parse(String s) {
        for (PeriodUnit u : values()) if (u.label().equals(s.toLowerCase(Locale.ROOT))) return u;
        throw new BadInputException("unknown time unit '" + s + "'", "use day, week or month");
    }
}
