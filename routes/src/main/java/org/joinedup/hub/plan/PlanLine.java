package org.joinedup.hub.plan;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

import org.joinedup.hub.budget.Contribution;
import org.joinedup.model.plan.LineCost;

/** One thing a plan buys: what, from whom, its yearly cost, the contribution paying, and its funder's decision. */
@Entity
@Table(name = "plan_line")
public class PlanLine extends PanacheEntityBase {

    public enum Status {
        PROPOSED,
        APPROVED,
        REFUSED,
        /** its money was withdrawn and no other contribution could take it over */
        REPLAN
    }

    /** What a revision did to the line: NEW, CHANGED (needs deciding again) or UNCHANGED (keeps its approval). */
    public enum Change {
        NEW,
        CHANGED,
        UNCHANGED,
        /** Only its provider changed: it keeps its money and approval. */
        PROVIDER_SWITCHED
    }

    @Id
    public UUID id;

    @ManyToOne(optional = false)
    @JoinColumn(name = "plan_id")
    public SupportPlan plan;

    @Column(name = "line_number")
    public int lineNumber;

    public String category;

    public String description;

    public String payee;

    @Enumerated(EnumType.STRING)
    @Column(name = "cost_kind")
    public LineCost.Kind costKind;

    @Column(name = "unit_pence")
    public long unitPence;

    /** Hours a week (to the hundredth), how many a week, or how many: exactly as drafted. */
    public java.math.BigDecimal units;

    @Column(name = "annual_pence")
    public long annualPence;

    /** DIRECT_PAYMENT, COUNCIL_MANAGED, INDIVIDUAL_SERVICE_FUND or MIXED. */
    public String management;

    @ManyToOne(optional = false)
    @JoinColumn(name = "contribution_id")
    public Contribution contribution;

    @Column(name = "funding_explanation")
    public String fundingExplanation;

    @Enumerated(EnumType.STRING)
    public Status status;

    /** The payee is a connected person (family in the household). */
    @Column(name = "connected_person")
    public boolean connectedPerson;

    /** The exception the money's rules require for paying a connected person has been agreed. */
    @Column(name = "exception_agreed")
    public boolean exceptionAgreed;

    @Column(name = "decided_by")
    public String decidedBy;

    @Column(name = "decided_at")
    public Instant decidedAt;

    @Column(name = "decision_reason")
    public String decisionReason;

    /** The line of the previous version this one replaces (unchanged or changed); null for a new line. */
    @ManyToOne
    @JoinColumn(name = "previous_line_id")
    public PlanLine previousLine;

    @Enumerated(EnumType.STRING)
    public Change change = Change.NEW;

    /** The financial year this line's money is for (its commitment); year end moves it on to the next. */
    @Column(name = "money_year")
    public int moneyYear;

    /** The day a weekly or hourly line is paid, when the plan names one: its yearly cost counts that day's weeks. */
    @jakarta.persistence.Enumerated(jakarta.persistence.EnumType.STRING)
    @Column(name = "pay_day")
    public java.time.DayOfWeek payDay;

    /** The weeks a line paid on {@code day} is paid for in the year: that day's count (52 or 53), or 52. */
    public static int weeks(java.time.DayOfWeek day, org.joinedup.model.FinancialYear year) {
        return day == null ? LineCost.WEEKS : LineCost.paymentDays(year, day);
    }

    /** The yearly cost of this line in {@code year} (a line paid on a named day may cost more in a 53-week year). */
    public long annualPenceIn(org.joinedup.model.FinancialYear year) {
        return new LineCost(costKind, unitPence, units, weeks(payDay, year)).annualPence();
    }

    public org.joinedup.model.FinancialYear moneyYear() {
        return new org.joinedup.model.FinancialYear(moneyYear);
    }

    /**
     * Paid in the line's money year against this line and the lines it replaced, less refunds: a revision does not
     * reset what the year has spent, and a new year starts from nothing.
     */
    public long paidPence() {
        return paidIn(moneyYear);
    }

    /** Paid in {@code year} against this line and the lines it replaced, less refunds. */
    long paidIn(org.joinedup.model.FinancialYear year) {
        return paidIn(year.startYear());
    }

    private long paidIn(int year) {
        Number own = (Number) getEntityManager().createNativeQuery("select coalesce(sum(amount_pence), 0) from"
                + " plan_payment where line_id = ?1 and money_year = ?2").setParameter(1, id).setParameter(2, year)
                .getSingleResult();
        return org.joinedup.model.Pence.exactly(own) + (previousLine == null ? 0 : previousLine.paidIn(year));
    }

