package org.joinedup.hub.assessment;

import java.util.Map;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.joinedup.hub.access.Access;
import org.joinedup.hub.security.Caller;
import org.joinedup.model.assessment.ResourceAllocation;

/**
 * {@code GET /api/ras}: the RAS rules in use; {@code POST /api/ras/reload} (operator): read the rule files again and
 * recompute every current indicative budget that came from other rules (earlier results are kept).
 */
@Path("/api/ras")
@Produces(MediaType.APPLICATION_JSON)
public class RasResource {

    @Inject
    RasRulesInUse ras;

    @Inject
    IndicativeBudgets budgets;

    @Inject
    Access access;

    @GET
    @RolesAllowed({ Caller.COORDINATOR, Caller.COUNCIL, Caller.TRUST, Caller.OPERATOR })
    public Map<String, Object> rules() {
        access.operation(Access.Action.READ, "RasRules");
        ResourceAllocation rules = ras.rules();
        return Map.of("version", rules.version(), "rules", rules.rules());
    }

    @POST
    @Path("/reload")
    @RolesAllowed(Caller.OPERATOR)
    public Response reload() {
        access.operation(Access.Action.WRITE, "RasRules/reload");
        try {
            ResourceAllocation rules = ras.reload();
            int recomputed = budgets.recomputeStale();
            return Response.ok(Map.of("version", rules.version(), "recomputed", recomputed)).build();
        } catch (IllegalArgumentException | java.io.UncheckedIOException mistake) {
            return AssessmentsResource.problem(422, "the rules in use are unchanged: " + mistake.getMessage());
        }
    }
}
