package org.joinedup.hub.web;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;
import org.joinedup.hub.security.Caller;

/**
 * Who a session cookie belongs to: the same name, roles and organisation the identity provider gave at sign-in, so
 * the access decision treats a page exactly as it treats a bearer token for the same person.
 */
@ApplicationScoped
public class WebSessionIdentityProvider implements IdentityProvider<WebSessionRequest> {

    /** The identity attribute holding the signed-in session (CSRF token, display name). */
    public static final String SESSION = "joinedup.web-session";

    @Inject
    WebSessions sessions;

    @Override
    public Class<WebSessionRequest> getRequestType() {
        return WebSessionRequest.class;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(WebSessionRequest request, AuthenticationRequestContext context) {
        return context.runBlocking(() -> sessions.use(request.cookieValue()).map(who -> {
            QuarkusSecurityIdentity.Builder identity = QuarkusSecurityIdentity.builder()
                    .setPrincipal(new QuarkusPrincipal(who.userName()))
                    .addRoles(who.roles())
                    .addAttribute(SESSION, who);
            if (who.organisation() != null) {
                identity.addAttribute(Caller.AGENCY_CLAIM, who.organisation());
            }
            return (SecurityIdentity) identity.build();
        }).orElseThrow(() -> new AuthenticationFailedException("signed out or timed out")));
    }
}
