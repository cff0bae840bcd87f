package org.joinedup.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.LocalDate;

import org.junit.jupiter.api.Test;

class FinancialYearTest {

    @Test
    void aYearRunsFromTheFirstOfAprilToTheThirtyFirstOfMarch() {
        FinancialYear year = FinancialYear.of(LocalDate.of(2026, 4, 1));
        assertEquals("2026/27", year.toString());
        assertEquals(LocalDate.of(2027, 3, 31), year.end());
        assertEquals(year, FinancialYear.of(LocalDate.of(2027, 3, 31)));
        assertEquals("2025/26", FinancialYear.of(LocalDate.of(2026, 3, 31)).toString());
        assertTrue(year.contains(LocalDate.of(2026, 12, 25)));
        assertFalse(year.contains(LocalDate.of(2027, 4, 1)));
        assertEquals("1999/00", new FinancialYear(1999).toString());
    }

    @Test
    void anInstantCountsByTheDateInTheUk() {
        // 23:30 UTC on 31 March 2026 is 00:30 on 1 April in British Summer Time: the new year
        assertEquals(new FinancialYear(2026), FinancialYear.of(Instant.parse("2026-03-31T23:30:00Z")));
        assertEquals(new FinancialYear(2025), FinancialYear.of(Instant.parse("2026-03-31T22:30:00Z")));
    }

    @Test
    void withinKeepsAYearBetweenTwoOthers() {
        FinancialYear y2025 = new FinancialYear(2025);
        FinancialYear y2027 = new FinancialYear(2027);
        assertEquals(y2025, new FinancialYear(2020).within(y2025, y2027));
        assertEquals(new FinancialYear(2026), new FinancialYear(2026).within(y2025, y2027));
        assertEquals(y2027, new FinancialYear(2030).within(y2025, y2027));
    }
}
