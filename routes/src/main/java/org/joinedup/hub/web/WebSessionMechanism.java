package org.joinedup.hub.web;

import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.IdentityProviderManager;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.AuthenticationRequest;
import io.quarkus.vertx.http.runtime.security.ChallengeData;
import io.quarkus.vertx.http.runtime.security.HttpAuthenticationMechanism;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.Cookie;
import io.vertx.ext.web.RoutingContext;
import org.joinedup.hub.platform.HubConfig;

/**
 * Signs in the web app's requests ({@code /app/...}) from the session cookie, and only from it: the JSON API and FHIR
 * never accept the cookie (they take bearer tokens, so a page cannot be used to forge an API call), and pages never
 * accept a bearer token. A page asked for without a session is redirected to the sign-in page.
 */
@ApplicationScoped
public class WebSessionMechanism implements HttpAuthenticationMechanism {

    public static final String PAGES = "/app";

    @Inject
    WebSessionIdentityProvider provider;

    @Inject
    HubConfig config;

    @Override
    public Uni<SecurityIdentity> authenticate(RoutingContext context, IdentityProviderManager identities) {
        if (!isPage(context) || signingIn(context)) {
            return Uni.createFrom().nullItem(); // signing in needs no one signed in (an old cookie is ended there)
        }
        Cookie cookie = context.request().getCookie(WebSessions.COOKIE);
        if (cookie == null) {
            // pages take a signed-in session only, never a bearer token: off to the sign-in page
            return Uni.createFrom().failure(new AuthenticationFailedException("not signed in"));
        }
        return identities.authenticate(new WebSessionRequest(cookie.getValue()));
    }

    @Override
    public Uni<ChallengeData> getChallenge(RoutingContext context) {
        return challenges(context) ? Uni.createFrom().item(new ChallengeData(303, "Location", SignInPage.PATH))
                : Uni.createFrom().nullItem();
    }

    @Override
    public Uni<Boolean> sendChallenge(RoutingContext context) {
        if (!challenges(context)) {
            return Uni.createFrom().item(false);
        }
        context.response().setStatusCode(303).putHeader("Location", SignInPage.PATH + "?signedOut=true")
                .putHeader("Cache-Control", "no-store").end();
        return Uni.createFrom().item(true);
    }

    @Override
    public Set<Class<? extends AuthenticationRequest>> getCredentialTypes() {
        return Set.of(WebSessionRequest.class);
    }

    @Override
    public int getPriority() {
        return 2000;
    }

    /** Pages send the browser to the sign-in page, except the identity provider's sign-in (it has its own). */
    private boolean challenges(RoutingContext context) {
        return isPage(context) && !(config.web().organisationSignIn()
                && context.normalizedPath().startsWith(OrganisationSignIn.PATHS));
    }

    /** The demo sign-in page, or the organisation's identity provider's sign-in (quarkus-oidc's code flow). */
    private static boolean signingIn(RoutingContext context) {
        String path = context.normalizedPath().split(";")[0];
        return path.equals(SignInPage.PATH) || path.startsWith(OrganisationSignIn.PATHS);
    }

    private static boolean isPage(RoutingContext context) {
        String path = context.normalizedPath();
        // ";" too: JAX-RS matches /app;x/caseload as /app/caseload
        return path.equals(PAGES) || path.startsWith(PAGES + "/") || path.startsWith(PAGES + ";");
    }
}
