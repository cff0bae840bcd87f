package org.joinedup.hub.web;

import java.util.List;

/**
 * What every page has around its content: its title, who is signed in (null on the sign-in page), the service
 * navigation this person's roles open, and the CSRF token their forms carry.
 */
public record Chrome(String title, WebSessions.SignedIn user, List<NavItem> nav, String csrf) {

    /** A link in the service navigation. */
    public record NavItem(String label, String href, boolean current) {
    }

    public String csrfField() {
        return PageFilters.CSRF_FIELD;
    }
}
