package org.joinedup.hub.assessment;

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

import org.joinedup.hub.people.Person;

/**
 * One version of a person's single assessment: the QuestionnaireResponse as submitted, its scores, who completed it
 * (the person or family, a professional, an agency's system) and whether a professional has checked it.
 */
@Entity
@Table(name = "assessment")
public class Assessment extends PanacheEntityBase {

    /** Who completed the assessment. */
    public enum Mode {
        /** the person or their family: a self-assessment, to be checked by a professional */
        SELF,
        /** a coordinator or other professional, with the person */
        PROFESSIONAL,
        /** an agency's system */
        AGENCY
    }

    @Id
    public UUID id;

    @ManyToOne(optional = false)
    @JoinColumn(name = "person_id")
    public Person person;

    public int version;

    public String questionnaire;

    @Enumerated(EnumType.STRING)
    public Mode mode;

    @Column(name = "completed_by")
    public String completedBy;

    @Column(name = "completed_by_agency")
    public String completedByAgency;

    @Column(name = "submitted_by")
    public String submittedBy;

    @Column(name = "submitted_at")
    public Instant submittedAt;

    /** The submitter's identifier for the response (system|value), so a re-sent response is not a new version. */
    @Column(name = "source_identifier")
    public String sourceIdentifier;

    @Column(name = "checked_by")
    public String checkedBy;

    @Column(name = "checked_at")
    public Instant checkedAt;

    @Column(name = "check_note")
    public String checkNote;

    /** The QuestionnaireResponse, FHIR JSON, as the hub serves it. */
    public String response;

    /** The scores (points per domain and the answers that gave them, flags, own words), JSON. */
    public String scores;

    @Column(name = "total_points")
    public int totalPoints;
}
