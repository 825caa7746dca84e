package dev.valuekit.cltv;

import dev.valuekit.common.BadInputException;

import java.time.LocalDate;

/**
 * What {@link RfmFeatures} computes: calibration period up to and including {@code calibrationEnd},
 * label window (calibrationEnd, holdoutEnd], every duration in {@code unit}, and recent-activity
 * windows (in units) ending at calibrationEnd; null windows mean {@link #defaultWindows} of the unit.
 */
public record FeatureOptions(LocalDate calibrationEnd, LocalDate holdoutEnd, PeriodUnit unit, double[] windows) {

    public FeatureOptions {
        if (windows == null) windows = defaultWindows(unit);
        if (!holdoutEnd.isAfter(calibrationEnd)) {
            throw new BadInputException("--holdout-end " + holdoutEnd + " is not after --calibration-end " + calibrationEnd,
                    "the label window (calibration end, holdout end] must come after the calibration period");
        }
        for (double w : windows) {
            if (!(w > 0)) throw new BadInputException("window " + w + " is not positive", "give windows as positive numbers of " + unit.label() + "s");
        }
    }

    /** Recent-activity windows when none are given: about one, three and six months. */
    public static double[] defaultWindows(PeriodUnit unit) {
        return switch (unit) {
            case DAY -> new double[]{30, 90, 180};
            case WEEK -> new double[]{4, 13, 26};
            case MONTH -> new double[]{1, 3, 6};
        };
    }
}
