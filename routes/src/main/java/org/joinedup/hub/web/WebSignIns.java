package org.joinedup.hub.web;

import java.net.URI;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.NewCookie;
import jakarta.ws.rs.core.Response;

import org.jboss.logging.Logger;
import org.joinedup.hub.access.Access;
import org.joinedup.hub.platform.HubConfig;

/**
 * Starting and ending a signed-in browser, however the person proved who they are (a demo user, or the
 * organisation's identity provider): any session the browser had ends, a new one starts (so a session id planted
 * before sign-in is worthless), both are audited, and the browser goes to the first page the roles open.
 */
@ApplicationScoped
public class WebSignIns {

    private static final Logger LOG = Logger.getLogger(WebSignIns.class);

    /** How the person proved who they are: kept with the session ({@code code}) and said in the audit. */
    public enum Method {
        DEMO("demo", "demo user"),
        ORGANISATION("oidc", "organisation's identity provider");

        final String code;
        final String words;

        Method(String code, String words) {
            this.code = code;
            this.words = words;
        }
    }

    @Inject
    WebSessions sessions;

    @Inject
    Access access;

    @Inject
    HubConfig config;

    /** A person signed in as {@code userName}: the 303 to their first page, carrying the new session's cookie. */
    public Response begin(String oldCookie, String userName, String displayName, Set<String> roles,
            String organisation, Method how, NewCookie... alsoSet) {
        end(oldCookie, "sign-out (signed in again)");
        WebSessions.Started started = sessions.start(userName, displayName, roles, organisation, how.code);
        access.session(userName, organisation, roles, "sign-in (" + how.words + ")");
        LOG.infof("web sign-in: %s (%s, %s), %s", userName, organisation, roles, how.words);
        return Response.seeOther(URI.create(Pages.home(roles)))
                .cookie(sessionCookie(started.cookieValue(), -1)).cookie(alsoSet).build();
    }

    /** Signs the browser out: its session ends (audited as {@code why}) and the cookie is cleared. */
    public NewCookie end(String cookie, String why) {
        sessions.end(cookie).ifPresent(who -> access.session(who.userName(), who.organisation(), who.roles(), why));
        return sessionCookie("", 0);
    }

    private NewCookie sessionCookie(String value, int maxAge) {
        return new NewCookie.Builder(WebSessions.COOKIE).value(value).path(WebSessionMechanism.PAGES).maxAge(maxAge)
                .httpOnly(true).secure(config.web().secureCookies()).sameSite(NewCookie.SameSite.LAX).build();
    }
}
