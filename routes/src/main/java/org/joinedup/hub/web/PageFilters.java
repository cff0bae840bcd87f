package org.joinedup.hub.web;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.core.MediaType;

import io.quarkus.security.identity.SecurityIdentity;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;
import org.jboss.resteasy.reactive.server.WithFormRead;
import org.jboss.resteasy.reactive.server.core.ResteasyReactiveRequestContext;
import org.jboss.resteasy.reactive.server.spi.ResteasyReactiveContainerRequestContext;

/**
 * What every page request passes: a form post must carry its session's CSRF token (the sign-in form carries the
 * token of its own pre-sign-in cookie), and no page is kept by the browser, a proxy or the back button's cache,
 * framed by another site or allowed to run scripts from elsewhere.
 */
public class PageFilters {

    public static final String CSRF_FIELD = "csrf";

    @Inject
    SecurityIdentity identity;

    @Inject
    ErrorPages errors;

    @ServerRequestFilter
    @WithFormRead
    public void csrf(ResteasyReactiveContainerRequestContext request) {
        if (!isPage(request) || !"POST".equals(request.getMethod())) {
            return;
        }
        Object sent = ((ResteasyReactiveRequestContext) request.getServerRequestContext())
                .getFormParameter(CSRF_FIELD, true, false);
        String expected;
        if (request.getUriInfo().getPath().equals(SignInPage.PATH)) {
            jakarta.ws.rs.core.Cookie preSignIn = request.getCookies().get(SignInPage.FORM_COOKIE);
            expected = preSignIn == null ? null : preSignIn.getValue();
        } else {
            WebSessions.SignedIn who = identity.getAttribute(WebSessionIdentityProvider.SESSION);
            expected = who == null ? null : who.csrfToken();
        }
        if (expected == null || !(sent instanceof String token) || !MessageDigest.isEqual(
                token.getBytes(StandardCharsets.UTF_8), expected.getBytes(StandardCharsets.UTF_8))) {
            request.abortWith(errors.page(403, "This form has expired",
                    "The form was sent without the code that shows it came from this service, or after you signed"
                            + " out. Nothing was changed. Go back, reload the page and try again."));
        }
    }

    @ServerResponseFilter
    public void headers(ContainerRequestContext request, ContainerResponseContext response) {
        if (!isPage(request)) {
            return;
        }
        response.getHeaders().putSingle("Cache-Control", "no-store");
        response.getHeaders().putSingle("Pragma", "no-cache");
        response.getHeaders().putSingle("X-Frame-Options", "DENY");
        response.getHeaders().putSingle("X-Content-Type-Options", "nosniff");
        response.getHeaders().putSingle("Referrer-Policy", "no-referrer");
        response.getHeaders().putSingle("Content-Security-Policy", "default-src 'self'; script-src 'self';"
                + " style-src 'self'; img-src 'self' data:; font-src 'self'; form-action 'self';"
                + " frame-ancestors 'none'; base-uri 'none'");
        if (response.getMediaType() == null && response.hasEntity()) {
            response.getHeaders().putSingle("Content-Type", MediaType.TEXT_HTML + ";charset=UTF-8");
        }
    }

    static boolean isPage(ContainerRequestContext request) {
        String path = request.getUriInfo().getPath();
        return path.equals(WebSessionMechanism.PAGES) || path.startsWith(WebSessionMechanism.PAGES + "/");
    }
}
