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

    @GET
    @Path("/{code}/statement")
    @RolesAllowed({ Caller.TRUST, Caller.COUNCIL, Caller.FUNDER, Caller.OPERATOR })
    public Response statement(@PathParam("code") String code, @QueryParam("from") LocalDate from,
            @QueryParam("to") LocalDate to) {
        if (from == null || to == null || to.isBefore(from)) {
            return ApiProblems.error(400, "give from and to (dates, to not before from)");
        }
        if (!caller.hasRole(Caller.OPERATOR) && !code.equalsIgnoreCase(caller.agency())) {
            return ApiProblems.error(403, "a funding body reads what its own money did; you are " + caller.agency());
        }
        return Response.ok(statements.of(code.toUpperCase(java.util.Locale.UK), from, to)).build();
    }
}
