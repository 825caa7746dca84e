package dev.valuekit.cltv;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

/**
 * Dates in transaction logs: ISO-8601 ({@code 1997-01-18}, also with a time part, of which only the
 * date counts) or compact {@code yyyymmdd} (text or an integer column). Purchases are placed on days.
 */
public final class PurchaseDates {
    private PurchaseDates() {}

    /** The epoch day of the text, or throws DateTimeParseException. */
    public static long parse(String text) {
        String s = text.trim();
        if (s.length() == 8 && s.chars().allMatch(Character::isDigit)) return compact(Long.parseLong(s));
        if (s.length() == 10) return LocalDate.parse(s).toEpochDay();
        try {
            return LocalDateTime.parse(s).toLocalDate().toEpochDay();
        } catch (DateTimeParseException e) {
            return OffsetDateTime.parse(s).toLocalDate().toEpochDay();
        }
    }

    /** yyyymmdd as an integer (as CSV readers infer it). */
    public static long compact(long yyyymmdd) {
        int y = (int) (yyyymmdd / 10000), m = (int) (yyyymmdd / 100 % 100), d = (int) (yyyymmdd % 100);
        try {
            return LocalDate.of(y, m, d).toEpochDay();
        } catch (java.time.DateTimeException e) {
            throw new DateTimeParseException("not a yyyymmdd date", Long.toString(yyyymmdd), 0);
        }
    }

    /** A date option value; the message names the option. */
    public static LocalDate option(String text, String option) {
        try {
            return LocalDate.ofEpochDay(parse(text));
        } catch (DateTimeParseException | NumberFormatException e) {
            throw new dev.valuekit.common.BadInputException("cannot read " + option + " '" + text + "' as a date",
                    "write it as YYYY-MM-DD or YYYYMMDD");
        }
    }
}
