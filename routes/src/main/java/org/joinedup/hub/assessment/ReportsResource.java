package org.joinedup.hub.assessment;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.joinedup.hub.access.Access;
import org.joinedup.hub.access.AccessRefusedException;
import org.joinedup.hub.security.Caller;

/** {@code GET /api/reports/equity?council=E08000004}: budgets against assessed need, see {@link EquityReport}. */
@Path("/api/reports")
@Produces(MediaType.APPLICATION_JSON)
public class ReportsResource {

    @Inject
    EquityReport equity;

    @Inject
    org.joinedup.hub.value.EquityOfGroups groups;

    @Inject
    Caller caller;

    @Inject
    Access access;

    @GET
    @Path("/equity")
    @RolesAllowed({ Caller.COUNCIL, Caller.COORDINATOR, Caller.OPERATOR })
    public EquityReport.Report equity(@QueryParam("council") String council) {
        String code = ownCouncil(council, "/api/reports/equity?council=E08000004");
        // an aggregate report for planning: people with the national data opt-out are left out and no one is
        // named, whatever purpose the request claims
        access.report("EquityReport?council=" + code);
        return equity.of(code);
    }

    /**
     * {@code GET /api/reports/equity/groups?council=E08000004}: the council's people supported before and after
     * personal budgets, by ethnicity, age band and disability, against its population table
     * ({@link org.joinedup.hub.value.EquityOfGroups}); the same access as the equity report.
     */
    @GET
    @Path("/equity/groups")
    @RolesAllowed({ Caller.COUNCIL, Caller.COORDINATOR, Caller.OPERATOR })
    public org.joinedup.model.value.EquityByGroup.Report groups(@QueryParam("council") String council) {
        String code = ownCouncil(council, "/api/reports/equity/groups?council=E08000004");
        access.report("EquityByGroup?council=" + code);
        return groups.of(code);
    }

    /** The council asked for, which must be the caller's own unless they are an operator. */
    private String ownCouncil(String council, String example) {
        if (council == null || council.isBlank()) {
            throw new BadRequestException("give council, for example " + example);
        }
        // a council (its officers and coordinators) reads its own reports; the hub's operators any
        if (!caller.hasRole(Caller.OPERATOR) && !council.trim().equalsIgnoreCase(caller.agency())) {
            throw new AccessRefusedException("a council reads its own equity report; you are " + caller.agency());
        }
        String code = council.trim().toUpperCase(java.util.Locale.UK);
        if (!code.matches("[A-Z]\\d{8}")) {
            throw new BadRequestException("council: '" + council + "' is not a GSS code (for example E08000004)");
        }
        return code;
    }
}
