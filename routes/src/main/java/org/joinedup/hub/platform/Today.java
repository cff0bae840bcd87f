package org.joinedup.hub.platform;

import java.time.Clock;
import java.time.LocalDate;

import jakarta.enterprise.context.ApplicationScoped;

import org.joinedup.model.FinancialYear;

/**
 * The date in the UK, by which money's days and financial years are counted (00:30 on 1 April in summer time is
 * already the new year). Everything that asks "which year is it" for money asks this, so that tests can stand the hub
 * on a day of their choosing: the last weeks of a financial year, then the first of the next.
 */
@ApplicationScoped
public class Today {

    private volatile Clock clock = Clock.system(FinancialYear.UK);

    public LocalDate date() {
        return LocalDate.now(clock);
    }

    public FinancialYear financialYear() {
        return FinancialYear.of(date());
    }

    /**
     * For tests: from now on the date is {@code day} (at noon, UK time), until {@link #unpin()}. Nothing in the hub
     * calls it.
     */
    public void pin(LocalDate day) {
        clock = Clock.fixed(day.atTime(12, 0).atZone(FinancialYear.UK).toInstant(), FinancialYear.UK);
    }

    /** The real date again. */
    public void unpin() {
        clock = Clock.system(FinancialYear.UK);
    }
}
