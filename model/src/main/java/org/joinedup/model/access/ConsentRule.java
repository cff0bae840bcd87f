package org.joinedup.model.access;

import java.time.Instant;
import java.util.Set;

/**
 * One decision of the family about sharing (a FHIR {@code Consent}'s provision): permit widens what the agreement
 * allows where it asks for consent, deny narrows what it shares by default. Empty sets mean "any".
 *
 * @param organisations the organisations it names (ODS, GSS or provider codes)
 * @param recipients the kinds of agency it names
 * @param start from when (inclusive), or null
 * @param end until when (exclusive), or null
 */
public record ConsentRule(Type type, Set<String> organisations, Set<RecipientKind> recipients,
        Set<Purpose> purposes, Set<Category> categories, Instant start, Instant end) {

    /** Permit or deny, as FHIR's {@code Consent.provision.type}. */
    public enum Type {
        PERMIT, DENY
    }

    /** Whether this decision speaks of this organisation, for this purpose and category, at this moment. */
    public boolean covers(Recipient recipient, Purpose purpose, Category category, Instant at) {
        return names(recipient) && (purposes.isEmpty() || purposes.contains(purpose))
                && (categories.isEmpty() || categories.contains(category)) && inForce(at);
    }

    /** Whether it names this organisation (or its kind, or, naming none, everyone). */
    public boolean names(Recipient recipient) {
        if (organisations.isEmpty() && recipients.isEmpty()) {
            return true;
        }
        return organisations.stream().anyMatch(o -> o.equalsIgnoreCase(recipient.organisation()))
                || recipients.contains(recipient.kind());
    }

    public boolean inForce(Instant at) {
        return (start == null || !at.isBefore(start)) && (end == null || at.isBefore(end));
    }
}
