package org.joinedup.hub.access;

import java.util.Map;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/**
 * A test-only endpoint written the way a hurried developer might: it answers without asking the access decision.
 * The hub must withhold its answer ({@link AccessEnforcementTest}).
 */
@Path("/test-only/bypass")
@Produces(MediaType.APPLICATION_JSON)
public class BypassingResource {

    @GET
    @RolesAllowed("coordinator")
    public Map<String, String> leak() {
        return Map.of("rentArrears", "62500");
    }
}
