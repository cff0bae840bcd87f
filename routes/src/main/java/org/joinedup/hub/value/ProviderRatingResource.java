package org.joinedup.hub.value;

import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.joinedup.hub.access.Access;
import org.joinedup.hub.platform.ApiProblems;
import org.joinedup.hub.security.Caller;
import org.joinedup.model.InvalidMessageException;
import org.joinedup.model.ledger.LedgerRefusal;
import org.joinedup.model.value.ProviderRating;

/**
 * {@code PUT /api/people/{id}/provider-rating}: a budget holder's rating of a provider on their current plan (1 to 5
 * stars with their words), recorded by their coordinator through the access decision: {@code 201} made, {@code 200}
 * changed by its author, {@code 409} for anyone else, {@code 422} naming each field.
 */
@Path("/api/people/{id}/provider-rating")
@Produces(MediaType.APPLICATION_JSON)
public class ProviderRatingResource {

    /** A rating as the coordinator sends it for the person. */
    public record RatingRequest(String provider, Integer stars, String words) {
    }

    @Inject
    ProviderDirectory directory;

    @Inject
    Access access;

    @Inject
    Caller caller;

    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Caller.COORDINATOR)
    public Response rate(@PathParam("id") UUID personId, RatingRequest request) {
        access.write(personId, "Person/" + personId + "/provider-rating");
        try {
            ProviderRating rating = ProviderRating.check(request == null ? null : request.provider(),
                    request == null ? null : request.stars(), request == null ? null : request.words());
            ProviderDirectory.Rated rated = directory.rate(personId, rating, caller.name());
            return Response.status(rated.changed() ? 200 : 201).entity(rated).build();
        } catch (InvalidMessageException invalid) {
            return ApiProblems.problems(422, "REFUSED", invalid);
        } catch (LedgerRefusal refused) {
            return ApiProblems.error(409, refused.getMessage());
        }
    }

}
