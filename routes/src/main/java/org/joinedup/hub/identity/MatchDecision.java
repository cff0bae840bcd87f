package org.joinedup.hub.identity;

import java.time.Instant;

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

/**
 * What a person decided about two source records: they are one person (SAME) or are not (DIFFERENT). Matching obeys
 * these decisions: a record is never linked automatically to a person holding a record it was declared different
 * from, and records confirmed together are split apart only by a person.
 */
@Entity
@Table(name = "match_decision")
public class MatchDecision extends PanacheEntityBase {

    public enum Kind {
        SAME,
        DIFFERENT
    }

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @ManyToOne(optional = false)
    @JoinColumn(name = "source_record_id")
    public SourceRecord record;

    @ManyToOne(optional = false)
    @JoinColumn(name = "other_record_id")
    public SourceRecord other;

    @Enumerated(EnumType.STRING)
    public Kind decision;

    @Column(name = "decided_by")
    public String decidedBy;

    @Column(name = "decided_at")
    public Instant decidedAt;

    public String reason;

    static void record(SourceRecord record, SourceRecord other, Kind kind, String by, String reason) {
        MatchDecision decision = new MatchDecision();
        decision.record = record;
        decision.other = other;
        decision.decision = kind;
        decision.decidedBy = by;
        decision.decidedAt = Instant.now();
        decision.reason = reason;
        decision.persist();
    }
}
