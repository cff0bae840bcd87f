package org.joinedup.hub.web;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import org.joinedup.hub.platform.HubConfig;

/**
 * Sign-in sessions of the web app. A session starts only at sign-in (a new random id each time, so an id planted
 * before sign-in is worth nothing), ends at sign-out, after {@code hub.web.idle-timeout} without a request, or after
 * {@code hub.web.session-lifetime}. The cookie carries 256 random bits; the database holds only their SHA-256.
 */
@ApplicationScoped
public class WebSessions {

    public static final String COOKIE = "joinedup-session";

    private static final SecureRandom RANDOM = new SecureRandom();

    /** Someone signed in: who, with which roles and organisation, and the CSRF token their forms must carry. */
    public record SignedIn(String userName, String displayName, Set<String> roles, String organisation,
            String csrfToken) {
    }

    /** A new session and the cookie value that names it. */
    public record Started(String cookieValue, SignedIn who) {
    }

    @Inject
    HubConfig config;

    @Transactional
    public Started start(String userName, String displayName, Set<String> roles, String organisation,
            String signedInBy) {
        String cookieValue = random();
        WebSession session = new WebSession();
        session.tokenHash = hash(cookieValue);
        session.userName = userName;
        session.displayName = displayName;
        session.roles = String.join(",", roles);
        session.organisation = organisation;
        session.csrfToken = random();
        session.signedInBy = signedInBy;
        session.createdAt = Instant.now();
        session.lastSeenAt = session.createdAt;
        session.persist();
        // sessions older than the longest a sign-in lasts can never be used again: gone (the audit keeps the
        // sign-ins and sign-outs)
        WebSession.delete("createdAt < ?1", session.createdAt.minus(config.web().sessionLifetime()));
        return new Started(cookieValue, signedIn(session));
    }

    /** The session a cookie names, if it is still open; using it counts as activity. */
    @Transactional
    public Optional<SignedIn> use(String cookieValue) {
        if (cookieValue == null || cookieValue.isBlank()) {
            return Optional.empty();
        }
        WebSession session = WebSession.findById(hash(cookieValue));
        if (session == null || session.endedAt != null) {
            return Optional.empty();
        }
        Instant now = Instant.now();
        if (session.lastSeenAt.plus(config.web().idleTimeout()).isBefore(now)
                || session.createdAt.plus(config.web().sessionLifetime()).isBefore(now)) {
            session.endedAt = now;
            return Optional.empty();
        }
        session.lastSeenAt = now;
        return Optional.of(signedIn(session));
    }

    /** Ends the session the cookie names; answers whose it was, if it was still open. */
    @Transactional
    public Optional<SignedIn> end(String cookieValue) {
        if (cookieValue != null) {
            WebSession session = WebSession.findById(hash(cookieValue));
            if (session != null && session.endedAt == null) {
                session.endedAt = Instant.now();
                return Optional.of(signedIn(session));
            }
        }
        return Optional.empty();
    }

    private static SignedIn signedIn(WebSession session) {
        return new SignedIn(session.userName, session.displayName, Set.of(session.roles.split(",")),
                session.organisation, session.csrfToken);
    }

    static String random() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    static String hash(String value) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(value.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException(impossible);
        }
    }
}
