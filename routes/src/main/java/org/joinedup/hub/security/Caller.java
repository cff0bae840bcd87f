package org.joinedup.hub.security;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.quarkus.security.identity.SecurityIdentity;
import org.eclipse.microprofile.jwt.JsonWebToken;

/** Who is calling: user, roles, and the organisation named by the token's {@code agency} claim. */
@ApplicationScoped
public class Caller {

    public static final String COORDINATOR = "coordinator";
    public static final String COUNCIL = "council";
    public static final String TRUST = "trust";
    public static final String OPERATOR = "operator";
    /** A funding body that is neither a council nor an NHS trust: a housing authority's grants, employment support. */
    public static final String FUNDER = "funder";
    public static final String AGENCY_CLAIM = "agency";

    @Inject
    SecurityIdentity identity;

    public String name() {
        return identity.isAnonymous() ? "anonymous" : identity.getPrincipal().getName();
    }

    public String agency() {
        if (identity.getPrincipal() instanceof JsonWebToken token) {
            Object agency = token.getClaim(AGENCY_CLAIM);
            return agency == null ? null : agency.toString().replace("\"", "");
        }
        return null;
    }

    public boolean hasRole(String role) {
        return identity.hasRole(role);
    }

    /** NHS bodies see only their own budgets; coordinators, councils and operators see the joined-up record. */
    public boolean seesOnlyOwnBudgets() {
        return hasRole(TRUST) && !hasRole(COORDINATOR) && !hasRole(OPERATOR);
    }
}
