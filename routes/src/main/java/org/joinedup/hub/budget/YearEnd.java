package org.joinedup.hub.budget;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import io.quarkus.narayana.jta.QuarkusTransaction;

import org.joinedup.hub.alerts.AlertKind;
import org.joinedup.hub.alerts.PersonAlert;
import org.joinedup.hub.identity.SourceLink;
import org.joinedup.hub.plan.PlanLine;
import org.joinedup.model.ContributionStatus;
import org.joinedup.model.FinancialYear;
import org.joinedup.model.Pence;
import org.joinedup.model.ledger.FundingRule;
import org.joinedup.model.ledger.LedgerRefusal;

/**
 * Closes a financial year (April to March, UK time), once it has ended. For every contribution whose money was for
 * that year: what is left of each plan line's commitment for the year is released; then, when the contribution's
 * period has ended, everything still available is carried into the same funder's contribution for the next year
 * where the stream's rules let underspend carry forward (its amount goes up by it), or goes back to the funder; and
 * each line moves on to the next year's money (the same contribution when its period goes on, else the funder's
 * next one), its yearly cost committed there, or, when there is none or not enough, waits for re-planning with an
 * alert. Each line records what its year end did ({@code line_year_end}). Run again, it changes nothing.
 */
@ApplicationScoped
public class YearEnd {

    @Inject
    PooledBudgetLedger ledger;

    @Inject
    FundingRules rules;

    @Inject
    ContributionBook book;

    @Inject
    org.joinedup.hub.platform.Today today;

    /** What a year end did. */
    public record Closed(int financialYear, int contributions, long carriedForwardPence, long returnedPence,
            int linesRenewed, int linesToReplan) {
    }

    /** What closing one contribution did. */
    private record Settled(boolean touched, long carried, long returned, int renewed, int replan) {
    }

    /**
     * Each contribution is closed in its own transaction (holding only its own locks, briefly, so payments go on);
     * a year end stopped half way is finished by running it again. Refused before the year has ended.
     *
     * @param financialYear the year starting in April of this calendar year (2026 = April 2026 to March 2027)
     * @param personId      only this person's contributions, or null for everyone's
     */
    public Closed close(int financialYear, UUID personId, String by) {
        FinancialYear year = new FinancialYear(financialYear);
        if (year.compareTo(today.financialYear()) >= 0) {
            throw new LedgerRefusal("financial year " + year + " ends on " + year.end() + ": its year end can run from "
                    + year.next().start() + " (UK time)");
        }
        List<UUID> closing = QuarkusTransaction.requiringNew().call(() -> Contribution.getEntityManager()
                .createNativeQuery("select c.id from contribution c where (cast(?2 as uuid) is null or c.person_id = ?2)"
                        + " and ((c.period_end <= ?1 and c.status <> 'WITHDRAWN') or exists (select 1 from plan_line l"
                        + " join support_plan p on p.id = l.plan_id where l.contribution_id = c.id and l.status ="
                        + " 'APPROVED' and l.money_year = ?3 and p.superseded_by is null)) order by c.id", UUID.class)
                .setParameter(1, year.end()).setParameter(2, personId).setParameter(3, financialYear)
                .getResultList().stream().map(UUID.class::cast).toList());
        int touched = 0;
        long carried = 0;
        long returned = 0;
        int renewed = 0;
        int replan = 0;
        for (UUID id : closing) {
            Settled settled = QuarkusTransaction.requiringNew().call(() -> closeOne(id, year, by));
            touched += settled.touched() ? 1 : 0;
            carried += settled.carried();
            returned += settled.returned();
            renewed += settled.renewed();
            replan += settled.replan();
        }
        return new Closed(financialYear, touched, carried, returned, renewed, replan);
    }

    private Settled closeOne(UUID id, FinancialYear year, String by) {
        var em = Contribution.getEntityManager();
        // plan lines before their money, as every path locks them
        em.createNativeQuery("select id from plan_line where contribution_id = ?1 order by id for update")
                .setParameter(1, id).getResultList();
        Contribution c = em.find(Contribution.class, id);
        boolean ended = !c.periodEnd.isAfter(year.end()) || c.status == ContributionStatus.ENDED;
        Contribution next = ended ? nextYears(c, year) : c;
        em.createNativeQuery("select id from contribution where id in (?1, ?2) order by id for update")
                .setParameter(1, c.id).setParameter(2, next == null ? c.id : next.id).getResultList();
        em.refresh(c);
        String yearEnd = "year end " + year + ": ";
        List<PlanLine> lines = PlanLine.<PlanLine>list("contribution = ?1 and status = ?2 and moneyYear = ?3 and"
                + " plan.supersededBy is null order by id", c, PlanLine.Status.APPROVED, year.startYear());
        long[] left = new long[lines.size()];
        for (int i = 0; i < lines.size(); i++) {
            PlanLine line = lines.get(i);
            left[i] = line.annualPence - line.paidPence();
            if (left[i] > 0) {
                ledger.release(c.id, left[i], line.category, false, "year-end:" + year.startYear() + ":" + line.id,
                        new PooledBudgetLedger.Cause(by, yearEnd + "what is left of plan line " + line.lineNumber
                                + " (" + line.description + ") for " + year + " released", null).on(year.end()));
            }
        }
        boolean carries = ended && next != null
                && rules.of(c.agency).map(FundingRule::carryForward).orElse(false);
        long moved = ended ? moveAvailable(c, carries ? next : null, year, by) : 0;
        if (carries && moved > 0) {
            book.carriedIn(next, moved, by);
        }
        String outcome = !ended ? "KEPT" : carries ? "CARRIED" : "RELEASED";
        int renewed = 0;
        int replan = 0;
        for (int i = 0; i < lines.size(); i++) {
            if (renew(lines.get(i), c, ended ? next : c, year, outcome, Math.max(left[i], 0), by)) {
                renewed++;
            } else {
                replan++;
            }
        }
        return new Settled(moved > 0 || !lines.isEmpty(), carries ? moved : 0, carries ? 0 : moved, renewed, replan);
    }

