package org.joinedup.hub.access;

import java.time.Instant;
import java.util.Set;
import java.util.UUID;

import org.joinedup.model.AgencyKind;
import org.joinedup.model.access.AccessRules;
import org.joinedup.model.access.Category;

/**
 * What the access decision allowed of one person's record for this request: the categories shared, and what is the
 * caller's own. Views ask it piece by piece; break-glass opens everything until it expires.
 */
public record PersonAccess(UUID personId, AccessRules.Visibility visibility, AuditEntry.Outcome outcome,
        Instant breakGlassUntil) {

    public boolean sees(Category category) {
        return breakGlassUntil != null || visibility.sees(category);
    }

    /** A piece of this category sent or funded by {@code sourceOrganisation}: the caller always sees its own. */
    public boolean sees(Category category, String sourceOrganisation) {
        return breakGlassUntil != null || visibility.sees(category, sourceOrganisation);
    }

    /**
     * Money of an agency's funding body in the pooled budget (a contribution, its balances, its payments): finance,
     * and the category of the agency it came from (an NHS budget is health too); a funder always sees its own.
     */
    public boolean seesMoney(AgencyKind agency, String funderCode) {
        return sees(Category.FINANCE, funderCode) && sees(Category.of(agency), funderCode);
    }

    public Set<Category> categories() {
        return breakGlassUntil != null ? Set.of(Category.values()) : visibility.categories();
    }

    public String organisation() {
        return visibility.recipient().organisation();
    }
}
