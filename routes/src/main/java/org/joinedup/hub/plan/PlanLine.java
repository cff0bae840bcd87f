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
        UNCHANGED
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

    public int units;

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

    /** Paid against this line and the lines it replaced: a revision does not reset what the year has spent. */
    public long paidPence() {
        List<?> latest = getEntityManager().createNativeQuery("select line_paid_after from plan_payment"
                + " where line_id = ?1 order by seq desc limit 1").setParameter(1, id).getResultList();
        long own = latest.isEmpty() ? 0 : org.joinedup.model.Pence.exactly((Number) latest.get(0));
        return own + (previousLine == null ? 0 : previousLine.paidPence());
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
                && units == draft.units() && management.equals(draft.management())
                && connectedPerson == draft.connectedPerson()
                && (draft.contributionId() == null || draft.contributionId().equals(contribution.id));
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
