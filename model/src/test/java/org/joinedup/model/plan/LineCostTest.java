package org.joinedup.model.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.math.BigDecimal;

import org.junit.jupiter.api.Test;

class LineCostTest {

    @Test
    void fractionalHoursAreCostedExactlyAndRoundedOnceToThePenny() {
        // £14.00 x 37.5 hours x 52 weeks = £27,300.00 exactly
        assertEquals(2_730_000, new LineCost(LineCost.Kind.HOURLY, 1_400, new BigDecimal("37.5")).annualPence());
        // £14.01 x 37.01 hours = £518.5101 a week, x 52 = £26,962.5252: one rounding, at the end
        assertEquals(2_696_253, new LineCost(LineCost.Kind.HOURLY, 1_401, new BigDecimal("37.01")).annualPence());
        assertEquals("£14.00 an hour x 37.5 hours a week x 52 weeks = £27300.00",
                new LineCost(LineCost.Kind.HOURLY, 1_400, new BigDecimal("37.50")).explain());
    }

    @Test
    void aLinePaidOnANamedDayCountsThatDaysWeeksInTheYear() {
        // 2026/27 runs Wednesday 1 April 2026 to Wednesday 31 March 2027: 53 Wednesdays, 52 of every other day
        org.joinedup.model.FinancialYear year = new org.joinedup.model.FinancialYear(2026);
        assertEquals(53, LineCost.paymentDays(year, java.time.DayOfWeek.WEDNESDAY));
        assertEquals(52, LineCost.paymentDays(year, java.time.DayOfWeek.THURSDAY));
        assertEquals(52, LineCost.paymentDays(year, java.time.DayOfWeek.TUESDAY));
        // 2027/28 holds 29 February 2028: 366 days from a Thursday, so 53 Thursdays and 53 Fridays
        org.joinedup.model.FinancialYear leap = year.next();
        assertEquals(53, LineCost.paymentDays(leap, java.time.DayOfWeek.THURSDAY));
        assertEquals(53, LineCost.paymentDays(leap, java.time.DayOfWeek.FRIDAY));
        assertEquals(52, LineCost.paymentDays(leap, java.time.DayOfWeek.SATURDAY));

        LineCost wednesdays = new LineCost(LineCost.Kind.WEEKLY, 3_000, new BigDecimal(1), 53);
        assertEquals(159_000, wednesdays.annualPence());
        assertEquals("£30.00 a week x 53 weeks = £1590.00", wednesdays.explain());
        assertEquals(1_192_500, new LineCost(LineCost.Kind.HOURLY, 600, new BigDecimal("37.5"), 53).annualPence(),
                "£6.00 x 37.5 hours x 53 weeks");
    }

    @Test
    void unitsAreHonouredOnEveryKindOrRefusedNeverChanged() {
        assertEquals(3 * 3_000 * 52, new LineCost(LineCost.Kind.WEEKLY, 3_000, 3).annualPence(), "three a week");
        assertEquals(3_000 * 52, new LineCost(LineCost.Kind.WEEKLY, 3_000, 0).annualPence(), "once a week");
        assertEquals("£30.00 a week x 3 a week x 52 weeks = £4680.00",
                new LineCost(LineCost.Kind.WEEKLY, 3_000, 3).explain());
        assertEquals("give how many, a whole number of 1 or more",
                new LineCost(LineCost.Kind.ONE_OFF, 25_000, 0).problem(), "no longer read as one");
        assertEquals("give how many, a whole number of 1 or more",
                new LineCost(LineCost.Kind.ONE_OFF, 25_000, new BigDecimal("1.5")).problem());
        assertEquals("give how many a week, a whole number (0 or 1 for once a week)",
                new LineCost(LineCost.Kind.WEEKLY, 3_000, new BigDecimal("0.5")).problem());
        assertEquals("give a number of 0 or more, to at most two decimal places",
                new LineCost(LineCost.Kind.HOURLY, 1_400, new BigDecimal("37.125")).problem());
        assertEquals("give the hours a week, more than 0 and at most 168 (37.5 for thirty-seven and a half)",
                new LineCost(LineCost.Kind.HOURLY, 1_400, 169).problem());
        assertNull(new LineCost(LineCost.Kind.ONE_OFF, 25_000, 2).problem());
    }
}
