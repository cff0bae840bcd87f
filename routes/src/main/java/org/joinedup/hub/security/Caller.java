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
    /** An organisation's Caldicott guardian or data protection officer: reviews break-glass, reads the audit. */
    public static final String GUARDIAN = "guardian";
    /** Council finance: pays from council-managed money. */
    public static final String FINANCE = "finance";
    /** The risk enablement panel: decides risky plans and connected-person exceptions. */
    public static final String PANEL = "panel";
    public static final String AGENCY_CLAIM = "agency";

    /** Every role the hub knows; an identity provider's other groups mean nothing here. */
    public static final java.util.Set<String> ROLES = java.util.Set.of(COORDINATOR, COUNCIL, TRUST, OPERATOR, FUNDER,
            GUARDIAN, FINANCE, PANEL);

    @Inject
    SecurityIdentity identity;

    @Inject
    org.joinedup.hub.platform.HubConfig config;

    public String name() {
        return identity.isAnonymous() ? "anonymous" : identity.getPrincipal().getName();
    }

    public String agency() {
        if (identity.getPrincipal() instanceof JsonWebToken token) {
            Object agency = token.getClaim(config.access().organisationClaim());
            return agency == null ? null : agency.toString().replace("\"", "");
        }
        // a web app session carries the organisation its identity provider named at sign-in
        Object signedIn = identity.getAttribute(AGENCY_CLAIM);
        return signedIn == null ? null : signedIn.toString();
    }

    public boolean hasRole(String role) {
        return identity.hasRole(role);
    }

    public java.util.Set<String> roles() {
        return identity.getRoles();
    }
}
