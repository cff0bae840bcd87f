package org.joinedup.hub.inbound;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import org.joinedup.model.AgencyKind;

/** One message as an agency sent it, with what became of it. The row is the audit and replay record. */
@Entity
@Table(name = "inbound_message")
public class InboundMessage extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Enumerated(EnumType.STRING)
    public AgencyKind agency;

    @Enumerated(EnumType.STRING)
    public Transport transport;

    public String sender;

    @Column(name = "agency_message_id")
    public String agencyMessageId;

    @Column(name = "content_hash")
    public String contentHash;

    @Column(name = "dedup_key")
    public String dedupKey;

    @Column(name = "content_type")
    public String contentType;

    /** The text as it arrived; null for a file, which is kept at {@link #payloadFile}. */
    public String payload;

    @Column(name = "payload_file")
    public String payloadFile;

    /** The bytes as received, when they are not exactly {@link #payload} (not UTF-8, a NUL, a byte-order mark). */
    @Column(name = "raw_payload")
    public byte[] rawPayload;

    @Column(name = "received_at")
    public Instant receivedAt;

    @Enumerated(EnumType.STRING)
    public MessageStatus status;

    @Column(name = "status_at")
    public Instant statusAt;

    /** Validation reasons, one per line as {@code expression: reason}. */
    public String reasons;

    public String error;

    public int attempts;

    /** What a {@code WAITING} message waits for (see {@link MissingDependencyException}). */
    @Column(name = "waiting_for")
    public String waitingFor;

    public int repeats;

    @Column(name = "last_repeat_at")
    public Instant lastRepeatAt;

    /** How a message reached the hub. */
    public enum Transport { FHIR_REST, REST, FILE, QUEUE }
}
