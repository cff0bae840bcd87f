package org.joinedup.hub.access;

import jakarta.inject.Inject;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;
import org.joinedup.hub.platform.ApiProblems;
import org.joinedup.model.InvalidMessageException;

/** The JSON API's answers to refusals, in one place: not visible 404, refused 403, invalid 422 with field paths. */
public class AccessExceptionMappers {

    @Inject
    org.joinedup.hub.web.ErrorPages pages;

    @ServerExceptionMapper
    public Response notVisible(NotVisibleException e, jakarta.ws.rs.container.ContainerRequestContext request) {
        return pages.isPage(request) ? pages.notFound() : ApiProblems.error(404, e.getMessage());
    }

    @ServerExceptionMapper
    public Response refused(AccessRefusedException e, jakarta.ws.rs.container.ContainerRequestContext request) {
        return pages.isPage(request) ? pages.page(403, "You cannot do this", e.getMessage())
                : ApiProblems.error(403, e.getMessage());
    }

    @ServerExceptionMapper
    public Response badPurpose(PurposeException e) {
        return ApiProblems.error(400, e.getMessage());
    }

    @ServerExceptionMapper
    public Response invalid(InvalidMessageException e) {
        return ApiProblems.problems(422, "REJECTED", e);
    }
}
