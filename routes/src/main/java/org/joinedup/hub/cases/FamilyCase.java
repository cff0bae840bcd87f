package org.joinedup.hub.cases;

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

/** A family the hub supports as one: a lead person and the local area coordinator assigned to them. */
@Entity
@Table(name = "family_case")
public class FamilyCase extends PanacheEntityBase {

    @Id
    public UUID id;

    @ManyToOne(optional = false)
    @JoinColumn(name = "lead_person_id")
    public Person lead;

    public String coordinator;

    @Column(name = "created_at")
    public Instant createdAt;
}
