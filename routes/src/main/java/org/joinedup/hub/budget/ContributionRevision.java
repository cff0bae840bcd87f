package org.joinedup.hub.budget;

import java.time.Instant;
import java.time.LocalDate;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import org.joinedup.model.ContributionStatus;

/** One change to a contribution, append-only: what it became, who caused it, and which message. */
@Entity
@Table(name = "contribution_revision")
public class ContributionRevision extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @ManyToOne(optional = false)
    @JoinColumn(name = "contribution_id")
    public Contribution contribution;

    public int version;

    @Enumerated(EnumType.STRING)
    public ContributionStatus status;

    public String type;

    @Column(name = "amount_pence")
    public long amountPence;

    @Column(name = "period_start")
    public LocalDate periodStart;

    @Column(name = "period_end")
    public LocalDate periodEnd;

    /** CONFIRMED, REVISED, ENDED or WITHDRAWN. */
    public String change;

    @Column(name = "message_id")
    public Long messageId;

    @Column(name = "changed_by")
    public String changedBy;

    @Column(name = "changed_at")
    public Instant changedAt;
}
