package org.joinedup.hub.budget;

import java.time.Instant;
import java.time.LocalDate;
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
import org.joinedup.hub.people.Person;
import org.joinedup.model.AgencyKind;
import org.joinedup.model.ContributionRecord;
import org.joinedup.model.ContributionStatus;
import org.joinedup.model.Pence;

/** A funding body's contribution to a person's budget as it stands now. Its history is in the revisions. */
@Entity
@Table(name = "contribution")
public class Contribution extends PanacheEntityBase {

    @Id
    public UUID id;

    @ManyToOne(optional = false)
    @JoinColumn(name = "person_id")
    public Person person;

    /** The source record (agency's record) that brought this; it follows that record if the person is split. */
    @Column(name = "source_record_id")
    public java.util.UUID sourceRecordId;

    @Enumerated(EnumType.STRING)
    public AgencyKind agency;

    @ManyToOne(optional = false)
    @JoinColumn(name = "funding_body_id")
    public FundingBody fundingBody;

    @Column(name = "source_system")
    public String sourceSystem;

    @Column(name = "source_value")
    public String sourceValue;

    public String type;

    @Enumerated(EnumType.STRING)
    public ContributionStatus status;

    @Column(name = "amount_pence")
    public long amountPence;

    /**
     * Of {@link #amountPence}, what year ends carried in from the same funder's earlier contributions: the funder's
     * own figure is the rest, and its later revisions change only that.
     */
    @Column(name = "carried_in_pence")
    public long carriedInPence;

    @Column(name = "period_start")
    public LocalDate periodStart;

    @Column(name = "period_end")
    public LocalDate periodEnd;

    @Column(name = "care_plan_title")
    public String carePlanTitle;

    public int version;

    /** When the funding body says this state came about, when it says so (council events do; FHIR pushes do not). */
    @Column(name = "source_occurred_at")
    public Instant sourceOccurredAt;

    @Column(name = "created_at")
    public Instant createdAt;

    @Column(name = "updated_at")
    public Instant updatedAt;

    public ContributionRecord toRecord() {
        return new ContributionRecord(id.toString(), person.id.toString(), agency, fundingBody.code,
                fundingBody.name, sourceSystem, sourceValue, type, status, new Pence(amountPence), periodStart,
                periodEnd, version, updatedAt);
    }
}
