package dev.valuekit.cltv;

import dev.valuekit.common.BadInputException;
import dev.valuekit.common.Suggestions;

import java.util.List;
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

    /** The label: what the command line takes and --help lists. */
    @Override public String toString() { return label(); }

    /**
     * The unit a feature table was made in, read from its window columns ({@code purchases_last_13w}
     * → week), or null when it has none or they disagree.
     */
    public static PeriodUnit fromWindowColumns(dev.valuekit.table.Schema s) {
        PeriodUnit found = null;
        for (int i = 0; i < s.size(); i++) {
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("purchases_last_[0-9.]+([dwm])").matcher(s.name(i));
            if (!m.matches()) continue;
            PeriodUnit u = switch (m.group(1)) { case "d" -> DAY; case "w" -> WEEK; default -> MONTH; };
            if (found != null && found != u) return null;
            found = u;
        }
        return found;
    }

    /** About a year in this unit (365 days, 52 weeks, 12 months): the default scoring horizon. */
    public double defaultHorizon() {
        return switch (this) { case DAY -> 365; case WEEK -> 52; case MONTH -> 12; };
    }

    public static PeriodUnit parse(String s) {
        for (PeriodUnit u : values()) if (u.label().equals(s.toLowerCase(Locale.ROOT))) return u;
        throw new BadInputException("unknown time unit '" + s + "'", Suggestions.fix(s, List.of("day", "week", "month"), "use day, week or month"));
    }
}
