package org.joinedup.hub.platform;

import java.util.Map;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.joinedup.model.InvalidMessageException;

/**
 * The JSON API's error answers, one shape everywhere: {@code {"error": "..."}} for a request that cannot be done, and
 * {@code {"status": "REFUSED"|"REJECTED", "problems": [{"path": ..., "reason": ...}]}} for a body with problems.
 */
public final class ApiProblems {

    private ApiProblems() {
    }

    public static Response error(int status, String message) {
        return Response.status(status).type(MediaType.APPLICATION_JSON).entity(Map.of("error", message)).build();
    }

    public static Response problems(int status, String outcome, InvalidMessageException invalid) {
        return Response.status(status).type(MediaType.APPLICATION_JSON).entity(Map.of("status", outcome, "problems",
                invalid.issues().stream().map(i -> Map.of("path", i.expression(), "reason", i.reason())).toList()))
                .build();
    }
}
