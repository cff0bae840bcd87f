package org.joinedup.hub.platform;

import jakarta.inject.Inject;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;
import org.joinedup.hub.access.AccessRefusedException;
import org.joinedup.hub.access.NotVisibleException;
import org.joinedup.hub.access.PurposeException;
import org.joinedup.model.InvalidMessageException;
import org.joinedup.model.ledger.LedgerRefusal;

/**
 * The JSON API's answers to refusals, in one place (pages get a page): not visible 404, refused 403, a purpose that
 * is not one 400, invalid 422 with field paths, money the ledger will not move 409, a dead letter that cannot be sent
 * back 409.
 */
public class ApiExceptionMappers {

    @Inject
    org.joinedup.hub.web.ErrorPages pages;

    @ServerExceptionMapper
    public Response notVisible(NotVisibleException e, jakarta.ws.rs.container.ContainerRequestContext request) {
        return pages.isPage(request) ? pages.notFound() : ApiProblems.error(404, e.getMessage());
    }

    @ServerExceptionMapper
    public Response refused(AccessRefusedException e, jakarta.ws.rs.container.ContainerRequestContext request) {
        return refusal(request, 403, "You cannot do this", e);
    }

    @ServerExceptionMapper
    public Response badPurpose(PurposeException e) {
        return ApiProblems.error(400, e.getMessage());
    }

    /**
     * The ledger refused a movement (not enough money, a rule of the funding stream): nothing moved. (Resources the
     * pages call as Java answer such refusals themselves, for the page to show them on its form; this is the answer
     * wherever one is not caught.)
     */
    @ServerExceptionMapper
    public Response ledgerRefused(LedgerRefusal e, jakarta.ws.rs.container.ContainerRequestContext request) {
        return refusal(request, 409, "This cannot be done", e);
    }

    /** A page with this title for a browser, the JSON error otherwise; the reason in both. */
    private Response refusal(jakarta.ws.rs.container.ContainerRequestContext request, int status, String title,
            RuntimeException e) {
        return pages.isPage(request) ? pages.page(status, title, e.getMessage()) : ApiProblems.error(status,
                e.getMessage());
    }

    /** A dead letter that cannot be sent back to its queue, and why. */
    @ServerExceptionMapper
    public Response notRedrivable(org.joinedup.hub.inbound.DeadLetters.NotRedrivable e) {
        return ApiProblems.error(409, e.getMessage());
    }

    @ServerExceptionMapper
    public Response invalid(InvalidMessageException e) {
        return ApiProblems.problems(422, "REJECTED", e);
    }
}
