package org.joinedup.hub.people;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** An agency's statement that two people live in one household, and how they are related. */
@Entity
@Table(name = "household_link")
public class HouseholdLink extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @ManyToOne(optional = false)
    @JoinColumn(name = "person_id")
    public Person person;

    /** The source record (agency's record) that brought this; it follows that record if the person is split. */
    @Column(name = "source_record_id")
    public java.util.UUID sourceRecordId;

    @ManyToOne(optional = false)
    @JoinColumn(name = "related_person_id")
    public Person related;

    public String relationship;

    /** Who said so, for example {@code council:E08000004}. */
    public String source;

    @Column(name = "message_id")
    public Long messageId;

    @Column(name = "stated_at")
    public Instant statedAt;

    /** Records the link once per source; a later statement updates the relationship. */
    public static void state(Person person, Person related, String relationship, String source, long messageId,
            java.util.UUID sourceRecordId) {
        HouseholdLink link = HouseholdLink.<HouseholdLink>find("person = ?1 and related = ?2 and source = ?3", person,
                related, source).firstResultOptional().orElse(null);
        if (link == null) {
            link = new HouseholdLink();
            link.person = person;
            link.related = related;
            link.source = source;
        }
        link.sourceRecordId = sourceRecordId;
        link.relationship = relationship;
        link.messageId = messageId;
        link.statedAt = Instant.now();
        link.persist();
    }
}
