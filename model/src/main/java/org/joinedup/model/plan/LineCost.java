package org.joinedup.model.plan;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * What a plan line costs a year, in whole pence. Hourly: pence an hour x hours a week (held exactly, to the hundredth
 * of an hour: 37.5 hours is 37.5) x 52 weeks, rounded once to the nearest penny (half up). Weekly: pence a week x
 * how many a week (0 or 1: once) x 52. One-off: pence x how many (1 or more). A weekly or hourly line paid on a named
 * day counts that day's weeks in its financial year instead of 52: a year of 365 days holds 53 of one weekday (of two
 * in a leap year), and a line paid every Wednesday of 2026/27 is paid 53 times. Units that a kind cannot honour (a
 * fraction of a one-off, more than two decimal places, more hours than a week has) make {@link #problem()} say so;
 * they are never quietly changed.
 *
 * @param weeks the weeks a weekly or hourly line is paid for in the year (52, or {@link #paymentDays})
 */
public record LineCost(Kind kind, long unitPence, BigDecimal units, int weeks) {

    public enum Kind {
        HOURLY,
        WEEKLY,
        ONE_OFF
    }

    /** The weeks of a year as plans count them when no payment day is named. */
    public static final int WEEKS = 52;

    private static final BigDecimal HOURS_IN_A_WEEK = BigDecimal.valueOf(168);

    public LineCost(Kind kind, long unitPence, int units) {
        this(kind, unitPence, BigDecimal.valueOf(units), WEEKS);
    }

    public LineCost(Kind kind, long unitPence, BigDecimal units) {
        this(kind, unitPence, units, WEEKS);
    }

    /** How many times {@code day} falls in the financial year: 52 or 53. */
    public static int paymentDays(org.joinedup.model.FinancialYear year, java.time.DayOfWeek day) {
        java.time.LocalDate first = year.start().with(java.time.temporal.TemporalAdjusters.nextOrSame(day));
        return (int) (java.time.temporal.ChronoUnit.DAYS.between(first, year.end()) / 7) + 1;
    }

    /** Why these units cannot be costed for this kind, or null when they can. */
    public String problem() {
        BigDecimal n = units == null ? BigDecimal.ZERO : units;
        if (n.signum() < 0 || n.stripTrailingZeros().scale() > 2) {
            return "give a number of 0 or more, to at most two decimal places";
        }
        boolean whole = n.stripTrailingZeros().scale() <= 0;
        return switch (kind) {
            case HOURLY -> n.signum() == 0 || n.compareTo(HOURS_IN_A_WEEK) > 0
                    ? "give the hours a week, more than 0 and at most 168 (37.5 for thirty-seven and a half)" : null;
            case WEEKLY -> !whole ? "give how many a week, a whole number (0 or 1 for once a week)" : null;
            case ONE_OFF -> !whole || n.signum() == 0 ? "give how many, a whole number of 1 or more" : null;
        };
    }

    /** The yearly cost; {@link #problem()} must be null. */
    public long annualPence() {
        if (problem() != null) {
            throw new IllegalArgumentException(problem());
        }
        BigDecimal pence = BigDecimal.valueOf(unitPence);
        BigDecimal yearly = switch (kind) {
            case HOURLY -> pence.multiply(units).multiply(BigDecimal.valueOf(weeks));
            case WEEKLY -> pence.multiply(units.signum() == 0 ? BigDecimal.ONE : units).multiply(BigDecimal.valueOf(weeks));
            case ONE_OFF -> pence.multiply(units);
        };
        return yearly.setScale(0, RoundingMode.HALF_UP).longValueExact();
    }

    /** "£18.50 an hour x 37.5 hours a week x 52 weeks = £36075.00", as a plan shows it. */
    public String explain() {
        org.joinedup.model.Pence unit = new org.joinedup.model.Pence(unitPence);
        String n = units.stripTrailingZeros().toPlainString();
        return switch (kind) {
            case HOURLY -> unit + " an hour x " + n + " hours a week x " + weeks + " weeks";
            case WEEKLY -> unit + " a week" + (units.compareTo(BigDecimal.ONE) > 0 ? " x " + n + " a week" : "")
                    + " x " + weeks + " weeks";
            case ONE_OFF -> unit + (units.compareTo(BigDecimal.ONE) > 0 ? " x " + n : "") + " once";
        } + " = " + new org.joinedup.model.Pence(annualPence());
    }
}
