package org.joinedup.hub.value;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.joinedup.connectors.value.CqcRatingsCsvReader;
import org.joinedup.hub.access.Access;
import org.joinedup.hub.platform.ApiProblems;
import org.joinedup.hub.security.Caller;

/**
 * The provider directory ({@link ProviderDirectory}): {@code GET /api/providers} for anyone who plans or pays for
 * support; {@code POST /api/providers/cqc-ratings} a council's import of the CQC's ratings (CSV). Ratings are
 * recorded with the person ({@link ProviderRatingResource}).
 */
@Path("/api/providers")
@Produces(MediaType.APPLICATION_JSON)
public class ProvidersResource {

    @Inject
    ProviderDirectory directory;

    @Inject
    Access access;

    @Inject
    Caller caller;

    @GET
    @RolesAllowed({ Caller.COORDINATOR, Caller.COUNCIL, Caller.TRUST, Caller.FUNDER, Caller.OPERATOR })
    public List<ProviderDirectory.Provider> providers() {
        // aggregate: what people bought and said, never who; people with the national data opt-out left out
        access.report("ProviderDirectory");
        return directory.all();
    }

    @POST
    @Path("/cqc-ratings")
    @Consumes("text/csv")
    @RolesAllowed({ Caller.COUNCIL, Caller.OPERATOR })
    public Response importCqc(String csv) {
        access.operation(Access.Action.WRITE, "ProviderDirectory/cqc-ratings");
        CqcRatingsCsvReader.Result read;
        try {
            read = CqcRatingsCsvReader.read(csv);
        } catch (CqcRatingsCsvReader.UnreadableFile unreadable) {
            return ApiProblems.error(400, unreadable.getMessage());
        }
        int kept = directory.importCqc(read.rows(), caller.name());
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("rows", read.rows().size());
        answer.put("kept", kept);
        answer.put("problems", read.problems());
        return Response.status(201).entity(answer).build();
    }
}
