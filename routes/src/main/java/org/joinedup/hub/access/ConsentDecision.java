package org.joinedup.hub.access;

import java.time.Instant;
import java.util.List;

/**
 * A person's decision about sharing as it arrives, through the JSON API or as a FHIR {@code Consent}: permit or
 * deny, for which organisations or kinds of agency, purposes and categories (empty: any), from when to when, and
 * who decided ({@code decidedBy} null or {@code SELF}: the person; otherwise a proxy's name with their
 * {@code authority}: PARENT for a child under 16, APPOINTEE, ATTORNEY or DEPUTY).
 */
public record ConsentDecision(String provision, List<String> organisations, List<String> recipients,
        List<String> purposes, List<String> categories, Instant start, Instant end, String decidedBy,
        String authority) {

    public static final String SELF = "SELF";
}
