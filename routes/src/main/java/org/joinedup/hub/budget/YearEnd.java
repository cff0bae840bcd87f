package org.joinedup.hub.budget;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import io.quarkus.narayana.jta.QuarkusTransaction;

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
     * Each contribution is closed in its own transaction (holding only its own locks, briefly, so payments go on);
     * a year end stopped half way is finished by running it again.
     *
     * @param financialYear the year starting in April of this calendar year (2026 = April 2026 to March 2027)
     * @param personId      only this person's contributions, or null for everyone's
     */
    public Closed close(int financialYear, UUID personId, String by) {
        LocalDate end = LocalDate.of(financialYear + 1, 3, 31);
        List<UUID> ended = QuarkusTransaction.requiringNew().call(() -> (personId == null
                ? Contribution.<Contribution>list("periodEnd <= ?1 and status <> ?2 order by id", end,
                        ContributionStatus.WITHDRAWN)
                : Contribution.<Contribution>list("person.id = ?1 and periodEnd <= ?2 and status <> ?3 order by id",
                        personId, end, ContributionStatus.WITHDRAWN)).stream().map(c -> c.id).toList());
        int touched = 0;
        long carried = 0;
        long returned = 0;
        for (UUID id : ended) {
            long[] moved = QuarkusTransaction.requiringNew().call(() -> closeOne(id, financialYear, end, by));
            if (moved[0] + moved[1] > 0) {
                touched++;
                carried += moved[0];
                returned += moved[1];
            }
        }
        return new Closed(financialYear, touched, carried, returned);
    }

    /** One contribution's year end: pence carried forward and pence given back (both 0 when nothing moved). */
    private long[] closeOne(UUID id, int financialYear, LocalDate end, String by) {
        Contribution c = Contribution.findById(id);
        long available = ledger.balances(c.id).available();
        if (available == 0) {
            return new long[2];
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
        if (posted.isEmpty() || posted.get().repeat()) {
            return new long[2];
        }
        // what moved is what was available once the contribution was locked: the posting's entries say
        long moved = -org.joinedup.model.Pence.exactly((Number) Contribution.getEntityManager().createNativeQuery(
                "select coalesce(sum(pence), 0) from ledger_entry where posting_id = ?1 and contribution_id = ?2"
                + " and account = 'AVAILABLE'").setParameter(1, posted.get().postingId()).setParameter(2, c.id)
                .getSingleResult());
        return next == null ? new long[] { 0, moved } : new long[] { moved, 0 };
    }
}
