package org.joinedup.hub.plan;

import java.time.Instant;
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
}
