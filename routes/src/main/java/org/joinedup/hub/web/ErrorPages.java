package org.joinedup.hub.web;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Response;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.ForbiddenException;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * The pages' answers when something cannot be shown or done, in the GOV.UK pattern: a plain heading and what to do
 * next, never a stack trace. A page of a person the caller may not know says "Page not found", exactly as for a page
 * that does not exist.
 */
@ApplicationScoped
public class ErrorPages {

    /** For someone whose roles open no page. */
    public static final String NOTHING_HERE = "/app/nothing-here";

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance page(Chrome chrome, String heading, String message);
    }

    @Inject
    Pages pages;

    public boolean isPage(ContainerRequestContext request) {
        return PageFilters.isPage(request);
    }

    public Response notFound() {
        return page(404, "Page not found", "If you typed the web address, check it is correct. If you followed a"
                + " link, the record may not exist, or it is not shared with your organisation.");
    }

    public Response page(int status, String heading, String message) {
        return Pages.html(status, Templates.page(pages.chrome(heading, null), heading, message));
    }

    /** A role the page does not allow: a page saying so (the API keeps its empty {@code 403}). */
    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e, ContainerRequestContext request) {
        return isPage(request) ? page(403, "You cannot see this page", "Your role does not open this page. Use the"
                + " links at the top of the page, or ask your organisation's administrator.")
                : Response.status(403).build();
    }

    /** A page address that does not exist. */
    @ServerExceptionMapper
    public Response missing(jakarta.ws.rs.NotFoundException e, ContainerRequestContext request) {
        return isPage(request) ? notFound() : Response.status(404).build();
    }
}
