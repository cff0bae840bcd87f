package org.joinedup.hub.access;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import org.joinedup.hub.alerts.PersonAlert;
import org.joinedup.hub.identity.SourceLink;
import org.joinedup.hub.people.Person;
import org.joinedup.hub.platform.HubConfig;
import org.joinedup.model.AgencyKind;

/**
 * Break-glass: when a person's safety is at risk a coordinator or a trust clinician opens their whole record without
 * consent, giving a reason, for at most {@code hub.access.break-glass-duration}. The opening raises a
 * {@code BREAK_GLASS} alert on the person's case (their coordinator sees it) and waits for a guardian's review.
 */
@ApplicationScoped
public class BreakGlass {

    public static final org.joinedup.hub.alerts.AlertKind ALERT = org.joinedup.hub.alerts.AlertKind.BREAK_GLASS;

    @Inject
    HubConfig config;

    @Transactional
    public BreakGlassOpening open(UUID personId, String user, String organisation, AgencyKind agency, String reason) {
        BreakGlassOpening opening = new BreakGlassOpening();
        opening.id = UUID.randomUUID();
        opening.personId = personId;
        opening.userName = user;
        opening.organisation = organisation;
        opening.reason = reason.trim();
        opening.openedAt = AuditLog.now();
        opening.expiresAt = opening.openedAt.plus(config.access().breakGlassDuration());
        opening.persist();
        PersonAlert.raise(new SourceLink(Person.findById(personId), null), agency, ALERT, "break-glass:" + opening.id,
                user + " (" + organisation + ") opened the whole record in an emergency until " + opening.expiresAt
                        + ": " + opening.reason, null);
        return opening;
    }

    /** The user's opening of this person's record still in force, if any. */
    @Transactional
    public Optional<BreakGlassOpening> inForce(UUID personId, String user, Instant at) {
        return BreakGlassOpening.<BreakGlassOpening>find("personId = ?1 and userName = ?2 and expiresAt > ?3"
                + " order by expiresAt desc", personId, user, at).firstResultOptional();
    }

    /** Openings by users of this organisation (all of them for the hub's operators), newest first. */
    @Transactional
    public List<BreakGlassOpening> of(String organisation) {
        return organisation == null ? BreakGlassOpening.list("order by openedAt desc")
                : BreakGlassOpening.list("upper(organisation) = upper(?1) order by openedAt desc", organisation);
    }

    /** A guardian's review of an opening by their organisation. */
    @Transactional
    public Optional<BreakGlassOpening> review(UUID id, String organisation, String reviewer, String note) {
        return BreakGlassOpening.<BreakGlassOpening>findByIdOptional(id)
                .filter(o -> organisation == null || o.organisation.equalsIgnoreCase(organisation))
                .map(o -> {
                    o.reviewedBy = reviewer;
                    o.reviewedAt = Instant.now();
                    o.reviewNote = note;
                    return o;
                });
    }
}
