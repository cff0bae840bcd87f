package org.joinedup.hub.web;

import java.util.Set;
import java.util.TreeSet;

import jakarta.inject.Inject;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import io.quarkus.oidc.OidcSession;
import io.quarkus.security.identity.SecurityIdentity;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jboss.logging.Logger;
import org.joinedup.hub.access.Access;
import org.joinedup.hub.platform.HubConfig;
import org.joinedup.hub.security.Caller;

/**
 * Sign-in through the organisation's identity provider: quarkus-oidc runs the OpenID Connect authorization-code
 * flow on {@code /app/oidc/...} (and nowhere else); once it has verified the ID token, this starts the hub's own
 * web session from the token's roles ({@code groups}) and organisation ({@code agency}), the same claims the API's
 * bearer tokens carry, and drops quarkus-oidc's session so that the hub's session (idle time-out, sign-out, audit)
 * is the only one. An account with no role the hub knows, or no organisation, is refused and audited.
 */
@Path(OrganisationSignIn.PATHS)
@Produces(MediaType.TEXT_HTML)
public class OrganisationSignIn {

    public static final String PATHS = "/app/oidc";

    private static final Logger LOG = Logger.getLogger(OrganisationSignIn.class);

    /** The lengths {@code web_session} keeps (V23). */
    private static final int MAX_NAME = 200;
    private static final int MAX_ORGANISATION = 20;

    @Inject
    HubConfig config;

    @Inject
    SecurityIdentity identity;

    @Inject
    OidcSession oidcSession;

    @Inject
    WebSignIns signIns;

    @Inject
    ErrorPages errors;

    @Inject
    Access access;

    @GET
    @Path("/sign-in")
    public Response signIn(@CookieParam(WebSessions.COOKIE) String oldSession) {
        if (!config.web().organisationSignIn()) {
            return errors.notFound();
        }
        JsonWebToken idToken = (JsonWebToken) identity.getPrincipal();
        String user = idToken.getName();
        Set<String> roles = new TreeSet<>(identity.getRoles());
        roles.retainAll(Caller.ROLES);
        String organisation = idToken.getClaim(Caller.AGENCY_CLAIM);
        String displayName = idToken.getClaim("name");
        oidcSession.logout().await().indefinitely(); // the hub's own session takes over from here
        String why = roles.isEmpty() ? "no JoinedUp role"
                : organisation == null || organisation.isBlank() || organisation.length() > MAX_ORGANISATION
                        ? "no organisation" : user.length() > MAX_NAME ? "user name too long" : null;
        if (why != null) {
            String missing = switch (why) {
                case "no JoinedUp role" -> "what your role in JoinedUp is";
                case "no organisation" -> "which organisation you work for";
                default -> "a user name JoinedUp can keep (at most " + MAX_NAME + " characters)";
            };
            access.session(clip(user, MAX_NAME), organisation == null ? "" : clip(organisation, MAX_ORGANISATION),
                    identity.getRoles(), "sign-in refused (" + why + ")");
            LOG.warnf("web sign-in refused (%s): %s has roles %s and organisation %s", why, user,
                    identity.getRoles(), organisation);
            return Response.fromResponse(errors.page(403, "Your account cannot use JoinedUp yet",
                    "Your organisation's account has signed you in, but it does not say " + missing
                            + ". Ask your organisation's administrator to set it up, then sign in again."))
                    .cookie(signIns.end(oldSession, "sign-out (sign-in refused)")).build();
        }
        return signIns.begin(oldSession, user, displayName == null || displayName.isBlank() ? user
                : clip(displayName, MAX_NAME), roles, organisation, WebSignIns.Method.ORGANISATION);
    }

    private static String clip(String text, int length) {
        return text.length() <= length ? text : text.substring(0, length);
    }
}
