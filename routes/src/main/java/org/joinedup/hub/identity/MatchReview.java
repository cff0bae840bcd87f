package org.joinedup.hub.identity;

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

/**
 * A link matching could not make alone: the incoming record (kept as its own person meanwhile), the record of the
 * person it probably belongs to, the evidence, and what a data steward or coordinator decided.
 */
@Entity
@Table(name = "match_review")
public class MatchReview extends PanacheEntityBase {

    public enum Status {
        OPEN,
        CONFIRMED,
        REJECTED,
        /** the two records came to one person another way (another review, a merge) before anyone decided */
        SUPERSEDED
    }

    @Id
    public UUID id;

    @ManyToOne(optional = false)
    @JoinColumn(name = "source_record_id")
    public SourceRecord record;

    @ManyToOne(optional = false)
    @JoinColumn(name = "candidate_record_id")
    public SourceRecord candidate;

    @Column(name = "match_weight")
    public Double matchWeight;

    @Column(name = "match_explanation")
    public String matchExplanation;

    public String reason;

    @Enumerated(EnumType.STRING)
    public Status status;

    @Column(name = "created_at")
    public Instant createdAt;

    @Column(name = "decided_at")
    public Instant decidedAt;

    @Column(name = "decided_by")
    public String decidedBy;

    @Column(name = "decision_note")
    public String decisionNote;
}
