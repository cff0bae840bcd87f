package org.joinedup.hub.web;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** A signed-in browser: whose it is, its CSRF token, and when it was last used. Found by its cookie's hash. */
@Entity
@Table(name = "web_session")
public class WebSession extends PanacheEntityBase {

    @Id
    @Column(name = "token_hash")
    public String tokenHash;

    @Column(name = "user_name")
    public String userName;

    @Column(name = "display_name")
    public String displayName;

    /** Comma-separated, as the identity provider gave them. */
    public String roles;

    public String organisation;

    @Column(name = "csrf_token")
    public String csrfToken;

    /** {@code demo} (the demo sign-in page) or {@code oidc}. */
    @Column(name = "signed_in_by")
    public String signedInBy;

    @Column(name = "created_at")
    public Instant createdAt;

    @Column(name = "last_seen_at")
    public Instant lastSeenAt;

    @Column(name = "ended_at")
    public Instant endedAt;
}
