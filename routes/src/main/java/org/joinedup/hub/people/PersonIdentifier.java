package org.joinedup.hub.people;

import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** An identifier an agency knows a person by (NHS number, NI number, ...), and whether it is verified. */
@Entity
@Table(name = "person_identifier")
public class PersonIdentifier extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @ManyToOne(optional = false)
    @JoinColumn(name = "person_id")
    public Person person;

    public String system;

    public String value;

    public boolean verified;
}
