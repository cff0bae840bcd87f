package org.joinedup.hub.budget;

import java.time.LocalDate;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.joinedup.hub.access.Access;
import org.joinedup.hub.access.NotVisibleException;
import org.joinedup.hub.platform.ApiProblems;
import org.joinedup.hub.security.Caller;

/**
 * {@code GET /api/funders/{code}/statement?from=&to=}: what a funding body's money did (see {@link FunderStatement});
 * a trust or council reads its own only, an operator any.
 */
@Path("/api/funders")
@Produces(MediaType.APPLICATION_JSON)
public class FunderStatementResource {

    @Inject
    FunderStatement statements;

    @Inject
    Caller caller;

    @Inject
    ContributionBook contributions;

    @Inject
    Access access;

    public record ClawbackRequest(String reference, long amountPence, String reason) {
    }

    /**
     * {@code POST /api/funders/{code}/contributions/{id}/clawbacks}: the funding body takes back money of its own
     * contribution that is not committed or paid (409 when more than is available; the reference makes it once).
     */
    @jakarta.ws.rs.POST
    @Path("/{code}/contributions/{id}/clawbacks")
    @jakarta.ws.rs.Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({ Caller.TRUST, Caller.COUNCIL, Caller.FUNDER })
    public Response clawBack(@PathParam("code") String code, @PathParam("id") java.util.UUID id,
            ClawbackRequest request) {
        access.through(personOf(id), Access.Action.WRITE, "Contribution/" + id + "/clawbacks",
                "no contribution " + id);
        if (!code.equalsIgnoreCase(caller.agency())) {
            return ApiProblems.error(403, "a funding body claws back its own money only; you are " + caller.agency());
        }
        if (request == null) {
            return ApiProblems.error(400, "give reference, amountPence and reason");
        }
        try {
            Contribution c = contributions.clawBack(id, code, request.amountPence(), request.reference(),
                    request.reason(), caller.name());
            return Response.ok(java.util.Map.of("contributionId", c.id.toString(), "amountPence", c.amountPence,
                    "version", c.version)).build();
        } catch (org.joinedup.model.ledger.LedgerRefusal refused) {
            return ApiProblems.error(409, refused.getMessage());
        } catch (org.joinedup.model.InvalidMessageException invalid) {
            return ApiProblems.error(422, invalid.getMessage());
        }
    }

    @GET
    @Path("/{code}/statement")
    @RolesAllowed({ Caller.TRUST, Caller.COUNCIL, Caller.FUNDER, Caller.OPERATOR })
    public Response statement(@PathParam("code") String code, @QueryParam("from") LocalDate from,
            @QueryParam("to") LocalDate to) {
        access.operation(Access.Action.READ, "FunderStatement/" + code);
        if (from == null || to == null || to.isBefore(from)) {
            return ApiProblems.error(400, "give from and to (dates, to not before from)");
        }
        if (!caller.hasRole(Caller.OPERATOR) && !code.equalsIgnoreCase(caller.agency())) {
            return ApiProblems.error(403, "a funding body reads what its own money did; you are " + caller.agency());
        }
        return Response.ok(statements.of(code.toUpperCase(java.util.Locale.UK), from, to)).build();
    }

    @jakarta.transaction.Transactional
    java.util.UUID personOf(java.util.UUID contributionId) {
        Contribution c = Contribution.findById(contributionId);
        if (c == null) {
            throw new NotVisibleException("no contribution " + contributionId);
        }
        return c.person.id;
    }
}