    /**
     * Why this line may not pay {@code pence} on {@code paidOn}, having paid {@code paidThisYear} in its money year, or
     * null when it may: the plan is current, the line approved, the day within its money's financial year and its
     * contribution's period, and the year's total within the yearly cost. Every payment path asks this.
     */
    String paymentRefusal(java.time.LocalDate paidOn, long pence, long paidThisYear) {
        if (plan.supersededBy != null) {
            return "plan version " + plan.version + " was replaced by version " + plan.supersededBy.version + " ("
                    + plan.supersededBy.id + "): use the current plan";
        }
        if (plan.person.mergedInto != null) {
            return "this plan's person was merged into " + plan.person.mergedInto + ": pay the survivor's plan";
        }
        if (status != Status.APPROVED) {
            return "line " + lineNumber + " is " + status.name().toLowerCase() + ": only an approved line can be paid";
        }
        org.joinedup.model.FinancialYear year = org.joinedup.model.FinancialYear.of(paidOn);
        if (year.compareTo(moneyYear()) > 0) {
            return "line " + lineNumber + " is paid from " + moneyYear() + " money until year end moves it on to "
                    + year + "'s: a payment dated " + paidOn + " waits for the year end of " + moneyYear();
        }
        if (year.compareTo(moneyYear()) < 0) {
            return "line " + lineNumber + "'s " + year + " money was settled at year end: a payment dated " + paidOn
                    + " is not paid from " + moneyYear() + " money";
        }
        if (paidOn.isBefore(contribution.periodStart) || paidOn.isAfter(contribution.periodEnd)
                || contribution.status != org.joinedup.model.ContributionStatus.ACTIVE) {
            return contribution.fundingBody.code + " contribution " + contribution.sourceValue + " pays from "
                    + contribution.periodStart + " to " + contribution.periodEnd + " while active (it is "
                    + contribution.status.name().toLowerCase() + "), not on " + paidOn;
        }
        if (paidThisYear + pence > annualPence) {
            return new org.joinedup.model.Pence(pence) + " would take line " + lineNumber + " past its "
                    + new org.joinedup.model.Pence(annualPence) + " a year (" + new org.joinedup.model.Pence(
                            paidThisYear) + " paid already in " + moneyYear() + ")";
        }
        return null;
    }

    /**
     * What a year end did to a line: what was left of its commitment for the year ({@code leftPence}) was RELEASED to
     * the funder, CARRIED with the unspent money into the next year's contribution, or KEPT in a contribution whose
     * period goes on; {@code intoContributionId} pays the line from the next year (null: none, the line waits for
     * re-planning).
     */
    public record YearEnd(String financialYear, String outcome, long leftPence, String fromContributionId,
            String intoContributionId) {
    }

    /** The year ends of this line and of the lines it replaces, the latest first. */
    public List<YearEnd> yearEnds() {
        List<YearEnd> all = new java.util.ArrayList<>();
        for (PlanLine line = this; line != null; line = line.previousLine) {
            for (Object row : getEntityManager().createNativeQuery("select financial_year, outcome, left_pence,"
                    + " cast(from_contribution_id as varchar), cast(into_contribution_id as varchar) from line_year_end"
                    + " where line_id = ?1").setParameter(1, line.id).getResultList()) {
                Object[] r = (Object[]) row;
                all.add(new YearEnd(new org.joinedup.model.FinancialYear(((Number) r[0]).intValue()).toString(),
                        (String) r[1], ((Number) r[2]).longValue(), (String) r[3], (String) r[4]));
            }
        }
        all.sort(java.util.Comparator.comparing(YearEnd::financialYear).reversed());
        return all;
    }

    /** The payment with this reference on this line or a line it replaced, if any. */
    public PlanPayment payment(String reference) {
        return earlier("PAYMENT", reference);
    }

    /** The payment or refund ({@code kind}) with this reference on this line or a line it replaced, if any. */
    public PlanPayment earlier(String kind, String reference) {
        PlanPayment own = PlanPayment.<PlanPayment>find("line = ?1 and kind = ?2 and reference = ?3", this, kind,
                reference).firstResult();
        return own != null || previousLine == null ? own : previousLine.earlier(kind, reference);
    }

    /** Whether a revision may carry this line over with its approval: same thing, same cost, same money. */
    boolean sameAs(PlanBook.DraftLine draft) {
        return category.equalsIgnoreCase(draft.category()) && description.equals(draft.description())
                && payee.equals(draft.payee()) && costKind == draft.costKind() && unitPence == draft.unitPence()
                && units.compareTo(draft.cost().units()) == 0 && management.equals(draft.management())
                && payDay == draft.payDay()
                && connectedPerson == draft.connectedPerson()
                && (draft.contributionId() == null || draft.contributionId().equals(contribution.id));
    }

    /**
     * Whether the draft is this line with only its provider changed, so it may keep its money and approval: not when
     * either is a connected person (paying a family member is the funder's own decision each time).
     */
    boolean onlyProviderChanged(PlanBook.DraftLine draft) {
        PlanBook.DraftLine samePayee = new PlanBook.DraftLine(draft.category(), draft.description(), payee,
                draft.costKind(), draft.unitPence(), draft.units(), draft.management(), draft.contributionId(),
                draft.connectedPerson(), draft.exceptionAgreed(), draft.replaces(), draft.payDay());
        return !payee.equals(draft.payee()) && sameAs(samePayee) && !connectedPerson && !draft.connectedPerson();
    }

    /** Whether a revision's line is this line again (changed or not): same category, description and payee. */
    boolean replacedBy(PlanBook.DraftLine draft) {
        return category.equalsIgnoreCase(draft.category()) && description.equals(draft.description())
                && payee.equals(draft.payee());
    }

    /**
     * Locks the lines of these plans, in id order. Every path that changes plan lines and money locks in one order,
     * plan, then its lines, then contributions (a contribution being changed by its funder locks the lines it pays for
     * first, in {@code ContributionBook.find}), so two of them cannot wait for each other.
     */
    static void lockLinesOf(java.util.Collection<UUID> planIds) {
        getEntityManager().flush();
        getEntityManager().unwrap(org.hibernate.Session.class).doWork(connection -> {
            try (java.sql.PreparedStatement lock = connection.prepareStatement(
                    "select id from plan_line where plan_id = any(?) order by id for update")) {
                lock.setArray(1, connection.createArrayOf("uuid", planIds.toArray()));
                lock.executeQuery().close();
            }
        });
    }
}
