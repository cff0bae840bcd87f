package org.joinedup.model.plan;

/**
 * What a plan line costs a year, in whole pence: hourly (pence an hour x hours a week x 52), weekly (pence a week x
 * 52) or one-off (pence x quantity).
 */
public record LineCost(Kind kind, long unitPence, int units) {

    public enum Kind {
        HOURLY,
        WEEKLY,
        ONE_OFF
    }

    public long annualPence() {
        return switch (kind) {
            case HOURLY -> Math.multiplyExact(Math.multiplyExact(unitPence, (long) units), 52L);
            case WEEKLY -> Math.multiplyExact(unitPence, 52L);
            case ONE_OFF -> Math.multiplyExact(unitPence, (long) Math.max(units, 1));
        };
    }

    /** "£18.50 an hour x 10 hours a week x 52 weeks", as a plan shows it. */
    public String explain() {
        org.joinedup.model.Pence unit = new org.joinedup.model.Pence(unitPence);
        return switch (kind) {
            case HOURLY -> unit + " an hour x " + units + " hours a week x 52 weeks";
            case WEEKLY -> unit + " a week x 52 weeks";
            case ONE_OFF -> unit + (units > 1 ? " x " + units : "") + " once";
        } + " = " + new org.joinedup.model.Pence(annualPence());
    }
}
