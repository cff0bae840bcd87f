package org.joinedup.hub.socialcare;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import org.joinedup.hub.budget.FundingBody;
import org.joinedup.hub.people.Person;

/** A traditional service a council arranges for a person, with its weekly cost. */
@Entity
@Table(name = "care_service")
public class CareService extends PanacheEntityBase {

    @Id
    public UUID id;

    @ManyToOne(optional = false)
    @JoinColumn(name = "person_id")
    public Person person;

    /** The source record (agency's record) that brought this; it follows that record if the person is split. */
    @Column(name = "source_record_id")
    public java.util.UUID sourceRecordId;

    @ManyToOne(optional = false)
    @JoinColumn(name = "council_id")
    public FundingBody council;

    @Column(name = "service_id")
    public String serviceId;

    public String kind;

    public String provider;

    @Column(name = "weekly_cost_pence")
    public Long weeklyCostPence;

    @Column(name = "start_date")
    public LocalDate startDate;

    @Column(name = "end_date")
    public LocalDate endDate;

    @Column(name = "started_occurred_at")
    public Instant startedOccurredAt;

    @Column(name = "ended_occurred_at")
    public Instant endedOccurredAt;

    @Column(name = "last_message_id")
    public Long lastMessageId;
}
