package org.joinedup.model;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;

/**
 * An English public-sector financial year, 1 April to 31 March, reckoned in UK time; named by the calendar year it
 * starts in (2026 is April 2026 to March 2027, written 2026/27).
 */
public record FinancialYear(int startYear) implements Comparable<FinancialYear> {

    /** Where the financial year's days are counted: 00:30 on 1 April in summer time is already the new year. */
    public static final ZoneId UK = ZoneId.of("Europe/London");

    /** The financial year a day falls in. */
    public static FinancialYear of(LocalDate day) {
        return new FinancialYear(day.getMonthValue() >= 4 ? day.getYear() : day.getYear() - 1);
    }

    /** The financial year an instant falls in, by the date in the UK at that instant. */
    public static FinancialYear of(Instant instant) {
        return of(LocalDate.ofInstant(instant, UK));
    }

    /** 1 April. */
    public LocalDate start() {
        return LocalDate.of(startYear, 4, 1);
    }

    /** 31 March of the next calendar year. */
    public LocalDate end() {
        return LocalDate.of(startYear + 1, 3, 31);
    }

    public boolean contains(LocalDate day) {
        return !day.isBefore(start()) && !day.isAfter(end());
    }

    public FinancialYear next() {
        return new FinancialYear(startYear + 1);
    }

    public FinancialYear previous() {
        return new FinancialYear(startYear - 1);
    }

    /** This year, or {@code earliest} or {@code latest} when it falls outside them. */
    public FinancialYear within(FinancialYear earliest, FinancialYear latest) {
        return compareTo(earliest) < 0 ? earliest : compareTo(latest) > 0 ? latest : this;
    }

    @Override
    public int compareTo(FinancialYear other) {
        return Integer.compare(startYear, other.startYear);
    }

    /** As written in public accounts: 2026/27. */
    @Override
    public String toString() {
        return startYear + "/" + String.format("%02d", (startYear + 1) % 100);
    }
}
