package org.joinedup.hub.alerts;

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
import org.joinedup.hub.identity.SourceLink;
import org.joinedup.hub.people.Person;
import org.joinedup.model.AgencyKind;

/**
 * Something a coordinator should know about a person (rent arrears, temporary accommodation, ...), raised once per
 * cause ({@code sourceKey}) and closed when the cause goes away.
 */
@Entity
@Table(name = "person_alert")
public class PersonAlert extends PanacheEntityBase {

    @Id
    public UUID id;

    @ManyToOne(optional = false)
    @JoinColumn(name = "person_id")
    public Person person;

    /** The source record (agency's record) that brought this; it follows that record if the person is split. */
    @Column(name = "source_record_id")
    public java.util.UUID sourceRecordId;

    @Enumerated(EnumType.STRING)
    public AgencyKind agency;

    @jakarta.persistence.Enumerated(jakarta.persistence.EnumType.STRING)
    public AlertKind kind;

    public String detail;

    @Column(name = "source_key")
    public String sourceKey;

    @Column(name = "raised_at")
    public Instant raisedAt;

    @Column(name = "closed_at")
    public Instant closedAt;

    @Column(name = "message_id")
    public Long messageId;

    /** When a coordinator said they had seen it and were dealing with it, and who. */
    @Column(name = "acknowledged_at")
    public Instant acknowledgedAt;

    @Column(name = "acknowledged_by")
    public String acknowledgedBy;

    /** Who closed it by hand, and their note (an agency's own closing leaves these empty). */
    @Column(name = "resolved_by")
    public String resolvedBy;

    @Column(name = "resolution_note")
    public String resolutionNote;

    public AlertSeverity severity() {
        return kind.severity();
    }

    public boolean open() {
        return closedAt == null;
    }

    /** A coordinator has seen it and is dealing with it; it stays open until resolved or its cause goes away. */
    public void acknowledge(String by) {
        if (acknowledgedAt == null) {
            acknowledgedAt = Instant.now();
            acknowledgedBy = by;
        }
    }

    /** Closed by a person, with what was done. */
    public void resolve(String by, String note) {
        closedAt = Instant.now();
        resolvedBy = by;
        resolutionNote = note;
    }

    /**
     * Raises the alert, or refreshes its detail if it is already open; reopens it if it had been closed.
     *
     * @param messageId the agency message that caused it, or null when a person's action did
     */
    public static void raise(SourceLink link, AgencyKind agency, AlertKind kind, String sourceKey, String detail,
            Long messageId) {
        Person person = link.person();
        PersonAlert alert = PersonAlert.<PersonAlert>find("person = ?1 and kind = ?2 and sourceKey = ?3", person, kind,
                sourceKey).firstResultOptional().orElse(null);
        if (alert == null) {
            alert = new PersonAlert();
            alert.id = UUID.randomUUID();
            alert.person = person;
            alert.sourceRecordId = link.sourceRecordId();
            alert.agency = agency;
            alert.kind = kind;
            alert.sourceKey = sourceKey;
            alert.raisedAt = Instant.now();
        } else if (alert.closedAt != null) {
            alert.closedAt = null;
            alert.raisedAt = Instant.now();
            alert.acknowledgedAt = null;
            alert.acknowledgedBy = null;
            alert.resolvedBy = null;
            alert.resolutionNote = null;
        }
        alert.detail = detail;
        alert.messageId = messageId;
        alert.persist();
    }

    /**
     * {@link #raise} for many alerts in one statement: {@code causes} is a query giving {@code person_id},
     * {@code source_record_id}, {@code source_key} and {@code detail}, one row per alert. The statement's first three
     * parameters are the agency, the kind and the message id (of every alert), then those of {@code causes}.
     */
    public static String raiseAllSql(String causes) {
        String reopened = "case when person_alert.closed_at is null then person_alert.%s end";
        return "insert into person_alert (id, person_id, source_record_id, agency, kind, source_key, detail, raised_at,"
                + " message_id) select gen_random_uuid(), c.person_id, c.source_record_id, ?, ?, c.source_key, c.detail,"
                + " now(), ? from (" + causes + ") c on conflict (person_id, kind, source_key) do update set"
                + " detail = excluded.detail, message_id = excluded.message_id, closed_at = null,"
                + " raised_at = case when person_alert.closed_at is null then person_alert.raised_at"
                + " else excluded.raised_at end, acknowledged_at = " + reopened.formatted("acknowledged_at")
                + ", acknowledged_by = " + reopened.formatted("acknowledged_by")
                + ", resolved_by = " + reopened.formatted("resolved_by")
                + ", resolution_note = " + reopened.formatted("resolution_note");
    }

    /** Closes the alert if it is open. */
    public static void close(Person person, AlertKind kind, String sourceKey) {
        PersonAlert.<PersonAlert>find("person = ?1 and kind = ?2 and sourceKey = ?3 and closedAt is null", person,
                kind, sourceKey).firstResultOptional().ifPresent(alert -> alert.closedAt = Instant.now());
    }
}
