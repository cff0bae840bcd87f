package org.joinedup.hub.assessment;

import java.io.Serializable;
import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EmbeddedId;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** Answers to the single assessment saved so far by one user for one person, as JSON (linkId to value). */
@Entity
@Table(name = "assessment_draft")
public class AssessmentDraft extends PanacheEntityBase {

    /** Whose draft: the person assessed and the user filling it in. */
    @Embeddable
    public record Key(@Column(name = "person_id") UUID personId, @Column(name = "user_name") String userName)
            implements Serializable {
    }

    @EmbeddedId
    public Key key;

    public String answers;

    @Column(name = "updated_at")
    public Instant updatedAt;
}
