package org.joinedup.hub.cases;

import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** A person's place in a family case: each person is in one case at most. */
@Entity
@Table(name = "case_member")
public class CaseMember extends PanacheEntityBase {

    @Id
    @Column(name = "person_id")
    public UUID personId;

    @Column(name = "case_id")
    public UUID caseId;
}