    /**
     * What is available moves into {@code into} (or back to the funder when null); the pence moved, read from the
     * posting's entries (what was available once the contribution was locked).
     */
    private long moveAvailable(Contribution c, Contribution into, FinancialYear year, String by) {
        var posted = ledger.carryForward(c.id, into == null ? null : into.id, year.startYear() + ":" + c.id,
                new PooledBudgetLedger.Cause(by, "year end " + year + ": " + (into == null ? "unspent money back to "
                        + c.fundingBody.code : "unspent money carried into " + into.sourceValue), null).on(year.end()));
        if (posted.isEmpty() || posted.get().repeat()) {
            return 0;
        }
        return -Pence.exactly((Number) Contribution.getEntityManager().createNativeQuery("select coalesce(sum(pence),"
                + " 0) from ledger_entry where posting_id = ?1 and contribution_id = ?2 and account = 'AVAILABLE'")
                .setParameter(1, posted.get().postingId()).setParameter(2, c.id).getSingleResult());
    }

    /**
     * The same funder's money for this person from the next year on: an active contribution whose period goes on
     * past the year's end, the earliest first.
     */
    private static Contribution nextYears(Contribution c, FinancialYear year) {
        return Contribution.<Contribution>find("person = ?1 and fundingBody = ?2 and status = ?3 and id <> ?4 and"
                + " periodEnd > ?5 and periodStart <= ?6 order by periodStart, id", c.person, c.fundingBody,
                ContributionStatus.ACTIVE, c.id, year.end(), year.next().end()).firstResult();
    }

    /**
     * The line moves on to the next year's money, its yearly cost committed there; or waits for re-planning (with an
     * alert) when there is none or not enough. Either way its year end is recorded.
     */
    private boolean renew(PlanLine line, Contribution from, Contribution into, FinancialYear year, String outcome,
            long left, String by) {
        FinancialYear nextYear = year.next();
        long nextCost = line.annualPenceIn(nextYear); // a line paid on a named day: that day's weeks next year
        boolean enough = into != null && ledger.balances(into.id).available() >= nextCost;
        if (enough) {
            line.annualPence = nextCost;
            ledger.commit(into.id, nextCost, line.category, "year-end:" + nextYear.startYear() + ":" + line.id,
                    new PooledBudgetLedger.Cause(by, "year end " + year + ": plan line " + line.lineNumber + " ("
                            + line.description + ") committed for " + nextYear, null).on(nextYear.start()));
            line.contribution = into;
            line.moneyYear = nextYear.startYear();
            line.fundingExplanation = line.fundingExplanation + "; from " + nextYear.start() + " paid by "
                    + into.fundingBody.code + " " + into.sourceValue + " (" + nextYear + ")";
        } else {
            line.status = PlanLine.Status.REPLAN;
            PersonAlert.raise(new SourceLink(line.plan.person, from.sourceRecordId), from.agency,
                    AlertKind.REPLAN_NEEDED, line.id.toString(), "year end " + year + ": plan line " + line.lineNumber
                            + " (" + line.description + ") has no " + nextYear + " money from " + from.fundingBody.code
                            + (into == null ? "" : " (" + new Pence(ledger.balances(into.id).available())
                                    + " available, " + new Pence(nextCost) + " needed)")
                            + ": the plan must be looked at again", null);
        }
        Contribution.getEntityManager().createNativeQuery("insert into line_year_end (line_id, financial_year, outcome,"
                + " left_pence, from_contribution_id, into_contribution_id, settled_by, settled_at) values (?1, ?2, ?3,"
                + " ?4, ?5, cast(?6 as uuid), ?7, ?8) on conflict do nothing").setParameter(1, line.id)
                .setParameter(2, year.startYear()).setParameter(3, outcome).setParameter(4, left)
                .setParameter(5, from.id).setParameter(6, enough ? into.id : null).setParameter(7, by)
                .setParameter(8, Instant.now()).executeUpdate();
        return enough;
    }
}
