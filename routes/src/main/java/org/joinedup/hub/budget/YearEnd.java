package org.joinedup.hub.budget;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import org.joinedup.model.ContributionStatus;
import org.joinedup.model.ledger.FundingRule;

/**
 * Closes a financial year (April to March): every contribution whose period ended by 31 March with money still
 * available carries it into the same funder's contribution for the next year when the stream's rules allow
 * underspend to carry forward (and there is one), or gives it back to the funder. Run again, it changes nothing.
 */
@ApplicationScoped
public class YearEnd {

    @Inject
    PooledBudgetLedger ledger;

    @Inject
    FundingRules rules;

    /** What a year end did. */
    public record Closed(int financialYear, int contributions, long carriedForwardPence, long returnedPence) {
    }

    /**
     * @param financialYear the year starting in April of this calendar year (2026 = April 2026 to March 2027)
     * @param personId      only this person's contributions, or null for everyone's
     */
    @Transactional
    public Closed close(int financialYear, UUID personId, String by) {
        LocalDate end = LocalDate.of(financialYear + 1, 3, 31);
        List<Contribution> ended = personId == null
                ? Contribution.<Contribution>list("periodEnd <= ?1 and status <> ?2 order by id", end,
                        ContributionStatus.WITHDRAWN)
                : Contribution.<Contribution>list("person.id = ?1 and periodEnd <= ?2 and status <> ?3 order by id",
                        personId, end, ContributionStatus.WITHDRAWN);
        int touched = 0;
        long carried = 0;
        long returned = 0;
        for (Contribution c : ended) {
            long available = ledger.balances(c.id).available();
            if (available == 0) {
                continue;
            }
            Contribution next = rules.of(c.agency).map(FundingRule::carryForward).orElse(false)
                    ? Contribution.<Contribution>find("person = ?1 and fundingBody = ?2 and status = ?3"
                            + " and periodStart > ?4 order by periodStart", c.person, c.fundingBody,
                            ContributionStatus.ACTIVE, end.minusDays(1)).firstResult()
                    : null;
            var posted = ledger.carryForward(c.id, next == null ? null : next.id, financialYear + ":" + c.id,
                    new PooledBudgetLedger.Cause(by, "year end " + financialYear + "/" + (financialYear + 1) + ": "
                            + (next == null ? "unspent money back to " + c.fundingBody.code
                                    : "unspent money carried into " + next.sourceValue), null));
            if (posted.isPresent() && !posted.get().repeat()) {
                touched++;
                if (next == null) {
                    returned += available;
                } else {
                    carried += available;
                }
            }
        }
        return new Closed(financialYear, touched, carried, returned);
    }
}
