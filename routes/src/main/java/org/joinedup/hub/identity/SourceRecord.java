package org.joinedup.hub.identity;

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
import org.joinedup.model.identity.MatchRecord;

/**
 * One agency's record about a person, as matching sees it (names, date of birth, postcode, UPRN, the strong
 * identifiers that passed their checks), linked to exactly one hub person, with how and why it was linked.
 */
@Entity
@Table(name = "source_record")
public class SourceRecord extends PanacheEntityBase {

    /** How the record came to be linked to its person. */
    public enum LinkMethod {
        /** nothing matched well enough: a new person was made for it */
        NEW_PERSON,
        /** a verified NHS number or an NI number the person already had */
        IDENTIFIER,
        /** the match weight reached the link threshold */
        SCORE,
        /** a person confirmed the link or split the record off */
        MANUAL
    }

    @Id
    public UUID id;

    @Enumerated(EnumType.STRING)
    public AgencyKind agency;

    public String holder;

    @Column(name = "source_system")
    public String sourceSystem;

    @Column(name = "source_value")
    public String sourceValue;

    @ManyToOne(optional = false)
    @JoinColumn(name = "person_id")
    public Person person;

    @Column(name = "given_name")
    public String givenName;

    @Column(name = "family_name")
    public String familyName;

    @Column(name = "birth_date")
    public LocalDate birthDate;

    public String postcode;

    public String uprn;

    @Column(name = "nhs_number")
    public String nhsNumber;

    @Column(name = "nhs_verified")
    public boolean nhsVerified;

    @Column(name = "ni_number")
    public String niNumber;

    /** Whether the agency vouches for the NI number: the DWP issues them (benefits, employment services). */
    @Column(name = "ni_verified")
    public boolean niVerified;

    @Column(name = "given_key")
    public String givenKey;

    @Column(name = "family_key")
    public String familyKey;

    @Enumerated(EnumType.STRING)
    @Column(name = "link_method")
    public LinkMethod linkMethod;

    @Column(name = "match_weight")
    public Double matchWeight;

    /** The comparison that justified the link, as JSON ({@link MatchExplanation}); null for identifier links. */
    @Column(name = "match_explanation")
    public String matchExplanation;

    @Column(name = "link_reason")
    public String linkReason;

    /** Why identifiers the agency sent were not used for linking, when any were invalid ("client.nhsNumber: ..."). */
    @Column(name = "identifier_problems")
    public String identifierProblems;

    @Column(name = "created_at")
    public Instant createdAt;

    @Column(name = "updated_at")
    public Instant updatedAt;

    public SourceKey key() {
        return new SourceKey(agency, holder, sourceSystem, sourceValue);
    }

    public MatchRecord toMatchRecord() {
        return MatchRecord.of(id.toString(), givenName, familyName, birthDate, postcode, uprn, nhsNumber, nhsVerified,
                niNumber, niVerified);
    }
}
