package org.joinedup.hub.access;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** A professional opened a person's whole record in an emergency, for a reason, until a time; written by {@link BreakGlass}. */
@Entity
@Table(name = "break_glass")
public class BreakGlassOpening extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(name = "person_id")
    public UUID personId;

    @Column(name = "user_name")
    public String userName;

    public String organisation;

    public String reason;

    @Column(name = "opened_at")
    public Instant openedAt;

    @Column(name = "expires_at")
    public Instant expiresAt;

    @Column(name = "reviewed_by")
    public String reviewedBy;

    @Column(name = "reviewed_at")
    public Instant reviewedAt;

    @Column(name = "review_note")
    public String reviewNote;
}
