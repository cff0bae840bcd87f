package org.joinedup.hub.identity;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** Every change to who is who: links made, reviews decided, people merged and split; by whom, when and why. */
@Entity
@Table(name = "identity_audit")
public class IdentityAudit extends PanacheEntityBase {

    /** What happened. */
    public enum Action {
        LINKED,
        NEW_PERSON,
        PROPOSED,
        CONFIRMED,
        REJECTED,
        MERGED,
        SPLIT
    }

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    public Instant at;

    public String actor;

    public String action;

    @Column(name = "person_id")
    public UUID personId;

    @Column(name = "other_person_id")
    public UUID otherPersonId;

    @Column(name = "source_record_id")
    public UUID sourceRecordId;

    public String detail;

    static void log(String actor, Action action, UUID personId, UUID otherPersonId, UUID sourceRecordId,
            String detail) {
        IdentityAudit entry = new IdentityAudit();
        entry.at = Instant.now();
        entry.actor = actor;
        entry.action = action.name();
        entry.personId = personId;
        entry.otherPersonId = otherPersonId;
        entry.sourceRecordId = sourceRecordId;
        entry.detail = detail;
        entry.persist();
    }
}
