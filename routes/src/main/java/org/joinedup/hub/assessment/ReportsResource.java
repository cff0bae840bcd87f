package org.joinedup.hub.assessment;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.joinedup.hub.security.Caller;

/** {@code GET /api/reports/equity?council=E08000004}: budgets against assessed need, see {@link EquityReport}. */
@Path("/api/reports")
@Produces(MediaType.APPLICATION_JSON)
public class ReportsResource {

    @Inject
    EquityReport equity;

    @Inject
    Caller caller;

    @Inject
    org.joinedup.hub.access.Access access;

    @GET
    @Path("/equity")
    @RolesAllowed({ Caller.COUNCIL, Caller.COORDINATOR, Caller.OPERATOR })
    public EquityReport.Report equity(@QueryParam("council") String council) {
        if (council == null || council.isBlank()) {
            throw new BadRequestException("give council, for example /api/reports/equity?council=E08000004");
        }
        if (caller.hasRole(Caller.COUNCIL) && !caller.hasRole(Caller.OPERATOR)
                && !council.equalsIgnoreCase(caller.agency())) {
            throw new jakarta.ws.rs.ForbiddenException("a council reads its own equity report");
        }
        org.joinedup.model.access.Purpose purpose = access.report("EquityReport?council=" + council);
        return equity.of(council.trim().toUpperCase(java.util.Locale.UK), purpose.honoursNationalOptOut(),
                purpose == org.joinedup.model.access.Purpose.DIRECT_SUPPORT);
    }
}
