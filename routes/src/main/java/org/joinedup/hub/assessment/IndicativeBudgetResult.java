package org.joinedup.hub.assessment;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

import org.joinedup.hub.people.Person;

/**
 * An indicative budget the RAS gave for one assessment under one RAS version. The newest for the person's current
 * assessment and rules is current; earlier ones are kept.
 */
@Entity
@Table(name = "indicative_budget")
public class IndicativeBudgetResult extends PanacheEntityBase {

    @Id
    public UUID id;

    @ManyToOne(optional = false)
    @JoinColumn(name = "person_id")
    public Person person;

    @ManyToOne(optional = false)
    @JoinColumn(name = "assessment_id")
    public Assessment assessment;

    @Column(name = "ras_version")
    public String rasVersion;

    @Column(name = "computed_at")
    public Instant computedAt;

    @Column(name = "total_pence")
    public long totalPence;

    /** The {@link org.joinedup.model.assessment.IndicativeBudget} with its explanation, JSON. */
    public String result;

    @Column(name = "is_current")
    public boolean current;
}
