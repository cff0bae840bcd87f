package org.joinedup.hub.budget;

import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.joinedup.hub.access.Access;
import org.joinedup.hub.platform.ApiProblems;
import org.joinedup.hub.security.Caller;

/**
 * {@code POST /api/budget/year-end} (operator): {@code {"financialYear": 2026}} closes April 2026 to March 2027 for
 * every pooled budget (or one, with {@code personId}); see {@link YearEnd}.
 */
@Path("/api/budget/year-end")
@Produces(MediaType.APPLICATION_JSON)
public class YearEndResource {

    @Inject
    YearEnd yearEnd;

    @Inject
    Caller caller;

    @Inject
    Access access;

    public record Request(Integer financialYear, UUID personId) {
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Caller.OPERATOR)
    public Response close(Request request) {
        access.operation(Access.Action.WRITE, "YearEnd");
        if (request == null || request.financialYear() == null || request.financialYear() < 2000) {
            return ApiProblems.error(400, "give financialYear, the year the financial year starts in (2026 = April"
                    + " 2026 to March 2027), and optionally personId");
        }
        return Response.ok(yearEnd.close(request.financialYear(), request.personId(), caller.name())).build();
    }
}
